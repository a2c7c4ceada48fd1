"""Statistics for follow-up, the CSV export and the annual report with its commentary.

The figures are computed by statistics.py; this module loads what they need, and audits and
commits what leaves the service or is written (services/__init__.py).
"""

from __future__ import annotations

from sqlalchemy import func, select

from .. import audit, disclosure, statistics
from ..audit import AuditObject, AuditType
from ..db import get_session
from ..models import AgendaItem, AnnualCommentary, ConsentRecord, Meeting, SamradRequest

# The request columns the statistics read: categories and dates only, so no case text is
# loaded (or decrypted) to count.
_FACT_COLUMNS = [
    SamradRequest.created_at,
    SamradRequest.municipality,
    SamradRequest.submitter_organisation,
    SamradRequest.kind,
    SamradRequest.basis,
    SamradRequest.is_acute,
    SamradRequest.violence_forms,
    SamradRequest.contexts,
    SamradRequest.children,
    SamradRequest.police_report,
    SamradRequest.risk_assessment,
    SamradRequest.status,
    SamradRequest.decline_reason,
]


def _in_period(column, period: statistics.Period):
    return (column >= period.start_utc) & (column < period.end_utc)


def load_facts(period: statistics.Period) -> statistics.PeriodFacts:
    session = get_session()
    in_period = _in_period(SamradRequest.created_at, period)
    first_held = dict(
        session.execute(
            select(AgendaItem.request_id, func.min(Meeting.starts_at))
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .join(SamradRequest, AgendaItem.request_id == SamradRequest.id)
            .where(Meeting.held_at.is_not(None), in_period)
            .group_by(AgendaItem.request_id)
        ).all()
    )
    requests = []
    for row in session.execute(select(SamradRequest.id, *_FACT_COLUMNS).where(in_period)):
        facts = row._asdict()
        held_at = first_held.get(facts.pop("id"))
        requests.append(statistics.RequestFacts(**facts, held_at=held_at))
    return statistics.PeriodFacts(
        requests=requests,
        held_meetings=_held_meetings(period),
        consents_registered=_count(ConsentRecord.created_at, period),
        consents_withdrawn=_count(ConsentRecord.withdrawn_at, period),
    )


def _held_meetings(period: statistics.Period) -> list[list[list[str]]]:
    held = get_session().execute(
        select(Meeting.id, AgendaItem.invited_parties)
        .outerjoin(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.held_at.is_not(None), _in_period(Meeting.starts_at, period))
        .order_by(Meeting.id, AgendaItem.position)
    )
    meetings: dict[int, list[list[str]]] = {}
    for meeting_id, invited in held:
        items = meetings.setdefault(meeting_id, [])
        if invited is not None:
            items.append(invited)
    return list(meetings.values())


def _count(column, period: statistics.Period) -> int:
    query = select(func.count()).select_from(ConsentRecord).where(_in_period(column, period))
    return get_session().scalar(query)


def build_report(period: statistics.Period) -> statistics.Report:
    return statistics.build(period, load_facts(period))


def export_csv(period: statistics.Period, threshold: int, actor: str) -> str:
    """The suppressed figures as CSV for Swedish Excel; the export is audited."""
    body = disclosure.to_csv(build_report(period), threshold)
    audit.record(
        AuditType.EXPORT, actor=actor, object_type=AuditObject.STATISTICS, detail=period.label
    )
    get_session().commit()
    return body


def annual_report(year: int) -> tuple[statistics.Report, AnnualCommentary | None]:
    """The year's report (suppressed figures only) and the coordinator's commentary."""
    report = build_report(statistics.year_period(year))
    return report, get_session().get(AnnualCommentary, year)


def commentary_text(year: int) -> str:
    commentary = get_session().get(AnnualCommentary, year)
    return commentary.text if commentary and commentary.text else ""


def save_commentary(year: int, text: str, actor: str) -> AnnualCommentary:
    commentary = get_session().get(AnnualCommentary, year)
    if commentary is None:
        commentary = AnnualCommentary(year=year)
        get_session().add(commentary)
    commentary.text = text
    audit.record(
        AuditType.NOTE_ADDED,
        actor=actor,
        object_type=AuditObject.ANNUAL_REPORT,
        object_ref=str(year),
    )
    get_session().commit()
    return commentary
