"""Reading the audit trail (audit.py writes it), newest first, with the coordinator's filters,
in words a person reads: status keys as their Swedish labels, samråd by date and time.

Reading it is not itself audited: a GET never writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..audit import AuditObject
from ..clock import local_day_start
from ..db import get_session
from ..models import AuditEvent, Meeting
from ..presentation import local_datetime
from ..vocabulary import STATUSES, SUBMITTER

_STATUS_KEYS = re.compile(r"\b(" + "|".join(key for key, _ in STATUSES) + r")\b")
_MEETING_IN_DETAIL = re.compile(r"samråd (\d+)$")


@dataclass
class AuditRow:
    event: AuditEvent
    actor: str
    thing: str  # the object: "förfrågan F-…", "samråd 25 november 2026 kl. 09.00"
    detail: str


@dataclass
class AuditFilter:
    event_type: str | None = None
    actor: str | None = None
    day_from: date | None = None
    day_to: date | None = None  # inclusive, Swedish date


def search(filters: AuditFilter) -> list[AuditRow]:
    """The newest AUDIT_LOG_LIMIT events that match, readable."""
    query = select(AuditEvent)
    if filters.event_type:
        query = query.where(AuditEvent.event_type == filters.event_type)
    if filters.actor:
        query = query.where(AuditEvent.actor == filters.actor.strip().casefold())
    if filters.day_from:
        query = query.where(AuditEvent.created_at >= local_day_start(filters.day_from))
    if filters.day_to:
        end: datetime = local_day_start(filters.day_to) + timedelta(days=1)
        query = query.where(AuditEvent.created_at < end)
    limit = current_app.config["AUDIT_LOG_LIMIT"]
    events = list(get_session().scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))
    return readable(events)


def readable(events: list[AuditEvent]) -> list[AuditRow]:
    """Each event as the log page shows it."""
    ids = {
        int(e.object_ref)
        for e in events
        if e.object_type == AuditObject.MEETING and _is_id(e.object_ref)
    }
    ids |= {int(m.group(1)) for e in events if (m := _MEETING_IN_DETAIL.search(e.detail or ""))}
    when = {
        meeting.id: local_datetime(meeting.starts_at)
        for meeting in get_session().scalars(select(Meeting).where(Meeting.id.in_(ids)))
    }
    labels = dict(STATUSES)

    def meeting(match_id: str) -> str:
        return when.get(int(match_id), match_id)

    rows = []
    for event in events:
        thing = " ".join(filter(None, [event.object_type, event.object_ref]))
        if event.object_type == AuditObject.MEETING and _is_id(event.object_ref):
            thing = f"samråd {meeting(event.object_ref)}"
        detail = _STATUS_KEYS.sub(lambda m: labels[m.group(1)].lower(), event.detail or "")
        detail = _MEETING_IN_DETAIL.sub(lambda m: f"samråd {meeting(m.group(1))}", detail)
        actor = "inlämnaren" if event.actor == SUBMITTER else (event.actor or "–")
        rows.append(AuditRow(event, actor, thing, detail))
    return rows


def _is_id(value: str | None) -> bool:
    return bool(value) and value.isdigit() and len(value) < 12
