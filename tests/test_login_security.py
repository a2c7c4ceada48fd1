"""The coordinator login under attack (security review M7, L1, L2, L3, L8): the one-time code's
secret is the server's, a half-finished login lives on the server, one code gives one session,
code guessing has a ceiling, and failed logins slow an attacker without locking anyone out."""

from __future__ import annotations

import re

import pyotp
from coordhelpers import PASSWORD, create_account, csrf_for
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
