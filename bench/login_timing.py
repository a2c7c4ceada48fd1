"""Prints how long the coordinator's password step takes for an unknown username, a wrong
password and a client that must wait (security review M7: a locked account answered in about
6 ms and an unknown user in about 130 ms, which told which usernames exist).

Run: `.venv/bin/python bench/login_timing.py [--rounds 15]`

A fresh app with a SQLite database in a temporary folder and one enrolled account, through
Flask's test client (the application's own time, with the real Argon2id hash). Each round posts
once in each case, in turn, so that machine noise falls on all cases alike, with the service's
clock stopped so that the waiting client waits throughout; printed per case:
median, min and max over the rounds, and whether the page showed the one generic message.
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

import pyotp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from forms_service import clock, create_app, db  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PASSWORD = "Norrsken lyser över Storsjön"
GENERIC = "Inloggningen misslyckades. Kontrollera användarnamn, lösenord och kod."
SLOWED_FROM = "203.0.113.66"


def _app(folder: Path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
            "SITE_DIR": str(folder / "no-site"),
            "LOGIN_RATE_LIMIT": "100000/hour",
        },
        instance_path=str(folder / "instance"),
    )
    db.upgrade(app.extensions["engine"])
    return app


def _enrol(app) -> None:
    output = app.test_cli_runner().invoke(args=["coordinator", "add", "kim"]).output
    link = re.search(r"(/samordnare/aktivera/\S+)", output).group(1)
    client = app.test_client()
    page = client.get(link).get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    client.post(
        link,
        data={
            "csrf_token": CSRF.search(page).group(1),
            "new_password": PASSWORD,
            "new_password_again": PASSWORD,
            "code": pyotp.TOTP(secret).now(),
        },
    )


def _post(app, username: str, password: str, address: str) -> tuple[float, bool]:
    client = app.test_client()
    environ = {"REMOTE_ADDR": address}
    page = client.get("/samordnare/logga-in", environ_base=environ).get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1), "username": username, "password": password}
    started = time.perf_counter()
    response = client.post("/samordnare/logga-in", data=data, environ_base=environ)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.status_code == 200 and GENERIC in response.get_data(as_text=True)


def main() -> None:
    logging.disable(logging.INFO)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        _enrol(app)
        frozen = clock.now()
        clock.now = lambda: frozen  # the waiting client stays waiting for the whole run
        for _ in range(3):  # three wrong passwords: this client must now wait 15 s
            _post(app, "kim", "fel lösenord", SLOWED_FROM)
        cases = {
            "unknown username": lambda i: _post(app, f"okand{i}", "fel lösenord", f"192.0.2.{i}"),
            "wrong password": lambda i: _post(app, "kim", "fel lösenord", f"198.51.100.{i}"),
            "must wait, wrong password": lambda i: _post(app, "kim", "fel", SLOWED_FROM),
            "must wait, right password": lambda i: _post(app, "kim", PASSWORD, SLOWED_FROM),
        }
        times: dict[str, list[float]] = {case: [] for case in cases}
        generic = dict.fromkeys(cases, True)
        for round_number in range(args.rounds + 1):  # round 0 warms up
            for case, post in cases.items():
                elapsed, shown = post(round_number + 1)
                generic[case] = generic[case] and shown
                if round_number:
                    times[case].append(elapsed)
        print(f"Password step, {args.rounds} rounds (one post per case each round)\n")
        print(f"{'case':28} {'median ms':>10} {'min':>8} {'max':>8}  same message")
        for case, values in times.items():
            print(
                f"{case:28} {statistics.median(values):10.1f} {min(values):8.1f} "
                f"{max(values):8.1f}  {'yes' if generic[case] else 'NO'}"
            )
        medians = [statistics.median(values) for values in times.values()]
        print(f"\nLargest difference between medians: {max(medians) - min(medians):.1f} ms")


if __name__ == "__main__":
    main()
