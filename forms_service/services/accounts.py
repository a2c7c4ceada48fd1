"""Coordinator accounts: login in two steps, enrolment, password change, sessions, the CLI's
account commands. Built from the primitives in auth.py; each function commits once
(services/__init__.py). The cookie itself is the view's business: these functions take and return
the session token and never touch Flask's session.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from .. import audit, auth, clock, login_throttle, notify
from ..audit import AuditObject, AuditType
from ..db import get_session
from ..models import Coordinator, CoordinatorSession
from . import FieldError, NotFound

CODE_REFUSED = "Koden stämmer inte. Kontrollera att appen visar en aktuell kod."
CODE_USED = (
    "Den koden har redan använts för en inloggning. Vänta tills appen visar nästa kod (det tar "
    "högst 30 sekunder) och skriv in den."
)


def _account_event(event_type: str, account: Coordinator, detail: str | None = None) -> None:
    audit.record(
        event_type,
        actor=account.username,
        object_type=AuditObject.ACCOUNT,
        object_ref=account.username,
        detail=detail,
    )


# --- Login ---------------------------------------------------------------------------------------


def _login_failed(account: Coordinator | None, detail: str) -> None:
    if account is None:
        audit.record(AuditType.LOGIN_FAILED, actor=None, detail=detail)
    else:
        _account_event(AuditType.LOGIN_FAILED, account, detail=detail)


def check_password(username: str, password: str, client: str) -> str | None:
    """The first login step: a half-finished login's token when the password is right and the
    account is enrolled; otherwise None, audited. The password hash always runs, also for an
    unknown username and for a client that must wait (login_throttle.py), so the three look
    the same in message and in time. `client` is the client's rate-limit key."""
    found = login_throttle.keys(username, client)
    account = auth.find_account(username)
    must_wait = login_throttle.must_wait(found)
    matches = auth.password_matches(account, password)
    result = None
    if must_wait:
        _login_failed(account, "för tätt försök")
    elif matches and account.is_enrolled:
        result = auth.start_pending_login(account)
    else:
        login_throttle.record_failure(found)
        _login_failed(account, "okänt konto" if account is None else "fel lösenord")
    get_session().commit()
    return result


def pending_login(token: str | None) -> bool:
    """True when this cookie token belongs to a half-finished login that may take its code."""
    return auth.find_pending_login(token) is not None


def check_code(pending_token: str | None, code: str | None, client: str) -> str | None:
    """The second login step: a new session token when the one-time code is right, and the
    half-finished login ends; otherwise None, audited. Wrong codes count toward the backoff and
    toward LOGIN_CODE_FAILURE_CAP (security review L3): the coordinator is alerted by e-mail at
    LOGIN_CODE_ALERT_AFTER, and at the cap the code step closes until the account is reset.
    A right code whose time step was just used raises FieldError("code", CODE_USED), uncounted:
    the coordinator only has to wait for the next code."""
    pending = auth.find_pending_login(pending_token)
    if pending is None:
        return None
    account = pending.coordinator
    found = login_throttle.keys(account.username, client)
    config = current_app.config
    token, alert = None, None
    if account.code_failures >= config["LOGIN_CODE_FAILURE_CAP"]:
        _login_failed(account, "för många felaktiga koder")
    elif login_throttle.must_wait(found):
        _login_failed(account, "för tätt försök")
    elif auth.code_already_used(account, code or ""):
        raise FieldError("code", CODE_USED)
    elif not auth.verify_code(account, code or ""):
        login_throttle.record_failure(found)
        account.code_failures = Coordinator.code_failures + 1
        _login_failed(account, "fel kod")
        get_session().flush()
        if account.code_failures in (
            config["LOGIN_CODE_ALERT_AFTER"],
            config["LOGIN_CODE_FAILURE_CAP"],
        ):
            alert = account.code_failures
    else:
        _account_event(AuditType.LOGIN_OK, account)
        get_session().delete(pending)
        login_throttle.record_success(found)
        token = auth.start_session(account)
    get_session().commit()
    if alert:
        notify.notify_code_failures(
            account.username, alert, closed=alert >= config["LOGIN_CODE_FAILURE_CAP"]
        )
    return token


def code_step_closed(account: Coordinator) -> bool:
    return account.code_failures >= current_app.config["LOGIN_CODE_FAILURE_CAP"]


