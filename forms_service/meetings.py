"""Samråd meetings: the weekly fixed slot, acute meetings, agendas and who is invited.

The weekly slot (weekday, time, place) comes from configuration; the next weekly meetings are
offered automatically and created in the database when first used. A case on an agenda invites,
by default, the parties the professional asked for plus the social services of the person's home
municipality (agreement, avsnitt 10.3); the coordinator decides (avsnitt 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from . import clock, store
from .clock import STOCKHOLM
from .db import get_session
from .models import AgendaItem, Meeting, SamradRequest
from .vocabulary import PARTIES, label


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


def upcoming_meetings(count: int = 6) -> list[Meeting]:
    """The next weekly meetings (created on first use) and any acute ones not yet held."""
    session = get_session()
    for start in weekly_slot_times(count):
        if session.scalar(select(Meeting).where(Meeting.starts_at == start)) is None:
            session.add(Meeting(starts_at=start, place=current_app.config["MEETING_PLACE"]))
    session.commit()
    return list(
        session.scalars(
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


def create_acute_meeting(starts_at: datetime, place: str) -> Meeting:
    meeting = Meeting(starts_at=starts_at, place=place, is_acute=True)
    get_session().add(meeting)
    return meeting


def default_invited(request: SamradRequest) -> list[str]:
    """The parties the professional asked for, plus the home municipality (avsnitt 10.3)."""
    order = [key for key, _ in PARTIES]
    wanted = set(request.parties_requested) | {request.municipality}
    return [key for key in order if key in wanted]


def plan(request: SamradRequest, meeting: Meeting, invited: list[str], actor: str) -> AgendaItem:
    """Put a request on a meeting's agenda and set it to `planerad` (the caller commits)."""
    follow_up = request.status == "genomford"
    store.change_status(request, "planerad", actor=actor)
    item = AgendaItem(
        meeting=meeting,
        request=request,
        position=len(meeting.items),
        slot_minutes=current_app.config["MEETING_SLOT_MINUTES"],
        invited_parties=invited,
        is_follow_up=follow_up,
    )
    get_session().add(item)
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


def move(item: AgendaItem, offset: int) -> None:
    items = list(item.meeting.items)
    index = items.index(item)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, each in enumerate(items):
            each.position = position


def remove(item: AgendaItem, actor: str) -> None:
    """Take a case off the agenda; a case that was only planned goes back to assessment."""
    meeting, request = item.meeting, item.request
    meeting.items.remove(item)
    if item in request.agenda_items:
        request.agenda_items.remove(item)
    for position, each in enumerate(meeting.items):
        each.position = position
    if request.status == "planerad" and request.meeting is None:
        store.change_status(request, "under_bedomning", actor=actor, comment=None)


def mark_held(meeting: Meeting, actor: str) -> int:
    """The meeting was held: its planned cases become `genomförd`. Returns how many moved."""
    meeting.held_at = clock.now()
    moved = 0
    for item in meeting.items:
        if item.request.status == "planerad":
            store.change_status(item.request, "genomford", actor=actor)
            moved += 1
    return moved


def consent_warnings(request: SamradRequest) -> list[str]:
    """Why the linked consent does not (or no longer) support the samråd, in Swedish."""
    consent = request.consent
    if request.basis != "samtycke" or consent is None:
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
