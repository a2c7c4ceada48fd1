"""The coordinator side, `/samordnare/…`: login, the queue, requests, meetings and the audit log.

Every route except login, the one-time code and enrolment requires a full login (password and
code); `require_login` enforces that for the whole blueprint, and a test walks the URL map to
prove it. The views parse input, call one service function (services/) and render; the services
do the work, write the audit trail (never case text) and commit.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from . import audit, auth, clock
from . import statistics as stats
from . import vocabulary as v
from .clock import STOCKHOLM
from .errors import render_error
from .extensions import configured_limit, limiter
from .forms import (
    AcuteMeetingForm,
    AgendaItemForm,
    AuditFilterForm,
    CodeForm,
    ConfirmForm,
    EnrolForm,
    LoginForm,
    NoteForm,
    PasswordChangeForm,
    PlanForm,
    QueueFilterForm,
    StatusForm,
    as_choices,
)
from .guarded_forms import GuardResult, confirmations, render_form_page, run_guard
from .presentation import local_datetime
from .services import FieldError, NotFound, accounts, meetings, reports
from .services import audit_log as audit_service
from .services import queue as queue_service
from .services import requests as request_service
from .services.audit_log import AuditFilter
from .services.queue import QueueFilter

bp = Blueprint("coordinator", __name__, url_prefix="/samordnare")

OPEN_ENDPOINTS = {"coordinator.login", "coordinator.code", "coordinator.enrol"}


@bp.before_request
def require_login():
    g.coordinator = None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    live = accounts.current_session(session.get(auth.SESSION_KEY))
    if live is None:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("coordinator.login", next=auth.safe_next(target)), code=303)
    g.coordinator_session = live
    g.coordinator = live.coordinator
    return None


@bp.errorhandler(NotFound)
def _not_found(_error):
    return render_error(404)


def _actor() -> str:
    return g.coordinator.username


def _show_error(form, error: FieldError) -> None:
    form[error.field].errors = [error.message]


# --- Login, one-time code, enrolment, logout, password -------------------------------------------


@bp.route("/logga-in", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
@limiter.limit(
    configured_limit("LOGIN_ACCOUNT_RATE_LIMIT"), methods=["POST"], key_func=auth.account_key
)
def login():
    form = LoginForm()
    next_page = auth.safe_next(request.values.get("next"))
    error = None
    if request.method == "POST":
        account_id = None
        if form.validate():
            account_id = accounts.check_password(form.username.data, form.password.data)
        if account_id is None:
            error = auth.GENERIC_LOGIN_ERROR
        else:
            session.clear()
            session[auth.PENDING_KEY] = {"id": account_id, "at": clock.now().timestamp()}
            return redirect(url_for("coordinator.code", next=next_page), code=303)
    return render_template(
        "coordinator/login.html",
        form=form,
        error=error,
        next_page=next_page,
        error_title_prefix=bool(error),
    )


@bp.route("/kod", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
def code():
    account_id = accounts.pending_login(session.get(auth.PENDING_KEY))
    if account_id is None:
        session.pop(auth.PENDING_KEY, None)
        return redirect(url_for("coordinator.login"), code=303)
    form = CodeForm()
    next_page = auth.safe_next(request.values.get("next"))
    error = None
    if request.method == "POST":
        token = accounts.check_code(account_id, form.code.data if form.validate() else None)
        if token is None:
            error = auth.GENERIC_LOGIN_ERROR
        else:
            session.clear()  # drops the pre-login session, including the pending login
            session[auth.SESSION_KEY] = token
            session.permanent = False
            return redirect(next_page or url_for("coordinator.queue"), code=303)
    return render_template(
        "coordinator/code.html",
        form=form,
        error=error,
        next_page=next_page,
        error_title_prefix=bool(error),
    )


@bp.post("/logga-ut")
def logout():
    if not ConfirmForm().validate():
        abort(400)
    accounts.logout(session.get(auth.SESSION_KEY), actor=_actor())
    session.clear()
    return render_template("coordinator/logged_out.html")


@bp.route("/aktivera/<token>", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
def enrol(token: str):
    try:
        account = accounts.enrolment_account(token)
    except NotFound:
        return render_template("coordinator/enrol_invalid.html"), 404
    form = EnrolForm()
    if request.method == "GET" or not form.totp_secret.data:
        form.totp_secret.data = auth.new_totp_secret()
    secret = form.totp_secret.data
    if request.method == "POST" and form.validate():
        try:
            accounts.enrol(token, form.new_password.data, secret, form.code.data)
        except FieldError as error:
            _show_error(form, error)
        else:
            session.clear()
            return render_template("coordinator/enrolled.html")
    uri = auth.totp_uri(account, secret)
    return render_form_page(
        "coordinator/enrol.html",
        form,
        form=form,
        account=account,
        secret=secret,
        qr=auth.qr_svg(uri),
    )


@bp.route("/konto", methods=["GET", "POST"])
def account():
    form = PasswordChangeForm()
    done = False
    if request.method == "POST" and form.validate():
        try:
            accounts.change_password(
                g.coordinator_session.id, form.current_password.data, form.new_password.data
            )
        except FieldError as error:
            _show_error(form, error)
        else:
            done = True
    return render_form_page("coordinator/account.html", form, form=form, done=done)


# --- The queue -----------------------------------------------------------------------------------


@bp.get("/")
def queue():
    filters = QueueFilterForm(request.args)
    filters.validate()
    page = max(1, min(request.args.get("sida", 1, type=int), 10_000))
    result = queue_service.list_requests(
        QueueFilter(
            statuses=filters.status.data or [],
            kind=filters.kind.data or None,
            basis=filters.basis.data or None,
            municipality=filters.municipality.data or None,
            received_from=filters.received_from.data,
            received_to=filters.received_to.data,
        ),
        page,
    )
    query_without_page = {k: request.args.getlist(k) for k in request.args if k != "sida"}
    return render_template(
        "coordinator/queue.html",
        filters=filters,
        rows=result.rows,
        total=result.total,
        page=result.page,
        pages=result.pages,
        counts=result.counts,
        now=clock.now(),
        query=query_without_page,
        v=v,
    )


# --- One request ---------------------------------------------------------------------------------


def _status_form(page: request_service.RequestPage, formdata=None) -> StatusForm:
    form = StatusForm(formdata=formdata) if formdata is not None else StatusForm()
    form.status.choices = as_choices(
        [("", "Välj status"), *[(s, v.label(v.STATUSES, s)) for s in page.status_choices]]
    )
    return form


def _plan_form(page: request_service.RequestPage, formdata=None) -> PlanForm:
    form = PlanForm(formdata=formdata) if formdata is not None else PlanForm()
    form.meeting.choices = as_choices(
        [("", "Välj samråd")]
        + [
            (
                str(m.id),
                f"{local_datetime(m.starts_at)}, {m.place}{' (akut)' if m.is_acute else ''}",
            )
            for m in page.upcoming
        ]
    )
    if formdata is None:
        form.invited_parties.data = meetings.default_invited(page.record)
    return form


def _render_request(page: request_service.RequestPage, **forms):
    status_form = forms.pop("status_form", None) or _status_form(page)
    note_form = forms.pop("note_form", None) or NoteForm(formdata=None, prefix="note")
    message_form = forms.pop("message_form", None) or NoteForm(formdata=None, prefix="message")
    plan_form = forms.pop("plan_form", None) or _plan_form(page)
    return render_form_page(
        "coordinator/request.html",
        status_form,
        note_form,
        message_form,
        plan_form,
        guard=forms.pop("guard", None),
        record=page.record,
        status_form=status_form,
        note_form=note_form,
        message_form=message_form,
        plan_form=plan_form,
        consent_warnings=page.consent_warnings,
        can_plan=page.can_plan,
        v=v,
    )


def _back_to_request(reference: str):
    return redirect(url_for("coordinator.request_page", reference=reference), code=303)


@bp.get("/forfragan/<reference>")
def request_page(reference: str):
    return _render_request(request_service.open_request(reference, actor=_actor()))


@bp.post("/forfragan/<reference>/status")
def change_status(reference: str):
    page = request_service.request_page(reference)
    form = _status_form(page, formdata=request.form)
    valid = form.validate()
    guard = run_guard([form.comment], confirmations(request.form))
    if not (valid and guard.passed):
        return _render_request(page, status_form=form, guard=guard)
    try:
        request_service.change_status(
            reference,
            form.status.data,
            actor=_actor(),
            comment=form.comment.data,
            decline_reason=form.decline_reason.data,
        )
    except FieldError as error:
        _show_error(form, error)
        return _render_request(page, status_form=form)
    return _back_to_request(page.record.reference)


def _add_text_event(reference: str, prefix: str, save):
    page = request_service.request_page(reference)
    form = NoteForm(prefix=prefix)
    valid = form.validate()
    guard = run_guard([form.text], confirmations(request.form))
    if not (valid and guard.passed):
        return _render_request(page, **{f"{prefix}_form": form, "guard": guard})
    save(reference, form.text.data, actor=_actor())
    return _back_to_request(page.record.reference)


@bp.post("/forfragan/<reference>/anteckning")
def add_note(reference: str):
    return _add_text_event(reference, "note", request_service.add_note)


@bp.post("/forfragan/<reference>/meddelande")
def send_message(reference: str):
    return _add_text_event(reference, "message", request_service.send_message)


@bp.post("/forfragan/<reference>/planera")
def plan_request(reference: str):
    page = request_service.request_page(reference)
    form = _plan_form(page, formdata=request.form)
    if not form.validate():
        return _render_request(page, plan_form=form)
    try:
        meetings.plan_request(
            reference, int(form.meeting.data), form.invited_parties.data, actor=_actor()
        )
    except FieldError as error:
        _show_error(form, error)
        return _render_request(page, plan_form=form)
    return _back_to_request(page.record.reference)


# --- Meetings ------------------------------------------------------------------------------------


def _back_to_meeting(meeting_id: int):
    return redirect(url_for("coordinator.meeting_page", meeting_id=meeting_id), code=303)


@bp.route("/moten", methods=["GET", "POST"])
def meeting_list():
    form = AcuteMeetingForm()
    if request.method == "POST" and form.validate():
        local = datetime.combine(form.day.data, form.start_time.data, tzinfo=STOCKHOLM)
        meeting = meetings.create_acute_meeting(local, form.place.data, actor=_actor())
        return _back_to_meeting(meeting.id)
    return render_form_page(
        "coordinator/meetings.html",
        form,
        form=form,
        upcoming=meetings.upcoming_meetings(),
        past=meetings.past_meetings(),
    )


def _render_meeting(page: meetings.MeetingPage, notes_form=None, guard=None, item_forms=None):
    meeting = page.meeting
    notes_form = notes_form or NoteForm(formdata=None, prefix="notes", data={"text": meeting.notes})
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
        v=v,
        warnings=page.warnings,
    )


@bp.get("/moten/<int:meeting_id>")
def meeting_page(meeting_id: int):
    return _render_meeting(meetings.meeting_page(meeting_id))


@bp.post("/moten/<int:meeting_id>/genomfort")
def meeting_held(meeting_id: int):
    if not ConfirmForm().validate():
        abort(400)
    meetings.mark_held(meeting_id, actor=_actor())
    return _back_to_meeting(meeting_id)


@bp.post("/moten/<int:meeting_id>/anteckningar")
def meeting_notes(meeting_id: int):
    form = NoteForm(prefix="notes")
    valid = form.validate()
    guard = run_guard([form.text], confirmations(request.form))
    if not (valid and guard.passed):
        return _render_meeting(meetings.meeting_page(meeting_id), notes_form=form, guard=guard)
    meetings.save_notes(meeting_id, form.text.data, actor=_actor())
    return _back_to_meeting(meeting_id)


@bp.post("/moten/<int:meeting_id>/punkt/<int:item_id>")
def agenda_item(meeting_id: int, item_id: int):
    action = request.form.get("atgard")
    form = AgendaItemForm(prefix=f"item{item_id}")
    if action == "spara":
        if not form.validate():
            return _render_meeting(meetings.meeting_page(meeting_id))
        meetings.set_invited(meeting_id, item_id, form.invited_parties.data, actor=_actor())
    elif not ConfirmForm().validate():
        abort(400)
    elif action in ("upp", "ned"):
        meetings.move_item(meeting_id, item_id, -1 if action == "upp" else 1, actor=_actor())
    elif action == "ta_bort":
        meetings.remove_item(meeting_id, item_id, actor=_actor())
    else:
        abort(400)
    return _back_to_meeting(meeting_id)


@bp.get("/moten/<int:meeting_id>/dagordning")
def agenda_print(meeting_id: int):
    page = meetings.print_agenda(meeting_id, actor=_actor())
    return render_template(
        "coordinator/agenda_print.html", meeting=page.meeting, rows=page.rows, v=v
    )


# --- Audit log -----------------------------------------------------------------------------------


@bp.get("/logg")
def audit_log():
    filters = AuditFilterForm(request.args)
    filters.event_type.choices = as_choices([("", "Alla"), *audit.EVENT_TYPES.items()])
    filters.validate()
    events = audit_service.search(
        AuditFilter(
            event_type=filters.event_type.data or None,
            actor=filters.actor.data or None,
            day_from=filters.day_from.data,
            day_to=filters.day_to.data,
        ),
        viewer=_actor(),
    )
    return render_template(
        "coordinator/audit.html", filters=filters, events=events, labels=audit.EVENT_TYPES
    )


# --- Statistics and the annual report ------------------------------------------------------------


def _period_from_query() -> stats.Period:
    """?ar=2026, ?ar=2026&kvartal=2 or ?fran=2026-01-01&till=2026-06-30; default this year."""
    today = clock.today()
    try:
        if request.args.get("fran") and request.args.get("till"):
            start = date.fromisoformat(request.args["fran"])
            end = date.fromisoformat(request.args["till"])
            if start <= end and (end - start).days <= 3660:
                return stats.range_period(start, end)
        year = int(request.args.get("ar", today.year))
        if not 2000 <= year <= 2100:
            year = today.year
        quarter = request.args.get("kvartal", type=int)
        if quarter in (1, 2, 3, 4):
            return stats.quarter_period(year, quarter)
        return stats.year_period(year)
    except ValueError:
        return stats.year_period(today.year)


@bp.get("/statistik")
def statistics():
    period = _period_from_query()
    report = reports.build_report(period)
    shown = [stats.protect(table, None) for table in report.tables]
    return render_template(
        "coordinator/statistics.html",
        report=report,
        shown=shown,
        internal=True,
        figures=[(f.label, stats.protect_figure(f, None)) for f in report.key_figures],
        chart=stats.bar_chart,
        query=request.args.to_dict(),
        year=period.start.year,
    )


@bp.get("/statistik/export.csv")
def statistics_csv():
    period = _period_from_query()
    threshold = current_app.config["SUPPRESS_BELOW"]
    body = reports.export_csv(period, threshold, actor=_actor())
    filename = f"norrsken-statistik-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/statistik/arsrapport", methods=["GET", "POST"])
def annual_report():
    year = request.args.get("ar", clock.today().year, type=int)
    if not 2000 <= year <= 2100:
        abort(404)
    form = NoteForm(prefix="kommentar", data={"text": reports.commentary_text(year)})
    guard = GuardResult()
    if request.method == "POST":
        valid = form.validate()
        guard = run_guard([form.text], confirmations(request.form))
        if valid and guard.passed:
            reports.save_commentary(year, form.text.data, actor=_actor())
            return redirect(url_for("coordinator.annual_report", ar=year), code=303)
    report, commentary = reports.annual_report(year, actor=_actor())
    threshold = current_app.config["SUPPRESS_BELOW"]
    return render_form_page(
        "coordinator/annual_report.html",
        form,
        guard=guard,
        report=report,
        year=year,
        form=form,
        commentary=commentary,
        shown={t.key: stats.protect(t, threshold) for t in report.tables},
        figures=[(f.label, stats.protect_figure(f, threshold)) for f in report.key_figures],
        chart=stats.bar_chart,
        threshold=threshold,
        goals=v.GOALS,
    )
