"""The audit trail: every change a coordinator makes and every export, with who, what, when and
which object. Reading is not audited (NO_LONGER_RECORDED explains why).

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
    "request_viewed": "Förfrågan visad",  # no longer recorded: see NO_LONGER_RECORDED
    "status_changed": "Status ändrad",
    "note_added": "Anteckning tillagd",
    "message_sent": "Meddelande skickat",
    "meeting_changed": "Samråd ändrat",
    "export": "Export",
    "deletion": "Gallring",
    "audit_viewed": "Logg visad",
}

# Reading is not audited any more (a GET never writes, and every coordinator may read every
# request); these types stay above only so that older events keep their label in the log.
# Exports that take case text or figures out of the service (agenda print, CSV) are POSTs and
# are still audited as "export".
NO_LONGER_RECORDED = frozenset({"request_viewed", "audit_viewed"})


def record(
    event_type: str,
    actor: str | None,
    object_type: str | None = None,
    object_ref: str | None = None,
    detail: str | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits)."""
    if event_type not in EVENT_TYPES or event_type in NO_LONGER_RECORDED:
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
