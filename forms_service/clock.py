"""The service's one clock. Everything that depends on the time of day calls `clock.now()`, so
tests can move time (idle timeouts, token expiry, retention) without waiting."""

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
