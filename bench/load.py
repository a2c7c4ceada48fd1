"""Load, durability and queue benchmark (a script that prints figures; not a test).

Run:  .venv/bin/python bench/load.py [--requests 5000] [--write]

1. Starts the service under gunicorn (2 workers) on a fresh SQLite database and sends
   `--requests` complete request submissions (the final "Skicka förfrågan" POST, with CSRF token,
   guard, encryption and insert) at concurrency 1, 8 and 32: throughput, p50/p95/p99, errors.
2. The same against bench/floor_app.py, a trivial endpoint doing one insert, and the ratio.
3. Durability: during a run at concurrency 8 the whole gunicorn process group is killed with
   SIGKILL and restarted; every submission that got its confirmation must be in the database.
4. The coordinator's queue page with 50 000 requests in the database: p50/p95.
`--write` replaces the figures section of BENCHMARKS.md with this run's output (the guard's own
section above it is written by bench/deidentify_quality.py).

Everything runs on 127.0.0.1; request loops are bounded in count.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from services import free_port, wait_for_port  # noqa: E402

BIN = Path(sys.executable).parent
FORM = {
    "submitter_name": "Kim Handläggare",
    "submitter_organisation": "krokom",
    "submitter_unit": "Vuxenenheten",
    "submitter_phone": "0640-161 00",
    "submitter_email": "handlaggare@krokom.example.se",
    "municipality": "krokom",
    "basis": "avidentifierat",
    "kind": "planerande",
    "purposes": "behov",
    "violence_forms": "psykiskt",
    "contexts": "mans_vald",
    "children": "ja",
    "police_report": "nej",
    "risk_assessment": "ja",
    "participation": "video",
    "case_description": "Kvinna i 40-årsåldern som under flera år utsatts för psykiskt och fysiskt "
    "våld av sin sambo. Två barn i skolåldern bor i hushållet. Hon har berättat om våldet för "
    "sin kontakt inom hälso- och sjukvården och vill ha stöd att lämna.",
    "question": "Hur kan vi samordna skydd och stöd när hon planerar att lämna?",
    "parties_requested": "polisen",
    "declaration": "y",
}


def service_env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SUBMIT_RATE_LIMIT": "1000000/hour",
        "FORM_RATE_LIMIT": "1000000/hour",
        "STATUS_RATE_LIMIT": "1000000/hour",
        "LOGIN_RATE_LIMIT": "1000000/hour",
        "NORRSKEN_SITE_DIR": str(ROOT / "site"),
    }


def start_gunicorn(app: str, env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so SIGKILL reaches every worker
    )
    wait_for_port(port)
    return process


def stop(process: subprocess.Popen, hard: bool = False) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
    process.wait(20)


class Client:
    """One keep-alive connection with its own session cookie and CSRF token."""

    def __init__(self, port: int, with_form: bool = True):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.token = ""
        if with_form:
            _status, page = self.request("GET", "/formular/samrad")
            self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            page = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            raise
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, page

    def submit(self) -> tuple[int, str | None]:
        body = urlencode(
            {**FORM, "csrf_token": self.token, "submission_key": secrets.token_hex(16)}
        )
        status, page = self.request("POST", "/formular/samrad/skicka", body)
        match = re.search(r'class="reference">([^<]+)<', page)
        return status, match.group(1) if match else None


def run_load(port: int, total: int, concurrency: int, action) -> dict:
    """`total` calls of `action(client)` spread over `concurrency` threads."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        try:
            client = action.make_client(port)
        except Exception:
            with lock:
                errors[0] += 1
            return
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            try:
                ok = action(client)
            except Exception:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0

    return {
        "n": len(latencies),
        "rps": len(latencies) / wall,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": errors[0],
    }


class SubmitAction:
    @staticmethod
    def make_client(port):
        return Client(port)

    def __call__(self, client):
        status, reference = client.submit()
        return status == 200 and reference is not None


class FloorAction:
    @staticmethod
    def make_client(port):
        return Client(port, with_form=False)

    def __call__(self, client):
        return client.request("POST", "/insert", "")[0] == 200


