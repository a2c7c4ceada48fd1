"""Load, durability and queue benchmark (a script that prints figures; not a test).

Run:  .venv/bin/python bench/load.py [--requests 5000] [--runs 3] [--write]

1. Starts the service under gunicorn (2 workers) on a fresh SQLite database and sends
   `--requests` complete request submissions (the final "Skicka förfrågan" POST, with CSRF token,
   guard, encryption and insert) at concurrency 1, 8 and 32: throughput, p50/p95/p99, errors, and
   the CPU time per request of the server and of the load generator.
2. The same against bench/floor_app.py, a trivial endpoint doing one insert, and the ratio.
3. Durability: during a run at concurrency 8 the whole gunicorn process group is killed with
   SIGKILL and restarted; every submission that got its confirmation must be in the database.
4. The coordinator's queue page with 50 000 requests in the database, at several depths: the first
   page and pages reached by following the keyset links ("Nästa sida") down to the last page.
Each figure is the median of `--runs` runs, with their min and max. `--write` replaces the
figures section of BENCHMARKS.md (between its markers) with this run's output; the guard's own
section is written by bench/deidentify_quality.py and left as it is.

Everything runs on 127.0.0.1; request loops are bounded in count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_client import (  # noqa: E402
    BIN,
    Client,
    FloorAction,
    SubmitAction,
    free_port,
    run_load,
    spread,
    start_gunicorn,
    stop,
)
from bench.queue_bench import queue_section  # noqa: E402

BEGIN, END = "<!-- figures -->", "<!-- figures:end -->"
TARGET_RATIO, TARGET_QUEUE_P95 = 3.0, 50.0
CONCURRENCY = (1, 8, 32)


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


def migrate(database: Path) -> None:
    subprocess.run(
        [str(BIN / "flask"), "--app", "forms_service", "db", "upgrade"],
        cwd=ROOT,
        env=service_env(database),
        check=True,
        capture_output=True,
    )


def row(label: str, results: list[dict]) -> str:
    def cell(key, digits=1):
        return spread([r[key] for r in results], digits)

    errors = sum(r["errors"] for r in results)
    return (
        f"| {label} | {cell('rps', 0)} | {cell('p50')} | {cell('p95')} | {cell('p99')} | "
        f"{cell('server_cpu', 2)} | {cell('client_cpu', 2)} | {errors} |"
    )


def load_section(requests: int, runs: int, folder: Path, out: list[str], summary: dict) -> None:
    out += [
        "## Submissions and the one-insert floor",
        "",
        f"{requests} requests per run and row, {runs} runs; gunicorn with 2 workers; SQLite (WAL) "
        "on local disk. Each cell: median (min–max) over the runs. CPU: milliseconds of CPU per "
        "request, of the gunicorn processes (server) and of the load generator (clients).",
        "",
        "| run | req/s | p50 ms | p95 ms | p99 ms | server CPU ms | client CPU ms | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    database = folder / "load.db"
    migrate(database)
    port, floor_port = free_port(), free_port()
    service = start_gunicorn("forms_service:create_app()", service_env(database), port)
    floor_env = {**os.environ, "FLOOR_DATABASE_URL": f"sqlite:///{folder / 'floor.db'}"}
    floor = start_gunicorn("bench.floor_app:create_app()", floor_env, floor_port)
    results = {(c, kind): [] for c in CONCURRENCY for kind in ("submit", "floor")}
    try:
        run_load(service, port, 40, 2, SubmitAction())  # load each worker's lazy parts first
        run_load(floor, floor_port, 40, 2, FloorAction())
        for run in range(runs):
            for concurrency in CONCURRENCY:  # interleaved, so both see the same machine
                results[concurrency, "submit"].append(
                    run_load(service, port, requests, concurrency, SubmitAction())
                )
                results[concurrency, "floor"].append(
                    run_load(floor, floor_port, requests, concurrency, FloorAction())
                )
            print(f"  load run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    finally:
        stop(service)
        stop(floor)
    for concurrency in CONCURRENCY:
        ours, base = results[concurrency, "submit"], results[concurrency, "floor"]
        p50_ratio = [o["p50"] / max(b["p50"], 0.001) for o, b in zip(ours, base, strict=True)]
        cpu_ratio = [
            o["server_cpu"] / max(b["server_cpu"], 0.001) for o, b in zip(ours, base, strict=True)
        ]
        summary[f"ratio{concurrency}"] = statistics.median(p50_ratio)
        summary[f"cpu_ratio{concurrency}"] = statistics.median(cpu_ratio)
        summary[f"submit_cpu{concurrency}"] = statistics.median(r["server_cpu"] for r in ours)
        summary[f"floor_cpu{concurrency}"] = statistics.median(r["server_cpu"] for r in base)
        out += [
            row(f"submit, concurrency {concurrency}", ours),
            row(f"floor (one insert), concurrency {concurrency}", base),
            f"| **submit/floor, concurrency {concurrency}** | | **{spread(p50_ratio)}×** p50 | "
            f"| | {spread(cpu_ratio)}× | | |",
        ]
        print("\n".join(out[-3:]), flush=True)
    out.append("")


def durability_run(folder: Path, run: int, total: int = 1500) -> tuple[int, int, int]:
    """(acknowledged when killed, acknowledged in all, of those found in the database)."""
    database = folder / f"durable-{run}.db"
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
    while len(acknowledged) < total // 3 and time.monotonic() < stop_at:
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
        stored = {r[0] for r in connection.execute(text("SELECT reference FROM samrad_request"))}
    engine.dispose()
    return killed_after, len(acknowledged), sum(ref in stored for ref in acknowledged)


def durability_section(folder: Path, runs: int, out: list[str], summary: dict) -> None:
    results = [durability_run(folder, run) for run in range(runs)]
    lost = [acknowledged - found for _killed, acknowledged, found in results]
    summary["lost"] = sum(lost)
    out += [
        "## Durability (SIGKILL during load)",
        "",
        f"{runs} runs: SIGKILL to the whole gunicorn process group after "
        f"{spread([r[0] for r in results], 0)} acknowledged submissions, then a restart while "
        "8 clients kept sending.",
        "",
        "| run | acknowledged (confirmation page received) | found in the database | lost |",
        "|---|---|---|---|",
        *(
            f"| {number} | {acknowledged} | {found} | {acknowledged - found} |"
            for number, (_killed, acknowledged, found) in enumerate(results, 1)
        ),
        "",
    ]
    print("\n".join(out[-len(results) - 2 :]), flush=True)


def notes(summary: dict, load_before: tuple, cores: int) -> list[str]:
    """Notes from this run's figures only: each target and whether it was met."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    ratio, queue_p95 = summary["ratio8"], summary["queue_p95"]
    lines = [
        "## Against the targets",
        "",
        f"- Submission p50 at concurrency 8: **{ratio:.1f}×** the one-insert floor "
        f"(target ≤ {TARGET_RATIO:.0f}×): {verdict(ratio <= TARGET_RATIO)}. In CPU per request "
        f"the server spends {summary['submit_cpu8']:.2f} ms on a submission and "
        f"{summary['floor_cpu8']:.2f} ms on the floor's insert ({summary['cpu_ratio8']:.1f}×).",
        f"- Queue with 50 000 requests: p95 **{queue_p95:.1f} ms** at its slowest depth "
        f"(target ≤ {TARGET_QUEUE_P95:.0f} ms at any depth): "
        f"{verdict(queue_p95 <= TARGET_QUEUE_P95)}.",
        f"- Acknowledged submissions lost after SIGKILL: **{summary['lost']}** "
        f"(target 0): {verdict(summary['lost'] == 0)}.",
    ]
    if load_before[0] > cores / 2:
        lines.append(
            f"- The machine was not quiet (load average {load_before[0]:.1f} on {cores} cores "
            "when the run started): latencies are longer than on a quiet machine; CPU per "
            "request is the steadier figure."
        )
    return [*lines, ""]


