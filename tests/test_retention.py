"""Retention derives what it deletes from the models: every encrypted column is either marked
for the purge or kept with a stated reason, and the purge empties every marked column."""

from __future__ import annotations

import pytest
from coordhelpers import start_clock
from formhelpers import make_request, submit_consent, valid_consent
from sqlalchemy import select

from forms_service import workflow
from forms_service.db import get_session
from forms_service.encryption import EncryptedText
from forms_service.models import (
    Base,
    ConsentRecord,
    Meeting,
    RequestEvent,
    SamradRequest,
)
from forms_service.services import retention, submissions
from forms_service.vocabulary import EventKind, Status


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


def test_every_encrypted_column_is_purged_or_kept_with_a_reason():
    unaccounted, kept = [], {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, EncryptedText):
                continue
            name = f"{table.name}.{column.name}"
            if column.info.get("keep"):
                kept[name] = column.info["keep"]
                assert not column.info.get("purge"), f"{name} is both purged and kept"
            elif not column.info.get("purge"):
                unaccounted.append(name)
    assert not unaccounted, f"say whether retention purges these: {unaccounted}"
    assert set(kept) == {
        "coordinator.totp_secret",
        "annual_commentary.text",
        "saved_form.data",  # deleted whole after 12 hours (services/unsent.py)
    }, kept
    assert all(len(reason) > 20 for reason in kept.values()), "a reason, not a word"


def test_the_purge_empties_every_column_marked_for_it(app, clock):
    reference = make_request(
        app,
        kind="akut",
        acute_reason="Hot i kväll.",
        other_actors="Kvinnojouren",
        submitter_organisation="annan",
        submitter_organisation_other="Stödcentrum",
    )
    submit_consent(
        app.test_client(),
        valid_consent(original_kept_by="annan", original_kept_by_other="Vården", other_parties="X"),
    )
    with app.app_context():
        session = get_session()
        request = session.scalar(select(SamradRequest).where(SamradRequest.reference == reference))
        for kind in (EventKind.NOTE, EventKind.MESSAGE):
            session.add(RequestEvent(request=request, kind=kind, actor="t", text="Text."))
        workflow.change_status(request, Status.DECLINED, actor="t", comment="Ej målgrupp.")
        session.add(Meeting(starts_at=clock.current, place="Östersund", notes="Anteckning."))
        session.commit()
        submissions.withdraw_consent(session.scalar(select(ConsentRecord)))
        for model in (SamradRequest, ConsentRecord, RequestEvent, Meeting):
            columns = retention.purged_columns(model)
            assert columns, model
            for row in session.scalars(select(model)):
                assert any(getattr(row, name) for name in columns), (model, "filled")

    clock.advance(days=400)
    with app.app_context():
        retention.purge()
        session = get_session()
        for model in (SamradRequest, ConsentRecord, RequestEvent, Meeting):
            for row in session.scalars(select(model)):
                for name in retention.purged_columns(model):
                    assert getattr(row, name) is None, f"{model.__tablename__}.{name}"
