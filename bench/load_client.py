"""The load generator behind bench/load.py: gunicorn start and stop, a keep-alive HTTP client,
`run_load` (N requests over C threads), CPU time per request, and medians over several runs.

CPU time is read from /proc for the whole gunicorn process group (workers, their threads and the
arbiter) and for this process (the clients): unlike latency it hardly changes when other work
shares the machine, so it shows what a request costs even on a busy machine.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from services import free_port, wait_for_port  # noqa: E402, F401 (free_port: for bench/load.py)

BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

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


def group_cpu_seconds(group: int) -> float:
    """User + system CPU seconds of every live process in process group `group`."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # fields[2] is the process group, [11:13] utime and stime
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


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
            # The answers are the same in every submission; only the submission key changes.
            self.body = urlencode({**FORM, "csrf_token": self.token}) + "&submission_key="

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
        body = self.body + secrets.token_hex(16)
        status, page = self.request("POST", "/formular/samrad/skicka", body)
        match = re.search(r'class="reference">([^<]+)<', page)
        return status, match.group(1) if match else None


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


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run_load(server: subprocess.Popen, port: int, total: int, concurrency: int, action) -> dict:
    """`total` calls of `action(client)` spread over `concurrency` threads: throughput, latency
    percentiles in ms, errors, and CPU ms per request of the server and of the clients."""
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
                latencies.append(elapsed * 1000)
                if not ok:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    server_cpu, client_cpu = group_cpu_seconds(server.pid), time.process_time()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    server_cpu = group_cpu_seconds(server.pid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    ordered = sorted(latencies)
    count = max(len(ordered), 1)
    return {
        "n": len(ordered),
        "rps": len(ordered) / wall,
        "p50": percentile(ordered, 0.50),
        "p95": percentile(ordered, 0.95),
        "p99": percentile(ordered, 0.99),
        "errors": errors[0],
        "server_cpu": server_cpu * 1000 / count,
        "client_cpu": client_cpu * 1000 / count,
    }


def spread(values: list[float], digits: int = 1) -> str:
    """`median (min–max)` of the runs' values; one run gives the value alone."""
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"
