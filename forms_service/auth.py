"""Coordinator accounts: passwords, one-time codes, lockout and server-side sessions.

* Passwords are hashed with Argon2id (argon2-cffi); a minimum length and a list of common
  passwords are enforced when one is chosen.
* Every login also needs a TOTP code (pyotp). A code's time step is remembered with a
  compare-and-set UPDATE, so a code that has been used once is refused even while it is still
  current, and even when it is sent to two workers at the same moment.
* Failed attempts slow the guessing client down (login_throttle.py); no account is ever locked
  by someone who does not know its password. Every failure gives the same message after the
  same password hash, known account or not.
* The half-finished login between the two steps is a server-side row (`start_pending_login`).
* A session lives in the database (the cookie holds only a random id), so logout ends it for
  good, a password change ends all other sessions, and the idle timeout and absolute lifetime
  are checked on the server on every request.

These are the building blocks; services/accounts.py puts them together into login, enrolment and
sessions. Nothing here commits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import cache
from importlib import resources
from urllib.parse import urlparse

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from sqlalchemy import delete, select, update

from . import clock
from .db import get_session
from .models import Coordinator, CoordinatorSession, PendingLogin

PASSWORD_MIN_LENGTH = 12
LOGIN_CODE_MINUTES = 5  # the time allowed between the password step and the code step
TOTP_ISSUER = "Operation Norrsken"
GENERIC_LOGIN_ERROR = (
    "Inloggningen misslyckades. Kontrollera användarnamn, lösenord och kod. Efter flera "
    "misslyckade försök behöver du vänta en stund mellan försöken."
)

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified when the account does not exist, so that a wrong username costs the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- Passwords --------------------------------------------------------------------------------


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("forms_service").joinpath("data", "common_passwords.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, username: str) -> str | None:
    """A Swedish explanation of why a new password is not allowed, or None."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Lösenordet måste ha minst {PASSWORD_MIN_LENGTH} tecken."
    folded = password.casefold()
    if folded.rstrip("0123456789!?.") in _common_passwords() or folded in _common_passwords():
        return "Lösenordet är för vanligt. Välj ett annat, gärna en mening av flera ord."
    if username and username.casefold() in folded:
        return "Lösenordet får inte innehålla användarnamnet."
    if len(set(password)) < 5:
        return "Lösenordet har för få olika tecken."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(account: Coordinator | None, password: str) -> bool:
    stored = account.password_hash if account and account.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return account is not None and account.password_hash is not None


# --- One-time codes ---------------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(account: Coordinator, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account.username, issuer_name=TOTP_ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG, drawn on our own server. It has a viewBox and no
    fixed size, so CSS can scale it whole (quiet zone included) instead of clipping it."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, omitsize=True, light="#fff", title="QR-kod för inloggningsappen"
    )


def verify_code(account: Coordinator, code: str) -> bool:
    """True for a current code that has not been used before; remembers its time step."""
    secret = account.totp_secret
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not secret or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now = clock.now()
    for drift in (0, -1, 1):  # accept the previous and next 30-second step for clock skew
        moment = now + timedelta(seconds=30 * drift)
        step = totp.timecode(moment)
        if step <= account.last_totp_step:
            continue
        if hmac.compare_digest(totp.at(moment), code):
            return _claim_step(account, step)
    return False


