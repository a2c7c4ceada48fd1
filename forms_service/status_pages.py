"""The public status pages, `/formular/status/…` and `/formular/samtycke/status/…`.

The holder of a status link follows the request or consent record, answers a komplettering,
withdraws, or ends the link itself (security review M6). A revoked, expired or unknown link gets
a page that says so and how to get a new one; a revoked link and one that was never issued get
exactly the same answer. The views are part of the public blueprint (public.py).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from . import clock
from . import vocabulary as v
from .errors import render_error
from .extensions import configured_limit, limiter
from .forms import ConfirmForm, ReplyForm
from .guarded_forms import check_form, render_form_page
from .models import ConsentRecord, SamradRequest
from .public import bp
from .services import submissions
from .tokens import TokenProblem


def _token_problem_page(problem: TokenProblem):
    titles = {
        TokenProblem.EXPIRED: (
            "Länken har slutat gälla",
            "Statuslänkar gäller en begränsad tid. Kontakta samordnaren och uppge referensen: "
            "samordnaren kan skicka en ny länk till din e-postadress i tjänsten.",
        ),
        TokenProblem.GONE: (
            "Uppgifterna finns inte längre",
            "Ärendet är avslutat och uppgifterna har gallrats enligt rutinen för gallring.",
        ),
        TokenProblem.INVALID: (
            "Länken fungerar inte",
            "Länken är felaktig eller har spärrats. Kontrollera att du har kopierat hela länken, "
            "eller kontakta samordnaren och uppge referensen: samordnaren kan skicka en ny länk "
            "till din e-postadress i tjänsten.",
        ),
    }
    title, message = titles[problem]
    return render_error(404, title, message, contact=True)


def _end_link_step(record, step: str, form: ConfirmForm):
    """The submitter ends their own status link (M6): a confirmation page, then the end."""
    if step == "avsluta_bekrafta":
        return render_template("public/link_end.html", record=record, form=form)
    submissions.end_own_link(record)
    return render_template("public/link_ended.html", record=record)


def _render_request_status(record, form, reply=None, guard=None):
    reply = reply or ReplyForm(formdata=None, prefix="svar")
    return render_form_page(
        "public/request_status.html",
        reply,
        guard=guard,
        record=record,
        form=form,
        reply=reply,
        messages=submissions.messages_for_submitter(record),
        v=v,
    )


@bp.route("/status/<token>", methods=["GET", "POST"])
@limiter.limit(configured_limit("STATUS_RATE_LIMIT"))
def request_status(token: str):
    record, problem = submissions.open_by_token(SamradRequest, token)
    if problem:
        return _token_problem_page(problem)
    form = ConfirmForm()
    if request.method == "GET":
        return _render_request_status(record, form)
    step = request.form.get("steg")
    if step == "svara":
        reply = ReplyForm(prefix="svar")
        accepted, guard = check_form(reply, request.form)
        if not accepted:
            return _render_request_status(record, form, reply, guard)
        if submissions.answer_komplettering(record, reply.text.data):
            flash("Ditt svar är skickat till samordnaren. Förfrågan är åter under bedömning.")
        return redirect(url_for("public.request_status", token=token), code=303)
    if not form.validate():
        abort(400)
    if step in ("avsluta_bekrafta", "avsluta"):
        return _end_link_step(record, step, form)
    if step == "bekrafta" and record.status in v.WITHDRAWABLE_STATUSES:
        return render_template("public/request_withdraw.html", record=record, form=form)
    if step == "aterkalla":
        submissions.withdraw_request(record)
    return redirect(url_for("public.request_status", token=token), code=303)


@bp.route("/samtycke/status/<token>", methods=["GET", "POST"])
@limiter.limit(configured_limit("STATUS_RATE_LIMIT"))
def consent_status(token: str):
    record, problem = submissions.open_by_token(ConsentRecord, token)
    if problem:
        return _token_problem_page(problem)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        step = request.form.get("steg")
        if step in ("avsluta_bekrafta", "avsluta"):
            return _end_link_step(record, step, form)
        if step == "bekrafta" and not record.is_withdrawn():
            return render_template("public/consent_withdraw.html", record=record, form=form)
        if step == "aterkalla":
            submissions.withdraw_consent(record)
        return redirect(url_for("public.consent_status", token=token), code=303)
    return render_template(
        "public/consent_status.html", record=record, form=form, today=clock.today(), v=v
    )
