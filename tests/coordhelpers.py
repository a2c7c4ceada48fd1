"""Helpers for coordinator tests: a clock the test moves, and accounts made through the CLI."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from formhelpers import CSRF

PASSWORD = "Norrsken lyser över Storsjön"


class Clock:
    """Replaces forms_service.clock.now; `advance` moves time forward."""

    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current += timedelta(**delta)


def start_clock(monkeypatch) -> Clock:
    from forms_service import clock

    fake = Clock(datetime(2026, 11, 23, 8, 0, 0, tzinfo=UTC))  # a Monday morning
    monkeypatch.setattr(clock, "now", fake)
    return fake


@dataclass
class Account:
    username: str
    password: str
    secret: str

    def code(self, at: datetime) -> str:
        return pyotp.TOTP(self.secret).at(at)


def create_account(app, username: str = "samordnare1") -> str:
    """Run the real CLI command; return the enrolment link it prints."""
    result = app.test_cli_runner().invoke(args=["coordinator", "add", username])
    assert result.exit_code == 0, result.output
    return re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)


def enrol(app, client, clock: Clock, username: str = "samordnare1") -> Account:
    link = create_account(app, username)
    page = client.get(link).get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    token = CSRF.search(page).group(1)
    response = client.post(
        link,
        data={
            "csrf_token": token,
            "new_password": PASSWORD,
            "new_password_again": PASSWORD,
            "code": pyotp.TOTP(secret).at(clock.current),
        },
    )
    assert "Kontot är aktiverat" in response.get_data(as_text=True)
    clock.advance(seconds=31)  # the enrolment code's step is used; logins need the next one
    return Account(username, PASSWORD, secret)


def login(client, account: Account, clock: Clock, next_page: str | None = None):
    """Password, then code; returns the response to the code step."""
    page = client.get("/samordnare/logga-in").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    data = {"csrf_token": token, "username": account.username, "password": account.password}
    if next_page:
        data["next"] = next_page
    first = client.post("/samordnare/logga-in", data=data)
    assert first.status_code == 303, first.get_data(as_text=True)
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    token = CSRF.search(page).group(1)
    data = {"csrf_token": token, "code": account.code(clock.current)}
    if next_page:
        data["next"] = next_page
    response = client.post("/samordnare/kod", data=data)
    clock.advance(seconds=31)
    return response


def csrf_for(client, path: str) -> str:
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


def upcoming_meeting_id(coordinator) -> int:
    """The first upcoming meeting's id, after creating the weekly ones (a POST)."""
    path = "/samordnare/moten"
    coordinator.post(f"{path}/skapa-kommande", data={"csrf_token": csrf_for(coordinator, path)})
    page = coordinator.get(path).get_data(as_text=True)
    return int(re.search(r'href="/samordnare/moten/(\d+)"', page).group(1))


def post_form(coordinator, page_path: str, action_path: str, data: dict):
    """Post `data` to `action_path` with the CSRF token of `page_path`."""
    return coordinator.post(
        action_path, data={"csrf_token": csrf_for(coordinator, page_path), **data}
    )
