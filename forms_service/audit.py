"""The audit trail: every coordinator action, with who, what, when and which object.

Event types are a fixed set and `detail` is a short code or label chosen by the program, never
text a person typed: no case text, password, code or token can reach the audit table.
"""

from __future__ import annotations

from .db import get_session
from .models import AuditEvent

EVENT_TYPES: dict[str, str] = {
    "login_ok": "Inloggning",
    "login_failed": "Misslyckad inloggning",
    "login_locked": "Konto låst",
    "logout": "Utloggning",
    "account_created": "Konto skapat",
    "account_enrolled": "Konto aktiverat",
    "account_reset": "Konto återställt",
    "password_changed": "Lösenord bytt",
    "request_viewed": "Förfrågan visad",
    "status_changed": "Status ändrad",
    "note_added": "Anteckning tillagd",
    "message_sent": "Meddelande skickat",
    "meeting_changed": "Samråd ändrat",
    "export": "Export",
    "deletion": "Gallring",
    "audit_viewed": "Logg visad",
}


def record(
    event_type: str,
    actor: str | None,
    object_type: str | None = None,
    object_ref: str | None = None,
    detail: str | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown audit event type {event_type!r}")
    event = AuditEvent(
        event_type=event_type,
        actor=actor,
        object_type=object_type,
        object_ref=object_ref,
        detail=(detail or None) and detail[:80],
    )
    get_session().add(event)
    return event
