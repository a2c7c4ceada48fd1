"""A GET never writes (house rule; security review I3; code review section 1).

Every GET route of the application is opened with real ids and tokens, as a logged-in coordinator
and as a submitter with status links, and every row of every table must be exactly as before.
"""

from __future__ import annotations

import re

import pytest
from coordhelpers import create_account, csrf_for, enrol, login, start_clock
from formhelpers import make_request, reference_in, status_link, submit_consent, valid_consent
from sqlalchemy import select

from forms_service.db import get_session
from forms_service.models import AgendaItem, Base


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


def _snapshot(app) -> dict[str, list]:
    """Every row of every table, as stored (encrypted columns as their stored tokens)."""
    with app.app_context():
        connection = get_session().connection()
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).all()
            ]
            for table in Base.metadata.sorted_tables
        }


def _seed(app, coordinator, clock) -> dict[str, str]:
    """One of everything a GET page can show: a planned request with a note, a meeting with an
    agenda, a consent record, a commentary."""
    submitter = app.test_client()
    consent_page = submit_consent(submitter, valid_consent()).get_data(as_text=True)
    reference = make_request(app)
    path = f"/samordnare/forfragan/{reference}"
    coordinator.post(
        f"{path}/status",
        data={"csrf_token": csrf_for(coordinator, path), "status": "under_bedomning"},
    )
    coordinator.post(
        f"{path}/anteckning",
        data={"csrf_token": csrf_for(coordinator, path), "note-text": "Avvakta polisen."},
    )
    coordinator.post(
        "/samordnare/moten/skapa-kommande",
        data={"csrf_token": csrf_for(coordinator, "/samordnare/moten")},
    )
    page = coordinator.get("/samordnare/moten").get_data(as_text=True)
    meeting_id = re.search(r'href="/samordnare/moten/(\d+)"', page).group(1)
    coordinator.post(
        f"{path}/planera",
        data={
            "csrf_token": csrf_for(coordinator, path),
            "meeting": meeting_id,
            "invited_parties": ["polisen", "krokom"],
        },
    )
    with app.app_context():
        assert get_session().scalar(select(AgendaItem.id)) is not None, "the request is planned"
    annual = "/samordnare/statistik/arsrapport?ar=2026"
    coordinator.post(
        annual, data={"csrf_token": csrf_for(coordinator, annual), "kommentar-text": "Ett år."}
    )
    return {
        "reference": reference,
        "meeting_id": meeting_id,
        "consent_link": status_link(consent_page),
        "consent_reference": reference_in(consent_page),
    }


def _get_paths(app, values: dict[str, str]) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        path = rule.rule
        path = path.replace("<int:meeting_id>", values["meeting_id"])
        path = path.replace("<reference>", values["reference"])
        path = path.replace("<consent_reference>", values["consent_reference"])
        path = re.sub(r"<path:[^>]+>", "samradet/", path)  # a page of the knowledge site
        if "<" in path:  # token routes are walked with real tokens below
            continue
        paths.append(path)
    return paths


def test_no_get_route_changes_any_row(app, clock):
    account = enrol(app, app.test_client(), clock)
    coordinator = app.test_client()
    login(coordinator, account, clock)
    values = _seed(app, coordinator, clock)

    submitter = app.test_client()
    page = submitter.post(
        "/formular/samrad/skicka",
        data={**_valid_request_for_send(), "csrf_token": csrf_for(submitter, "/formular/samrad")},
    ).get_data(as_text=True)
    request_link = status_link(page)
    enrolment_link = create_account(app, "ny.samordnare")
    halfway = app.test_client()  # a login between its password and its code step (review L2)
    halfway.post(
        "/samordnare/logga-in",
        data={
            "csrf_token": csrf_for(halfway, "/samordnare/logga-in"),
            "username": account.username,
            "password": account.password,
        },
    )

    # The session's activity is recorded at most once a minute (tested on its own in
    # test_coordinator.py). Record it now, then walk within that minute, the clock moving half a
    # second per page as a coordinator clicking through would.
    clock.advance(seconds=61)
    coordinator.get("/samordnare/")
    before = _snapshot(app)
    walk_started = clock.current
    paths = _get_paths(app, values)
    assert {"/samordnare/", "/samordnare/logg", "/formular/samrad"} <= set(paths)
    assert f"/samordnare/forfragan/{values['reference']}" in paths
    for path in paths:
        clock.advance(seconds=0.5)
        # The coordinator really sees every page (only the code step, with no login pending,
        # sends a logged-in coordinator elsewhere); the submitter sees the public ones.
        shown = coordinator.get(path)
        assert shown.status_code == 200 or path == "/samordnare/kod", (path, shown.status_code)
        assert submitter.get(path).status_code in (200, 303), path
        assert coordinator.head(path).status_code in (200, 303), path  # HEAD is a GET too
    for link in (request_link, values["consent_link"], enrolment_link):
        assert submitter.get(link).status_code == 200, link
    assert halfway.get("/samordnare/kod").status_code == 200, "the code page, login pending"
    assert (clock.current - walk_started).total_seconds() < 60
    assert _snapshot(app) == before


def _valid_request_for_send() -> dict:
    from formhelpers import valid_request

    return {**valid_request(submission_key="d" * 32), "declaration": "y"}
