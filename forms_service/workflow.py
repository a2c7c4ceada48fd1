"""The status workflow of a request.

ny → under bedömning → behöver komplettering / planerad (to a meeting) → genomförd → avslutad;
or avböjd with a reason; återkallad comes only from the submitter. A held case can be planned
again for a follow-up samråd. Anything else is refused.

`change_status` is the one way a status changes: it checks the transition and keeps the change as
an event. A request that is declined or withdrawn also leaves the agenda of every samråd not yet
held (audited), so its text is never printed for a meeting it will not be discussed at. Like
every domain helper it never commits (services/ does).
"""

from __future__ import annotations

from . import audit
from .db import get_session
from .models import RequestEvent, SamradRequest, utcnow
from .vocabulary import FINISHED_STATUSES, WITHDRAWABLE_STATUSES, EventKind, Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.ASSESSING, Status.DECLINED}),
    Status.ASSESSING: frozenset({Status.NEEDS_INFO, Status.PLANNED, Status.DECLINED}),
    Status.NEEDS_INFO: frozenset({Status.ASSESSING, Status.PLANNED, Status.DECLINED}),
    Status.PLANNED: frozenset({Status.HELD, Status.ASSESSING, Status.DECLINED}),
    Status.HELD: frozenset({Status.CLOSED, Status.PLANNED}),
    Status.CLOSED: frozenset(),
    Status.DECLINED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# A request in one of these statuses is taken off every agenda of a samråd not yet held.
LEAVES_AGENDA = frozenset({Status.DECLINED, Status.WITHDRAWN})

# Status.PLANNED needs a meeting, so it is reached through planning, not the plain status form.
NEEDS_MEETING = frozenset({Status.PLANNED})


class TransitionRefused(ValueError):
    """The requested change is not allowed from the current status."""


def allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def manual_choices(from_status: str) -> list[str]:
    """The statuses offered in the status form for a request in `from_status`."""
    order = [Status.ASSESSING, Status.NEEDS_INFO, Status.HELD, Status.CLOSED, Status.DECLINED]
    return [s for s in order if allowed(from_status, s) and s not in NEEDS_MEETING]


def change_status(
    request: SamradRequest, to_status: str, actor: str, comment: str | None = None
) -> RequestEvent:
    """Move a request to `to_status`, keeping the change as an event (the caller commits).
    Refuses any change the workflow does not allow; the submitter may always withdraw a request
    that is not yet finished."""
    withdrawal = to_status == Status.WITHDRAWN and request.status in WITHDRAWABLE_STATUSES
    if not (allowed(request.status, to_status) or withdrawal):
        raise TransitionRefused(f"{request.status} → {to_status}")
    event = RequestEvent(
        request=request,
        kind=EventKind.STATUS,
        actor=actor,
        from_status=request.status,
        to_status=to_status,
        text=comment,
    )
    request.status = to_status
    request.ended_at = utcnow() if to_status in FINISHED_STATUSES else None
    get_session().add(event)
    if to_status in LEAVES_AGENDA:
        _leave_agendas(request, actor)
    return event


def _leave_agendas(request: SamradRequest, actor: str) -> None:
    """Take the request off the agenda of every meeting not yet held, auditing each removal."""
    for item in [item for item in request.agenda_items if item.meeting.held_at is None]:
        meeting = item.meeting
        meeting.items.remove(item)
        request.agenda_items.remove(item)
        get_session().delete(item)
        for position, each in enumerate(meeting.items):
            each.position = position
        audit.record(
            audit.AuditType.MEETING_CHANGED,
            actor=actor,
            object_type=audit.AuditObject.MEETING,
            object_ref=str(meeting.id),
            detail=f"{request.reference} borttagen ({Status(request.status).label.lower()})",
        )
