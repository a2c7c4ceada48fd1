"""The coordinator login under attack (security review M7, L1, L2, L3, L8): the one-time code's
secret is the server's, a half-finished login lives on the server, one code gives one session,
code guessing has a ceiling, and failed logins slow an attacker without locking anyone out."""

from __future__ import annotations

import re

import pyotp
import pytest
from coordhelpers import PASSWORD, create_account, csrf_for
from formhelpers import CSRF
from sqlalchemy import select

from forms_service.db import get_session
from forms_service.models import Coordinator

SECRET_SHOWN = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')
MANY = "1000/hour"  # the per-client flood limit is tested elsewhere; here it would only interfere


@pytest.fixture
def app(make_app):
    return make_app(LOGIN_RATE_LIMIT=MANY)


def _stored_secret(app) -> str | None:
    with app.app_context():
        return get_session().scalar(select(Coordinator.totp_secret))


def _enrol_post(client, link, code, **extra):
    return client.post(
        link,
        data={
            "csrf_token": csrf_for(client, link),
            "new_password": PASSWORD,
            "new_password_again": PASSWORD,
            "code": code,
            **extra,
        },
    )


# --- L8: the TOTP secret is generated and kept on the server -------------------------------------


def test_l8_the_secret_is_made_on_the_server_and_stays_the_same_across_page_loads(app, clock):
    client = app.test_client()
    link = create_account(app)
    first = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1).replace(" ", "")
    second = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1).replace(" ", "")
    assert first == second and len(first) >= 32
    assert 'name="totp_secret"' not in client.get(link).get_data(as_text=True)


def test_l8_enrolment_ignores_a_secret_chosen_by_the_client(app, clock):
    client = app.test_client()
    link = create_account(app)
    shown = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1).replace(" ", "")
    weak = "A" * 24
    refused = _enrol_post(client, link, pyotp.TOTP(weak).at(clock.current), totp_secret=weak)
    assert "Koden stämmer inte" in refused.get_data(as_text=True)
    accepted = _enrol_post(client, link, pyotp.TOTP(shown).at(clock.current), totp_secret=weak)
    assert "Kontot är aktiverat" in accepted.get_data(as_text=True)
    assert _stored_secret(app) == shown


def test_l8_a_malformed_secret_in_the_post_is_no_500(app, clock):
    client = app.test_client()
    link = create_account(app)
    response = _enrol_post(client, link, "123456", totp_secret="AA")
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.get_data(as_text=True)


def test_l8_a_reset_gives_a_new_secret(app, clock):
    client = app.test_client()
    link = create_account(app)
    before = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1).replace(" ", "")
    result = app.test_cli_runner().invoke(args=["coordinator", "reset", "samordnare1"])
    new_link = re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)
    after = (
        SECRET_SHOWN.search(client.get(new_link).get_data(as_text=True)).group(1).replace(" ", "")
    )
    assert before != after
    assert client.get(link).status_code == 404


# --- L2: the half-finished login lives on the server -------------------------------------------


def _password_step(client, account, password=None, address="127.0.0.1"):
    return client.post(
        "/samordnare/logga-in",
        data={
            "csrf_token": csrf_for(client, "/samordnare/logga-in"),
            "username": account.username,
            "password": password or account.password,
        },
        environ_base={"REMOTE_ADDR": address},
    )


def _code_step(client, code, address="127.0.0.1"):
    page = client.get("/samordnare/kod", environ_base={"REMOTE_ADDR": address})
    if page.status_code != 200:
        return page
    token = CSRF.search(page.get_data(as_text=True)).group(1)
    return client.post(
        "/samordnare/kod",
        data={"csrf_token": token, "code": code},
        environ_base={"REMOTE_ADDR": address},
    )


def _copy_cookie(source, target) -> None:
    target.set_cookie("norrsken_session", source.get_cookie("norrsken_session").value)


def test_l2_a_copied_half_login_cookie_is_useless_once_the_login_is_completed(app, account, clock):
    real, thief = app.test_client(), app.test_client()
    assert _password_step(real, account).status_code == 303
    _copy_cookie(real, thief)
    assert _code_step(real, account.code(clock.current)).status_code == 303
    clock.advance(seconds=31)
    response = _code_step(thief, account.code(clock.current))
    assert response.status_code == 303
    assert "/samordnare/logga-in" in response.headers["Location"]
    assert thief.get("/samordnare/").status_code == 303


