"""Helpers for posting the public forms like a browser would (CSRF token from the page)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import urlsplit

from sqlalchemy import func, select

from forms_service.db import get_session
from forms_service.models import ConsentRecord, SamradRequest

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str = "/formular/samrad") -> str:
    page = client.get(path).get_data(as_text=True)
    return CSRF.search(page).group(1)


def valid_request(**changes) -> dict:
    data = {
        "submitter_name": "Kim Handläggare",
        "submitter_organisation": "krokom",
        "submitter_unit": "Vuxenenheten",
        "submitter_phone": "0640-161 00",
        "submitter_email": "handlaggare@krokom.example.se",
        "municipality": "krokom",
        "basis": "avidentifierat",
        "kind": "planerande",
        "purposes": ["behov", "risk"],
        "violence_forms": ["psykiskt", "fysiskt"],
        "contexts": ["mans_vald"],
        "children": "ja",
        "police_report": "nej",
        "risk_assessment": "ja",
        "risk_method": "freda",
        "case_description": "Kvinna i 40-årsåldern som under flera år utsatts för psykiskt och "
        "fysiskt våld av sin sambo. Två barn i skolåldern bor i hushållet.",
        "question": "Hur kan vi samordna skydd och stöd när hon planerar att lämna?",
        "parties_requested": ["polisen", "region"],
        "participation": "video",
        "submission_key": "a" * 32,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def valid_consent(**changes) -> dict:
    today = date.today()
    data = {
        "submitter_name": "Kim Handläggare",
        "submitter_organisation": "krokom",
        "submitter_unit": "Vuxenenheten",
        "submitter_phone": "0640-161 00",
        "submitter_email": "handlaggare@krokom.example.se",
        "parties": ["polisen", "region", "krokom"],
        "information_kinds": ["vald", "risk"],
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=180)).isoformat(),
        "method": "skriftligt",
        "original_kept_by": "krokom",
        "original_case_reference": "IFO 2026/123",
        "told_how_samrad_works": "y",
        "told_who_takes_part": "y",
        "told_can_withdraw": "y",
        "submission_key": "c" * 32,
    }
    data.update(changes)
    for name in ("valid_from", "valid_until"):  # three fields, as the page has them
        value = data.pop(name, None)
        if value is not None:
            parts = value.split("-") if value.count("-") == 2 else ["", "", value]
            data.update(
                {f"{name}-ar": parts[0], f"{name}-manad": parts[1], f"{name}-dag": parts[2]}
            )
    return {k: v for k, v in data.items() if v is not None}


def continue_request(client, data: dict):
    """Step 1: the form posted to the check-answers page."""
    return client.post(
        "/formular/samrad", data={**data, "csrf_token": csrf_token(client)}, follow_redirects=False
    )


def send_request(client, data: dict, declaration: bool = True):
    """Step 2: the check page's "Skicka förfrågan" (what its hidden fields post)."""
    payload = {**data, "csrf_token": csrf_token(client)}
    if declaration:
        payload["declaration"] = "y"
    return client.post("/formular/samrad/skicka", data=payload)


def submit_consent(client, data: dict):
    """The check page's "Registrera samtycket" (what its hidden fields post)."""
    token = csrf_token(client, "/formular/samtycke")
    return client.post("/formular/samtycke/skicka", data={**data, "csrf_token": token})


def count(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


def only(app, model):
    with app.app_context():
        return get_session().scalars(select(model)).one()


def status_link(page: str) -> str:
    """The status link on a receipt page, as a path the test client can open."""
    match = re.search(r'id="status-link">([^<]+)<', page)
    return urlsplit(unescape(match.group(1))).path


def reference_in(page: str) -> str:
    return re.search(r'class="reference">([^<]+)<', page).group(1)


__all__ = ["ConsentRecord", "SamradRequest"]


def make_request(app, **overrides) -> str:
    """Store a request directly (for queue and workflow tests); returns its reference."""
    import secrets

    from forms_service.forms import DECLARATION_VERSION
    from forms_service.services import submissions

    data = {
        key: value
        for key, value in valid_request(submission_key=secrets.token_hex(16)).items()
        if key not in {"csrf_token"}
    }
    data.update(declaration_version=DECLARATION_VERSION, warnings_confirmed=0)
    data.update(overrides)
    consent = data.pop("consent", None)
    with app.app_context():
        if consent is not None:
            consent = get_session().merge(consent)
        record, _ = submissions.create_request(data, consent)
        return record.reference
