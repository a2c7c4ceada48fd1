"""Encrypted backups and restores of the database.

    flask --app forms_service backup-key FILE    # make a key pair: FILE gets the secret half
    flask --app forms_service backup PATH        # consistent snapshot, encrypted to BACKUP_KEY
    flask --app forms_service restore PATH --identity FILE [--force]

The snapshot is SQLite's online backup API (a consistent copy while the service runs) or
`pg_dump --format=custom` (one transaction) for PostgreSQL. The whole file is encrypted with age
(pyrage), streamed, so a large database never sits decrypted in memory or, for PostgreSQL, on
disk. Stored case text is already encrypted with the data keys; the backup encryption also hides
everything else (references, dates, categories, account names, the audit trail).

The backup key is an age key pair. The server holds only the public half (`BACKUP_KEY`,
`age1…`), which can write backups but not read them; the secret half (`AGE-SECRET-KEY-…`) lives
offline with whoever does restores. A stolen backup, even together with the server, stays
unreadable. The same file can be decrypted without this code by the `age` tool (README, Drift).

A restore goes into an empty database (one with no rows: a freshly migrated schema is allowed
and replaced) unless --force is given, then brings the schema up to date with the migrations.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import pyrage
from flask import Flask, current_app
from flask.cli import with_appcontext
from pyrage import x25519
from sqlalchemy import MetaData, func, inspect, select
from sqlalchemy.engine import Engine

from . import db

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(click.ClickException):
    """A backup or restore that cannot be done; the message says why, in Swedish."""


# --- Keys -----------------------------------------------------------------------------------


def recipient(key: str | None) -> x25519.Recipient:
    key = (key or "").strip()
    if not key:
        raise BackupError("BACKUP_KEY saknas: skapa ett nyckelpar med 'flask backup-key'.")
    if key.upper().startswith("AGE-SECRET-KEY-"):
        raise BackupError(
            "BACKUP_KEY är den hemliga nyckeln. Servern ska bara ha den publika (age1…); "
            "förvara den hemliga utanför servern."
        )
    try:
        return x25519.Recipient.from_str(key)
    except pyrage.RecipientError as exc:
        raise BackupError("BACKUP_KEY är ingen giltig publik age-nyckel (age1…).") from exc


def identity(path: str | Path | None) -> x25519.Identity:
    """The secret backup key from a file, or from standard input for "-" (so it never has to
    be copied onto the server)."""
    if not path:
        raise BackupError("Ange den hemliga backupnyckeln med --identity FIL (eller -).")
    try:
        if str(path) == "-":
            lines = sys.stdin.read().splitlines()
        else:
            lines = Path(path).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"Kan inte läsa nyckelfilen {path}.") from exc
    for line in lines:
        if line.strip().upper().startswith("AGE-SECRET-KEY-"):
            try:
                return x25519.Identity.from_str(line.strip())
            except pyrage.IdentityError as exc:
                raise BackupError(f"Nyckelfilen {path} innehåller ingen giltig nyckel.") from exc
    raise BackupError(f"Nyckelfilen {path} innehåller ingen AGE-SECRET-KEY-rad.")


def write_new_identity(path: Path) -> str:
    """Create a key pair; the secret half goes to `path` (mode 0600). Returns the public half."""
    secret = x25519.Identity.generate()
    public = str(secret.to_public())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"# Norrsken backup key. Public key: {public}\n{secret}\n")
    return public


# --- PostgreSQL tools ---------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = (
        shutil.which(name) or (sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [None])[-1]
    )
    if not found:
        raise BackupError(f"{name} saknas: installera Debian-paketet postgresql-client.")
    return found


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries the password."""
    url = engine.url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)
    return url.render_as_string(hide_password=False), env


def _finish(process: subprocess.Popen, errors, what: str) -> None:
    if process.wait() != 0:
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
        raise BackupError(f"{what} misslyckades: {' '.join(detail) or process.returncode}")


# --- Backup -----------------------------------------------------------------------------------


def _encrypt_sqlite(engine: Engine, out, to: x25519.Recipient) -> None:
    database = Path(engine.url.database)
    # The snapshot sits beside the database (same folder, same protection) until encrypted.
    with tempfile.NamedTemporaryFile(dir=database.parent, prefix=".backup-", suffix=".db") as tmp:
        source, target = sqlite3.connect(database), sqlite3.connect(tmp.name)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        with open(tmp.name, "rb") as plain:
            pyrage.encrypt_io(plain, out, [to])


def _encrypt_postgres(engine: Engine, out, to: x25519.Recipient) -> None:
    url, env = _libpq(engine)
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", url]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)  # noqa: S603
        try:
            pyrage.encrypt_io(process.stdout, out, [to])
        finally:
            process.stdout.close()
        _finish(process, errors, "pg_dump")


def backup(engine: Engine, destination: Path, key: str) -> int:
    """Write an encrypted snapshot to `destination` (mode 0600, replaced atomically)."""
    to = recipient(key)
    partial = destination.with_name(destination.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            if engine.dialect.name == "sqlite":
                _encrypt_sqlite(engine, out, to)
            else:
                _encrypt_postgres(engine, out, to)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination.stat().st_size


# --- Restore ----------------------------------------------------------------------------------


def stored_rows(engine: Engine) -> int:
    """Rows in every table but the migration marker: 0 for an empty or freshly migrated one."""
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return sum(
            connection.scalar(select(func.count()).select_from(table)) or 0
            for name, table in tables.tables.items()
            if name != "alembic_version"
        )


def _clear(engine: Engine) -> None:
    tables = MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)