def test_l2_a_password_change_ends_half_finished_logins(app, account, clock):
    from coordhelpers import login

    stale = app.test_client()
    assert _password_step(stale, account).status_code == 303  # with the old password
    me = app.test_client()
    login(me, account, clock)
    new_password = "Ett helt annat långt lösenord"
    me.post(
        "/samordnare/konto",
        data={
            "csrf_token": csrf_for(me, "/samordnare/konto"),
            "current_password": account.password,
            "new_password": new_password,
            "new_password_again": new_password,
        },
    )
    response = _code_step(stale, account.code(clock.current))
    assert "/samordnare/logga-in" in response.headers.get("Location", "")
    assert stale.get("/samordnare/").status_code == 303


def test_l2_the_cookie_holds_no_account_and_no_time_only_a_random_token(app, account, clock):
    from flask.sessions import SecureCookieSessionInterface

    client = app.test_client()
    _password_step(client, account)
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    content = serializer.loads(client.get_cookie("norrsken_session").value)
    pending = content["pending_login"]
    assert isinstance(pending, str) and len(pending) >= 32, "a token, not {id, at}"
    assert set(content) <= {"pending_login", "csrf_token"}


def test_l2_a_half_finished_login_expires_after_five_minutes(app, account, clock):
    client = app.test_client()
    _password_step(client, account)
    clock.advance(minutes=6)
    response = _code_step(client, account.code(clock.current))
    assert "/samordnare/logga-in" in response.headers.get("Location", "")


# --- M7: failed logins slow the guesser down, never lock the coordinator out ---------------------

ATTACKER, ELSEWHERE = "203.0.113.66", "198.51.100.20"
GENERIC = "Inloggningen misslyckades. Kontrollera användarnamn, lösenord och kod."


def _fail(client, account, times, address=ATTACKER, clock=None, gap=0):
    for _ in range(times):
        _password_step(client, account, "fel lösenord igen", address)
        if clock and gap:
            clock.advance(seconds=gap)


def test_m7_failures_never_stop_the_coordinator_logging_in_from_elsewhere(app, account, clock):
    attacker = app.test_client()
    _fail(attacker, account, 12, clock=clock, gap=20)
    me = app.test_client()
    assert _password_step(me, account, address=ELSEWHERE).status_code == 303
    assert _code_step(me, account.code(clock.current), ELSEWHERE).status_code == 303
    assert me.get("/samordnare/", environ_base={"REMOTE_ADDR": ELSEWHERE}).status_code == 200


def test_m7_the_guessing_client_is_slowed_exponentially_then_lets_the_right_password_in(
    app, account, clock
):
    client = app.test_client()
    _fail(client, account, 3)
    # Slowed: even the right password is refused, with the same message, for 15 seconds…
    slowed = _password_step(client, account, address=ATTACKER)
    assert slowed.status_code == 200 and GENERIC in slowed.get_data(as_text=True)
    clock.advance(seconds=16)
    assert _password_step(client, account, address=ATTACKER).status_code == 303
    # …and each further failure doubles the wait: 30 s after the fourth.
    _fail(client, account, 1)
    clock.advance(seconds=20)
    assert _password_step(client, account, address=ATTACKER).status_code == 200
    clock.advance(seconds=11)
    assert _password_step(client, account, address=ATTACKER).status_code == 303


def test_m7_the_wait_has_a_ceiling_so_no_one_is_ever_locked_out(app, account, clock):
    client = app.test_client()
    for _ in range(12):  # a persistent guesser, always trying again as soon as it may
        _fail(client, account, 1)
        clock.advance(minutes=16)
    assert _password_step(client, account, address=ATTACKER).status_code == 303


def test_m7_many_guessers_slow_the_whole_account_only_up_to_its_ceiling(app, account, clock):
    for index in range(12):  # twelve addresses, one guess each
        _fail(app.test_client(), account, 1, address=f"192.0.2.{index}")
    me = app.test_client()
    _fail(me, account, 1, address=ELSEWHERE)  # a typo while the account is under attack
    assert _password_step(me, account, address=ELSEWHERE).status_code == 200
    clock.advance(seconds=61)  # the account-wide ceiling
    assert _password_step(me, account, address=ELSEWHERE).status_code == 303


