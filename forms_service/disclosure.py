"""Small numbers in what leaves the coordinator's screen: suppression and the CSV export.

In anything exported or printed, counts from 1 to SUPPRESS_BELOW − 1 are shown as "<5". A table
with suppressed cells also hides its total's exact value (rounded to the nearest 5, marked "ca.",
or "<5" when the total itself is small, so a period with a few requests never reads "ca. 0")
and, when only one cell is suppressed, the next-smallest cell too, so that no suppressed count can
be worked out from the others. The coordinator's own screen shows exact numbers, labelled as
internal (threshold None).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .statistics import KeyFigure, Report, Table

HIDDEN = "dolt"


@dataclass
class ShownTable:
    table: Table
    cells: list[tuple[str, str]]
    total: str | None
    suppressed: bool


def _shown_count(count: int, threshold: int) -> str:
    return f"<{threshold}" if 0 < count < threshold else str(count)


def _shown_total(total: int, threshold: int) -> str:
    if total < threshold:
        return f"<{threshold}"
    return f"ca. {max(threshold, 5 * round(total / 5))}"


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
        total = _shown_total(table.total, threshold) if small else str(table.total)
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


# --- CSV ---------------------------------------------------------------------------------

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
