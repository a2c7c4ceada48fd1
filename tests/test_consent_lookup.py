"""Looking up a consent by its reference (security review L5): rate-limited per client, and the
answer says only that the consent cannot be used, never why (whether it exists, is withdrawn,
when it ends, which parties it covers)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from formhelpers import (
    continue_request,
    count,
    reference_in,
    send_request,
    submit_consent,
    valid_consent,
    valid_request,
)

from forms_service.db import get_session
from forms_service.models import SamradRequest
from forms_service.services import submissions

REFUSED = "Samtycket kan inte användas för den här förfrågan."
TOO_MANY = "Du har kontrollerat många samtyckesreferenser"


def _consent(client, **changes) -> str:
    data = valid_consent(submission_key=secrets.token_hex(16), **changes)
    return reference_in(submit_consent(client, data).get_data(as_text=True))


def test_l5_every_unusable_consent_gets_the_same_answer(app, client):
    withdrawn = _consent(client)
    expired = _consent(client)
    narrow = _consent(client, parties=["region", "krokom"])
    with app.app_context():
        submissions.withdraw_consent(submissions.find_consent_by_reference(withdrawn))
        old = submissions.find_consent_by_reference(expired)
        old.valid_from = date.today() - timedelta(days=100)
        old.valid_until = date.today() - timedelta(days=1)
        get_session().commit()
    answers = {
        reference: continue_request(
            client, valid_request(basis="samtycke", consent_reference=reference)
        ).get_data(as_text=True)
        for reference in ("S-KM47-TR92", withdrawn, expired, narrow)
    }
    for reference, page in answers.items():
        assert REFUSED in page, reference
        for detail in (
            "är återkallat",
            "gällde till och med",
            "gäller först från",
            "omfattar inte",
            "inget registrerat samtycke",
        ):
            assert detail not in page, (reference, detail)
    assert count(app, SamradRequest) == 0


def test_l5_consent_lookups_are_limited_per_client_with_the_text_kept(make_app):
    app = make_app(CONSENT_LOOKUP_RATE_LIMIT="3/hour")
    client = app.test_client()
    reference = _consent(client)
    for attempt in ("S-KM47-TR92", "S-KM47-TR93", "S-KM47-TR94"):
        page = continue_request(
            client, valid_request(basis="samtycke", consent_reference=attempt)
        ).get_data(as_text=True)
        assert REFUSED in page
    data = valid_request(basis="samtycke", consent_reference=reference)
    page = send_request(client, data).get_data(as_text=True)
    assert TOO_MANY in page and REFUSED not in page
    assert "Kvinna i 40-årsåldern" in page, "what was typed is kept"
    assert count(app, SamradRequest) == 0
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.8"
    assert "Förfrågan är skickad" in send_request(other, data).get_data(as_text=True)


def test_l5_requests_without_consent_never_count_toward_the_lookup_limit(make_app):
    app = make_app(CONSENT_LOOKUP_RATE_LIMIT="1/hour")
    client = app.test_client()
    for _ in range(3):
        continue_request(client, valid_request())
    reference = _consent(client)
    page = continue_request(
        client, valid_request(basis="samtycke", consent_reference=reference)
    ).get_data(as_text=True)
    assert "Kontrollera dina svar" in page
