"""Coordinator views: the queue, and one request with its status, notes, messages and planning."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from .. import clock
from .. import vocabulary as v
from ..forms import NoteForm, PlanForm, QueueFilterForm, StatusForm, as_choices
from ..guarded_forms import check_form, render_form_page
from ..presentation import local_datetime
from ..services import FieldError, meetings
from ..services import queue as queue_service
from ..services import requests as request_service
from ..services.queue import QueueFilter
from . import actor, bp, formdata_for, show_error

PAGE_ARGS = ("sida", "efter", "fore")  # page number (shown only) and the keyset cursors


def _request_id_arg(name: str) -> int | None:
    """A request id from the query string; anything else (too big for the column) is ignored."""
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value < 2**31 else None


@bp.get("/")
def queue():
    filters = QueueFilterForm(request.args)
    filters.validate()
    result = queue_service.list_requests(
        QueueFilter(
            statuses=filters.status.data or [],
            kind=filters.kind.data or None,
            basis=filters.basis.data or None,
            municipality=filters.municipality.data or None,
            received_from=filters.received_from.data,
            received_to=filters.received_to.data,
        ),
        after=_request_id_arg("efter"),
        before=_request_id_arg("fore"),
    )
    shown_page = request.args.get("sida", 1, type=int) if result.previous_before else 1
    return render_template(
        "coordinator/queue.html",
        filters=filters,
        result=result,
        page=max(1, min(shown_page, result.pages)),
        now=clock.now(),
        # The filters travel in the page links; the page arguments are set per link.
        query={k: request.args.getlist(k) for k in request.args if k not in PAGE_ARGS},
    )


# --- One request ---------------------------------------------------------------------------------


def _status_form(page: request_service.RequestPage, formdata=None) -> StatusForm:
    form = StatusForm(formdata=formdata) if formdata is not None else StatusForm()
    current = v.label(v.STATUSES, page.record.status)
    form.status.choices = as_choices(
        [
            ("", f"Behåll nuvarande status ({current})"),
            *[(s, v.label(v.STATUSES, s)) for s in page.status_choices],
        ]
    )
    return form


def _plan_form(page: request_service.RequestPage, formdata=None) -> PlanForm:
    form = PlanForm(formdata=formdata) if formdata is not None else PlanForm()
    form.meeting.choices = as_choices(
        [("", "Välj samråd")]
        + [
            (
                str(m.id),
                f"{local_datetime(m.starts_at)}, {m.shown_place}{' (akut)' if m.is_acute else ''}",
            )
            for m in page.upcoming
        ]
    )
    if formdata is None:
        form.invited_parties.data = meetings.default_invited(page.record)
    consent = page.record.consent
    if page.record.basis == v.Basis.CONSENT and consent is not None:
        covered = ", ".join(v.labels(v.PARTIES, consent.parties))
        form.invited_parties.description = (
            f"Samtycket {consent.reference} omfattar: {covered}. Att bjuda in en part utanför "
            "samtycket kräver en bekräftelse."
        )
    return form


def _render_request(page: request_service.RequestPage, **forms):
    status_form = forms.pop("status_form", None) or _status_form(
        page, formdata=formdata_for("comment", "status")
    )
    note_form = forms.pop("note_form", None) or NoteForm(
        formdata=formdata_for("note-text"), prefix="note"
    )
    plan_form = forms.pop("plan_form", None) or _plan_form(page)
    return render_form_page(
        "coordinator/request.html",
        status_form,
        note_form,
        plan_form,
        guard=forms.pop("guard", None),
        record=page.record,
        status_form=status_form,
        note_form=note_form,
        plan_form=plan_form,
        consent_warnings=page.consent_warnings,
        can_plan=page.can_plan,
    )


def _back_to_request(reference: str):
    return redirect(url_for("coordinator.request_page", reference=reference), code=303)


@bp.get("/forfragan/<reference>")
def request_page(reference: str):
    return _render_request(request_service.request_page(reference))


@bp.post("/forfragan/<reference>/status")
def change_status(reference: str):
    page = request_service.request_page(reference)
    form = _status_form(page, formdata=request.form)
    accepted, guard = check_form(form, request.form)
    if not accepted:
        return _render_request(page, status_form=form, guard=guard)
    try:
        request_service.change_status(
            reference,
            form.status.data,
            actor=actor(),
            comment=form.comment.data,
            decline_reason=form.decline_reason.data,
        )
    except FieldError as error:
        show_error(form, error)
        return _render_request(page, status_form=form)
    done = []
    if form.status.data:
        done.append(f"Status ändrad till {v.label(v.STATUSES, form.status.data).lower()}.")
    if (form.comment.data or "").strip():
        done.append("Meddelandet visas nu på inlämnarens statussida.")
    flash(" ".join(done))
    return _back_to_request(page.record.reference)


def _add_text_event(reference: str, prefix: str, save, done: str):
    page = request_service.request_page(reference)
    form = NoteForm(prefix=prefix)
    accepted, guard = check_form(form, request.form)
    if accepted:
        try:
            save(reference, form.text.data, actor=actor())
        except FieldError as error:
            show_error(form, error)
        else:
            flash(done)
            return _back_to_request(page.record.reference)
    return _render_request(page, **{f"{prefix}_form": form, "guard": guard})


@bp.post("/forfragan/<reference>/anteckning")
def add_note(reference: str):
    return _add_text_event(
        reference, "note", request_service.add_note, "Den interna anteckningen är sparad."
    )


@bp.post("/forfragan/<reference>/planera")
def plan_request(reference: str):
    page = request_service.request_page(reference)
    form = _plan_form(page, formdata=request.form)
    if not form.validate():
        return _render_request(page, plan_form=form)
    try:
        meetings.plan_request(
            reference,
            int(form.meeting.data),
            form.invited_parties.data,
            actor=actor(),
            outside_consent_checked=form.outside_consent.data,
        )
    except FieldError as error:
        show_error(form, error)
        return _render_request(page, plan_form=form)
    flash("Förfrågan är planerad till samrådet.")
    return _back_to_request(page.record.reference)
