"""Throwaway servers from Debian packages on loopback: PostgreSQL, Redis, gunicorn and nginx.

Used by the production-stack tests, and as a wrapper that runs a command with a fresh PostgreSQL
and Redis (the README's test command runs the database-touching tests this way):

    .venv/bin/python tests/services.py .venv/bin/pytest tests/test_public_forms.py …

sets TEST_DATABASE_URL and TEST_RATELIMIT_STORAGE_URI for the command and stops both afterwards.
Nothing listens anywhere but 127.0.0.1, and every process is stopped when its block ends.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing answered on 127.0.0.1:{port} within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run scripts/install-system-packages.sh")
    return found[-1]


def _as_postgres_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root; as root, run them as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A private PostgreSQL cluster; yields an admin SQLAlchemy URL to its `postgres` database."""
    folder = Path(tempfile.mkdtemp(prefix="norrsken-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    subprocess.run(
        _as_postgres_user(
            [
                _postgres_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "norrsken",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        _as_postgres_user(
            [
                _postgres_bin("postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={folder}",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=200",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        url = f"postgresql+psycopg://norrsken@127.0.0.1:{port}/postgres"
        _wait_for_sql(url)
        yield url
    finally:
        _stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """Create database `name` on the server of `admin_url`; return its URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _wait_for_sql(url: str, seconds: float = 30) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        engine.dispose()


@contextlib.contextmanager
def redis() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("Redis is not installed: run scripts/install-system-packages.sh")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(server)


def production_env(database_url: str, redis_url: str, site: Path) -> dict[str, str]:
    """The settings of a production server behind nginx, with fresh random keys."""
    import secrets

    from cryptography.fernet import Fernet

    return {
        "NORRSKEN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "RATELIMIT_KEY_SECRET": secrets.token_urlsafe(48),
        "NORRSKEN_BASE_URL": "https://localhost",
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": redis_url,
        "NORRSKEN_SITE_DIR": str(site),
        "NORRSKEN_PROXY_COUNT": "1",
        "STATUS_RATE_LIMIT": "5/hour",
    }


def flask_command(env: dict[str, str], *args: str) -> str:
    """Run `flask --app forms_service ARGS` with `env`; return what it printed."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("flask")), "--app", "forms_service", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 2, port: int | None = None, log: Path | None = None
) -> Iterator[int]:
    """gunicorn on loopback; with `log`, everything it writes (its error log, where the app's
    log lines go) is kept in that file."""
    port = port or free_port()
    output = open(log, "w", encoding="utf-8") if log else subprocess.PIPE  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "forms_service:create_app()",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL if log is None else output,
        stderr=output,
    )
    try:
        wait_for_port(port)
        yield port
    finally:
        _stop(server)
        if log:
            output.close()


@contextlib.contextmanager
def nginx(config: Path, prefix: Path, port: int) -> Iterator[int]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed: run scripts/install-system-packages.sh")
    server = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        yield port
    finally:
        _stop(server)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    with postgres() as database, redis() as limits:
        env = {**os.environ, "TEST_DATABASE_URL": database, "TEST_RATELIMIT_STORAGE_URI": limits}
        print(f"PostgreSQL and Redis are up; running: {' '.join(argv)}", flush=True)
        return subprocess.run(argv, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
