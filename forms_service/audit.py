"""The audit trail: every change a coordinator makes and every export, with who, what, when and
which object. Reading is not audited (NO_LONGER_RECORDED explains why).

Event types are a fixed set and `detail` is a short code or label chosen by the program, never
text a person typed: no case text, password, code or token can reach the audit table.
"""

from __future__ import annotations

from enum import StrEnum

from .db import get_session
from .models import AuditEvent
from .vocabulary import Term


class AuditType(Term):
    LOGIN_OK = "login_ok", "Inloggning"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOGIN_LOCKED = "login_locked", "Konto låst"
    LOGOUT = "logout", "Utloggning"
    ACCOUNT_CREATED = "account_created", "Konto skapat"
    ACCOUNT_ENROLLED = "account_enrolled", "Konto aktiverat"
    ACCOUNT_RESET = "account_reset", "Konto återställt"
    PASSWORD_CHANGED = "password_changed", "Lösenord bytt"
    REQUEST_VIEWED = "request_viewed", "Förfrågan visad"  # no longer recorded, see below
    STATUS_CHANGED = "status_changed", "Status ändrad"
    NOTE_ADDED = "note_added", "Anteckning tillagd"
    MESSAGE_SENT = "message_sent", "Meddelande skickat"
    MEETING_CHANGED = "meeting_changed", "Samråd ändrat"
    LINK_REVOKED = "link_revoked", "Statuslänk spärrad"
    LINK_SENT = "link_sent", "Ny statuslänk skickad"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Samtycke återkallat"
    EXPORT = "export", "Export"
    DELETION = "deletion", "Gallring"
    AUDIT_VIEWED = "audit_viewed", "Logg visad"  # no longer recorded, see below


class AuditObject(StrEnum):
    """What kind of object an event is about (stored in Swedish, shown as it is)."""

    REQUEST = "förfrågan"
    CONSENT = "samtycke"
    MEETING = "samråd"
    ACCOUNT = "konto"
    STATISTICS = "statistik"
    ANNUAL_REPORT = "årsrapport"


EVENT_TYPES: dict[str, str] = dict(AuditType.choices())

# Reading is not audited any more (a GET never writes, and every coordinator may read every
# request); these types stay above only so that older events keep their label in the log.
# Exports that take case text or figures out of the service (agenda print, CSV) are POSTs and
# are still audited as EXPORT.
NO_LONGER_RECORDED = frozenset({AuditType.REQUEST_VIEWED, AuditType.AUDIT_VIEWED})


def record(
    event_type: AuditType,
    actor: str | None,
    object_type: AuditObject | None = None,
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
