"""Status links: signed, expiring, revocable tokens made with itsdangerous.

A token carries only the record's random `public_id`. It is signed with a salt that includes the
record's `token_nonce`, so giving the record a new nonce revokes every link issued before. Each
purpose (request status, consent status) has its own salt: a consent link never opens a request.
"""

from __future__ import annotations

import secrets
from enum import Enum

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

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


def verify(purpose: str, token: str, nonce: str) -> str | TokenProblem:
    """The public_id if the token is genuine, current and unexpired; otherwise the problem."""
    max_age = current_app.config["STATUS_TOKEN_MAX_AGE_DAYS"] * 24 * 3600
    try:
        return _serializer(purpose, nonce).loads(token, max_age=max_age)
    except SignatureExpired:
        return TokenProblem.EXPIRED
    except BadSignature:
        return TokenProblem.INVALID
