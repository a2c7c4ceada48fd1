"""The public side, `/formular/…`: requests for samråd, consent records and their status pages.

The request form is two steps without any stored draft: the form, then a check-your-answers page
that carries the answers in hidden fields and sends them on. Nothing is stored until the final
send, and only after the form, the de-identification guard, the consent checks and the declaration
have all passed. A refused submission re-renders everything the user typed.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    g,
    jsonify,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError

from . import clock
from . import vocabulary as v
from .errors import CSRF_MESSAGE, render_error
from .extensions import configured_limit, limiter, spend
from .forms import (
    DECLARATION_VERSION,
    CheckTextForm,
    ConsentForm,
    DeclarationForm,
    RequestForm,
)
from .guarded_forms import (
    GuardResult,
    check_form,
    confirmations,
    confirmed_descriptions,
    render_form_page,
    run_guard,
    scan_text,
)
from .models import SamradRequest
from .security import external_url
from .services import submissions
from .vocabulary import OTHER_ORGANISATION, Basis

bp = Blueprint("public", __name__, url_prefix="/formular")


def _stored(_response) -> bool:
    """Only stored submissions count against the submission limit, not refused attempts."""
    return bool(g.get("stored"))


def _refused(_response) -> bool:
    """Refused submissions count against a limit of their own (security review H1): generous
    for a professional correcting a form, but a bound on what one client can make the guard do."""
    return not g.get("stored")


def _honeypot_filled() -> bool:
    return bool((request.form.get("webbadress") or "").strip())


def _refuse_honeypot():
    return render_error(
        400, "Formuläret kunde inte skickas", "Formuläret innehöll ett fält som ska lämnas tomt."
    )


# --- The submission key ------------------------------------------------------------------------
# The server issues each form a random key and remembers, in this browser's session, which keys
# it issued here. A double submission is recognised by its key; only the browser the key was
# issued to is shown the earlier record's status link (security review M1).

ISSUED_KEYS = "issued_submission_keys"
ISSUED_KEYS_KEPT = 20


def _issue_key(form) -> None:
    key = submissions.new_submission_key()
    form.submission_key.data = key
    issued = [*session.get(ISSUED_KEYS, []), submissions.submission_key_hash(key)[:16]]
    session[ISSUED_KEYS] = issued[-ISSUED_KEYS_KEPT:]


def _issued_here(key: str) -> bool:
    return submissions.submission_key_hash(key)[:16] in session.get(ISSUED_KEYS, [])


def _refuse_submission_key():
    return render_error(
        400,
        "Formuläret kunde inte skickas",
        "Formuläret innehöll ett dolt fält som inte stämde. Öppna formuläret igen och fyll i det "
        "på nytt.",
    )


def _already_received(what: str):
    return render_template("public/already_received.html", what=what)


# --- Förfrågan om samråd -----------------------------------------------------------------------


TOO_MANY_LOOKUPS = (
    "Du har kontrollerat många samtyckesreferenser på kort tid. Vänta en stund och försök igen, "
    "eller dra ärendet avidentifierat."
)


def _consent_problem(form: RequestForm) -> str | None:
    if form.basis.data != Basis.CONSENT or form.consent_reference.errors:
        return None
    if not spend("CONSENT_LOOKUP_RATE_LIMIT", "consent-lookup"):  # security review L5
        return TOO_MANY_LOOKUPS
    check = submissions.check_consent_covers(
        form.consent_reference.data, form.parties_requested.data or [], clock.today()
    )
    return check.problem


def _validate_request(form: RequestForm) -> tuple[bool, GuardResult]:
    valid = form.validate()
    guard = run_guard(form.guarded_fields(), confirmations(request.form))
    problem = _consent_problem(form) if not form.basis.errors else None
    if problem:
        form.consent_reference.errors = [*form.consent_reference.errors, problem]
        valid = False
    return valid and guard.passed, guard


def _render_request_form(form: RequestForm, guard: GuardResult, focus: str | None = None):
    return render_form_page(
        "public/request_form.html", form, guard=guard, form=form, focus=focus, v=v
    )


def _render_check_page(form: RequestForm, guard: GuardResult, declaration: DeclarationForm):
    # Only the declaration can be wrong here: the answers were valid to reach this page.
    return render_form_page(
        "public/request_check.html",
        declaration,
        guard=guard,
        form=form,
        declaration=declaration,
        confirmed=confirmed_descriptions(form, guard),
        consent_reference=submissions.normalise_reference(
            form.consent_reference.data or "", submissions.CONSENT_PREFIX
        )
        or form.consent_reference.data,
    )


@bp.route("/samrad", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORM_RATE_LIMIT"), methods=["POST"])
def request_form():
    form = RequestForm()
    if request.method == "GET":
        _issue_key(form)
        return _render_request_form(form, GuardResult())
    if _honeypot_filled():
        return _refuse_honeypot()
    if not submissions.valid_submission_key(form.submission_key.data):
        _issue_key(form)  # nothing is stored at this step: a missing or odd key is replaced
    change = request.form.get("andra")
    if change:  # "Ändra" on the check page: back to the form, with that field focused
        guard = run_guard(form.guarded_fields(), confirmations(request.form))
        return _render_request_form(form, guard, focus=change if change in form else None)
    valid, guard = _validate_request(form)
    if not valid:
        return _render_request_form(form, guard)
    return _render_check_page(form, guard, DeclarationForm(formdata=None))


@bp.post("/samrad/skicka")
@limiter.limit(configured_limit("SUBMIT_RATE_LIMIT"), deduct_when=_stored)
@limiter.limit(configured_limit("REFUSED_SUBMIT_RATE_LIMIT"), deduct_when=_refused)
def send_request():
    if _honeypot_filled():
        return _refuse_honeypot()
    form = RequestForm()
    key = form.submission_key.data
    if key and not submissions.valid_submission_key(key):
        return _refuse_submission_key()
    declaration = DeclarationForm(meta={"csrf": False})
    valid, guard = _validate_request(form)
    if not valid or not key:
        return _render_request_form(form, guard)
    if not declaration.validate():
        return _render_check_page(form, guard, declaration)
    consent_reference = form.consent_reference.data if form.basis.data == Basis.CONSENT else None
    record, is_new = submissions.submit_request(_request_data(form, guard), consent_reference)
    g.stored = True
    if not (is_new or _issued_here(key)):
        return _already_received("Förfrågan")
    return render_template(
        "public/request_done.html", record=record, status_url=_status_url(record)
    )


def _request_data(form: RequestForm, guard: GuardResult) -> dict:
    data = form.submitter_data()
    data.update(
        municipality=form.municipality.data,
        basis=form.basis.data,
        kind=form.kind.data,
        acute_reason=form.acute_reason.data or None,
        purposes=form.purposes.data,
        violence_forms=form.violence_forms.data,
        contexts=form.contexts.data,
        children=form.children.data,
        police_report=form.police_report.data,
        risk_assessment=form.risk_assessment.data,
        risk_method=form.risk_method.data or None,
        case_description=form.case_description.data,
        question=form.question.data,
        parties_requested=form.parties_requested.data,
        other_actors=form.other_actors.data or None,
        participation=form.participation.data,
        declaration_version=DECLARATION_VERSION,
        warnings_confirmed=len(guard.confirmed_keys),
        confirmed_warnings="\n".join(confirmed_descriptions(form, guard)) or None,
    )
    return data


def _status_url(record) -> str:
    """The link to keep, from NORRSKEN_BASE_URL: never from the request's Host header, which
    anyone can set (security review I1)."""
    endpoint = (
        "public.request_status" if isinstance(record, SamradRequest) else "public.consent_status"
    )
    path = url_for(endpoint, token=submissions.status_token(record), _external=False)
    return external_url(path)


# --- Samtycke ---------------------------------------------------------------------------------


def _render_consent_form(form: ConsentForm, guard: GuardResult, focus: str | None = None):
    return render_form_page("public/consent_form.html", form, guard=guard, form=form, focus=focus)


@bp.route("/samtycke", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORM_RATE_LIMIT"), methods=["POST"])
def consent_form():
    """The consent form, then check your answers (like the request form); nothing is stored
    until "Registrera samtycket" on the check page."""
    form = ConsentForm()
    if request.method == "GET":
        _issue_key(form)
        form.valid_from.process(None, clock.today())
        return _render_consent_form(form, GuardResult())
    if _honeypot_filled():
        return _refuse_honeypot()
    if not submissions.valid_submission_key(form.submission_key.data):
        _issue_key(form)  # nothing is stored at this step: a missing or odd key is replaced
    change = request.form.get("andra")
    if change:  # "Ändra" on the check page: back to the form, with that field focused
        guard = run_guard(form.guarded_fields(), confirmations(request.form))
        return _render_consent_form(form, guard, focus=change if change in form else None)
    accepted, guard = check_form(form, request.form)
    if not accepted:
        return _render_consent_form(form, guard)
    return render_form_page("public/consent_check.html", form, guard=guard, form=form, v=v)


@bp.post("/samtycke/skicka")
@limiter.limit(configured_limit("SUBMIT_RATE_LIMIT"), deduct_when=_stored)
@limiter.limit(configured_limit("REFUSED_SUBMIT_RATE_LIMIT"), deduct_when=_refused)
def send_consent():
    if _honeypot_filled():
        return _refuse_honeypot()
    form = ConsentForm()
    key = form.submission_key.data
    if key and not submissions.valid_submission_key(key):
        return _refuse_submission_key()
    accepted, guard = check_form(form, request.form)
    if not (accepted and key):
        return _render_consent_form(form, guard)
    record, is_new = submissions.create_consent(_consent_data(form))
    g.stored = True
    if not (is_new or _issued_here(form.submission_key.data)):
        return _already_received("Samtycket")
    return render_template(
        "public/consent_done.html", record=record, status_url=_status_url(record)
    )


def _consent_data(form: ConsentForm) -> dict:
    data = form.submitter_data()
    data.update(
        parties=form.parties.data,
        other_parties=form.other_parties.data or None,
        information_kinds=form.information_kinds.data,
        valid_from=form.valid_from.data,
        valid_until=form.valid_until.data,
        method=form.method.data,
        original_kept_by=form.original_kept_by.data,
        original_kept_by_other=(
            form.original_kept_by_other.data
            if form.original_kept_by.data == OTHER_ORGANISATION
            else None
        ),
        original_case_reference=form.original_case_reference.data,
        told_how_samrad_works=True,
        told_who_takes_part=True,
        told_can_withdraw=True,
    )
    return data


@bp.get("/samtycke/blankett")
def consent_blankett():
    return render_template("public/consent_blankett.html")


# --- A lost session ------------------------------------------------------------------------------

SESSION_LOST = (
    "Av säkerhetsskäl behövde formuläret laddas om, eftersom det varit öppet länge eller "
    "webbläsarens sessionskaka saknades. Allt du skrev finns kvar här. Kontrollera det och "
    "skicka igen."
)


@bp.errorhandler(CSRFError)
def _session_lost(_error):
    """The CSRF token no longer matches (the session cookie was lost, or the form was open for
    more than a working day): show the form again with everything typed and a fresh token,
    instead of advice to reload, which empties the form (ux-review §3)."""
    if request.endpoint in ("public.request_form", "public.send_request"):
        form = RequestForm(formdata=request.form)
        page = render_template(
            "public/request_form.html", form=form, guard=GuardResult(), notice=SESSION_LOST
        )
    elif request.endpoint in ("public.consent_form", "public.send_consent"):
        form = ConsentForm(formdata=request.form)
        page = render_template(
            "public/consent_form.html", form=form, guard=GuardResult(), notice=SESSION_LOST
        )
    else:
        return render_error(400, *CSRF_MESSAGE)
    return page, 400


# --- Live hints -------------------------------------------------------------------------------


@bp.post("/granska")
@limiter.limit(configured_limit("CHECK_RATE_LIMIT"))
def check_text():
    """Findings for one text as JSON, for the hints shown while typing. The server check on
    submit stays the authority; this only helps."""
    form = CheckTextForm()
    if not form.validate():
        return jsonify({"error": "Texten kunde inte granskas."}), 400
    text = form.text.data or ""
    return jsonify(
        {
            "findings": [
                {
                    "kind": f.kind,
                    "label": f.label,
                    "severity": f.severity,
                    "start": f.start,
                    "end": f.end,
                    "text": text[f.start : f.end],
                    "message": f.message,
                }
                for f in scan_text(text)
            ]
        }
    )


# The status pages register themselves on `bp` when imported.
from . import status_pages as _status_pages  # noqa: E402, F401
