"""Follow-up statistics for the steering group and Ledningsgruppen TMV (agreement, avsnitt 14).

Every figure is computed from fields that survive retention (municipality, kind, basis, forms of
violence, outcome, dates), so a case whose text has been purged still counts.

Small numbers: in anything exported or printed, counts from 1 to SUPPRESS_BELOW − 1 are shown as
"<5". A table with suppressed cells also hides its total's exact value (rounded to the nearest 5,
marked "ca.") and, when only one cell is suppressed, the next-smallest cell too, so that no
suppressed count can be worked out from the others. The coordinator's own screen shows exact
numbers, labelled as internal.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from . import vocabulary as v
from .clock import STOCKHOLM
from .db import get_session
from .models import AgendaItem, ConsentRecord, Meeting, SamradRequest

MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
HIDDEN = "dolt"


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


def build(period: Period) -> Report:
    session = get_session()
    requests = list(
        session.scalars(
            select(SamradRequest)
            .where(
                SamradRequest.created_at >= period.start_utc,
                SamradRequest.created_at < period.end_utc,
            )
            .options(selectinload(SamradRequest.agenda_items).selectinload(AgendaItem.meeting))
        )
    )
    report = Report(period)
    add = report.tables.append

    by_month = Counter(
        (r.created_at.astimezone(STOCKHOLM).year, r.created_at.astimezone(STOCKHOLM).month)
        for r in requests
    )
    add(
        Table(
            "manad",
            "Förfrågningar per månad",
            "Antal inkomna förfrågningar per månad.",
            [(f"{MONTHS[m - 1]} {y}", by_month.get((y, m), 0)) for y, m in period.months()],
        )
    )
    add(
        Table(
            "kommun",
            "Förfrågningar per hemkommun",
            "Personens hemkommun.",
            _count([r.municipality for r in requests], v.MUNICIPALITIES),
        )
    )
    add(
        Table(
            "part",
            "Förfrågningar per part som initierade",
            "Den organisation som skickade förfrågan.",
            _count([r.submitter_organisation for r in requests], v.ORGANISATIONS),
        )
    )
    add(
        Table(
            "sort",
            "Sorts samråd",
            "Planerande, konsulterande, akut eller uppföljande.",
            _count([r.kind for r in requests], v.KINDS),
        )
    )
    add(
        Table(
            "grund",
            "Med samtycke eller avidentifierat",
            "Hur ärendet drogs.",
            _count([r.basis for r in requests], v.BASES),
        )
    )
    add(
        Table(
            "vald",
            "Former av våld",
            "Ett ärende kan ha flera former av våld.",
            _count([f for r in requests for f in r.violence_forms], v.VIOLENCE_FORMS),
            unit="markeringar",
            show_total=False,
        )
    )
    add(
        Table(
            "sammanhang",
            "Sammanhang",
            "Ett ärende kan ha flera sammanhang.",
            _count([c for r in requests for c in r.contexts], v.CONTEXTS),
            unit="markeringar",
            show_total=False,
        )
    )
    add(
        Table(
            "barn",
            "Barn i hushållet",
            "Om det finns barn i hushållet.",
            _count([r.children for r in requests], v.YES_NO_UNKNOWN),
        )
    )
    add(
        Table(
            "polisanmalan",
            "Polisanmälan gjord",
            "Om en polisanmälan var gjord.",
            _count([r.police_report for r in requests], v.YES_NO_UNKNOWN),
        )
    )
    add(
        Table(
            "riskbedomning",
            "Riskbedömning gjord",
            "Om en riskbedömning var gjord.",
            _count([r.risk_assessment for r in requests], v.YES_NO),
        )
    )

    def held_at(r: SamradRequest) -> datetime | None:
        held = [i.meeting.starts_at for i in r.agenda_items if i.meeting.held_at is not None]
        return min(held) if held else None

    held = [r for r in requests if held_at(r) is not None]
    outcomes = [
        ("Hållna i samråd", len(held)),
        ("Avböjda", sum(r.status == "avbojd" for r in requests)),
        ("Återkallade", sum(r.status == "aterkallad" for r in requests)),
        (
            "Ännu inte avgjorda",
            sum(
                held_at(r) is None and r.status not in ("avbojd", "aterkallad", "avslutad")
                for r in requests
            ),
        ),
        (
            "Avslutade utan samråd",
            sum(held_at(r) is None and r.status == "avslutad" for r in requests),
        ),
    ]
    add(Table("utfall", "Utfall", "Vad som hände med förfrågningarna.", outcomes))
    add(
        Table(
            "avbojda",
            "Avböjda efter skäl",
            "Samordnarens skäl till att avböja.",
            _count([r.decline_reason for r in requests if r.status == "avbojd"], v.DECLINE_REASONS),
        )
    )

    days = [(held_at(r) - r.created_at).total_seconds() / 86400 for r in held]
    acute = [r for r in requests if r.is_acute]
    acute_held = [r for r in acute if held_at(r) is not None]
    acute_hours = [(held_at(r) - r.created_at).total_seconds() / 3600 for r in acute_held]
    report.key_figures += [
        KeyFigure(
            "Dagar från förfrågan till samråd, median",
            statistics.median(days) if days else None,
            "dagar",
            len(days),
        ),
        KeyFigure(
            "Dagar från förfrågan till samråd, 90:e percentilen",
            _percentile(days, 0.9),
            "dagar",
            len(days),
        ),
        KeyFigure("Akuta förfrågningar", len(acute), "st", len(acute)),
        KeyFigure(
            "Akuta: timmar till samråd, median",
            statistics.median(acute_hours) if acute_hours else None,
            "timmar",
            len(acute_hours),
        ),
    ]

    meetings = list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.held_at.is_not(None),
                Meeting.starts_at >= period.start_utc,
                Meeting.starts_at < period.end_utc,
            )
            .options(selectinload(Meeting.items))
        )
    )
    items = [item for m in meetings for item in m.items]
    report.key_figures += [
        KeyFigure("Hållna samråd", len(meetings), "st", len(meetings)),
        KeyFigure(
            "Ärenden per samråd, medel",
            len(items) / len(meetings) if meetings else None,
            "ärenden",
            len(meetings),
        ),
        KeyFigure(
            "Inbjudna parter per ärende, medel",
            sum(len(i.invited_parties) for i in items) / len(items) if items else None,
            "parter",
            len(items),
        ),
    ]
    add(
        Table(
            "inbjudna",
            "Inbjudna parter",
            "Hur ofta varje part bjöds in till ett ärende.",
            _count([p for i in items for p in i.invited_parties], v.PARTIES),
            unit="inbjudningar",
            show_total=False,
        )
    )

    consents = list(session.scalars(select(ConsentRecord)))
    registered = sum(period.start_utc <= c.created_at < period.end_utc for c in consents)
    withdrawn = sum(
        c.withdrawn_at is not None and period.start_utc <= c.withdrawn_at < period.end_utc
        for c in consents
    )
    add(
        Table(
            "samtycken",
            "Samtycken",
            "Registrerade och återkallade samtycken under perioden.",
            [("Registrerade", registered), ("Återkallade", withdrawn)],
            unit="samtycken",
            show_total=False,
        )
    )
    return report


# --- Suppression ---------------------------------------------------------------------------------


@dataclass
class ShownTable:
    table: Table
    cells: list[tuple[str, str]]
    total: str | None
    suppressed: bool


def _shown_count(count: int, threshold: int) -> str:
    return f"<{threshold}" if 0 < count < threshold else str(count)


def protect(table: Table, threshold: int | None) -> ShownTable:
    """Cells as shown; `threshold` None means exact (internal view)."""
    if threshold is None:
        cells = [(label, str(count)) for label, count in table.rows]
        return ShownTable(table, cells, str(table.total) if table.show_total else None, False)
    small = [i for i, (_, count) in enumerate(table.rows) if 0 < count < threshold]
    cells = [(label, _shown_count(count, threshold)) for label, count in table.rows]
    if len(small) == 1 and table.show_total:
        others = [
            (count, i) for i, (_, count) in enumerate(table.rows) if i not in small and count > 0
        ]
        if others:
            _, index = min(others)
            cells[index] = (cells[index][0], HIDDEN)
    total = None
    if table.show_total:
        total = f"ca. {5 * round(table.total / 5)}" if small else str(table.total)
    return ShownTable(table, cells, total, bool(small))


def protect_figure(figure: KeyFigure, threshold: int | None) -> str:
    if figure.value is None:
        return "–"
    if threshold is not None and 0 < figure.based_on < threshold:
        return f"för få ärenden (<{threshold})"
    value = figure.value
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",") + (f" {figure.unit}" if figure.unit else "")
    if threshold is not None and 0 < value < threshold and figure.unit == "st":
        return f"<{threshold}"
    return f"{value} {figure.unit}".strip()


# --- CSV and SVG ---------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    """Cells that a spreadsheet would read as a formula get a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(report: Report, threshold: int) -> str:
    """UTF-8 with BOM and ';' as separator: opens correctly in Swedish Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Operation Norrsken – statistik", report.period.label])
    writer.writerow(
        ["Från", report.period.start.isoformat(), "Till", report.period.end.isoformat()]
    )
    writer.writerow([f"Antal 1–{threshold - 1} visas som <{threshold}."])
    writer.writerow([])
    writer.writerow(["Tabell", "Kategori", "Antal"])
    for table in report.tables:
        shown = protect(table, threshold)
        for label, value in shown.cells:
            writer.writerow([_csv_cell(table.title), _csv_cell(label), _csv_cell(value)])
        if shown.total is not None:
            writer.writerow([_csv_cell(table.title), "Totalt", _csv_cell(shown.total)])
    writer.writerow([])
    for figure in report.key_figures:
        writer.writerow(
            ["Nyckeltal", _csv_cell(figure.label), _csv_cell(protect_figure(figure, threshold))]
        )
    return "\ufeff" + buffer.getvalue()


def bar_chart(shown: ShownTable, chart_id: str) -> Markup:
    """A horizontal bar chart as inline SVG: title, description, value labels, one dark colour
    (readable in greyscale and print). Suppressed cells are drawn as an empty outline."""
    rows = shown.cells
    counts = dict(shown.table.rows)
    label_width, bar_width, row_height = 230, 300, 26
    height = row_height * len(rows) + 10
    largest = max([c for c in counts.values()] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {label_width + bar_width + 70} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(shown.table.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(shown.table.description)} Samma tal finns i '
        f"tabellen.</desc>",
    ]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * row_height
        exact = value.isdigit()
        width = bar_width * counts[label] / largest if exact else 0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" '
            f'class="chart-label">{escape(label)}</text>'
        )
        if exact:
            parts.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="16" '
                f'class="chart-bar"/>'
            )
        else:
            parts.append(
                f'<rect x="{label_width}" y="{y + 4}" width="12" height="16" class="chart-hidden"/>'
            )
        parts.append(
            f'<text x="{label_width + width + 16:.1f}" y="{y + 17}" '
            f'class="chart-value">{escape(value)}</text>'
        )
    parts.append("</svg>")
    # Every label and value above went through escape(); the rest is our own markup.
    return Markup("".join(parts))  # noqa: S704
