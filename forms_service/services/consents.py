"""The coordinator's view of consent records: the list, one record, and a withdrawal that the
submitter reported by phone (issue 13 item 4). Registering a withdrawal is audited and
committed once (services/__init__.py); reading writes nothing."""

from __future__ import annotations

from sqlalchemy import select

from .. import audit, clock
from ..db import get_session
from ..models import ConsentRecord
from . import NotFound
from .submissions import CONSENT_PREFIX, normalise_reference

LIST_LIMIT = 200


def list_consents() -> list[ConsentRecord]:
    """The newest consent records first (their scope and dates, never their text)."""
    query = select(ConsentRecord).order_by(ConsentRecord.created_at.desc()).limit(LIST_LIMIT)
    return list(get_session().scalars(query))


def find_consent(reference: str) -> ConsentRecord:
    normalised = normalise_reference(reference, CONSENT_PREFIX)
    consent = normalised and get_session().scalar(
        select(ConsentRecord).where(ConsentRecord.reference == normalised)
    )
    if not consent:
        raise NotFound(reference)
    return consent


def withdraw(reference: str, actor: str) -> ConsentRecord:
    """The submitter phoned to say the person withdrew the consent: registered and audited.
    Registering it twice changes nothing."""
    consent = find_consent(reference)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = clock.now()
        audit.record(
            audit.AuditType.CONSENT_WITHDRAWN,
            actor=actor,
            object_type=audit.AuditObject.CONSENT,
            object_ref=consent.reference,
            detail="anmält till samordnaren",
        )
        get_session().commit()
    return consent
