"""Follow-up statistics for the steering group and Ledningsgruppen TMV (agreement, avsnitt 14).

Every figure is computed from fields that survive retention (municipality, kind, basis, forms of
violence, outcome, dates), so a case whose text has been purged still counts.

Small numbers are protected when figures are exported or printed (disclosure.py). This module
only computes: `build()` turns a period's facts (loaded by services/reports.py) into
tables and key figures, following the table specifications in REQUEST_TABLES.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import vocabulary as v
from .clock import STOCKHOLM
from .vocabulary import Status

MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@dataclass(frozen=True)
class Period:
    start: date  # inclusive, Swedish date
    end: date  # inclusive
    label: str

    @property
    def start_utc(self) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=STOCKHOLM)

    @property
    def end_utc(self) -> datetime:
        return self.start_utc + timedelta(days=(self.end - self.start).days + 1)

    def months(self) -> list[tuple[int, int]]:
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"år {year}")


def quarter_period(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return Period(start, end, f"kvartal {quarter} {year}")


def range_period(start: date, end: date) -> Period:
    return Period(start, end, f"{start.isoformat()} – {end.isoformat()}")


@dataclass
class Table:
    """One figure: rows of (label, count), in a fixed order."""

    key: str
    title: str
    description: str
    rows: list[tuple[str, int]]
    unit: str = "förfrågningar"
    show_total: bool = True

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)


@dataclass
class KeyFigure:
    label: str
    value: float | int | None
    unit: str = ""
    based_on: int = 0  # how many cases the value rests on (for suppression of medians)


@dataclass
class Report:
    period: Period
    tables: list[Table] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _count(values, choices) -> list[tuple[str, int]]:
    counter = Counter(values)
    return [(label, counter.get(key, 0)) for key, label in choices]


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    # Nearest-rank percentile: the smallest value with at least `fraction` of values at or below.
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class RequestFacts:
    """What the statistics need of one request: categories and dates, never case text."""

    created_at: datetime
    municipality: str
    submitter_organisation: str
    kind: str
    basis: str
    is_acute: bool
    violence_forms: list[str]
    contexts: list[str]
    children: str
    police_report: str
    risk_assessment: str
    status: str
    decline_reason: str | None
    held_at: datetime | None  # start of the first held samråd it was on, if any


@dataclass
class PeriodFacts:
    """Everything one period's report is computed from (loaded by services/reports.py)."""

    requests: list[RequestFacts]
    held_meetings: list[list[list[str]]]  # per held meeting: each case's invited parties
    consents_registered: int
    consents_withdrawn: int


@dataclass(frozen=True)
class TableSpec:
    """One table counted over the period's requests: which values each request contributes."""

    key: str
    title: str
    description: str
    values: Callable[[RequestFacts], Iterable[str | None]]
    vocabulary: list[tuple[str, str]]
    unit: str = "förfrågningar"
    show_total: bool = True


def _one(attribute: str) -> Callable[[RequestFacts], list]:
    return lambda request: [getattr(request, attribute)]


def _each(attribute: str) -> Callable[[RequestFacts], list]:
    return lambda request: getattr(request, attribute)


def _declined(request: RequestFacts) -> list:
    return [request.decline_reason] if request.status == Status.DECLINED else []


# The tables counted per request, in the order they are shown and exported.
REQUEST_TABLES: list[TableSpec] = [
    TableSpec(
        "kommun",
        "Förfrågningar per hemkommun",
        "Personens hemkommun.",
        _one("municipality"),
        v.MUNICIPALITIES,
    ),
    TableSpec(
        "part",
        "Förfrågningar per part som initierade",
        "Den organisation som skickade förfrågan.",
        _one("submitter_organisation"),
        v.ORGANISATIONS,
    ),
    TableSpec(
        "sort",
        "Sorts samråd",
        "Planerande, konsulterande, akut eller uppföljande.",
        _one("kind"),
        v.KINDS,
    ),
    TableSpec(
        "grund", "Med samtycke eller avidentifierat", "Hur ärendet drogs.", _one("basis"), v.BASES
    ),
    TableSpec(
        "vald",
        "Former av våld",
        "Ett ärende kan ha flera former av våld.",
        _each("violence_forms"),
        v.VIOLENCE_FORMS,
        unit="markeringar",
        show_total=False,
    ),
    TableSpec(
        "sammanhang",
        "Sammanhang",
        "Ett ärende kan ha flera sammanhang.",
        _each("contexts"),
        v.CONTEXTS,
        unit="markeringar",
        show_total=False,
    ),
    TableSpec(
        "barn",
        "Barn i hushållet",
        "Om det finns barn i hushållet.",
        _one("children"),
        v.YES_NO_UNKNOWN,
    ),
    TableSpec(
        "polisanmalan",
        "Polisanmälan gjord",
        "Om en polisanmälan var gjord.",
        _one("police_report"),
        v.YES_NO_UNKNOWN,
    ),
    TableSpec(
        "riskbedomning",
        "Riskbedömning gjord",
        "Om en riskbedömning var gjord.",
        _one("risk_assessment"),
        v.YES_NO,
    ),
]
DECLINED_TABLE = TableSpec(
    "avbojda",
    "Avböjda efter skäl",
    "Samordnarens skäl till att avböja.",
    _declined,
    v.DECLINE_REASONS,
)