def code_already_used(account: Coordinator, code: str) -> bool:
    """True when `code` is right but its time step was already used for a login: the
    coordinator logged in moments ago and only needs to wait for the app's next code."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not account.totp_secret or len(code) != 6:
        return False
    totp = pyotp.TOTP(account.totp_secret)
    for drift in (0, -1, 1):
        moment = clock.now() + timedelta(seconds=30 * drift)
        if totp.timecode(moment) <= account.last_totp_step and hmac.compare_digest(
            totp.at(moment), code
        ):
            return True
    return False


def _claim_step(account: Coordinator, step: int) -> bool:
    """Remember `step` as used, if no one else has used it or a later one meanwhile: a
    compare-and-set UPDATE, so two requests racing with one code get one session (review L1).
    On PostgreSQL the second UPDATE waits for the first and then matches no row; on SQLite the
    write lock orders them the same way."""
    claimed = get_session().execute(
        update(Coordinator)
        .where(Coordinator.id == account.id, Coordinator.last_totp_step < step)
        .values(last_totp_step=step)
        .execution_options(synchronize_session="fetch")
    )
    return claimed.rowcount == 1


# --- Accounts ---------------------------------------------------------------------------------


def find_account(username: str) -> Coordinator | None:
    username = (username or "").strip().casefold()
    if not username or len(username) > 40:
        return None
    return get_session().scalar(select(Coordinator).where(Coordinator.username == username))


# --- Enrolment ---------------------------------------------------------------------------------


def issue_enrolment(account: Coordinator) -> str:
    """A new one-time enrolment token (only its hash is stored) and a new TOTP secret, made and
    kept here: the enrolment page shows it, and the client can never choose it (review L8)."""
    token = secrets.token_urlsafe(32)
    account.enrolment_token_hash = _digest(token)
    account.totp_secret = new_totp_secret()
    account.last_totp_step = 0
    hours = current_app.config["ENROLMENT_HOURS"]
    account.enrolment_expires_at = clock.now() + timedelta(hours=hours)
    return token


def account_for_enrolment(token: str) -> Coordinator | None:
    if not token or len(token) > 100:
        return None
    account = get_session().scalar(
        select(Coordinator).where(Coordinator.enrolment_token_hash == _digest(token))
    )
    if account is None or account.enrolment_expires_at is None or not account.totp_secret:
        return None
    if account.enrolment_expires_at < clock.now():
        return None
    return account


# --- Sessions ---------------------------------------------------------------------------------

SESSION_KEY = "coordinator_session"
PENDING_KEY = "pending_login"


def start_session(account: Coordinator) -> str:
    """A fresh server-side session after password and code; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    get_session().add(CoordinatorSession(token_hash=_digest(token), coordinator=account))
    account.code_failures = 0
    return token


def find_session(token: str | None) -> CoordinatorSession | None:
    if not token:
        return None
    return get_session().scalar(
        select(CoordinatorSession).where(CoordinatorSession.token_hash == _digest(token))
    )


# --- Half-finished logins (password step passed, code step not yet) -----------------------------
# Kept on the server, not in the cookie (security review L2): the cookie holds a random token, and
# the row ends when the login completes, when the password changes and after LOGIN_CODE_MINUTES.


def start_pending_login(account: Coordinator) -> str:
    """A half-finished login for `account`; returns the token for the cookie. Expired ones of
    every account are cleared on the way."""
    session = get_session()
    oldest = clock.now() - timedelta(minutes=LOGIN_CODE_MINUTES)
    session.execute(delete(PendingLogin).where(PendingLogin.created_at < oldest))
    token = secrets.token_urlsafe(32)
    session.add(PendingLogin(token_hash=_digest(token), coordinator=account))
    return token


def find_pending_login(token: str | None) -> PendingLogin | None:
    """The half-finished login for this cookie token, if it is recent enough for the code step."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    oldest = clock.now() - timedelta(minutes=LOGIN_CODE_MINUTES)
    return get_session().scalar(
        select(PendingLogin).where(
            PendingLogin.token_hash == _digest(token), PendingLogin.created_at >= oldest
        )
    )


def end_pending_logins(account: Coordinator) -> None:
    get_session().execute(delete(PendingLogin).where(PendingLogin.coordinator_id == account.id))


def end_other_sessions(account: Coordinator, keep: CoordinatorSession | None) -> None:
    query = update(CoordinatorSession).where(
        CoordinatorSession.coordinator_id == account.id, CoordinatorSession.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(CoordinatorSession.id != keep.id)
    get_session().execute(query.values(ended_at=clock.now()))


def safe_next(target: str | None) -> str | None:
    """Only our own coordinator pages are allowed as `next`: never another host."""
    if not target or len(target) > 300 or "\\" in target:
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None  # CR/LF would break the Location header after the login (review L7)
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not parsed.path.startswith("/samordnare/"):
        return None
    if target.startswith("//"):
        return None
    return target
