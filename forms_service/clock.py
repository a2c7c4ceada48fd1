"""The service's one clock. What the service itself decides by the time (idle timeouts, status-link
age, consent validity, meetings, retention, jobs) calls `clock.now()`, so tests can move time
without waiting. Libraries keep wall time: CSRF token expiry (Flask-WTF) and the rate limiter."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date in Sweden (what "valid until" and "expired" mean to users)."""
    return now().astimezone(STOCKHOLM).date()


def local_day_start(day: date) -> datetime:
    """The moment a Swedish calendar day begins (for filters by date)."""
    return datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM)
