"""The coordinator's queue: requests with filters, acute first and then oldest first.

Pages are keyset pages, not OFFSET pages: a page is "the rows after (or before) this request" in
the order (is_acute desc, created_at, id), so a deep page costs what the first page costs. The
order is read as two index ranges, the acute requests and then the others, each in
(created_at, id) order from the index `ix_samrad_request_queue_order` (is_acute, created_at, id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, tuple_

from ..clock import local_day_start
from ..db import get_session
from ..models import SamradRequest
from ..vocabulary import OPEN_STATUSES

_ROW = (
    SamradRequest.id,
    SamradRequest.reference,
    SamradRequest.created_at,
    SamradRequest.kind,
    SamradRequest.is_acute,
    SamradRequest.basis,
    SamradRequest.municipality,
    SamradRequest.status,
)


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
    rows: list  # light rows: id, reference, created_at, kind, is_acute, basis, municipality, status
    total: int  # requests matching the filter
    counts: dict[str, int]  # requests per status, over the whole queue
    pages: int  # how many pages the filter gives
    next_after: int | None  # the cursor for the next page (the last row's id), if there is one
    previous_before: int | None  # the cursor for the previous page (the first row's id)


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


def _range(conditions, acute: bool, bound, forward: bool, limit: int) -> list:
    """Up to `limit` rows of one part (acute or not) after (forward) or before `bound`."""
    position = tuple_(SamradRequest.created_at, SamradRequest.id)
    query = select(*_ROW).where(*conditions, SamradRequest.is_acute == acute)
    if bound is not None:
        query = query.where(position > bound if forward else position < bound)
    if forward:
        query = query.order_by(SamradRequest.created_at.asc(), SamradRequest.id.asc())
    else:
        query = query.order_by(SamradRequest.created_at.desc(), SamradRequest.id.desc())
    return list(get_session().execute(query.limit(limit)).all())


def _cursor(request_id: int | None):
    """(is_acute, (created_at, id)) of the request a page starts after or ends before."""
    if request_id is None:
        return None
    found = (
        get_session()
        .execute(
            select(SamradRequest.is_acute, SamradRequest.created_at).where(
                SamradRequest.id == request_id
            )
        )
        .first()
    )
    return None if found is None else (found.is_acute, (found.created_at, request_id))


def _forward(conditions, cursor, size: int) -> tuple[list, bool]:
    rows = []
    acute, bound = cursor if cursor else (True, None)
    if acute:
        rows += _range(conditions, True, bound, True, size + 1)
        bound = None
    if len(rows) <= size:
        rows += _range(conditions, False, bound, True, size + 1 - len(rows))
    return rows[:size], len(rows) > size


def _backward(conditions, cursor, size: int) -> tuple[list, bool]:
    rows = []
    acute, bound = cursor
    if not acute:
        rows += _range(conditions, False, bound, False, size + 1)
        bound = None
    if len(rows) <= size:
        rows += _range(conditions, True, bound, False, size + 1 - len(rows))
    return list(reversed(rows[:size])), len(rows) > size


def list_requests(
    filters: QueueFilter, after: int | None = None, before: int | None = None
) -> QueuePage:
    """One page of the queue: the first, or the one after request `after`, or the one before
    request `before` (ids from a previous page's cursors; an unknown id gives the first page)."""
    size = current_app.config["QUEUE_PAGE_SIZE"]
    conditions = _conditions(filters)
    session = get_session()
    backward_from = _cursor(before) if after is None else None
    if backward_from is not None:
        rows, has_previous = _backward(conditions, backward_from, size)
        has_next = True
    else:
        forward_from = _cursor(after)
        rows, has_next = _forward(conditions, forward_from, size)
        has_previous = forward_from is not None
    counts = dict(
        session.execute(
            select(SamradRequest.status, func.count()).group_by(SamradRequest.status)
        ).all()
    )
    if len(conditions) == 1:  # only the status filter: the counts already hold the total
        total = sum(counts.get(status, 0) for status in set(filters.statuses or OPEN_STATUSES))
    else:
        total = session.scalar(select(func.count()).select_from(SamradRequest).where(*conditions))
    return QueuePage(
        rows=rows,
        total=total,
        counts=counts,
        pages=max(1, -(-total // size)),
        next_after=rows[-1].id if rows and has_next else None,
        previous_before=rows[0].id if rows and has_previous else None,
    )
