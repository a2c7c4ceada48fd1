"""Slowing down password and code guessing without ever locking a coordinator out (security
review M7).

A hard lock after five failures let anyone keep a coordinator locked out for as long as they
liked, and, because the lock was checked before the password, told which usernames exist. Here
every failed login step (wrong password, unknown username, wrong code) is counted twice, under
keys that are HMACs of what was typed (RATELIMIT_KEY_SECRET, never stored as typed):

* for the pair (username, client): after LOGIN_FREE_ATTEMPTS failures that client must wait
  LOGIN_BACKOFF_SECONDS before its next try on that username, doubling with each further failure
  up to LOGIN_BACKOFF_MAX_SECONDS. The guesser slows itself down; nobody else is touched.
* for the username alone: after LOGIN_ACCOUNT_FREE_ATTEMPTS failures from anywhere, every client
  that has itself failed on that username waits as well, doubling up to
  LOGIN_ACCOUNT_CEILING_SECONDS and never more. Many guessers together slow the account down, but
  a coordinator on another network is at most asked to wait that ceiling after a typo of their
  own, and their first try is never delayed.

An attempt made while a wait is running is refused without being judged, with the same message
and after the same password hash as any other failure, and it does not count. Counts are
forgotten after LOGIN_FAILURE_MEMORY_HOURS without a failure, and a completed login clears the
pair. Nothing here commits (services/accounts.py does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import clock
from .db import get_session
from .models import LoginThrottle
from .security import limiter_hmac


@dataclass(frozen=True)
class Keys:
    pair: str
    account: str


def keys(username: str, client: str) -> Keys:
    """`client` is the client's own rate-limit key (already an HMAC of its address)."""
    name = (username or "").strip().casefold()[:100]
    return Keys(
        pair=limiter_hmac("login-pair", f"{name}\n{client}"),
        account=limiter_hmac("login-account", name),
    )


def _delay(failures: int, free: int, ceiling: int) -> timedelta:
    if failures < free:
        return timedelta(0)
    base = current_app.config["LOGIN_BACKOFF_SECONDS"]
    return timedelta(seconds=min(base * 2 ** min(failures - free, 30), ceiling))


def _failures(row: LoginThrottle | None, now: datetime) -> int:
    memory = timedelta(hours=current_app.config["LOGIN_FAILURE_MEMORY_HOURS"])
    if row is None or row.last_failure_at < now - memory:
        return 0
    return row.failures


def must_wait(found: Keys) -> bool:
    """True while this client must wait before its next try on this username."""
    config, now = current_app.config, clock.now()
    session = get_session()
    pair = session.get(LoginThrottle, found.pair)
    account = session.get(LoginThrottle, found.account)
    if _failures(pair, now) == 0:
        return False  # a client's first try is never delayed
    wait = max(
        _delay(
            _failures(pair, now), config["LOGIN_FREE_ATTEMPTS"], config["LOGIN_BACKOFF_MAX_SECONDS"]
        ),
        _delay(
            _failures(account, now),
            config["LOGIN_ACCOUNT_FREE_ATTEMPTS"],
            config["LOGIN_ACCOUNT_CEILING_SECONDS"],
        ),
    )
    return now < pair.last_failure_at + wait


def record_failure(found: Keys) -> None:
    """Count a judged failure for the pair and for the username (an atomic upsert each)."""
    now = clock.now()
    memory = timedelta(hours=current_app.config["LOGIN_FAILURE_MEMORY_HOURS"])
    session = get_session()
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    for key in (found.pair, found.account):
        statement = insert(LoginThrottle).values(key=key, failures=1, last_failure_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case(
                    (LoginThrottle.last_failure_at < now - memory, 1),
                    else_=LoginThrottle.failures + 1,
                ),
                "last_failure_at": now,
            },
        )
        session.execute(statement)


def record_success(found: Keys) -> None:
    """A completed login: this client starts afresh on this username."""
    get_session().execute(delete(LoginThrottle).where(LoginThrottle.key == found.pair))


def forget_old(now: datetime) -> int:
    """Remove counts that are no longer remembered (run by the retention purge)."""
    memory = timedelta(hours=current_app.config["LOGIN_FAILURE_MEMORY_HOURS"])
    stale = select(LoginThrottle.key).where(LoginThrottle.last_failure_at < now - memory)
    removed = get_session().execute(delete(LoginThrottle).where(LoginThrottle.key.in_(stale)))
    return removed.rowcount or 0
