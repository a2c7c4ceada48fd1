"""Status links: signed, expiring, revocable tokens made with itsdangerous.

A token carries only the record's random `public_id`. It is signed with a salt that includes the
record's `token_nonce`, so giving the record a new nonce revokes every link issued before. Each
purpose (request status, consent status) has its own salt: a consent link never opens a request.

A link works for STATUS_TOKEN_MAX_AGE_DAYS after it was issued, or until `lives_until` if that is
later: a consent record's link must work as long as the consent does, so that a withdrawal can
always be registered.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import Enum

from flask import current_app
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from . import clock

PURPOSES = {"request": "norrsken-request-status", "consent": "norrsken-consent-status"}


class TokenProblem(Enum):
    INVALID = "invalid"  # tampered, for another purpose, or revoked
    EXPIRED = "expired"
    GONE = "gone"  # the record no longer exists


def new_nonce() -> str:
    return secrets.token_hex(16)


class _ClockSigner(TimestampSigner):
    """Timestamps from the service's one clock, like every other expiry (clock.py)."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _serializer(purpose: str, nonce: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=f"{PURPOSES[purpose]}:{nonce}", signer=_ClockSigner
    )


def make_token(purpose: str, public_id: str, nonce: str) -> str:
    return _serializer(purpose, nonce).dumps(public_id)


def peek_public_id(token: str) -> str | None:
    """The id a token claims to carry, before its signature is checked (to find the nonce)."""
    if len(token) > 200:
        return None
    try:
        _valid, payload = URLSafeTimedSerializer("unused").loads_unsafe(token)
    except Exception:  # any malformed token is simply not a token
        return None
    return payload if isinstance(payload, str) and len(payload) <= 64 else None


def verify(
    purpose: str, token: str, nonce: str, lives_until: datetime | None = None
) -> str | TokenProblem:
    """The public_id if the token is genuine, current and unexpired; otherwise the problem."""
    try:
        public_id, issued = _serializer(purpose, nonce).loads(token, return_timestamp=True)
    except BadSignature:
        return TokenProblem.INVALID
    expires = issued + timedelta(days=current_app.config["STATUS_TOKEN_MAX_AGE_DAYS"])
    if lives_until is not None:
        expires = max(expires, lives_until)
    if clock.now() > expires:
        return TokenProblem.EXPIRED
    return public_id
