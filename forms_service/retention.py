"""Retention (gallring): case text is deleted when it is no longer needed; statistics remain.

What is deleted: the free text of requests (case description, question, acute reason, other
actors), coordinator notes and messages, meeting notes, the professional's contact details, and
a consent record's scope text and case reference. What remains: the anonymous fields statistics
need (month, municipality, kind, basis, forms of violence, outcome, days to samråd).

Periods (configuration): requests that are finished, declined or withdrawn lose their text
RETENTION_REQUEST_DAYS after they ended; consent records RETENTION_CONSENT_DAYS after they
expired or were withdrawn; meeting notes RETENTION_REQUEST_DAYS after the meeting; audit events
after RETENTION_AUDIT_DAYS (a longer period of their own).

Run with `flask --app forms_service purge`; the running service also runs it at least daily
(`run_if_due`), coordinated through the database so that one worker does it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import delete, or_, select, update

from . import audit, clock
from .db import get_session
from .models import (
    AuditEvent,
    ConsentRecord,
    Maintenance,
    Meeting,
    RequestEvent,
    SamradRequest,
)
from .vocabulary import FINISHED_STATUSES

logger = logging.getLogger(__name__)

REQUEST_TEXT = {
    "acute_reason": None,
    "case_description": None,
    "question": None,
    "other_actors": None,
    "submitter_name": None,
    "submitter_organisation_other": None,
    "submitter_unit": None,
    "submitter_phone": None,
    "submitter_email": None,
}
CONSENT_TEXT = {
    "other_parties": None,
    "original_kept_by_other": None,
    "original_case_reference": None,
    "submitter_name": None,
    "submitter_organisation_other": None,
    "submitter_unit": None,
    "submitter_phone": None,
    "submitter_email": None,
}


@dataclass
class PurgeResult:
    requests: int = 0
    consents: int = 0
    meetings: int = 0
    audit_events: int = 0


def purge(now: datetime | None = None) -> PurgeResult:
    """Delete what has outlived its period. Safe to run any number of times."""
    now = now or clock.now()
    config = current_app.config
    session = get_session()
    result = PurgeResult()

    request_cutoff = now - timedelta(days=config["RETENTION_REQUEST_DAYS"])
    due_requests = list(
        session.scalars(
            select(SamradRequest.id).where(
                SamradRequest.status.in_(FINISHED_STATUSES),
                SamradRequest.ended_at <= request_cutoff,
                SamradRequest.purged_at.is_(None),
            )
        )
    )
    if due_requests:
        session.execute(
            update(SamradRequest)
            .where(SamradRequest.id.in_(due_requests))
            .values(**REQUEST_TEXT, purged_at=now)
        )
        session.execute(
            update(RequestEvent).where(RequestEvent.request_id.in_(due_requests)).values(text=None)
        )
        result.requests = len(due_requests)

    consent_cutoff = now - timedelta(days=config["RETENTION_CONSENT_DAYS"])
    expired_before = consent_cutoff.date()
    due_consents = session.execute(
        update(ConsentRecord)
        .where(
            ConsentRecord.purged_at.is_(None),
            or_(
                ConsentRecord.withdrawn_at <= consent_cutoff,
                ConsentRecord.valid_until < expired_before,
            ),
        )
        .values(**CONSENT_TEXT, purged_at=now)
    )
    result.consents = due_consents.rowcount or 0

    due_meetings = session.execute(
        update(Meeting)
        .where(Meeting.notes.is_not(None), Meeting.starts_at <= request_cutoff)
        .values(notes=None)
    )
    result.meetings = due_meetings.rowcount or 0

    audit_cutoff = now - timedelta(days=config["RETENTION_AUDIT_DAYS"])
    deleted = session.execute(delete(AuditEvent).where(AuditEvent.created_at < audit_cutoff))
    result.audit_events = deleted.rowcount or 0

    if result.requests or result.consents or result.meetings or result.audit_events:
        audit.record(
            "deletion",
            actor=None,
            detail=(
                f"förfrågningar {result.requests}, samtycken {result.consents}, "
                f"samråd {result.meetings}, loggposter {result.audit_events}"
            ),
        )
    session.commit()
    return result


def run_if_due(interval: timedelta = timedelta(hours=24)) -> bool:
    """Run the purge if no worker has run it within `interval`. The conditional UPDATE makes
    exactly one worker win when several check at the same moment."""
    session = get_session()
    now = clock.now()
    if session.get(Maintenance, "purge") is None:
        session.add(Maintenance(name="purge", last_run_at=None))
        session.commit()
    claimed = session.execute(
        update(Maintenance)
        .where(
            Maintenance.name == "purge",
            or_(Maintenance.last_run_at.is_(None), Maintenance.last_run_at <= now - interval),
        )
        .values(last_run_at=now)
    )
    session.commit()
    if claimed.rowcount != 1:
        return False
    result = purge(now)
    logger.info(
        "Retention purge: %d requests, %d consents, %d meetings, %d audit events",
        result.requests,
        result.consents,
        result.meetings,
        result.audit_events,
    )
    return True


def init_app(app: Flask) -> None:
    """Check at most every ten minutes per process whether the daily purge is due."""
    state = {"checked": None}

    @app.before_request
    def _purge_when_due():
        if app.config.get("TESTING"):
            return
        now = clock.now()
        if state["checked"] and now - state["checked"] < timedelta(minutes=10):
            return
        state["checked"] = now
        try:
            run_if_due()
        except Exception as exc:  # never let housekeeping break a user's request
            get_session().rollback()
            logger.error("Retention purge failed: %s", type(exc).__name__)
