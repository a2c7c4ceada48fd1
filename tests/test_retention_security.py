"""Retention leaves nothing behind (security review L4): nothing can be added to a purged
request, whatever was added anyway is purged by the next run, and purged text does not survive
in SQLite's free pages or write-ahead log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from coordhelpers import post_form
from formhelpers import make_request
from sqlalchemy import select, text

from forms_service.db import get_session
from forms_service.models import RequestEvent, SamradRequest


def _end_and_purge(app, reference, clock) -> None:
    from forms_service.services import retention

    with app.app_context():
        row = get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )
        row.status, row.ended_at = "avbojd", clock.current - timedelta(days=200)
        get_session().commit()
        retention.purge()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("anteckning", {"note-text": "Eftergallring anteckning."}),
        ("status", {"comment": "Eftergallring meddelande."}),
    ],
)
def test_l4_nothing_can_be_added_to_a_purged_request(app, coordinator, clock, action, data):
    reference = make_request(app)
    _end_and_purge(app, reference, clock)
    path = f"/samordnare/forfragan/{reference}"
    response = post_form(coordinator, path, f"{path}/{action}", data)
    assert response.status_code == 200
    assert "gallrad" in response.get_data(as_text=True)
    with app.app_context():
        texts = [e.text for e in get_session().scalars(select(RequestEvent))]
    assert "Eftergallring" not in " ".join(t for t in texts if t)


def test_l4_text_that_reached_a_purged_request_anyway_is_purged_by_the_next_run(app, clock):
    from forms_service.services import retention

    reference = make_request(app)
    _end_and_purge(app, reference, clock)
    with app.app_context():  # as an older version, or a direct database edit, could have done
        row = get_session().scalar(select(SamradRequest))
        get_session().add(
            RequestEvent(request=row, kind="note", actor="x", text="Eftergallring anteckning.")
        )
        row.question = "Eftergallring fråga."
        get_session().commit()
        retention.purge()
    with app.app_context():
        assert [e.text for e in get_session().scalars(select(RequestEvent))] == [None]
        assert get_session().scalar(select(SamradRequest)).question is None


@pytest.fixture
def sqlite_app(make_app, tmp_path):
    """Always SQLite, also in the PostgreSQL run: these are tests of SQLite's files."""
    return make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'test.db'}")


def test_l4_sqlite_overwrites_deleted_content(sqlite_app):
    with sqlite_app.extensions["engine"].connect() as connection:
        assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_l4_purged_ciphertext_is_gone_from_the_database_file_and_the_wal(
    sqlite_app, clock, tmp_path
):
    from forms_service.services import retention

    app = sqlite_app
    reference = make_request(app)
    with app.extensions["engine"].connect() as connection:
        stored = connection.execute(text("SELECT case_description FROM samrad_request")).scalar()
    _end_and_purge(app, reference, clock)
    with app.app_context():
        retention.purge()
    files = sorted(tmp_path.glob("test.db*"))
    assert files, "the SQLite files"
    for path in files:
        assert stored.encode() not in path.read_bytes(), path.name
        assert stored[20:60].encode() not in path.read_bytes(), path.name
    wal = tmp_path / "test.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_l4_readme_tells_postgresql_operators_to_vacuum():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "VACUUM" in readme and "gallring" in readme.lower()