def test_m7_unknown_slowed_and_wrong_password_answer_alike_and_all_run_the_hash(
    app, account, clock, monkeypatch
):
    from forms_service import auth

    verified = []

    class CountingHasher:
        def verify(self, *args):
            verified.append(1)
            return real.verify(*args)

    real = auth._hasher
    monkeypatch.setattr(auth, "_hasher", CountingHasher())
    client = app.test_client()
    _fail(client, account, 3)
    answers = {}
    for case, (username, password) in {
        "unknown": ("finns.inte", "fel lösenord igen"),
        "wrong password": (account.username, "ett annat fel lösenord"),
        "slowed, right password": (account.username, account.password),
    }.items():
        client_here = app.test_client()
        address = ATTACKER if case.startswith("slowed") else f"192.0.2.{len(answers) + 1}"
        verified.clear()
        response = client_here.post(
            "/samordnare/logga-in",
            data={
                "csrf_token": csrf_for(client_here, "/samordnare/logga-in"),
                "username": username,
                "password": password,
            },
            environ_base={"REMOTE_ADDR": address},
        )
        page = response.get_data(as_text=True)
        answers[case] = (response.status_code, GENERIC in page, len(verified))
    assert set(answers.values()) == {(200, True, 1)}, answers


def test_m7_no_hard_lock_is_left_in_the_model():
    columns = {column.name for column in Coordinator.__table__.columns}
    assert "locked_until" not in columns and "failed_logins" not in columns


# --- L3: a ceiling on code guesses, and an alert ---------------------------------------------


def test_l3_code_guesses_have_a_ceiling_until_the_account_is_reset(make_app, clock):
    from coordhelpers import enrol

    app = make_app(LOGIN_CODE_FAILURE_CAP=6, LOGIN_CODE_ALERT_AFTER=3, LOGIN_RATE_LIMIT=MANY)
    account = enrol(app, app.test_client(), clock)
    client = app.test_client()
    for _ in range(6):  # six wrong codes, each after a fresh password step, spread over time
        _password_step(client, account)
        _code_step(client, "000000")
        clock.advance(minutes=16)
    _password_step(client, account)
    response = _code_step(client, account.code(clock.current))
    assert response.status_code == 200 and GENERIC in response.get_data(as_text=True)
    listing = app.test_cli_runner().invoke(args=["coordinator", "list"]).output
    assert "för många felaktiga koder" in listing
    result = app.test_cli_runner().invoke(args=["coordinator", "reset", account.username])
    assert result.exit_code == 0
    with app.app_context():
        assert get_session().scalar(select(Coordinator.code_failures)) == 0


def test_l3_a_successful_login_starts_the_count_again(make_app, clock):
    from coordhelpers import enrol, login

    app = make_app(LOGIN_CODE_FAILURE_CAP=4, LOGIN_RATE_LIMIT=MANY)
    account = enrol(app, app.test_client(), clock)
    for _ in range(3):
        client = app.test_client()
        for _ in range(3):
            _password_step(client, account)
            _code_step(client, "000000")
            clock.advance(minutes=16)
        assert login(app.test_client(), account, clock).status_code == 303


def test_l3_the_coordinator_gets_an_email_after_repeated_wrong_codes(make_app, clock, smtp_server):
    from coordhelpers import enrol

    port, inbox = smtp_server
    app = make_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_STARTTLS=0,
        COORDINATOR_EMAIL="samordnare@example.se",
        LOGIN_CODE_ALERT_AFTER=3,
        LOGIN_CODE_FAILURE_CAP=5,
        LOGIN_RATE_LIMIT=MANY,
    )
    account = enrol(app, app.test_client(), clock)
    client = app.test_client()
    for attempt in range(5):
        _password_step(client, account)
        _code_step(client, "000000")
        clock.advance(minutes=16)
        if attempt == 1:
            assert inbox.messages == []
    assert len(inbox.messages) == 2  # at the alert threshold, and when the ceiling is reached
    first, last = (_mail_text(raw) for raw in inbox.messages)
    assert account.username in first and "3 felaktiga engångskoder" in first
    assert "lösenordet" in first
    assert "stängd" in last


def _mail_text(raw: str) -> str:
    from email import message_from_string, policy

    message = message_from_string(raw, policy=policy.default)
    return f"{message['Subject']}\n{message.get_content()}"
