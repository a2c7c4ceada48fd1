"""The hidden submission key that makes a double submission store one record (security review
M1 and M2): a fixed-shape random token issued by the server, stored only as a keyed hash, purged
with its record, and never a way to someone else's status link."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from formhelpers import (
    CSRF,
    count,
    only,
    reference_in,
    status_link,
    valid_consent,
    valid_request,
)
from sqlalchemy import text

from forms_service.models import ConsentRecord, SamradRequest, utcnow

KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]*)"')
FORMS = {
    "request": ("/formular/samrad", "/formular/samrad/skicka", valid_request, SamradRequest),
    "consent": ("/formular/samtycke", "/formular/samtycke/skicka", valid_consent, ConsentRecord),
}


def _issued(client, form_path: str) -> tuple[str, str]:
    """(csrf token, submission key) from the form as this browser gets it."""
    page = client.get(form_path).get_data(as_text=True)
    return CSRF.search(page).group(1), KEY.search(page).group(1)


def _send(client, kind: str, key: str | None = None):
    form_path, post_path, valid, _model = FORMS[kind]
    token, issued = _issued(client, form_path)
    data = {**valid(), "csrf_token": token, "declaration": "y"}
    data["submission_key"] = issued if key is None else key
    return client.post(post_path, data=data), data["submission_key"]


def test_m2_the_issued_key_is_a_32_character_random_hex_token(client):
    keys = {_issued(client, "/formular/samrad")[1] for _ in range(5)}
    assert len(keys) == 5
    assert all(re.fullmatch(r"[0-9a-f]{32}", key) for key in keys)


@pytest.mark.parametrize("kind", sorted(FORMS))
@pytest.mark.parametrize(
    "key",
    [
        "850312-2387 Karin Johansson Storgatan 12",
        "consent-850312-2387",
        "A" * 32,
        "a" * 31,
        "a" * 33,
        "0" * 200,
        "g" * 32,
    ],
)
def test_m2_a_submission_key_of_any_other_shape_is_refused_and_nothing_is_stored(
    app, client, kind, key
):
    response, _ = _send(client, kind, key)
    assert response.status_code == 400
    assert "Formuläret kunde inte skickas" in response.get_data(as_text=True)
    assert count(app, FORMS[kind][3]) == 0


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_m2_only_a_keyed_hash_of_the_key_is_stored(app, client, kind):
    response, key = _send(client, kind)
    assert response.status_code == 200
    table = FORMS[kind][3].__tablename__
    with app.extensions["engine"].connect() as connection:
        row = connection.execute(text(f"SELECT * FROM {table}")).mappings().one()  # noqa: S608
    stored = " ".join(str(value) for value in row.values())
    assert key not in stored
    assert hashlib.sha256(key.encode()).hexdigest() not in stored, "keyed, not a plain hash"
    assert re.fullmatch(r"[0-9a-f]{64}", row["submission_key_hash"])
    assert "submission_key" not in row


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_m1_a_key_sent_from_another_browser_never_gives_the_status_link(app, kind):
    victim, attacker = app.test_client(), app.test_client()
    first, key = _send(victim, kind)
    victim_page = first.get_data(as_text=True)
    reference = reference_in(victim_page)

    response, _ = _send(attacker, kind, key)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "redan tagits emot" in page
    assert "/status/" not in page and reference not in page
    assert count(app, FORMS[kind][3]) == 1
    # The victim's own link still works, and the attacker learnt nothing to open it with.
    assert victim.get(status_link(victim_page)).status_code == 200


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_m1_a_double_submission_from_the_same_browser_shows_the_same_status_link(app, kind):
    client = app.test_client()
    form_path, post_path, valid, model = FORMS[kind]
    token, key = _issued(client, form_path)
    data = {**valid(), "csrf_token": token, "declaration": "y", "submission_key": key}
    first = client.post(post_path, data=data).get_data(as_text=True)
    second = client.post(post_path, data=data).get_data(as_text=True)
    assert count(app, model) == 1
    assert reference_in(first) == reference_in(second)
    assert client.get(status_link(second)).status_code == 200


def test_m1_a_key_the_server_never_issued_to_this_browser_is_not_trusted_on_a_duplicate(app):
    """Posting the same made-up key twice stores one record; the second answer is neutral."""
    client = app.test_client()
    key = "0123456789abcdef" * 2
    first, _ = _send(client, "request", key)
    second, _ = _send(client, "request", key)
    assert "Förfrågan är skickad" in first.get_data(as_text=True)
    assert "redan tagits emot" in second.get_data(as_text=True)


def test_m2_the_key_hash_is_purged_with_the_record(app, client):
    from forms_service.services import retention

    _send(client, "request")
    _send(client, "consent")
    with app.app_context():
        from forms_service.db import get_session

        request = get_session().query(SamradRequest).one()
        request.status, request.ended_at = "avslutad", utcnow() - timedelta(days=400)
        consent = get_session().query(ConsentRecord).one()
        consent.withdrawn_at = utcnow() - timedelta(days=400)
        get_session().commit()
        retention.purge()
    assert only(app, SamradRequest).submission_key_hash is None
    assert only(app, ConsentRecord).submission_key_hash is None
