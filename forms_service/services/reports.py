"""Statistics for follow-up, the CSV export and the annual report with its commentary.

The figures are computed by statistics.py; this module loads what they need, and audits and
commits what leaves the service or is written (services/__init__.py).
"""

from __future__ import annotations

from .. import audit, statistics
from ..db import get_session
from ..models import AnnualCommentary


def build_report(period: statistics.Period) -> statistics.Report:
    return statistics.build(period)


def export_csv(period: statistics.Period, threshold: int, actor: str) -> str:
    """The suppressed figures as CSV for Swedish Excel; the export is audited."""
    body = statistics.to_csv(build_report(period), threshold)
    audit.record("export", actor=actor, object_type="statistik", detail=period.label)
    get_session().commit()
    return body


def annual_report(year: int, actor: str) -> tuple[statistics.Report, AnnualCommentary | None]:
    """The year's report and the coordinator's commentary; showing it is audited as an export."""
    report = build_report(statistics.year_period(year))
    commentary = get_session().get(AnnualCommentary, year)
    audit.record("export", actor=actor, object_type="årsrapport", object_ref=str(year))
    get_session().commit()
    return report, commentary


def commentary_text(year: int) -> str:
    commentary = get_session().get(AnnualCommentary, year)
    return commentary.text if commentary and commentary.text else ""


def save_commentary(year: int, text: str, actor: str) -> AnnualCommentary:
    commentary = get_session().get(AnnualCommentary, year)
    if commentary is None:
        commentary = AnnualCommentary(year=year)
        get_session().add(commentary)
    commentary.text = text
    audit.record("note_added", actor=actor, object_type="årsrapport", object_ref=str(year))
    get_session().commit()
    return commentary
