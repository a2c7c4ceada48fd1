"""Helpers for the coordinator's and the submitter's workflows over HTTP (issue 13 tests)."""

from __future__ import annotations

import re

from coordhelpers import csrf_for
from formhelpers import send_request, status_link, valid_request
from sqlalchemy import select

from forms_service.db import get_session
from forms_service.models import AuditEvent, SamradRequest


def submitted(app, **changes) -> tuple[object, str, str]:
    """A request sent through the public form: (submitter client, reference, status link)."""
    submitter = app.test_client()
    page = send_request(submitter, valid_request(**changes)).get_data(as_text=True)
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    return submitter, reference, status_link(page)


def change(coordinator, reference, **data):
    path = f"/samordnare/forfragan/{reference}"
    return coordinator.post(
        f"{path}/status", data={"csrf_token": csrf_for(coordinator, path), **data}
    )


def row(app, reference) -> SamradRequest:
    with app.app_context():
        return get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )


def audit_details(app, event_type: str) -> list[tuple[str | None, str | None, str | None]]:
    with app.app_context():
        events = get_session().scalars(
            select(AuditEvent).where(AuditEvent.event_type == event_type).order_by(AuditEvent.id)
        )
        return [(e.actor, e.object_ref, e.detail) for e in events]


def upcoming_meeting_id(coordinator) -> int:
    """The next weekly samråd, created with "Skapa kommande samråd" if there is none yet."""
    page = coordinator.get("/samordnare/moten").get_data(as_text=True)
    if not re.search(r'href="/samordnare/moten/(\d+)"', page):
        post_form(coordinator, "/samordnare/moten", "/samordnare/moten/skapa-kommande")
        page = coordinator.get("/samordnare/moten").get_data(as_text=True)
    return int(re.search(r'href="/samordnare/moten/(\d+)"', page).group(1))


def plan(app, coordinator, reference, invited=("krokom",), meeting_id=None, **extra) -> int:
    path = f"/samordnare/forfragan/{reference}"
    if row(app, reference).status == "ny":
        change(coordinator, reference, status="under_bedomning")
    meeting_id = meeting_id or upcoming_meeting_id(coordinator)
    data = {
        "csrf_token": csrf_for(coordinator, path),
        "meeting": str(meeting_id),
        "invited_parties": list(invited),
        **extra,
    }
    response = coordinator.post(f"{path}/planera", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return meeting_id


def post_form(client, page_path: str, action: str, **data):
    """Post a form found on `page_path` (its CSRF token) to `action`."""
    return client.post(action, data={"csrf_token": csrf_for(client, page_path), **data})
