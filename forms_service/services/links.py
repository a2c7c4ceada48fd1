"""The coordinator's work on status links: revoke them, or send a new one to the submitter.

A status link is the submitter's only way into a request or consent record. When it is lost,
expired or has leaked, the coordinator revokes every link of the record (security review M6) and
can send a new one to the work e-mail address stored with the record (issue 13 item 4), so that
the submitter can answer a komplettering, follow the request or register a withdrawal. Both are
audited; neither writes the link anywhere but into the e-mail.
"""

from __future__ import annotations

from sqlalchemy import select

from .. import audit, notify
from ..db import get_session
from ..models import ConsentRecord, SamradRequest
from . import FieldError, NotFound
from .submissions import (
    CONSENT_PREFIX,
    REQUEST_PREFIX,
    normalise_reference,
    object_type,
    rotate_link,
    status_url,
)

NO_MAIL = (
    "E-post är inte påslagen i tjänsten (SMTP_HOST), så ingen länk kan skickas. Spärra länken och "
    "be systemförvaltaren slå på e-post."
)


def find_record(reference: str):
    """The request (F-…) or consent record (S-…) with this reference."""
    for model, prefix in ((SamradRequest, REQUEST_PREFIX), (ConsentRecord, CONSENT_PREFIX)):
        if (reference or "").strip().upper().startswith(prefix):
            normalised = normalise_reference(reference, prefix)
            record = normalised and get_session().scalar(
                select(model).where(model.reference == normalised)
            )
            if record:
                return record
    raise NotFound(reference)


def revoke_links(reference: str, actor: str):
    """Every status link of the record stops working at once (they answer like unknown links)."""
    record = find_record(reference)
    rotate_link(record)
    _audit(audit.AuditType.LINK_REVOKED, record, actor, "av samordnaren")
    get_session().commit()
    return record


def send_new_link(reference: str, actor: str):
    """Revoke the old links and e-mail a new one to the submitter's stored work address. Refused
    (nothing changes) when e-mail is off, the address is gone (gallrad) or sending fails."""
    record = find_record(reference)
    if not notify.mail_enabled():
        raise FieldError("link", NO_MAIL)
    if record.purged_at is not None or not record.submitter_email:
        raise FieldError(
            "link", "Uppgifterna är gallrade, så det finns ingen adress att skicka till."
        )
    rotate_link(record)
    what = object_type(record).value  # "förfrågan" or "samtycke", as the e-mail says it
    message = notify.status_link_message(
        record.reference, record.submitter_email, status_url(record), what
    )
    if not notify.send(message):
        get_session().rollback()
        raise FieldError("link", "E-postmeddelandet kunde inte skickas. Försök igen om en stund.")
    _audit(audit.AuditType.LINK_SENT, record, actor, "till e-post i tjänsten")
    get_session().commit()
    return record


def _audit(event_type: audit.AuditType, record, actor: str, detail: str) -> None:
    audit.record(
        event_type,
        actor=actor,
        object_type=object_type(record),
        object_ref=record.reference,
        detail=detail,
    )
