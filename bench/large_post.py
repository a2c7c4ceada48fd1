"""Prints how long a 250 KB form post takes (security review H1; target: under 200 ms, with a
clear Swedish error and the text kept).

Run: `.venv/bin/python bench/large_post.py [--runs 5]`

Before the fix the guard scanned the whole over-length text: one post took about 9 s of CPU and
returned a 10.6 MB page. Each post here carries about 250 KB of the guard's most expensive input
(digit runs) in one free-text field, on a fresh app with a SQLite database in a temporary folder,
through Flask's test client (the application's own time, without network or nginx), after one
warm-up post per route. Printed per route: median, min and max of the runs, the response size,
and whether the page says what is wrong and still holds the text.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from formhelpers import valid_consent, valid_request  # noqa: E402

from forms_service import create_app, db  # noqa: E402

HUGE = ("0701234567 " * 23_000)[:250_000]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _app(folder: Path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
            "SITE_DIR": str(folder / "no-site"),
            "FORM_RATE_LIMIT": "100000/hour",
            "SUBMIT_RATE_LIMIT": "100000/hour",
            "REFUSED_SUBMIT_RATE_LIMIT": "100000/hour",
        },
        instance_path=str(folder / "instance"),
    )
    db.upgrade(app.extensions["engine"])
    return app


# (label, path, posted data, whether the page must name the problem). "Ändra" only returns to
# the form from the check page, so it shows the text without validating it.
CASES = [
    (
        "/formular/samrad (Fortsätt)",
        "/formular/samrad",
        valid_request(case_description=HUGE),
        True,
    ),
    (
        "/formular/samrad (Ändra)",
        "/formular/samrad",
        valid_request(case_description=HUGE, andra="question"),
        False,
    ),
    (
        "/formular/samrad/skicka",
        "/formular/samrad/skicka",
        valid_request(question=HUGE, declaration="y"),
        True,
    ),
    ("/formular/samtycke", "/formular/samtycke", valid_consent(other_parties=HUGE), True),
]


def main() -> None:
    logging.disable(logging.INFO)  # the access log would drown the figures
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        client = app.test_client()
        print(f"{len(HUGE.encode()) / 1000:.0f} KB in one field, {args.runs} runs per route\n")
        print(f"{'route':32} {'median ms':>10} {'min':>8} {'max':>8} {'page KB':>8}  message, kept")
        for label, path, data, names_problem in CASES:
            times, size, ok = [], 0, True
            for run in range(args.runs + 1):
                token = CSRF.search(client.get(path.replace("/skicka", "")).text).group(1)
                started = time.perf_counter()
                response = client.post(path, data={**data, "csrf_token": token})
                if run:  # the first post warms up templates and connections
                    times.append((time.perf_counter() - started) * 1000)
                page = response.get_data(as_text=True)
                size = len(response.data)
                ok = ok and response.status_code == 200
                ok = ok and ("Skriv högst" in page or not names_problem)
                ok = ok and HUGE[:5000] in page
            print(
                f"{label:32} {statistics.median(times):10.1f} {min(times):8.1f} "
                f"{max(times):8.1f} {size / 1000:8.0f}  {'yes' if ok else 'NO'}"
            )
        print("\nTarget: median under 200 ms on every route, with the message and the text kept.")


if __name__ == "__main__":
    main()
