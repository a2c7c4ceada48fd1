"""The coordinator side, `/samordnare/…`: login, the queue, requests, meetings and the audit log.

Every route except login, the one-time code and enrolment requires a full login (password and
code); `require_login` enforces that for the whole blueprint, and a test walks the URL map to
prove it. Every action is written to the audit trail (audit.py) without any case text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

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
from sqlalchemy import and_, func, select

from . import audit, auth, clock, meetings, store, workflow
from . import statistics as stats
from . import vocabulary as v
from .clock import STOCKHOLM
from .db import get_session
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
from .models import (
    AgendaItem,
    AnnualCommentary,
    AuditEvent,
    Coordinator,
    Meeting,
    RequestEvent,
    SamradRequest,
)
from .presentation import local_datetime

bp = Blueprint("coordinator", __name__, url_prefix="/samordnare")

OPEN_ENDPOINTS = {"coordinator.login", "coordinator.code", "coordinator.enrol"}
PAGE_SIZE = 50
PENDING_MINUTES = 5


@bp.before_request
def require_login():
    g.coordinator = None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    live = auth.current_session()
    if live is None:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("coordinator.login", next=auth.safe_next(target)), code=303)
    g.coordinator_session = live
    g.coordinator = live.coordinator
    return None


def _actor() -> str:
    return g.coordinator.username


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
    if request.method == "POST" and form.validate():
        account = auth.find_account(form.username.data)
        # The lock is checked before the password, and every failure looks the same.
        if auth.is_locked(account):
            audit.record(
                "login_failed",
                actor=account.username,
                object_type="konto",
                object_ref=account.username,
                detail="kontot är låst",
            )
            get_session().commit()
            error = auth.GENERIC_LOGIN_ERROR
        elif not (auth.password_matches(account, form.password.data) and account.is_enrolled):
            auth.record_failure(account, form.username.data)
            error = auth.GENERIC_LOGIN_ERROR
        else:
            session.clear()
            session[auth.PENDING_KEY] = {"id": account.id, "at": clock.now().timestamp()}
            return redirect(url_for("coordinator.code", next=next_page), code=303)
    elif request.method == "POST":
        error = auth.GENERIC_LOGIN_ERROR
    return render_template(
        "coordinator/login.html",
        form=form,
        error=error,
        next_page=next_page,
        error_title_prefix=bool(error),
    )


def _pending_account() -> Coordinator | None:
    pending = session.get(auth.PENDING_KEY)
    if not pending:
        return None
    started = datetime.fromtimestamp(pending["at"], tz=clock.now().tzinfo)
    if clock.now() - started > timedelta(minutes=PENDING_MINUTES):
        session.pop(auth.PENDING_KEY, None)
        return None
    return get_session().get(Coordinator, pending["id"])


@bp.route("/kod", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
def code():
    account = _pending_account()
    if account is None:
        return redirect(url_for("coordinator.login"), code=303)
    form = CodeForm()
    next_page = auth.safe_next(request.values.get("next"))
    error = None
    if request.method == "POST":
        if (
            auth.is_locked(account)
            or not form.validate()
            or not auth.verify_code(account, form.code.data)
        ):
            if not auth.is_locked(account):
                auth.record_failure(account, account.username)
            error = auth.GENERIC_LOGIN_ERROR
        else:
            audit.record(
                "login_ok", actor=account.username, object_type="konto", object_ref=account.username
            )
            auth.start_session(account)
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
    audit.record("logout", actor=_actor(), object_type="konto", object_ref=_actor())
    get_session().commit()
    auth.end_session()
    return render_template("coordinator/logged_out.html")


@bp.route("/aktivera/<token>", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
def enrol(token: str):
    account = auth.account_for_enrolment(token)
    if account is None:
        return render_template("coordinator/enrol_invalid.html"), 404
    form = EnrolForm()
    if request.method == "GET" or not form.totp_secret.data:
        form.totp_secret.data = auth.new_totp_secret()
    secret = form.totp_secret.data
    if request.method == "POST" and form.validate():
        problem = auth.password_problem(form.new_password.data, account.username)
        if problem:
            form.new_password.errors = [problem]
        elif not auth.verify_code(account, form.code.data, secret=secret):
            form.code.errors = ["Koden stämmer inte. Kontrollera att appen visar en aktuell kod."]
        else:
            account.password_hash = auth.hash_password(form.new_password.data)
            account.totp_secret = secret
            account.password_changed_at = clock.now()
            account.enrolment_token_hash = None
            account.enrolment_expires_at = None
            audit.record(
                "account_enrolled",
                actor=account.username,
                object_type="konto",
                object_ref=account.username,
            )
            get_session().commit()
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
        me = g.coordinator
        problem = auth.password_problem(form.new_password.data, me.username)
        if not auth.password_matches(me, form.current_password.data):
            form.current_password.errors = ["Det nuvarande lösenordet stämmer inte."]
        elif problem:
            form.new_password.errors = [problem]
        else:
            me.password_hash = auth.hash_password(form.new_password.data)
            me.password_changed_at = clock.now()
            auth.end_other_sessions(me, keep=g.coordinator_session)
            audit.record(
                "password_changed", actor=me.username, object_type="konto", object_ref=me.username
            )
            get_session().commit()
            done = True
    return render_form_page("coordinator/account.html", form, form=form, done=done)


# --- The queue -----------------------------------------------------------------------------------

OPEN_STATUSES = ["ny", "under_bedomning", "komplettering", "planerad", "genomford"]


def _local_day_start(day) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM)


@bp.get("/")
def queue():
    filters = QueueFilterForm(request.args)
    filters.validate()
    statuses = filters.status.data or OPEN_STATUSES
    conditions = [SamradRequest.status.in_(statuses)]
    if filters.kind.data:
        conditions.append(SamradRequest.kind == filters.kind.data)
    if filters.basis.data:
        conditions.append(SamradRequest.basis == filters.basis.data)
    if filters.municipality.data:
        conditions.append(SamradRequest.municipality == filters.municipality.data)
    if filters.received_from.data:
        conditions.append(SamradRequest.created_at >= _local_day_start(filters.received_from.data))
    if filters.received_to.data:
        end = _local_day_start(filters.received_to.data) + timedelta(days=1)
        conditions.append(SamradRequest.created_at < end)

    page = max(1, min(request.args.get("sida", 1, type=int), 10_000))
    session_ = get_session()
    total = session_.scalar(select(func.count()).select_from(SamradRequest).where(*conditions))
    rows = session_.execute(
        select(
            SamradRequest.reference,
            SamradRequest.created_at,
            SamradRequest.kind,
            SamradRequest.is_acute,
            SamradRequest.basis,
            SamradRequest.municipality,
            SamradRequest.status,
            SamradRequest.first_viewed_at,
        )
        .where(*conditions)
        .order_by(SamradRequest.is_acute.desc(), SamradRequest.created_at.asc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    counts = dict(
        session_.execute(
            select(SamradRequest.status, func.count()).group_by(SamradRequest.status)
        ).all()
    )
    query_without_page = {k: request.args.getlist(k) for k in request.args if k != "sida"}
    return render_template(
        "coordinator/queue.html",
        filters=filters,
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        counts=counts,
        now=clock.now(),
        query=query_without_page,
        v=v,
    )


# --- One request ---------------------------------------------------------------------------------


def _load_request(reference: str) -> SamradRequest:
    normalised = store.normalise_reference(reference, store.REQUEST_PREFIX)
    found = normalised and get_session().scalar(
        select(SamradRequest).where(SamradRequest.reference == normalised)
    )
    if not found:
        abort(404)
    return found


def _status_form(record: SamradRequest, formdata=None) -> StatusForm:
    form = StatusForm(formdata=formdata) if formdata is not None else StatusForm()
    form.status.choices = as_choices(
        [
            ("", "Välj status"),
            *[(s, v.label(v.STATUSES, s)) for s in workflow.manual_choices(record.status)],
        ]
    )
    return form


def _plan_form(record: SamradRequest, formdata=None) -> PlanForm:
    form = PlanForm(formdata=formdata) if formdata is not None else PlanForm()
    form.meeting.choices = as_choices(
        [("", "Välj samråd")]
        + [
            (
                str(m.id),
                f"{local_datetime(m.starts_at)}, {m.place}{' (akut)' if m.is_acute else ''}",
            )
            for m in meetings.upcoming_meetings()
        ]
    )
    if formdata is None:
        form.invited_parties.data = meetings.default_invited(record)
    return form


def _render_request(record: SamradRequest, **forms):
    guard = forms.pop("guard", GuardResult())
    status_form = forms.pop("status_form", None) or _status_form(record, formdata=None)
    note_form = forms.pop("note_form", None) or NoteForm(formdata=None, prefix="note")
    message_form = forms.pop("message_form", None) or NoteForm(formdata=None, prefix="message")
    plan_form = forms.pop("plan_form", None) or _plan_form(record, formdata=None)
    return render_form_page(
        "coordinator/request.html",
        status_form,
        note_form,
        message_form,
        plan_form,
        guard=guard,
        record=record,
        status_form=status_form,
        note_form=note_form,
        message_form=message_form,
        plan_form=plan_form,
        consent_warnings=meetings.consent_warnings(record),
        can_plan=workflow.allowed(record.status, "planerad"),
        v=v,
    )


@bp.get("/forfragan/<reference>")
def request_page(reference: str):
    record = _load_request(reference)
    if record.first_viewed_at is None:
        record.first_viewed_at = clock.now()
    audit.record(
        "request_viewed", actor=_actor(), object_type="förfrågan", object_ref=record.reference
    )
    get_session().commit()
    return _render_request(record)


@bp.post("/forfragan/<reference>/status")
def change_status(reference: str):
    record = _load_request(reference)
    form = _status_form(record, formdata=request.form)
    valid = form.validate()
    guard = run_guard([form.comment], confirmations(request.form))
    if not (valid and guard.passed):
        return _render_request(record, status_form=form, guard=guard)
    previous = record.status
    try:
        store.change_status(
            record, form.status.data, actor=_actor(), comment=form.comment.data or None
        )
    except workflow.TransitionRefused:
        form.status.errors = ["Den statusändringen är inte tillåten från nuvarande status."]
        return _render_request(record, status_form=form)
    if form.status.data == "avbojd":
        record.decline_reason = form.decline_reason.data
    if form.status.data == "komplettering":
        get_session().add(
            RequestEvent(request=record, kind="message", actor=_actor(), text=form.comment.data)
        )
    return _recorded(record, "status_changed", f"{previous} → {form.status.data}")


def _recorded(record: SamradRequest, audit_type: str, detail: str | None = None):
    """Audit an action on a request, commit it, and return to the request page."""
    audit.record(
        audit_type,
        actor=_actor(),
        object_type="förfrågan",
        object_ref=record.reference,
        detail=detail,
    )
    get_session().commit()
    return redirect(url_for("coordinator.request_page", reference=record.reference), code=303)


def _add_text_event(reference: str, kind: str, prefix: str, audit_type: str):
    record = _load_request(reference)
    form = NoteForm(prefix=prefix)
    valid = form.validate()
    guard = run_guard([form.text], confirmations(request.form))
    if not (valid and guard.passed):
        return _render_request(record, **{f"{prefix}_form": form, "guard": guard})
    get_session().add(RequestEvent(request=record, kind=kind, actor=_actor(), text=form.text.data))
    return _recorded(record, audit_type)


@bp.post("/forfragan/<reference>/anteckning")
def add_note(reference: str):
    return _add_text_event(reference, "note", "note", "note_added")


@bp.post("/forfragan/<reference>/meddelande")
def send_message(reference: str):
    return _add_text_event(reference, "message", "message", "message_sent")


@bp.post("/forfragan/<reference>/planera")
def plan_request(reference: str):
    record = _load_request(reference)
    form = _plan_form(record, formdata=request.form)
    if not form.validate():
        return _render_request(record, plan_form=form)
    meeting = get_session().get(Meeting, int(form.meeting.data))
    if meeting is None or meeting.held_at is not None:
        form.meeting.errors = ["Välj ett kommande samråd."]
        return _render_request(record, plan_form=form)
    try:
        meetings.plan(record, meeting, form.invited_parties.data, actor=_actor())
    except workflow.TransitionRefused:
        form.meeting.errors = ["Förfrågan kan inte planeras in från nuvarande status."]
        return _render_request(record, plan_form=form)
    return _recorded(record, "status_changed", f"planerad till samråd {meeting.id}")


# --- Meetings ------------------------------------------------------------------------------------


@bp.route("/moten", methods=["GET", "POST"])
def meeting_list():
    form = AcuteMeetingForm()
    if request.method == "POST" and form.validate():
        local = datetime.combine(form.day.data, form.start_time.data, tzinfo=STOCKHOLM)
        meeting = meetings.create_acute_meeting(
            local.astimezone(clock.now().tzinfo), form.place.data
        )
        get_session().flush()
        return _meeting_recorded(meeting, "akut samråd skapat")
    return render_form_page(
        "coordinator/meetings.html",
        form,
        form=form,
        upcoming=meetings.upcoming_meetings(),
        past=meetings.past_meetings(),
    )


def _meeting_recorded(meeting: Meeting, detail: str):
    """Audit a change to a meeting, commit it, and return to the meeting page."""
    audit.record(
        "meeting_changed",
        actor=_actor(),
        object_type="samråd",
        object_ref=str(meeting.id),
        detail=detail,
    )
    get_session().commit()
    return redirect(url_for("coordinator.meeting_page", meeting_id=meeting.id), code=303)


def _load_meeting(meeting_id: int) -> Meeting:
    meeting = get_session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


@bp.get("/moten/<int:meeting_id>")
def meeting_page(meeting_id: int, notes_form=None, guard=None):
    meeting = _load_meeting(meeting_id)
    notes_form = notes_form or NoteForm(formdata=None, prefix="notes", data={"text": meeting.notes})
    item_forms = {
        item.id: AgendaItemForm(
            formdata=None, prefix=f"item{item.id}", data={"invited_parties": item.invited_parties}
        )
        for item in meeting.items
    }
    return render_form_page(
        "coordinator/meeting.html",
        notes_form,
        guard=guard,
        meeting=meeting,
        rows=meetings.agenda(meeting),
        notes_form=notes_form,
        item_forms=item_forms,
        confirm=ConfirmForm(),
        v=v,
        warnings={item.id: meetings.consent_warnings(item.request) for item in meeting.items},
    )


@bp.post("/moten/<int:meeting_id>/genomfort")
def meeting_held(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    if not ConfirmForm().validate():
        abort(400)
    if meeting.held_at is not None:  # already marked: nothing to change or audit
        return redirect(url_for("coordinator.meeting_page", meeting_id=meeting.id), code=303)
    moved = meetings.mark_held(meeting, actor=_actor())
    return _meeting_recorded(meeting, f"genomfört, {moved} ärenden")


@bp.post("/moten/<int:meeting_id>/anteckningar")
def meeting_notes(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    form = NoteForm(prefix="notes")
    valid = form.validate()
    guard = run_guard([form.text], confirmations(request.form))
    if not (valid and guard.passed):
        return meeting_page(meeting_id, notes_form=form, guard=guard)
    meeting.notes = form.text.data
    return _meeting_recorded(meeting, "anteckningar sparade")


@bp.post("/moten/<int:meeting_id>/punkt/<int:item_id>")
def agenda_item(meeting_id: int, item_id: int):
    meeting = _load_meeting(meeting_id)
    item = get_session().get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        abort(404)
    action = request.form.get("atgard")
    form = AgendaItemForm(prefix=f"item{item.id}")
    if action == "spara":
        if not form.validate():
            return meeting_page(meeting_id)
        item.invited_parties = form.invited_parties.data
        detail = f"inbjudna ändrade för {item.request.reference}"
    elif not ConfirmForm().validate():
        abort(400)
    elif action in ("upp", "ned"):
        meetings.move(item, -1 if action == "upp" else 1)
        detail = "ordning ändrad"
    elif action == "ta_bort":
        detail = f"{item.request.reference} borttagen"
        meetings.remove(item, actor=_actor())
    else:
        abort(400)
    return _meeting_recorded(meeting, detail)


@bp.get("/moten/<int:meeting_id>/dagordning")
def agenda_print(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    audit.record(
        "export",
        actor=_actor(),
        object_type="samråd",
        object_ref=str(meeting.id),
        detail="dagordning",
    )
    get_session().commit()
    return render_template(
        "coordinator/agenda_print.html", meeting=meeting, rows=meetings.agenda(meeting), v=v
    )


# --- Audit log -----------------------------------------------------------------------------------


@bp.get("/logg")
def audit_log():
    filters = AuditFilterForm(request.args)
    filters.event_type.choices = as_choices([("", "Alla"), *audit.EVENT_TYPES.items()])
    filters.validate()
    conditions = []
    if filters.event_type.data:
        conditions.append(AuditEvent.event_type == filters.event_type.data)
    if filters.actor.data:
        conditions.append(AuditEvent.actor == filters.actor.data.strip().casefold())
    if filters.day_from.data:
        conditions.append(AuditEvent.created_at >= _local_day_start(filters.day_from.data))
    if filters.day_to.data:
        conditions.append(
            AuditEvent.created_at < _local_day_start(filters.day_to.data) + timedelta(days=1)
        )
    events = (
        get_session()
        .scalars(
            select(AuditEvent)
            .where(and_(True, *conditions))
            .order_by(AuditEvent.id.desc())
            .limit(500)
        )
        .all()
    )
    audit.record("audit_viewed", actor=_actor())
    get_session().commit()
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
    report = stats.build(period)
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
    body = stats.to_csv(stats.build(period), current_app.config["SUPPRESS_BELOW"])
    audit.record("export", actor=_actor(), object_type="statistik", detail=period.label)
    get_session().commit()
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
    commentary = get_session().get(AnnualCommentary, year)
    form = NoteForm(prefix="kommentar", data={"text": commentary.text if commentary else ""})
    guard = GuardResult()
    if request.method == "POST":
        valid = form.validate()
        guard = run_guard([form.text], confirmations(request.form))
        if valid and guard.passed:
            if commentary is None:
                commentary = AnnualCommentary(year=year)
                get_session().add(commentary)
            commentary.text = form.text.data
            audit.record(
                "note_added", actor=_actor(), object_type="årsrapport", object_ref=str(year)
            )
            get_session().commit()
            return redirect(url_for("coordinator.annual_report", ar=year), code=303)
    report = stats.build(stats.year_period(year))
    threshold = current_app.config["SUPPRESS_BELOW"]
    audit.record("export", actor=_actor(), object_type="årsrapport", object_ref=str(year))
    get_session().commit()
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
        goals=GOALS,
    )


# The agreement's nine goals (avsnitt 6), in our words, with the figures that speak to each.
GOALS: list[tuple[str, list[str]]] = [
    ("1. Samplanerat och samordnat stöd och skydd", ["grund", "utfall"]),
    ("2. Skydd och stöd utifrån bedömd risk för fortsatt våld", ["riskbedomning"]),
    ("3. Skyndsam bedömning av psykosocialt stöd och behandling", ["sort"]),
    ("4. Stöd att knyta kontakter med nya enheter och professioner", ["inbjudna"]),
    ("5. God information om vilket stöd parterna kan ge", []),
    ("6. Fler anmäler brott och medverkar i utredningen", ["polisanmalan"]),
    ("7. Stöd som bygger på lag, bästa kunskap och beprövad erfarenhet", []),
    ("8. Ökad kunskap om de andra parternas roll och ansvar", ["part"]),
    ("9. Ökad trygghet i att förhålla sig till sekretessen", ["samtycken"]),
]