def write(out: list[str]) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, found_end, tail = rest.partition(END)
    tail = tail if found_end else ""  # an old file without the end marker: replace to the end
    section = "\n".join([BEGIN, "", *out, END])
    path.write_text(head + section + tail.rstrip("\n") + "\n", encoding="utf-8")
    print(f"\nWrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median, min, max)")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    if not (ROOT / "site" / "index.html").exists():
        subprocess.run([str(BIN / "mkdocs"), "build", "--quiet"], cwd=ROOT, check=True)
    started, load_before = time.monotonic(), os.getloadavg()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = f".venv/bin/python bench/load.py --requests {args.requests} --runs {args.runs}"
    out: list[str] = []
    summary: dict = {}
    with tempfile.TemporaryDirectory(prefix="norrsken-bench-") as tmp:
        folder = Path(tmp)
        load_section(args.requests, args.runs, folder, out, summary)
        durability_section(folder, args.runs, out, summary)
        queue_section(folder, args.runs, out, summary, service_env, migrate)
    cores = os.cpu_count() or 1
    minutes = (time.monotonic() - started) / 60
    header = [
        f"Measured {when} on {cores} cores with `{command}` ({minutes:.0f} minutes). Load "
        f"average {', '.join(f'{x:.1f}' for x in load_before)} at the start, "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end.",
        "",
    ]
    out = header + notes(summary, load_before, cores) + out
    print("\n".join(header + notes(summary, load_before, cores)))
    if args.write:
        write(out)


if __name__ == "__main__":
    main()
