"""Retention (gallring): case text is deleted when it is no longer needed; statistics remain.

What is deleted: the free text of requests (case description, question, acute reason, other
actors), coordinator notes and messages, meeting notes and places, the professional's contact
details, the submission key's hash, and a consent record's scope text and case reference: every
column marked `info=PURGE` in models.py, so a new encrypted column cannot be forgotten here.
What remains: the anonymous fields statistics need (month, municipality, kind, basis, forms of
violence, outcome, days to samråd).

Periods (configuration): requests that are finished, declined or withdrawn lose their text
RETENTION_REQUEST_DAYS after they ended; consent records RETENTION_CONSENT_DAYS after they
expired or were withdrawn; meeting notes RETENTION_REQUEST_DAYS after the meeting; audit events
after RETENTION_AUDIT_DAYS (a longer period of their own).

Run daily by the jobs timer (`flask --app forms_service jobs purge`, jobs.py), never inside a
web request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from .. import audit, clock, db, login_throttle
from ..audit import AuditType
from ..db import get_session
from ..models import (
    AuditEvent,
    ConsentRecord,
    Meeting,
    RequestEvent,
    SamradRequest,
)
from ..vocabulary import FINISHED_STATUSES
from . import unsent


def purged_columns(model) -> dict[str, None]:
    """{column: None} for every column of `model` marked `info=PURGE` in models.py."""
    return {column.name: None for column in model.__table__.columns if column.info.get("purge")}


@dataclass
class PurgeResult:
    requests: int = 0
    consents: int = 0
    meetings: int = 0
    audit_events: int = 0
    saved_forms: int = 0


def purge(now: datetime | None = None) -> PurgeResult:
    """Delete what has outlived its period. Safe to run any number of times; commits once."""
    now = now or clock.now()
    config = current_app.config
    request_cutoff = now - timedelta(days=config["RETENTION_REQUEST_DAYS"])
    result = PurgeResult(
        requests=_purge_requests(request_cutoff, now),
        consents=_purge_consents(now - timedelta(days=config["RETENTION_CONSENT_DAYS"]), now),
        meetings=_purge_meeting_notes(request_cutoff),
        audit_events=_purge_audit(now - timedelta(days=config["RETENTION_AUDIT_DAYS"])),
        saved_forms=unsent.purge(now),
    )
    login_throttle.forget_old(now)
    if result.requests or result.consents or result.meetings or result.audit_events:
        audit.record(
            AuditType.DELETION,
            actor=None,
            detail=(
                f"förfrågningar {result.requests}, samtycken {result.consents}, "
                f"samråd {result.meetings}, loggposter {result.audit_events}"
            ),
        )
    get_session().commit()
    db.truncate_write_ahead_log(current_app.extensions["engine"])
    return result


def _any_text(model, columns: dict):
    return or_(*(getattr(model, name).is_not(None) for name in columns))


def _purge_requests(cutoff: datetime, now: datetime) -> int:
    """Finished requests lose their text, and so do their notes and messages."""
    session = get_session()
    due = list(
        session.scalars(
            select(SamradRequest.id).where(
                SamradRequest.status.in_(FINISHED_STATUSES),
                SamradRequest.ended_at <= cutoff,
                SamradRequest.purged_at.is_(None),
            )
        )
    )
    if due:
        session.execute(
            update(SamradRequest)
            .where(SamradRequest.id.in_(due))
            .values(**purged_columns(SamradRequest), purged_at=now)
        )
    # Everything that reached a purged request afterwards goes too (security review L4): the
    # service refuses new notes on a purged request, but a purge must not depend on that.
    request_columns = purged_columns(SamradRequest)
    session.execute(
        update(SamradRequest)
        .where(SamradRequest.purged_at.is_not(None), _any_text(SamradRequest, request_columns))
        .values(**request_columns)
    )
    event_columns = purged_columns(RequestEvent)
    purged = select(SamradRequest.id).where(SamradRequest.purged_at.is_not(None))
    session.execute(
        update(RequestEvent)
        .where(RequestEvent.request_id.in_(purged), _any_text(RequestEvent, event_columns))
        .values(**event_columns)
    )
    return len(due)


def _purge_consents(cutoff: datetime, now: datetime) -> int:
    """Withdrawn or expired consent records lose their text."""
    purged = get_session().execute(
        update(ConsentRecord)
        .where(
            ConsentRecord.purged_at.is_(None),
            or_(
                ConsentRecord.withdrawn_at <= cutoff,
                ConsentRecord.valid_until < cutoff.date(),
            ),
        )
        .values(**purged_columns(ConsentRecord), purged_at=now)
    )
    consent_columns = purged_columns(ConsentRecord)
    get_session().execute(
        update(ConsentRecord)
        .where(ConsentRecord.purged_at.is_not(None), _any_text(ConsentRecord, consent_columns))
        .values(**consent_columns)
    )
    return purged.rowcount or 0


def _purge_meeting_notes(cutoff: datetime) -> int:
    columns = purged_columns(Meeting)
    still_held = or_(*(getattr(Meeting, name).is_not(None) for name in columns))
    purged = get_session().execute(
        update(Meeting).where(still_held, Meeting.starts_at <= cutoff).values(**columns)
    )
    return purged.rowcount or 0


def _purge_audit(cutoff: datetime) -> int:
    deleted = get_session().execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff))
    return deleted.rowcount or 0
