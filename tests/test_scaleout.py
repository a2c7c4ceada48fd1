"""Scale-out: two app servers (two gunicorn instances, two workers each, on different ports)
over one PostgreSQL and one Redis, as the README's "Drift" section describes. Every request below
is sent to a chosen instance's own port, so which server answered is known: rate limits, logins,
sessions and used one-time codes hold across both, because nothing lives on a server's disk."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pyotp
import pytest
from services import (
    ROOT,
    create_database,
    flask_command,
    gunicorn,
    postgres,
    production_env,
    redis,
)

pytestmark = pytest.mark.stack

PASSWORD = "Norrsken lyser över Storsjön"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(scope="module")
def servers(tmp_path_factory, built_site):
    with postgres() as admin_url, redis() as redis_url:
        env = production_env(create_database(admin_url, "scaleout"), redis_url, built_site)
        env["NORRSKEN_PROXY_COUNT"] = "0"  # clients talk to each server directly here
        flask_command(env, "db", "upgrade")
        with gunicorn(env, workers=2) as first, gunicorn(env, workers=2) as second:
            yield {"ports": (first, second), "env": env}


class Browser:
    """Keeps cookies like a browser on one host (cookies are not tied to a port)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def send(self, port: int, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and "1970" not in morsel["expires"]:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.getheader("Location", ""), text

    def post_form(self, port: int, path: str, fields: dict):
        _status, _location, page = self.send(port, "GET", path)
        return self.send(port, "POST", path, {"csrf_token": CSRF.search(page).group(1), **fields})


def _account(env: dict[str, str], username: str) -> str:
    """An enrolled coordinator, written with the servers' own keys; returns the TOTP secret."""
    secret = pyotp.random_base32()
    flask_command(env, "coordinator", "add", username)
    script = (
        "from forms_service import auth; from forms_service.db import get_session; "
        f"a = auth.find_account('{username}'); a.password_hash = auth.hash_password('{PASSWORD}'); "
        f"a.totp_secret = '{secret}'; get_session().commit()"
    )
    _run_in_app(env, script)
    return secret


def _run_in_app(env: dict[str, str], script: str) -> None:
    code = "from forms_service import create_app\nwith create_app().app_context():\n    " + script
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env}, check=True)


def test_rate_limits_count_across_both_servers(servers):
    """Limit 5/hour: alternating between the servers, five answers in all, then 429 on both.
    Counters on each server's own memory would allow five per server (and per worker)."""
    first, second = servers["ports"]
    answers = [
        (port, Browser().send(port, "GET", "/formular/status/ingen-sadan-lank")[0])
        for port in (first, second) * 5
    ]
    assert [status for _port, status in answers] == [404] * 5 + [429] * 5
    assert {port for port, status in answers if status == 404} == {first, second}
    assert {port for port, status in answers if status == 429} == {first, second}


def test_a_login_started_on_one_server_ends_on_the_other_and_the_session_holds_on_both(servers):
    first, second = servers["ports"]
    secret = _account(servers["env"], "kim")
    browser = Browser()
    status, location, _ = browser.post_form(
        first, "/samordnare/logga-in", {"username": "kim", "password": PASSWORD}
    )
    assert status == 303 and location.endswith("/samordnare/kod"), "password on server 1"
    code = pyotp.TOTP(secret).now()
    status, location, _ = browser.post_form(second, "/samordnare/kod", {"code": code})
    assert status == 303 and location.endswith("/samordnare/"), "code on server 2"
    for port in (first, second):
        status, _location, page = browser.send(port, "GET", "/samordnare/")
        assert status == 200 and "<h1>Förfrågningar</h1>" in page, port

    # The one-time code was used on server 2: server 1 refuses it for a second login.
    thief = Browser()
    status, _location, _ = thief.post_form(
        second, "/samordnare/logga-in", {"username": "kim", "password": PASSWORD}
    )
    assert status == 303
    status, _location, page = thief.post_form(first, "/samordnare/kod", {"code": code})
    # Refused, saying only to wait for the next code (ux-review §5): nothing a thief can use.
    assert status == 200 and "Den koden har redan använts" in page
    assert thief.send(first, "GET", "/samordnare/")[0] == 303, "no session from a used code"

    # Logging out on server 1 ends the session on server 2 too (it lives in PostgreSQL).
    _status, _location, queue = browser.send(first, "GET", "/samordnare/")
    token = CSRF.search(queue).group(1)
    copied = dict(browser.cookies)
    assert browser.send(first, "POST", "/samordnare/logga-ut", {"csrf_token": token})[0] == 200
    browser.cookies = copied  # even a copy of the old cookie is worth nothing now
    status, location, _ = browser.send(second, "GET", "/samordnare/")
    assert status == 303 and "/samordnare/logga-in" in location
