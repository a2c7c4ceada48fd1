"""One one-time code gives one session, even when it is sent in parallel to two gunicorn workers
(security review L1: four parallel submissions of one code gave two sessions). Runs against
SQLite and PostgreSQL, each behind two real workers."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pyotp
import pytest
from cryptography.fernet import Fernet
from services import ROOT, gunicorn, postgres

pytestmark = pytest.mark.stack

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')
PASSWORD = "Norrsken lyser över Storsjön"
PARALLEL = 8


class Browser:
    """A cookie jar over plain HTTP to 127.0.0.1 (Secure cookies included, as a test client)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.msg.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response.status, response.getheader("Location", ""), text

    def csrf(self, path: str) -> str:
        return CSRF.search(self.request("GET", path)[2]).group(1)


def _env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "NORRSKEN_ENV": "production",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "RATELIMIT_KEY_SECRET": uuid.uuid4().hex * 2,
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": database_url,
        "NORRSKEN_BASE_URL": "https://norrsken.example",
        "NORRSKEN_SITE_DIR": str(tmp_path / "no-site"),
        "LOGIN_RATE_LIMIT": "1000/hour",
        # Seven losers per round count as wrong codes; this test is about the race alone.
        "LOGIN_FREE_ATTEMPTS": "1000",
        "LOGIN_CODE_FAILURE_CAP": "1000",
    }


def _flask(env: dict[str, str], *args: str) -> str:
    flask = str(Path(sys.executable).with_name("flask"))
    return subprocess.run(
        [flask, "--app", "forms_service", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _enrol(port: int, env: dict[str, str]) -> tuple[str, float]:
    link = re.search(r"https://norrsken\.example(/\S+)", _flask(env, "coordinator", "add", "kim"))
    path = link.group(1)
    browser = Browser(port)
    page = browser.request("GET", path)[2]
    secret = SECRET.search(page).group(1).replace(" ", "")
    enrolled_at = time.time()
    _status, _, text = browser.request(
        "POST",
        path,
        {
            "csrf_token": CSRF.search(page).group(1),
            "new_password": PASSWORD,
            "new_password_again": PASSWORD,
            "code": pyotp.TOTP(secret).at(enrolled_at),
        },
    )
    assert "Kontot är aktiverat" in text, text[:300]
    return secret, enrolled_at


def _parallel_code_step(port: int, code: str) -> list[tuple[int, str]]:
    browsers = []
    for _ in range(PARALLEL):
        browser = Browser(port)
        status, location, _ = browser.request(
            "POST",
            "/samordnare/logga-in",
            {
                "csrf_token": browser.csrf("/samordnare/logga-in"),
                "username": "kim",
                "password": PASSWORD,
            },
        )
        assert status == 303 and "/samordnare/kod" in location
        browsers.append((browser, browser.csrf("/samordnare/kod")))
    results: list[tuple[int, str]] = []
    start = threading.Barrier(PARALLEL)

    def send(browser, token):
        start.wait()
        status, location, _ = browser.request(
            "POST", "/samordnare/kod", {"csrf_token": token, "code": code}
        )
        results.append((status, location))

    threads = [threading.Thread(target=send, args=pair) for pair in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _one_code_one_session(database_url: str, tmp_path: Path) -> None:
    env = _env(database_url, tmp_path)
    _flask(env, "db", "upgrade")
    with gunicorn(env, workers=2) as port:
        secret, enrolled_at = _enrol(port, env)
        enrolment_step = int(enrolled_at // 30)
        for step in (enrolment_step + 1, enrolment_step + 2):  # each sent eight times at once
            while int(time.time() // 30) < step - 1:  # a code is accepted from the step before
                time.sleep(0.5)
            code = pyotp.TOTP(secret).at(step * 30)
            results = _parallel_code_step(port, code)
            sessions = [r for r in results if r[0] == 303 and r[1].endswith("/samordnare/")]
            refused = [r for r in results if r[0] == 200]
            assert len(sessions) == 1, results
            assert len(refused) == PARALLEL - 1, results


def test_l1_one_code_gives_one_session_on_sqlite_with_two_workers(tmp_path):
    _one_code_one_session(f"sqlite:///{tmp_path / 'norrsken.db'}", tmp_path)


def test_l1_one_code_gives_one_session_on_postgresql_with_two_workers(tmp_path):
    with postgres() as admin:
        from sqlalchemy import create_engine, text

        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("CREATE DATABASE norrsken"))
        engine.dispose()
        _one_code_one_session(admin.rsplit("/", 1)[0] + "/norrsken", tmp_path)
