"""Samråd meetings: the weekly fixed slot, acute meetings, agendas and who is invited.

The weekly slot (weekday, time, place) comes from configuration. The weekly meetings are
created ahead by `create_weekly_meetings` (the meetings page's button, and the scheduled job),
never while a page is shown; a unique index on weekly start times keeps them single.

A case on an agenda invites, by default, the parties the professional asked for plus the social
services of the person's home municipality (agreement, avsnitt 10.3); the coordinator decides
(avsnitt 12).

Every change is audited as `meeting_changed` and committed once (services/__init__.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit, clock, workflow
from ..audit import AuditObject, AuditType
from ..clock import STOCKHOLM
from ..db import get_session
from ..models import AgendaItem, Meeting, SamradRequest
from ..vocabulary import PARTIES, Basis, Status, label
from . import FieldError, NotFound
from .submissions import find_request


def weekly_slot_times(count: int = 6) -> list[datetime]:
    """The next `count` weekly samråd start times (UTC), from now on."""
    config = current_app.config
    hour, minute = (int(part) for part in str(config["MEETING_TIME"]).split(":", 1))
    local_now = clock.now().astimezone(STOCKHOLM)
    days_ahead = (config["MEETING_WEEKDAY"] - local_now.weekday()) % 7
    first_day = local_now.date() + timedelta(days=days_ahead)
    times = []
    day = first_day
    while len(times) < count:
        start = datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)
        if start > local_now:
            times.append(start.astimezone(clock.now().tzinfo))
        day += timedelta(days=7)
    return times


def create_weekly_meetings(weeks_ahead: int, actor: str | None = None) -> int:
    """Create the weekly samråd of the next `weeks_ahead` weeks that do not exist yet and return
    how many were created. Idempotent; when two processes run it at the same moment, the unique
    index lets one insert each meeting and the other looks again. Reads no request state, so the
    meetings page's button and a scheduled job call it alike (`actor` None: the system)."""
    session = get_session()
    place = current_app.config["MEETING_PLACE"]
    for _attempt in range(3):
        wanted = weekly_slot_times(weeks_ahead)
        existing = set(
            session.scalars(
                select(Meeting.starts_at).where(
                    Meeting.is_acute.is_(False), Meeting.starts_at.in_(wanted)
                )
            )
        )
        missing = [start for start in wanted if start not in existing]
        session.add_all(Meeting(starts_at=start, place=place) for start in missing)
        if missing:
            audit.record(
                AuditType.MEETING_CHANGED,
                actor=actor,
                object_type=AuditObject.MEETING,
                detail=f"{len(missing)} ordinarie samråd skapade",
            )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # created elsewhere meanwhile: count again
            continue
        return len(missing)
    raise RuntimeError("could not create the weekly meetings")


def upcoming_meetings() -> list[Meeting]:
    """Meetings not yet held, from yesterday on (weekly and acute), soonest first."""
    return list(
        get_session().scalars(
            select(Meeting)
            .where(Meeting.held_at.is_(None), Meeting.starts_at >= clock.now() - timedelta(days=1))
            .order_by(Meeting.starts_at)
        )
    )


def past_meetings(limit: int = 20) -> list[Meeting]:
    return list(
        get_session().scalars(
            select(Meeting)
            .where(
                (Meeting.held_at.is_not(None))
                | (Meeting.starts_at < clock.now() - timedelta(days=1))
            )
            .order_by(Meeting.starts_at.desc())
            .limit(limit)
        )
    )


def create_acute_meeting(starts_at: datetime, place: str, actor: str) -> Meeting:
    """An acute samråd at any time (`starts_at` aware, any zone)."""
    meeting = Meeting(
        starts_at=starts_at.astimezone(clock.now().tzinfo), place=place, is_acute=True
    )
    get_session().add(meeting)
    get_session().flush()  # for its id in the audit trail
    return _changed(meeting, actor, "akut samråd skapat")


def find_meeting(meeting_id: int) -> Meeting:
    meeting = get_session().get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(meeting_id)
    return meeting


def default_invited(request: SamradRequest) -> list[str]:
    """The parties the professional asked for, plus the home municipality (avsnitt 10.3)."""
    order = [key for key, _ in PARTIES]
    wanted = set(request.parties_requested) | {request.municipality}
    return [key for key in order if key in wanted]


def plan_request(
    reference: str,
    meeting_id: int,
    invited: list[str],
    actor: str,
    outside_consent_checked: bool = False,
) -> AgendaItem:
    """Put a request on an upcoming meeting's agenda and set it to `planerad`. Inviting a party
    that the request's consent does not cover needs `outside_consent_checked` (ux-review §5:
    the warning used to come only after planning)."""
    record = find_request(reference)
    uncovered = not_covered(record, invited)
    if uncovered and not outside_consent_checked:
        names = ", ".join(label(PARTIES, key) for key in uncovered)
        raise FieldError(
            "invited_parties",
            f"Samtycket {record.consent.reference} omfattar inte: {names}. Ta bort "
            f"{'parten' if len(uncovered) == 1 else 'parterna'}, eller bekräfta nedan att "
            "de ändå ska bjudas in.",
        )
    meeting = get_session().get(Meeting, meeting_id)
    if meeting is None or meeting.held_at is not None:
        raise FieldError("meeting", "Välj ett kommande samråd.")
    follow_up = record.status == Status.HELD
    try:
        workflow.change_status(record, Status.PLANNED, actor=actor)
    except workflow.TransitionRefused:
        raise FieldError(
            "meeting", "Förfrågan kan inte planeras in från nuvarande status."
        ) from None
    item = AgendaItem(
        meeting=meeting,
        request=record,
        position=len(meeting.items),
        slot_minutes=current_app.config["MEETING_SLOT_MINUTES"],
        invited_parties=invited,
        is_follow_up=follow_up,
    )
    get_session().add(item)
    audit.record(
        AuditType.STATUS_CHANGED,
        actor=actor,
        object_type=AuditObject.REQUEST,
        object_ref=record.reference,
        detail=f"planerad till samråd {meeting.id}",
    )
    get_session().commit()
    return item


