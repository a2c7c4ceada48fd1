"""The coordinator's queue: requests with filters, acute first and then oldest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from ..clock import local_day_start
from ..db import get_session
from ..models import SamradRequest
from ..vocabulary import OPEN_STATUSES


@dataclass
class QueueFilter:
    statuses: list[str] = field(default_factory=list)  # empty: every open status
    kind: str | None = None
    basis: str | None = None
    municipality: str | None = None
    received_from: date | None = None
    received_to: date | None = None  # inclusive, Swedish date


@dataclass
class QueuePage:
    rows: list  # light rows: reference, created_at, kind, is_acute, basis, municipality, status …
    total: int  # requests matching the filter
    counts: dict[str, int]  # requests per status, over the whole queue
    page: int
    pages: int


def _conditions(filters: QueueFilter) -> list:
    conditions = [SamradRequest.status.in_(filters.statuses or OPEN_STATUSES)]
    if filters.kind:
        conditions.append(SamradRequest.kind == filters.kind)
    if filters.basis:
        conditions.append(SamradRequest.basis == filters.basis)
    if filters.municipality:
        conditions.append(SamradRequest.municipality == filters.municipality)
    if filters.received_from:
        conditions.append(SamradRequest.created_at >= local_day_start(filters.received_from))
    if filters.received_to:
        end: datetime = local_day_start(filters.received_to) + timedelta(days=1)
        conditions.append(SamradRequest.created_at < end)
    return conditions


def list_requests(filters: QueueFilter, page: int = 1) -> QueuePage:
    size = current_app.config["QUEUE_PAGE_SIZE"]
    conditions = _conditions(filters)
    session = get_session()
    total = session.scalar(select(func.count()).select_from(SamradRequest).where(*conditions))
    rows = session.execute(
        select(
            SamradRequest.reference,
            SamradRequest.created_at,
            SamradRequest.kind,
            SamradRequest.is_acute,
            SamradRequest.basis,
            SamradRequest.municipality,
            SamradRequest.status,
        )
        .where(*conditions)
        .order_by(SamradRequest.is_acute.desc(), SamradRequest.created_at.asc())
        .limit(size)
        .offset((page - 1) * size)
    ).all()
    counts = dict(
        session.execute(
            select(SamradRequest.status, func.count()).group_by(SamradRequest.status)
        ).all()
    )
    return QueuePage(rows, total, counts, page, max(1, -(-total // size)))