# Activity is recorded at most this often, so reading pages does not write on every request.
# The idle timeout counts from the last recorded activity, so it can end a session up to this much
# early, never late.
ACTIVITY_RESOLUTION = timedelta(minutes=1)


def current_session(token: str | None) -> CoordinatorSession | None:
    """The live session for this cookie token, or None when there is none or it has expired.

    Expiry is decided from the stored times alone, so an expired session needs no write to stay
    expired. A live session's `last_seen_at` is moved forward at most once a minute; that is the
    only write, and it is committed on its own."""
    live = auth.find_session(token)
    if live is None or live.ended_at is not None:
        return None
    now = clock.now()
    idle = timedelta(minutes=current_app.config["COORDINATOR_IDLE_MINUTES"])
    lifetime = timedelta(hours=current_app.config["COORDINATOR_SESSION_HOURS"])
    if now - live.last_seen_at > idle or now - live.created_at > lifetime:
        return None
    if now - live.last_seen_at >= ACTIVITY_RESOLUTION:
        live.last_seen_at = now
        get_session().commit()
    return live


def logout(token: str | None, actor: str) -> None:
    audit.record(AuditType.LOGOUT, actor=actor, object_type=AuditObject.ACCOUNT, object_ref=actor)
    live = auth.find_session(token)
    if live is not None:
        live.ended_at = clock.now()
    get_session().commit()


# --- Enrolment and password change ---------------------------------------------------------------


def enrolment_account(token: str) -> Coordinator:
    account = auth.account_for_enrolment(token)
    if account is None:
        raise NotFound("enrolment")
    return account


def enrol(token: str, password: str, code: str) -> Coordinator:
    """Set the password and connect the authenticator app to the secret issued with the link;
    the link then stops working."""
    account = enrolment_account(token)
    problem = auth.password_problem(password, account.username)
    if problem:
        raise FieldError("new_password", problem)
    if not auth.verify_code(account, code):
        raise FieldError("code", CODE_REFUSED)
    account.password_hash = auth.hash_password(password)
    account.password_changed_at = clock.now()
    account.enrolment_token_hash = None
    account.enrolment_expires_at = None
    _account_event(AuditType.ACCOUNT_ENROLLED, account)
    get_session().commit()
    return account


def change_password(session_id: int, current: str, new: str) -> None:
    """Change the logged-in coordinator's password; every other session of theirs ends."""
    live = get_session().get(CoordinatorSession, session_id)
    me = live.coordinator
    problem = auth.password_problem(new, me.username)
    if not auth.password_matches(me, current):
        raise FieldError("current_password", "Det nuvarande lösenordet stämmer inte.")
    if problem:
        raise FieldError("new_password", problem)
    me.password_hash = auth.hash_password(new)
    me.password_changed_at = clock.now()
    auth.end_other_sessions(me, keep=live)
    auth.end_pending_logins(me)
    _account_event(AuditType.PASSWORD_CHANGED, me)
    get_session().commit()


# --- The command line ----------------------------------------------------------------------------


def create_account(username: str) -> str:
    """A new account (username already checked); returns its one-time enrolment token."""
    session = get_session()
    if session.scalar(select(Coordinator).where(Coordinator.username == username)):
        raise FieldError("username", f"Kontot {username} finns redan. Använd 'reset'.")
    account = Coordinator(username=username)
    session.add(account)
    token = auth.issue_enrolment(account)
    audit.record(
        AuditType.ACCOUNT_CREATED, actor=None, object_type=AuditObject.ACCOUNT, object_ref=username
    )
    session.commit()
    return token


def reset_account(username: str) -> tuple[str, str]:
    """Lost phone or password: clear both, end every session; (username, new enrolment token)."""
    account = auth.find_account(username)
    if account is None:
        raise NotFound(username)
    account.password_hash = None
    account.totp_secret = None
    account.last_totp_step = 0
    account.code_failures = 0
    auth.end_other_sessions(account, keep=None)
    auth.end_pending_logins(account)
    token = auth.issue_enrolment(account)
    audit.record(
        AuditType.ACCOUNT_RESET,
        actor=None,
        object_type=AuditObject.ACCOUNT,
        object_ref=account.username,
    )
    get_session().commit()
    return account.username, token


def list_accounts() -> list[Coordinator]:
    return list(get_session().scalars(select(Coordinator).order_by(Coordinator.username)))