@dataclass
class AgendaRow:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime


def agenda(meeting: Meeting) -> list[AgendaRow]:
    """The meeting's cases in order, each with its time slot."""
    rows, start = [], meeting.starts_at
    for item in meeting.items:
        end = start + timedelta(minutes=item.slot_minutes)
        rows.append(AgendaRow(item, start, end))
        start = end
    return rows


@dataclass
class MeetingPage:
    meeting: Meeting
    rows: list[AgendaRow]
    warnings: dict[int, list[str]]  # consent warnings per agenda item id


def meeting_page(meeting_id: int) -> MeetingPage:
    meeting = find_meeting(meeting_id)
    warnings = {item.id: consent_warnings(item.request) for item in meeting.items}
    return MeetingPage(meeting, agenda(meeting), warnings)


def print_agenda(meeting_id: int, actor: str) -> MeetingPage:
    """The agenda for printing; an export of case text, so it is audited."""
    page = meeting_page(meeting_id)
    audit.record(
        AuditType.EXPORT,
        actor=actor,
        object_type=AuditObject.MEETING,
        object_ref=str(page.meeting.id),
        detail="dagordning",
    )
    get_session().commit()
    return page


def _item(meeting_id: int, item_id: int) -> AgendaItem:
    item = get_session().get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound(item_id)
    return item


def set_invited(meeting_id: int, item_id: int, parties: list[str], actor: str) -> Meeting:
    item = _item(meeting_id, item_id)
    item.invited_parties = parties
    return _changed(item.meeting, actor, f"inbjudna ändrade för {item.request.reference}")


def move_item(meeting_id: int, item_id: int, offset: int, actor: str) -> Meeting:
    """Move a case `offset` places up (negative) or down the agenda."""
    item = _item(meeting_id, item_id)
    items = list(item.meeting.items)
    index = items.index(item)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, each in enumerate(items):
            each.position = position
    return _changed(item.meeting, actor, "ordning ändrad")


def remove_item(meeting_id: int, item_id: int, actor: str) -> Meeting:
    """Take a case off the agenda; a case that was only planned goes back to assessment."""
    item = _item(meeting_id, item_id)
    meeting, request = item.meeting, item.request
    meeting.items.remove(item)
    if item in request.agenda_items:
        request.agenda_items.remove(item)
    for position, each in enumerate(meeting.items):
        each.position = position
    if request.status == Status.PLANNED and request.meeting is None:
        workflow.change_status(request, Status.ASSESSING, actor=actor, comment=None)
    return _changed(meeting, actor, f"{request.reference} borttagen")


def mark_held(meeting_id: int, actor: str) -> int | None:
    """The meeting was held: its planned cases become `genomförd`. Returns how many moved, or
    None when it was already marked (nothing changes and nothing is audited)."""
    meeting = find_meeting(meeting_id)
    if meeting.held_at is not None:
        return None
    if clock.now() < meeting.starts_at:
        raise FieldError("held", "Samrådet har inte börjat ännu. Markera det när det är hållet.")
    meeting.held_at = clock.now()
    moved = 0
    for item in meeting.items:
        if item.request.status == Status.PLANNED:
            workflow.change_status(item.request, Status.HELD, actor=actor)
            moved += 1
    _changed(meeting, actor, f"genomfört, {moved} {'ärende' if moved == 1 else 'ärenden'}")
    return moved


def save_notes(meeting_id: int, text: str, actor: str) -> Meeting:
    meeting = find_meeting(meeting_id)
    meeting.notes = text
    return _changed(meeting, actor, "anteckningar sparade")


def _changed(meeting: Meeting, actor: str, detail: str) -> Meeting:
    """Audit a change to a meeting and commit it."""
    audit.record(
        AuditType.MEETING_CHANGED,
        actor=actor,
        object_type=AuditObject.MEETING,
        object_ref=str(meeting.id),
        detail=detail,
    )
    get_session().commit()
    return meeting


def not_covered(request: SamradRequest, invited: list[str]) -> list[str]:
    """The invited parties the request's consent does not cover (none for de-identified)."""
    if request.basis != Basis.CONSENT or request.consent is None:
        return []
    return [key for key, _ in PARTIES if key in invited and key not in request.consent.parties]


def consent_warnings(request: SamradRequest) -> list[str]:
    """Why the linked consent does not (or no longer) support the samråd, in Swedish."""
    consent = request.consent
    if request.basis != Basis.CONSENT or consent is None:
        return []
    warnings = []
    today = clock.today()
    if consent.is_withdrawn():
        warnings.append(f"Samtycket {consent.reference} är återkallat.")
    elif consent.is_expired(today):
        warnings.append(f"Samtycket {consent.reference} gick ut {consent.valid_until.isoformat()}.")
    invited: set[str] = set()
    for item in request.agenda_items:
        if item.meeting.held_at is None:
            invited |= set(item.invited_parties)
    missing = [key for key, _ in PARTIES if key in invited and key not in consent.parties]
    if missing:
        names = ", ".join(label(PARTIES, key) for key in missing)
        warnings.append(f"Samtycket omfattar inte alla inbjudna parter: {names}.")
    return warnings
