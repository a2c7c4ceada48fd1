"""Expiry of links: status links and enrolment links that have outlived their time.

A status link is signed with its record's `token_nonce` and carries the time it was issued;
`tokens.verify` refuses it after STATUS_TOKEN_MAX_AGE_DAYS. That check depends on today's
configuration: raising the setting later would bring old links back to life. This job makes the
expiry a fact of the data instead. A record whose current link was issued more than
STATUS_TOKEN_MAX_AGE_DAYS ago (with the record, or when the coordinator sent a new one:
`link_issued_at`) gets a new nonce marked as expired, so every link issued before stays dead
whatever the setting says later; the link page then says the link has ended. A consent record's
link lives at least as long as the consent (submissions.link_lives_until), so it is only expired
once the consent's last day is over too.

An enrolment link is stored only as a hash with an expiry time. Once expired, the hash and the
time are removed, so the database no longer holds anything that matches the link; the account
waits for `flask coordinator reset`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from ..clock import STOCKHOLM
from ..db import get_session
from ..models import ConsentRecord, Coordinator, SamradRequest

# Ordinary nonces are hexadecimal (tokens.new_nonce), so an "x" can only mean "expired here".
EXPIRED_NONCE_PREFIX = "x"


def expired_nonce() -> str:
    return EXPIRED_NONCE_PREFIX + secrets.token_hex(15) + "0"


def is_expired_nonce(nonce: str) -> bool:
    return nonce.startswith(EXPIRED_NONCE_PREFIX)


@dataclass
class ExpiryResult:
    status_links: int = 0
    enrolment_links: int = 0


def expire_links(now: datetime) -> ExpiryResult:
    """End every status link older than its lifetime and every expired enrolment link."""
    session = get_session()
    result = ExpiryResult()
    cutoff = now - timedelta(days=current_app.config["STATUS_TOKEN_MAX_AGE_DAYS"])
    for model in (SamradRequest, ConsentRecord):
        conditions = [
            func.coalesce(model.link_issued_at, model.created_at) < cutoff,
            model.token_nonce.not_like(f"{EXPIRED_NONCE_PREFIX}%"),
        ]
        if model is ConsentRecord:  # not before the consent's last day is over
            conditions.append(ConsentRecord.valid_until < now.astimezone(STOCKHOLM).date())
        due = session.scalars(select(model.id).where(*conditions)).all()
        # Keep `updated_at` as it was: a new nonce is housekeeping, not a change to the case.
        unchanged = {"updated_at": model.updated_at} if hasattr(model, "updated_at") else {}
        for record_id in due:  # one random nonce each: no two records share a signing salt
            session.execute(
                update(model)
                .where(model.id == record_id)
                .values(token_nonce=expired_nonce(), **unchanged)
            )
        result.status_links += len(due)
    ended = session.execute(
        update(Coordinator)
        .where(Coordinator.enrolment_expires_at < now)
        .values(enrolment_token_hash=None, enrolment_expires_at=None)
    )
    result.enrolment_links = ended.rowcount or 0
    session.commit()
    return result
