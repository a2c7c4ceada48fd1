"""Template filters: how times and values are shown to users.

Times are stored in UTC and always shown in Swedish local time (Europe/Stockholm).
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from . import vocabulary
from .clock import STOCKHOLM

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def local_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(STOCKHOLM)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} kl. {local:%H.%M}"


def local_date(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(STOCKHOLM).date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def grouped(value: str | None, size: int = 4) -> str:
    """`JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: a long key is easier to type in groups."""
    value = value or ""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


def init_app(app: Flask) -> None:
    app.add_template_filter(grouped)
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    # Every template names the fixed vocabulary as `v` (v.Status.NEW, v.label(v.KINDS, …)).
    app.jinja_env.globals["v"] = vocabulary