def line(label: str, result: dict) -> str:
    return (
        f"| {label} | {result['n']} | {result['rps']:.0f} | {result['p50']:.1f} | "
        f"{result['p95']:.1f} | {result['p99']:.1f} | {result['errors']} |"
    )


def migrate(database: Path) -> None:
    env = service_env(database)
    subprocess.run(
        [str(BIN / "flask"), "--app", "forms_service", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def load_section(requests: int, folder: Path, out: list[str]) -> None:
    out += [
        "## Submissions and the one-insert floor",
        "",
        f"{requests} requests per row; gunicorn with 2 workers; SQLite (WAL) on local disk.",
        "",
        "| run | n | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    database = folder / "load.db"
    migrate(database)
    port = free_port()
    service = start_gunicorn("forms_service:create_app()", service_env(database), port)
    floor_port = free_port()
    floor = start_gunicorn(
        "bench.floor_app:create_app()",
        {**os.environ, "FLOOR_DATABASE_URL": f"sqlite:///{folder / 'floor.db'}"},
        floor_port,
    )
    try:
        for concurrency in (1, 8, 32):
            ours = run_load(port, requests, concurrency, SubmitAction())
            base = run_load(floor_port, requests, concurrency, FloorAction())
            out.append(line(f"submit, concurrency {concurrency}", ours))
            out.append(line(f"floor (one insert), concurrency {concurrency}", base))
            out.append(
                f"| **ratio submit/floor, concurrency {concurrency}** | | "
                f"{ours['rps'] / base['rps']:.2f}× throughput | "
                f"{ours['p50'] / max(base['p50'], 0.001):.1f}× p50 | | | |"
            )
            print("\n".join(out[-3:]), flush=True)
    finally:
        stop(service)
        stop(floor)
    out.append("")


def durability_section(folder: Path, out: list[str], total: int = 1500) -> None:
    database = folder / "durable.db"
    migrate(database)
    port = free_port()
    env = service_env(database)
    service = start_gunicorn("forms_service:create_app()", env, port)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 120

    def worker():
        client = None
        for _ in range(total // 8):
            if time.monotonic() > stop_at:
                return
            try:
                client = client or Client(port)
                status, reference = client.submit()
                if status == 200 and reference:
                    with lock:
                        acknowledged.append(reference)
            except Exception:
                client = None
                time.sleep(0.05)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    while len(acknowledged) < total // 3:
        time.sleep(0.01)
    stop(service, hard=True)
    killed_after = len(acknowledged)
    service = start_gunicorn("forms_service:create_app()", env, port)
    for thread in threads:
        thread.join()
    stop(service)
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        stored = {
            row[0] for row in connection.execute(text("SELECT reference FROM samrad_request"))
        }
    engine.dispose()
    found = sum(reference in stored for reference in acknowledged)
    out += [
        "## Durability (SIGKILL during load)",
        "",
        f"SIGKILL to the whole gunicorn process group after {killed_after} acknowledged "
        f"submissions, then a restart while 8 clients kept sending.",
        "",
        f"- acknowledged (confirmation page received): **{len(acknowledged)}**",
        f"- of those found in the database afterwards: **{found}**",
        f"- lost: **{len(acknowledged) - found}**",
        "",
    ]
    print("\n".join(out[-5:]), flush=True)


def queue_section(folder: Path, out: list[str], rows: int = 50_000) -> None:
    database = folder / "queue.db"
    migrate(database)
    env = service_env(database)
    os.environ.update({k: v for k, v in env.items() if k in ("DATABASE_URL",)})
    from datetime import UTC, datetime, timedelta

    import pyotp

    from forms_service import create_app
    from forms_service.db import get_session
    from forms_service.models import SamradRequest

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{database}"}, instance_path=str(folder / "instance")
    )
    started = time.perf_counter()
    with app.app_context():
        session = get_session()
        now = datetime.now(UTC)
        statuses = ["ny", "under_bedomning", "komplettering", "planerad", "avslutad", "avbojd"]
        for index in range(rows):
            session.add(
                SamradRequest(
                    public_id=secrets.token_hex(16),
                    reference=f"F-BE{index:06d}"[:11],
                    token_nonce="n",
                    submission_key=secrets.token_hex(16),
                    submitter_organisation="krokom",
                    municipality="krokom",
                    basis="avidentifierat",
                    kind="akut" if index % 20 == 0 else "planerande",
                    is_acute=index % 20 == 0,
                    purposes=["behov"],
                    violence_forms=["psykiskt"],
                    contexts=["mans_vald"],
                    children="ja",
                    police_report="nej",
                    risk_assessment="ja",
                    parties_requested=["polisen"],
                    participation="video",
                    declaration_version="v",
                    case_description=FORM["case_description"],
                    question=FORM["question"],
                    status=statuses[index % len(statuses)],
                    created_at=now - timedelta(minutes=index),
                )
            )
            if index % 5000 == 4999:
                session.commit()
        session.commit()
    seeded = time.perf_counter() - started
    result = app.test_cli_runner().invoke(args=["coordinator", "add", "bench"])
    link = re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)

    port = free_port()
    service = start_gunicorn(
        "forms_service:create_app()", {**env, "NORRSKEN_SITE_DIR": str(ROOT / "site")}, port
    )
    try:
        client = Client(port, with_form=False)
        status, page = client.request("GET", link)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
        password = "Norrsken lyser över Storsjön"
        client.request(
            "POST",
            link,
            urlencode(
                {
                    "csrf_token": token,
                    "totp_secret": secret,
                    "new_password": password,
                    "new_password_again": password,
                    "code": pyotp.TOTP(secret).now(),
                }
            ),
        )
        status, page = client.request("GET", "/samordnare/logga-in")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        client.request(
            "POST",
            "/samordnare/logga-in",
            urlencode({"csrf_token": token, "username": "bench", "password": password}),
        )
        status, page = client.request("GET", "/samordnare/kod")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        client.request(
            "POST",
            "/samordnare/kod",
            urlencode({"csrf_token": token, "code": pyotp.TOTP(secret).at(time.time() + 30)}),
        )
        # The queue pages by keyset (services/queue.py): a deep page is reached by following
        # "Nästa sida", so collect the links to pages 2, 10, 100 and 300 once, then time them.
        deep, url = {1: "/samordnare/"}, "/samordnare/"
        for page_number in range(2, 301):
            status, body = client.request("GET", url)
            url = html.unescape(re.search(r'<a href="([^"]+)" rel="next"', body).group(1))
            if page_number in (2, 10, 100, 300):
                deep[page_number] = url
        timings = []
        for page_number in [1] * 100 + [2, 10, 100, 300] * 25:
            started_at = time.perf_counter()
            status, body = client.request("GET", deep[page_number])
            timings.append((time.perf_counter() - started_at) * 1000)
            assert status == 200 and "F-BE" in body, status
    finally:
        stop(service)
    ordered = sorted(timings)
    out += [
        "## The coordinator's queue with 50 000 requests",
        "",
        f"{rows} requests seeded in {seeded:.0f} s; 200 page loads (default view and deep pages), "
        "full login, one client.",
        "",
        f"- p50: **{statistics.median(ordered):.1f} ms**",
        f"- p95: **{ordered[int(len(ordered) * 0.95)]:.1f} ms**",
        "",
    ]
    print("\n".join(out[-4:]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    if not (ROOT / "site" / "index.html").exists():
        subprocess.run([str(BIN / "mkdocs"), "build", "--quiet"], cwd=ROOT, check=True)
    out = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
        f"{os.cpu_count()} cores with `.venv/bin/python bench/load.py "
        f"--requests {args.requests}`.",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="norrsken-bench-") as tmp:
        folder = Path(tmp)
        load_section(args.requests, folder, out)
        durability_section(folder, out)
        queue_section(folder, out)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        head = path.read_text(encoding="utf-8").split("<!-- figures -->")[0]
        path.write_text(head + "<!-- figures -->\n\n" + "\n".join(out) + "\n", encoding="utf-8")
        print(f"\nWrote {path}")


if __name__ == "__main__":
    main()
