"""The coordinator login under attack (security review M7, L1, L2, L3, L8): the one-time code's
secret is the server's, a half-finished login lives on the server, one code gives one session,
code guessing has a ceiling, and failed logins slow an attacker without locking anyone out."""

from __future__ import annotations

import re

import pyotp
from coordhelpers import PASSWORD, create_account, csrf_for
from formhelpers import CSRF
from sqlalchemy import select

from forms_service.db import get_session
from forms_service.models import Coordinator

SECRET_SHOWN = re.compile(r'<code class="secret">([A-Z2-7]+)</code>')


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
    first = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1)
    second = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1)
    assert first == second and len(first) >= 32
    assert 'name="totp_secret"' not in client.get(link).get_data(as_text=True)


def test_l8_enrolment_ignores_a_secret_chosen_by_the_client(app, clock):
    client = app.test_client()
    link = create_account(app)
    shown = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1)
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
    before = SECRET_SHOWN.search(client.get(link).get_data(as_text=True)).group(1)
    result = app.test_cli_runner().invoke(args=["coordinator", "reset", "samordnare1"])
    new_link = re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)
    after = SECRET_SHOWN.search(client.get(new_link).get_data(as_text=True)).group(1)
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