def _table(spec: TableSpec, requests: list[RequestFacts]) -> Table:
    values = [value for request in requests for value in spec.values(request)]
    rows = _count(values, spec.vocabulary)
    return Table(spec.key, spec.title, spec.description, rows, spec.unit, spec.show_total)


def _by_month(period: Period, requests: list[RequestFacts]) -> Table:
    local = [r.created_at.astimezone(STOCKHOLM) for r in requests]
    counts = Counter((moment.year, moment.month) for moment in local)
    rows = [(f"{MONTHS[m - 1]} {y}", counts.get((y, m), 0)) for y, m in period.months()]
    return Table("manad", "Förfrågningar per månad", "Antal inkomna förfrågningar per månad.", rows)


def _outcomes(requests: list[RequestFacts]) -> Table:
    not_held = [r for r in requests if r.held_at is None]
    rows = [
        ("Hållna i samråd", len(requests) - len(not_held)),
        ("Avböjda", sum(r.status == Status.DECLINED for r in requests)),
        ("Återkallade", sum(r.status == Status.WITHDRAWN for r in requests)),
        (
            "Ännu inte avgjorda",
            sum(
                r.status not in (Status.DECLINED, Status.WITHDRAWN, Status.CLOSED) for r in not_held
            ),
        ),
        ("Avslutade utan samråd", sum(r.status == Status.CLOSED for r in not_held)),
    ]
    return Table("utfall", "Utfall", "Vad som hände med förfrågningarna.", rows)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _time_to_samrad(requests: list[RequestFacts]) -> list[KeyFigure]:
    held = [r for r in requests if r.held_at is not None]
    days = [(r.held_at - r.created_at).total_seconds() / 86400 for r in held]
    acute = [r for r in requests if r.is_acute]
    hours = [(r.held_at - r.created_at).total_seconds() / 3600 for r in held if r.is_acute]
    return [
        KeyFigure("Dagar från förfrågan till samråd, median", _median(days), "dagar", len(days)),
        KeyFigure(
            "Dagar från förfrågan till samråd, 90:e percentilen",
            _percentile(days, 0.9),
            "dagar",
            len(days),
        ),
        KeyFigure("Akuta förfrågningar", len(acute), "st", len(acute)),
        KeyFigure("Akuta: timmar till samråd, median", _median(hours), "timmar", len(hours)),
    ]


def _meeting_figures(meetings: list[list[list[str]]]) -> list[KeyFigure]:
    items = [invited for meeting in meetings for invited in meeting]
    return [
        KeyFigure("Hållna samråd", len(meetings), "st", len(meetings)),
        KeyFigure(
            "Ärenden per samråd, medel",
            len(items) / len(meetings) if meetings else None,
            "ärenden",
            len(meetings),
        ),
        KeyFigure(
            "Inbjudna parter per ärende, medel",
            sum(len(invited) for invited in items) / len(items) if items else None,
            "parter",
            len(items),
        ),
    ]


def build(period: Period, facts: PeriodFacts) -> Report:
    """Every table and key figure of one period, computed from its facts."""
    requests = facts.requests
    report = Report(period)
    report.tables.append(_by_month(period, requests))
    report.tables += [_table(spec, requests) for spec in REQUEST_TABLES]
    report.tables += [_outcomes(requests), _table(DECLINED_TABLE, requests)]
    report.key_figures += _time_to_samrad(requests) + _meeting_figures(facts.held_meetings)
    invited = [p for meeting in facts.held_meetings for parties in meeting for p in parties]
    report.tables.append(
        Table(
            "inbjudna",
            "Inbjudna parter",
            "Hur ofta varje part bjöds in till ett ärende.",
            _count(invited, v.PARTIES),
            unit="inbjudningar",
            show_total=False,
        )
    )
    consents = [("Registrerade", facts.consents_registered)]
    consents.append(("Återkallade", facts.consents_withdrawn))
    report.tables.append(
        Table(
            "samtycken",
            "Samtycken",
            "Registrerade och återkallade samtycken under perioden.",
            consents,
            unit="samtycken",
            show_total=False,
        )
    )
    return report
