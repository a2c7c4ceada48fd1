"""Reading the audit trail (audit.py writes it), newest first, with the coordinator's filters.

Reading it is not itself audited: a GET never writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..clock import local_day_start
from ..db import get_session
from ..models import AuditEvent


@dataclass
class AuditFilter:
    event_type: str | None = None
    actor: str | None = None
    day_from: date | None = None
    day_to: date | None = None  # inclusive, Swedish date


def search(filters: AuditFilter) -> list[AuditEvent]:
    """The newest AUDIT_LOG_LIMIT events that match."""
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
    return list(get_session().scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))