class _Guarded:
    """A writer that stops a stream not starting with `magic` (a backup of another database
    kind); passes everything on to `target`, or discards it when there is none (a check)."""

    def __init__(self, target, magic: bytes, kind: str):
        self.target, self.magic, self.kind = target, magic, kind
        self.head, self.wrong_kind = b"", False

    def write(self, data) -> int:
        if len(self.head) < len(self.magic):
            self.head += bytes(data[: len(self.magic) - len(self.head)])
            if not self.magic.startswith(self.head):
                self.wrong_kind = True
                raise OSError("not a backup of this kind")
        if self.target is not None:
            self.target.write(data)
        return len(data)

    def flush(self) -> None:
        if self.target is not None:
            self.target.flush()


def _decrypt(source: Path, out, key: x25519.Identity) -> None:
    with open(source, "rb") as encrypted:
        try:
            pyrage.decrypt_io(encrypted, out, [key])
        except (pyrage.DecryptError, OSError) as exc:
            if getattr(out, "wrong_kind", False):
                raise BackupError(f"Säkerhetskopian är inte från en {out.kind}-databas.") from exc
            raise BackupError(
                "Säkerhetskopian kunde inte dekrypteras: fel nyckel, eller filen är skadad."
            ) from exc
        if isinstance(out, _Guarded) and len(out.head) < len(out.magic):
            raise BackupError(f"Säkerhetskopian är inte från en {out.kind}-databas.")


def _restore_sqlite(engine: Engine, source: Path, key: x25519.Identity) -> None:
    database = Path(engine.url.database)
    with tempfile.NamedTemporaryFile(dir=database.parent, prefix=".restore-", suffix=".db") as tmp:
        with open(tmp.name, "wb") as plain:
            _decrypt(source, _Guarded(plain, SQLITE_MAGIC, "SQLite"), key)
        engine.dispose()
        snapshot, target = sqlite3.connect(tmp.name), sqlite3.connect(database)
        try:
            snapshot.backup(target)  # replaces the whole target database, in one step
        finally:
            target.close()
            snapshot.close()


def _restore_postgres(engine: Engine, source: Path, key: x25519.Identity) -> None:
    url, env = _libpq(engine)
    command = [
        _pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={url}",
    ]
    engine.dispose()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=errors, env=env)  # noqa: S603
        try:
            _decrypt(source, _Guarded(process.stdin, PG_DUMP_MAGIC, "PostgreSQL"), key)
            process.stdin.close()
        except BaseException:
            process.kill()  # nothing is committed: pg_restore runs in a single transaction
            process.wait()
            raise
        _finish(process, errors, "pg_restore")


def restore(engine: Engine, source: Path, key: x25519.Identity, force: bool = False) -> None:
    """Restore the backup at `source` into the (empty) database, then migrate it to head."""
    if not source.is_file():
        raise BackupError(f"Filen {source} finns inte.")
    rows = stored_rows(engine)
    if rows and not force:
        raise BackupError(
            f"Databasen innehåller redan {rows} rader. Återställ till en tom databas, "
            "eller använd --force för att ersätta allt innehåll."
        )
    if engine.dialect.name == "sqlite":
        _restore_sqlite(engine, source, key)  # decrypted and checked before the target is touched
    else:
        # The whole file must decrypt, with this key and to a pg_dump, before anything is dropped.
        _decrypt(source, _Guarded(None, PG_DUMP_MAGIC, "PostgreSQL"), key)
        if inspect(engine).get_table_names():
            _clear(engine)
        _restore_postgres(engine, source, key)
    db.upgrade(engine, fernet=current_app.extensions["fernet"])  # older backups: 0007 encrypts


# --- Command line -----------------------------------------------------------------------------


@click.command("backup", help="Skriv en krypterad säkerhetskopia av databasen till PATH.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    size = backup(current_app.extensions["engine"], path, current_app.config["BACKUP_KEY"])
    click.echo(f"Säkerhetskopian är skriven: {path} ({size} byte, krypterad).")


@click.command("restore", help="Återställ en säkerhetskopia till en tom databas och migrera den.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--identity",
    "identity_file",
    help="Fil med den hemliga backupnyckeln, eller - för standard in; annars BACKUP_IDENTITY_FILE.",
)
@click.option("--force", is_flag=True, help="Ersätt även en databas som redan har innehåll.")
@with_appcontext
def restore_command(path: Path, identity_file: str | None, force: bool) -> None:
    key = identity(identity_file or current_app.config["BACKUP_IDENTITY_FILE"])
    restore(current_app.extensions["engine"], path, key, force=force)
    click.echo("Säkerhetskopian är återställd och databasen är uppdaterad.")


@click.command(
    "backup-key", help="Skapa ett nyckelpar för säkerhetskopior (FIL, eller - för standard ut)."
)
@click.argument("identity_file", type=click.Path(dir_okay=False, path_type=Path))
def backup_key_command(identity_file: Path) -> None:
    if str(identity_file) == "-":  # straight to the administrator's medium, never to disk here
        secret = x25519.Identity.generate()
        public = str(secret.to_public())
        click.echo(f"# Norrsken backup key. Public key: {public}\n{secret}")
        click.echo(f"Sätt på servern: BACKUP_KEY={public}", err=True)
        return
    if identity_file.exists():
        raise BackupError(f"{identity_file} finns redan; välj ett nytt filnamn.")
    public = write_new_identity(identity_file)
    click.echo(f"Hemlig nyckel: {identity_file} (förvara den utanför servern).")
    click.echo(f"Sätt på servern: BACKUP_KEY={public}")


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(backup_key_command)
