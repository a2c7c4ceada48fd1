"""The coordinator's queue with 50 000 requests, for bench/load.py: seeding, a full coordinator
login (enrolment, password, one-time code), and page loads at several depths.

Deep pages are reached the way a coordinator reaches them, by following "Nästa sida": the queue
pages by keyset (services/queue.py), so each page's link carries the cursor of the one before.
The links to the first page, pages 2, 10 and 100, the middle page and the last page are collected
once, then each is loaded `LOADS_PER_DEPTH` times per run.
"""

from __future__ import annotations

import html
import re
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from bench.load_client import FORM, Client, free_port, percentile, spread, start_gunicorn, stop

ROWS = 50_000
LOADS_PER_DEPTH = 40
PASSWORD = "Norrsken lyser över Storsjön"
STATUSES = ["ny", "under_bedomning", "komplettering", "planerad", "avslutad", "avbojd"]


def seed(app, rows: int) -> float:
    """`rows` requests, one in twenty acute, spread over the statuses; seconds it took."""
    from forms_service.db import get_session
    from forms_service.models import SamradRequest

    started = time.perf_counter()
    with app.app_context():
        session = get_session()
        now = datetime.now(UTC)
        for index in range(rows):
            session.add(
                SamradRequest(
                    public_id=secrets.token_hex(16),
                    reference=f"F-BE{index:06d}"[:11],
                    token_nonce="n",
                    submission_key_hash=secrets.token_hex(32),
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
                    status=STATUSES[index % len(STATUSES)],
                    created_at=now - timedelta(minutes=index),
                )
            )
            if index % 5000 == 4999:
                session.commit()
        session.commit()
    return time.perf_counter() - started


def _token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def log_in(client: Client, link: str) -> None:
    """Enrol with the activation link, then log in with password and one-time code."""
    import pyotp

    status, page = client.request("GET", link)
    found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert found, f"the enrolment page answered {status}"
    secret = found.group(1).replace(" ", "")  # shown in groups of four
    client.request(
        "POST",
        link,
        urlencode(
            {
                "csrf_token": _token(page),
                "new_password": PASSWORD,
                "new_password_again": PASSWORD,
                "code": pyotp.TOTP(secret).now(),
            }
        ),
    )
    _status, page = client.request("GET", "/samordnare/logga-in")
    form = {"csrf_token": _token(page), "username": "bench", "password": PASSWORD}
    client.request("POST", "/samordnare/logga-in", urlencode(form))
    _status, page = client.request("GET", "/samordnare/kod")
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the enrolment used the current one
    client.request("POST", "/samordnare/kod", urlencode({"csrf_token": _token(page), "code": code}))


def depth_links(client: Client) -> dict[str, str]:
    """Follow "Nästa sida" to the last page; the links to a few depths, by label."""
    links, url, number = ["/samordnare/"], "/samordnare/", 1
    while True:
        status, body = client.request("GET", url)
        assert status == 200 and "F-BE" in body, (status, number)
        found = re.search(r'<a href="([^"]+)" rel="next"', body)
        if not found:
            break
        url, number = html.unescape(found.group(1)), number + 1
        links.append(url)
    last = len(links)
    wanted = [1, 2, 10, 100, last // 2, last]
    return {f"page {n} of {last}": links[n - 1] for n in dict.fromkeys(wanted) if n <= last}


def time_depths(client: Client, links: dict[str, str]) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {label: [] for label in links}
    for _ in range(LOADS_PER_DEPTH):
        for label, url in links.items():
            started = time.perf_counter()
            status, body = client.request("GET", url)
            timings[label].append((time.perf_counter() - started) * 1000)
            assert status == 200 and "F-BE" in body, status
    return timings


def queue_section(folder: Path, runs: int, out: list[str], summary: dict, env_for, migrate) -> None:
    from forms_service import create_app

    database = folder / "queue.db"
    migrate(database)
    # The default instance folder, as gunicorn's app has: the same generated keys, so that the
    # account's encrypted login secret made here can be read there.
    app = create_app({"DATABASE_URL": f"sqlite:///{database}"})
    seeded = seed(app, ROWS)
    app.extensions["engine"].dispose()
    result = app.test_cli_runner().invoke(args=["coordinator", "add", "bench"])
    link = re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)
    port = free_port()
    service = start_gunicorn("forms_service:create_app()", env_for(database), port)
    try:
        client = Client(port, with_form=False)
        log_in(client, link)
        links = depth_links(client)
        per_run = []
        for run in range(runs):
            per_run.append(time_depths(client, links))
            print(f"  queue run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    finally:
        stop(service)
    out += [
        f"## The coordinator's queue with {ROWS} requests",
        "",
        f"{ROWS} requests seeded in {seeded:.0f} s (one in twenty acute, spread over the six "
        f"statuses); the default view (open requests); full login, one client. Deep pages "
        f"reached by following the keyset links. {LOADS_PER_DEPTH} loads per depth and run, "
        f"{runs} runs; each cell: median (min–max) over the runs.",
        "",
        "| depth | p50 ms | p95 ms |",
        "|---|---|---|",
    ]
    worst = 0.0
    for label in links:
        p50 = [statistics.median(timings[label]) for timings in per_run]
        p95 = [percentile(sorted(timings[label]), 0.95) for timings in per_run]
        worst = max(worst, statistics.median(p95))
        out.append(f"| {label} | {spread(p50)} | {spread(p95)} |")
    every = [percentile(sorted(v for vs in t.values() for v in vs), 0.95) for t in per_run]
    out += ["", f"- p95 over every depth together: **{spread(every)} ms**", ""]
    summary["queue_p95"] = worst
    print("\n".join(out[-len(links) - 4 :]), flush=True)
