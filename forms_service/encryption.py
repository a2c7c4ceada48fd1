"""Encryption at rest for free text and contact details.

Case text, notes, messages and the professional's contact details are stored encrypted with Fernet
(AES-128-CBC + HMAC-SHA256), so a copied database file or backup reveals none of it. Keys come from
`DATA_ENCRYPTION_KEYS` (comma-separated, newest first): MultiFernet decrypts with any listed key and
encrypts with the first, so a key is rotated by putting a new key first and running
`flask --app forms_service rotate-keys` before the old key is removed.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet
from flask import Flask, current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator


def build_fernet(keys: str) -> MultiFernet:
    parts = [key.strip() for key in keys.split(",") if key.strip()]
    if not parts:
        raise ValueError("DATA_ENCRYPTION_KEYS holds no key")
    return MultiFernet([Fernet(key.encode("ascii")) for key in parts])


def init_app(app: Flask) -> None:
    app.extensions["fernet"] = build_fernet(app.config["DATA_ENCRYPTION_KEYS"])


def _fernet() -> MultiFernet:
    return current_app.extensions["fernet"]


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token; reads and writes plain `str`."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return _fernet().encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return _fernet().decrypt(value.encode("ascii")).decode("utf-8")


def rotate(token: str) -> str:
    """Re-encrypt one stored token with the newest key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")
