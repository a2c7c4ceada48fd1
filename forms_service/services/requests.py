"""The coordinator's work on one request: reading it, changing its status, notes and messages.

Every change is kept as a request event and written to the audit trail (without case text), and
committed once at the end of the function (services/__init__.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import audit, workflow
from ..audit import AuditObject, AuditType
from ..db import get_session
from ..models import Meeting, RequestEvent, SamradRequest
from ..vocabulary import EventKind, Status
from . import FieldError, meetings
from .submissions import find_request


@dataclass
class RequestPage:
    """What the request page shows besides the request itself."""

    record: SamradRequest
    upcoming: list[Meeting]
    consent_warnings: list[str]
    status_choices: list[str]
    can_plan: bool


def request_page(reference: str) -> RequestPage:
    """Everything the request page shows. Reading writes nothing (not even "viewed")."""
    record = find_request(reference)
    return RequestPage(
        record=record,
        upcoming=meetings.upcoming_meetings(),
        consent_warnings=meetings.consent_warnings(record),
        status_choices=workflow.manual_choices(record.status),
        can_plan=workflow.allowed(record.status, Status.PLANNED),
    )


PURGED = "Förfrågan är gallrad. Inget nytt kan läggas till i den."


def change_status(
    reference: str,
    to_status: str | None,
    actor: str,
    comment: str | None = None,
    decline_reason: str | None = None,
) -> SamradRequest:
    """Change the status and/or write to the submitter: the one place for a message to the
    submitter. `to_status` None keeps the status; a non-empty `comment` is always a message shown
    on the submitter's status page (for "behöver komplettering" and "avböjd" it is required by
    the form: what is needed, or why the request was declined)."""
    record = find_request(reference)
    if record.purged_at is not None:  # text added now would outlive the purge (review L4)
        raise FieldError("comment" if (comment or "").strip() else "status", PURGED)
    previous = record.status
    if to_status:
        try:
            workflow.change_status(record, to_status, actor=actor)
        except workflow.TransitionRefused:
            raise FieldError(
                "status", "Den statusändringen är inte tillåten från nuvarande status."
            ) from None
        if to_status == Status.DECLINED:
            record.decline_reason = decline_reason
        _audit(record, actor, AuditType.STATUS_CHANGED, f"{previous} → {to_status}")
    if comment and comment.strip():
        get_session().add(
            RequestEvent(request=record, kind=EventKind.MESSAGE, actor=actor, text=comment)
        )
        _audit(record, actor, AuditType.MESSAGE_SENT)
    get_session().commit()
    return record


def add_note(reference: str, text: str, actor: str) -> SamradRequest:
    """An internal note, seen only by coordinators."""
    return _add_event(reference, EventKind.NOTE, text, actor, AuditType.NOTE_ADDED)


def _add_event(reference: str, kind: str, text: str, actor: str, audit_type: str):
    record = find_request(reference)
    if record.purged_at is not None:  # text added now would outlive the purge (review L4)
        raise FieldError("text", PURGED)
    get_session().add(RequestEvent(request=record, kind=kind, actor=actor, text=text))
    _audit(record, actor, audit_type)
    get_session().commit()
    return record


def _audit(record: SamradRequest, actor: str, event_type: str, detail: str | None = None) -> None:
    audit.record(
        event_type,
        actor=actor,
        object_type=AuditObject.REQUEST,
        object_ref=record.reference,
        detail=detail,
    )
