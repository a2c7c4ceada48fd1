"""Everything a coordinator types is case text (security review M3, issue 11 item 4): guarded,
encrypted at rest, purged, and the submitter's status page shows only what is meant for them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from coordhelpers import login, post_form, upcoming_meeting_id
from formhelpers import make_request, send_request, status_link, valid_request
from sqlalchemy import select, text

from forms_service.db import get_session
from forms_service.models import AnnualCommentary, Meeting, RequestEvent, SamradRequest

IDENTIFYING = "Hos Karin Johansson, Storgatan 12, tel 070-123 45 67, 850312-2387"


def _acute(coordinator, place: str, day: str = "2026-11-24"):
    return post_form(
        coordinator,
        "/samordnare/moten",
        "/samordnare/moten",
        {"day": day, "start_time": "16:30", "place": place},
    )


def _rows(app, model):
    with app.app_context():
        return list(get_session().scalars(select(model)))


def test_m3_acute_meeting_place_goes_through_the_guard(app, coordinator):
    response = _acute(coordinator, IDENTIFYING)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<mark>850312-2387</mark>" in page and "<mark>070-123 45 67</mark>" in page
    assert IDENTIFYING in page, "what was typed is kept"
    assert not [m for m in _rows(app, Meeting) if m.is_acute]


def test_m3_meeting_place_is_encrypted_in_the_database(app, coordinator):
    assert _acute(coordinator, "Östersund, polishuset, konferensrummet").status_code == 303
    with app.extensions["engine"].connect() as connection:
        stored = connection.execute(text("SELECT place FROM meeting WHERE is_acute")).scalar_one()
    assert stored.startswith("gAAAA") and "polishuset" not in stored
    assert [m.place for m in _rows(app, Meeting) if m.is_acute] == [
        "Östersund, polishuset, konferensrummet"
    ]


def test_m3_meeting_place_is_purged_like_meeting_notes(app, coordinator, account, clock):
    from forms_service.services import retention

    assert _acute(coordinator, "Östersund, polishuset, konferensrummet").status_code == 303
    clock.advance(days=200)
    with app.app_context():
        retention.purge()
    meetings = _rows(app, Meeting)
    assert meetings and all(m.place is None for m in meetings if m.starts_at < clock.current)
    acute = next(m for m in meetings if m.is_acute)
    again = app.test_client()
    login(again, account, clock)  # the first session has long expired
    page = again.get(f"/samordnare/moten/{acute.id}").get_data(as_text=True)
    assert "Plats gallrad" in page


def _meeting_notes(coordinator, value):
    meeting_id = upcoming_meeting_id(coordinator)
    path = f"/samordnare/moten/{meeting_id}"
    return post_form(coordinator, path, f"{path}/anteckningar", {"notes-text": value})


def _request_text(kind):
    def post(coordinator, value, reference):
        path = f"/samordnare/forfragan/{reference}"
        if kind == "status":
            post_form(coordinator, path, f"{path}/status", {"status": "under_bedomning"})
            data = {"status": "komplettering", "comment": value}
            return post_form(coordinator, path, f"{path}/status", data)
        if kind == "message":  # a message to the submitter without a status change
            return post_form(coordinator, path, f"{path}/status", {"comment": value})
        return post_form(coordinator, path, f"{path}/anteckning", {"note-text": value})

    return post


def _commentary(coordinator, value):
    path = "/samordnare/statistik/arsrapport?ar=2026"
    return post_form(coordinator, path, path, {"kommentar-text": value})


COORDINATOR_TEXT = {
    "status comment": (_request_text("status"), RequestEvent),
    "note": (_request_text("note"), RequestEvent),
    "message": (_request_text("message"), RequestEvent),
    "meeting notes": (lambda c, v, _r: _meeting_notes(c, v), Meeting),
    "annual commentary": (lambda c, v, _r: _commentary(c, v), AnnualCommentary),
    "acute meeting place": (lambda c, v, _r: _acute(c, v), Meeting),
}


@pytest.mark.parametrize("field", sorted(COORDINATOR_TEXT))
def test_m3_every_coordinator_text_field_refuses_identifiers(app, coordinator, field):
    post, model = COORDINATOR_TEXT[field]
    reference = make_request(app)
    response = post(coordinator, IDENTIFYING, reference)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<mark>850312-2387</mark>" in page
    stored = [
        str(getattr(row, column, None))
        for row in _rows(app, model)
        for column in ("text", "notes", "place")
    ]
    assert "850312-2387" not in " ".join(stored)


def test_m3_status_page_shows_the_submitter_only_what_is_meant_for_them(app, coordinator):
    submitter = app.test_client()
    page = send_request(submitter, valid_request()).get_data(as_text=True)
    with app.app_context():
        reference = get_session().scalar(select(SamradRequest.reference))
    path = f"/samordnare/forfragan/{reference}"
    assert _acute(coordinator, "Östersund, polishuset, konferensrummet").status_code == 303
    acute_id = next(m.id for m in _rows(app, Meeting) if m.is_acute)
    post_form(coordinator, path, f"{path}/anteckning", {"note-text": "Intern bedömning av risk."})
    post_form(coordinator, path, f"{path}/status", {"status": "under_bedomning"})
    post_form(coordinator, path, f"{path}/status", {"comment": "Vi hörs på mötet."})
    invited = {"meeting": str(acute_id), "invited_parties": ["polisen", "krokom"]}
    assert post_form(coordinator, path, f"{path}/planera", invited).status_code == 303

    status = submitter.get(status_link(page)).get_data(as_text=True)
    assert "24 november 2026 kl. 16.30, Östersund, polishuset, konferensrummet" in status
    assert "Vi hörs på mötet." in status
    for internal in ("Intern bedömning", "samordnare1", "Polisen", "Under bedömning"):
        assert internal not in status, internal


def test_m3_a_purged_request_shows_no_leftover_text_to_the_coordinator(app, coordinator, clock):
    from forms_service.services import retention

    reference = make_request(app)
    path = f"/samordnare/forfragan/{reference}"
    post_form(coordinator, path, f"{path}/status", {"comment": "Hej, vi återkommer."})
    post_form(coordinator, path, f"{path}/status", {"status": "avbojd"})
    with app.app_context():
        row = get_session().scalar(select(SamradRequest))
        row.status, row.ended_at = "avbojd", clock.current - timedelta(days=200)
        get_session().commit()
        retention.purge()
    assert all(event.text is None for event in _rows(app, RequestEvent))


def test_m3_upgrade_encrypts_the_places_of_existing_meetings(tmp_path):
    from cryptography.fernet import Fernet
    from sqlalchemy import create_engine

    from forms_service import db
    from forms_service.encryption import build_fernet

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    db.upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO meeting (starts_at, place, remote_options, is_acute, created_at) "
                "VALUES ('2026-01-01 10:00:00', 'Polishuset', 'telefon', 1, '2026-01-01')"
            )
        )
    with pytest.raises(RuntimeError, match="db upgrade"):
        db.upgrade(engine)
    fernet = build_fernet(Fernet.generate_key().decode())
    db.upgrade(engine, fernet=fernet)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT place FROM meeting")).scalar_one()
    assert fernet.decrypt(stored.encode()).decode() == "Polishuset"
