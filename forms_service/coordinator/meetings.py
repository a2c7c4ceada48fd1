"""Coordinator views: weekly and acute samråd, their agendas, notes and the printable agenda."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for

from .. import clock
from ..clock import STOCKHOLM
from ..forms import AcuteMeetingForm, AgendaItemForm, ConfirmForm, NoteForm
from ..guarded_forms import GuardResult, check_form, render_form_page
from ..services import FieldError, meetings
from . import actor, bp, formdata_for

WEEKS_AHEAD = 6  # how many weekly samråd ahead the button creates


def _back_to_meeting(meeting_id: int, done: str | None = None):
    if done:
        flash(done)
    return redirect(url_for("coordinator.meeting_page", meeting_id=meeting_id), code=303)


@bp.route("/moten", methods=["GET", "POST"])
def meeting_list():
    form = AcuteMeetingForm()
    guard = GuardResult()
    if request.method == "POST":
        accepted, guard = check_form(form, request.form)
        if accepted:
            local = datetime.combine(form.day.data, form.start_time.data, tzinfo=STOCKHOLM)
            meeting = meetings.create_acute_meeting(local, form.place.data, actor=actor())
            return _back_to_meeting(meeting.id, "Det akuta samrådet är skapat.")
    return render_form_page(
        "coordinator/meetings.html",
        form,
        guard=guard,
        form=form,
        confirm=ConfirmForm(),
        created=request.args.get("skapade", type=int),
        weeks_ahead=WEEKS_AHEAD,
        upcoming=meetings.upcoming_meetings(),
        past=meetings.past_meetings(),
    )


@bp.post("/moten/skapa-kommande")
def create_weekly_meetings():
    """ "Skapa kommande samråd": the weekly meetings of the coming weeks that do not exist yet."""
    if not ConfirmForm().validate():
        abort(400)
    created = meetings.create_weekly_meetings(WEEKS_AHEAD, actor=actor())
    return redirect(url_for("coordinator.meeting_list", skapade=created), code=303)


def _render_meeting(
    page: meetings.MeetingPage, notes_form=None, guard=None, item_forms=None, held_error=None
):
    meeting = page.meeting
    notes_form = notes_form or NoteForm(
        formdata=formdata_for("notes-text"), prefix="notes", data={"text": meeting.notes}
    )
    item_forms = item_forms or {}
    for item in meeting.items:
        item_forms.setdefault(
            item.id,
            AgendaItemForm(
                formdata=None,
                prefix=f"item{item.id}",
                data={"invited_parties": item.invited_parties},
            ),
        )
    return render_form_page(
        "coordinator/meeting.html",
        notes_form,
        *item_forms.values(),
        guard=guard,
        meeting=meeting,
        rows=page.rows,
        notes_form=notes_form,
        item_forms=item_forms,
        confirm=ConfirmForm(),
        warnings=page.warnings,
        started=clock.now() >= meeting.starts_at,
        held_error=held_error,
    )


@bp.get("/moten/<int:meeting_id>")
def meeting_page(meeting_id: int):
    return _render_meeting(meetings.meeting_page(meeting_id))


@bp.post("/moten/<int:meeting_id>/genomfort")
def meeting_held(meeting_id: int):
    if not ConfirmForm().validate():
        abort(400)
    try:
        meetings.mark_held(meeting_id, actor=actor())
    except FieldError as error:
        page = meetings.meeting_page(meeting_id)
        return _render_meeting(page, held_error=error.message), 409
    return _back_to_meeting(meeting_id, "Samrådet är markerat som genomfört.")


@bp.post("/moten/<int:meeting_id>/anteckningar")
def meeting_notes(meeting_id: int):
    form = NoteForm(prefix="notes")
    accepted, guard = check_form(form, request.form)
    if not accepted:
        return _render_meeting(meetings.meeting_page(meeting_id), notes_form=form, guard=guard)
    meetings.save_notes(meeting_id, form.text.data, actor=actor())
    return _back_to_meeting(meeting_id, "Anteckningarna är sparade.")


@bp.post("/moten/<int:meeting_id>/punkt/<int:item_id>")
def agenda_item(meeting_id: int, item_id: int):
    action = request.form.get("atgard")
    form = AgendaItemForm(prefix=f"item{item_id}")
    if action == "spara":
        if not form.validate():  # shown next to the item's checkboxes, nothing saved
            page = meetings.meeting_page(meeting_id)
            if item_id not in {item.id for item in page.meeting.items}:
                abort(404)
            return _render_meeting(page, item_forms={item_id: form})
        meetings.set_invited(meeting_id, item_id, form.invited_parties.data, actor=actor())
        done = "De inbjudna parterna är sparade."
    elif not ConfirmForm().validate():
        abort(400)
    elif action in ("upp", "ned"):
        meetings.move_item(meeting_id, item_id, -1 if action == "upp" else 1, actor=actor())
        done = "Dagordningen har fått en ny ordning."
    elif action == "ta_bort":
        meetings.remove_item(meeting_id, item_id, actor=actor())
        done = "Ärendet är borttaget från dagordningen."
    else:
        abort(400)
    return _back_to_meeting(meeting_id, done)


@bp.post("/moten/<int:meeting_id>/dagordning")
def agenda_print(meeting_id: int):
    """The printable agenda holds case text, so showing it is an audited export (a POST)."""
    if not ConfirmForm().validate():
        abort(400)
    page = meetings.print_agenda(meeting_id, actor=actor())
    return render_template("coordinator/agenda_print.html", meeting=page.meeting, rows=page.rows)
