"""Scheduled jobs: the work no web request does, run by a systemd timer or by hand.

    flask --app forms_service jobs purge          # retention (gallring), retention.py
    flask --app forms_service jobs meetings       # create the coming weekly samråd
    flask --app forms_service jobs expire-links   # end outdated status and enrolment links
    flask --app forms_service jobs run-due        # every job whose period has passed (the timer)
    flask --app forms_service jobs status         # when each job last ran

(The commands are in cli.py; this module runs the jobs.)

A job runs under a lock held by the database system, so two app servers (or a timer and an
administrator) never run the same job at the same time: a PostgreSQL advisory lock, or with
SQLite an exclusive file lock beside the database file (SQLite serves one host only). A run that
finds the lock taken does nothing and says so; `run-due` also re-checks, under the lock, that the
job is still due, so a job runs once per period however many servers have the timer. When each
job last ran is kept in the `maintenance` table, which every server shares.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from flask import current_app
from sqlalchemy import text
from sqlalchemy.engine import Engine

from .. import clock
from ..db import get_session
from ..models import Maintenance
from . import expiry, meetings, retention

logger = logging.getLogger(__name__)

# A timer that fires a little early still finds a daily job due.
DUE_TOLERANCE = timedelta(minutes=10)


class Outcome(Enum):
    RAN = "ran"
    BUSY = "busy"  # another process holds the job's lock
    NOT_DUE = "not_due"


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    work: Callable[[datetime], str]  # does the work, returns a one-line Swedish summary
    help: str


def _purge(now: datetime) -> str:
    result = retention.purge(now)
    return (
        f"Gallrat: {result.requests} förfrågningar, {result.consents} samtycken, "
        f"{result.meetings} samrådsanteckningar, {result.audit_events} loggposter."
    )


def _meetings(_now: datetime) -> str:
    # The same function as the meetings page's "Skapa kommande samråd" button.
    created = meetings.create_weekly_meetings(weeks_ahead=6)
    return f"Nya ordinarie samråd: {created}."


def _expire_links(now: datetime) -> str:
    result = expiry.expire_links(now)
    return (
        f"Avslutade länkar: {result.status_links} statuslänkar, "
        f"{result.enrolment_links} aktiveringslänkar."
    )


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job("purge", timedelta(days=1), _purge, "Gallra det som har passerat sin bevarandetid."),
        Job("meetings", timedelta(days=1), _meetings, "Skapa de kommande veckosamråden."),
        Job(
            "expire-links",
            timedelta(days=1),
            _expire_links,
            "Avsluta statuslänkar och aktiveringslänkar som har passerat sin tid.",
        ),
    )
}


# --- The lock -----------------------------------------------------------------------------


def _advisory_key(name: str) -> int:
    digest = hashlib.sha256(f"norrsken-job:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def job_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Hold the job's lock for the block; yields False (at once) if someone else holds it."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            key = _advisory_key(name)
            acquired = connection.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
            connection.commit()  # a session-level lock: no transaction is left open
            try:
                yield bool(acquired)
            finally:
                if acquired:
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    connection.commit()
        return
    if engine.dialect.name != "sqlite":
        raise RuntimeError(f"no job lock for {engine.dialect.name}")
    database = engine.url.database
    folder = Path(database).parent if database and database != ":memory:" else Path(".")
    lock_path = folder / f"{Path(database or 'memory').name}.{name}.lock"
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Running -------------------------------------------------------------------------------


def last_run(name: str) -> datetime | None:
    row = get_session().get(Maintenance, name)
    return row.last_run_at if row else None


def is_due(job: Job, now: datetime) -> bool:
    previous = last_run(job.name)
    return previous is None or previous + job.every <= now + DUE_TOLERANCE


def _record_run(name: str, now: datetime) -> None:
    session = get_session()
    row = session.get(Maintenance, name)
    if row is None:
        session.add(Maintenance(name=name, last_run_at=now))
    else:
        row.last_run_at = now
    session.commit()


def run(name: str, only_if_due: bool = False) -> tuple[Outcome, str]:
    """Run one job under its lock; (outcome, Swedish summary)."""
    job = JOBS[name]
    with job_lock(current_app.extensions["engine"], name) as acquired:
        if not acquired:
            return Outcome.BUSY, f"{name}: körs redan av en annan process; hoppar över."
        session = get_session()
        session.expire_all()  # read what another server may have written before we got the lock
        now = clock.now()
        if only_if_due and not is_due(job, now):
            return Outcome.NOT_DUE, f"{name}: inte dags än."
        try:
            summary = job.work(now)
        except Exception:
            session.rollback()
            raise
        _record_run(name, now)
    logger.info("Job %s ran: %s", name, summary)  # counts only, never case text
    return Outcome.RAN, f"{name}: {summary}"
