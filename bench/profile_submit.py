"""Where a submission spends its time: cProfile over N request submissions (a script, not a test).

Run:  .venv/bin/python bench/profile_submit.py [--submissions 300] [--top 40] [--sort cumulative]

Builds the app on a fresh, migrated SQLite database in a temporary folder (the same settings
bench/load.py gives gunicorn: generous rate limits, e-mail off), fetches the request form once
for a session cookie and CSRF token, then sends `--submissions` complete "Skicka förfrågan" POSTs
through Flask's test client (CSRF, guard, encryption, insert, confirmation page) under cProfile.
It prints the wall time per submission, the top functions by cumulative time, and a short table
of where the time goes by area (guard, encryption, database, templates, …), so the next
maintainer sees the costs before guessing at them. The test client skips the HTTP server and the
socket, so gunicorn's own share is not in here; bench/load.py measures that end to end.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_client import FORM  # noqa: E402

# Areas by the file a function lives in (the first match wins), for the summary table. The
# figure per area is the time spent in its own functions (tottime), so areas add up.
AREAS = [
    ("guard (forms_service/deidentify)", "forms_service/deidentify/"),
    ("regular expressions (mostly the guard)", "re/__init__.py|sre_|_sre"),
    ("encryption (Fernet, HMAC)", "cryptography|fernet|hmac|hashlib|encryption.py"),
    ("database (SQLAlchemy, sqlite3)", "sqlalchemy|sqlite3"),
    ("templates (Jinja2, markupsafe)", "jinja2|markupsafe|<template>"),
    ("forms (WTForms, Flask-WTF)", "wtforms|flask_wtf"),
    ("rate limits (Flask-Limiter, limits)", "flask_limiter|/limits/"),
    ("Flask and Werkzeug", "/flask/|werkzeug|itsdangerous"),
    ("the service's own code", "forms_service/"),
]


# Steps of a submission, by the function that does each (file ending, function name); the figure
# is its cumulative time, so steps can overlap (the guard runs inside validation, for example).
STEPS = [
    ("CSRF check (before the view)", "flask_wtf/csrf.py", "protect"),
    ("session cookie read", "flask/sessions.py", "open_session"),
    ("session cookie write", "flask/sessions.py", "save_session"),
    ("rate limits before the view", "flask_limiter/_extension.py", "_check_request_limit"),
    ("rate limits after the view", "flask_limiter/_extension.py", "__inject_headers"),
    ("the view, send_request", "forms_service/public.py", "send_request"),
    ("  building the form", "forms_service/forms/public.py", "__init__"),
    ("  validating the form and the guard", "forms_service/public.py", "_validate_request"),
    ("    the guard (run_guard)", "forms_service/guarded_forms.py", "run_guard"),
    (
        "  storing (encryption, insert, commit)",
        "forms_service/services/submissions.py",
        "create_request",
    ),
    ("    encryption (EncryptedText)", "forms_service/encryption.py", "process_bind_param"),
    ("  status link (signed token)", "forms_service/public.py", "_status_url"),
    ("  rendering the confirmation page", "flask/templating.py", "render_template"),
    ("the access log line", "forms_service/access_log.py", "_log_request"),
]


def steps(stats: pstats.Stats, count: int) -> list[tuple[str, float]]:
    found = []
    for label, file_end, function in STEPS:
        seconds = sum(
            cumtime
            for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items()
            if filename.endswith(file_end) and name == function
        )
        found.append((label, seconds / count * 1000))
    return found


def build_app(folder: Path):
    from forms_service import create_app, db

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'profile.db'}",
            "SITE_DIR": str(folder / "site"),
            "SUBMIT_RATE_LIMIT": "1000000/hour",
            "REFUSED_SUBMIT_RATE_LIMIT": "1000000/hour",
            "FORM_RATE_LIMIT": "1000000/hour",
        },
        instance_path=str(folder / "instance"),
    )
    db.upgrade(app.extensions["engine"])
    return app


def submitter(app):
    """A function that sends one submission and checks that it was stored."""
    client = app.test_client()
    page = client.get("/formular/samrad").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def submit() -> None:
        body = urlencode({**FORM, "csrf_token": token, "submission_key": secrets.token_hex(16)})
        response = client.post(
            "/formular/samrad/skicka",
            data=body,
            content_type="application/x-www-form-urlencoded",
        )
        if response.status_code != 200 or 'class="reference"' not in response.get_data(True):
            raise SystemExit(f"the submission was not stored: {response.status_code}")

    return submit


def areas(stats: pstats.Stats) -> list[tuple[str, float]]:
    totals: dict[str, float] = {name: 0.0 for name, _ in AREAS}
    totals["other (standard library, interpreter)"] = 0.0
    patterns = [(name, re.compile(pattern)) for name, pattern in AREAS]
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        where = f"{filename}:{function}"
        for name, pattern in patterns:
            if pattern.search(where):
                totals[name] += tottime
                break
        else:
            totals["other (standard library, interpreter)"] += tottime
    return sorted(totals.items(), key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--top", type=int, default=40, help="how many functions to list")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key: cumulative, tottime")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="norrsken-profile-") as tmp:
        app = build_app(Path(tmp))
        submit = submitter(app)
        for _ in range(20):  # warm up: imports, template compilation, first connections
            submit()
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.submissions):
            submit()
        wall = (time.perf_counter() - wall) / args.submissions * 1000
        cpu = (time.process_time() - cpu) / args.submissions * 1000
        # CPU time, not wall time: on a shared machine other work would otherwise be charged
        # to whichever function happened to be running when the scheduler switched away.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.submissions):
            submit()
        profiler.disable()
        app.extensions["engine"].dispose()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    profiled = stats.total_tt / args.submissions * 1000
    print(
        f"{args.submissions} submissions through the test client, each: {cpu:.2f} ms CPU "
        f"({wall:.2f} ms wall) without the profiler, {profiled:.2f} ms CPU under cProfile. "
        f"Load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}.\n"
    )
    print("Time by area (own CPU time of the functions in it, under cProfile):\n")
    for name, seconds in areas(stats):
        share = seconds / stats.total_tt * 100
        print(f"  {name:<42} {seconds / args.submissions * 1000:7.2f} ms  {share:5.1f} %")
    print("\nTime by step (cumulative CPU time under cProfile; steps nest):\n")
    for label, milliseconds in steps(stats, args.submissions):
        share = milliseconds / profiled * 100
        print(f"  {label:<42} {milliseconds:7.2f} ms  {share:5.1f} %")
    print()
    stats.sort_stats(args.sort).print_stats(args.top)
    print(buffer.getvalue())


if __name__ == "__main__":
    main()
