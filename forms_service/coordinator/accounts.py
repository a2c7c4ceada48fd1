"""Coordinator views: login (password, then one-time code), enrolment, logout, password change."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, session, url_for

from .. import auth
from ..extensions import configured_limit, limiter
from ..forms import CodeForm, ConfirmForm, EnrolForm, LoginForm, PasswordChangeForm
from ..guarded_forms import render_form_page
from ..security import client_key
from ..services import FieldError, NotFound, accounts
from . import UNSENT_KEY, actor, bp, show_error


@bp.route("/logga-in", methods=["GET", "POST"])
@limiter.limit(configured_limit("LOGIN_RATE_LIMIT"), methods=["POST"])
def login():
    form = LoginForm()
    next_page = auth.safe_next(request.values.get("next"))
    error = None
    if request.method == "POST":
        pending = None
        if form.validate():
            pending = accounts.check_password(
                form.username.data, form.password.data, client=client_key()
            )
        if pending is None:
            error = auth.GENERIC_LOGIN_ERROR
        else:
            kept = session.get(UNSENT_KEY)
            session.clear()
            session[auth.PENDING_KEY] = pending  # a random token; the state is on the server
            if kept:
                session[UNSENT_KEY] = kept
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
    pending = session.get(auth.PENDING_KEY)
    if not accounts.pending_login(pending):
        session.pop(auth.PENDING_KEY, None)
        return redirect(url_for("coordinator.login"), code=303)
    form = CodeForm()
    next_page = auth.safe_next(request.values.get("next"))
    error = None
    if request.method == "POST":
        code = form.code.data if form.validate() else None
        try:
            token = accounts.check_code(pending, code, client=client_key())
        except FieldError as refused:
            token, error = None, refused.message
        if token is None:
            error = error or auth.GENERIC_LOGIN_ERROR
        else:
            kept = session.get(UNSENT_KEY)
            session.clear()  # drops the pre-login session, including the pending login
            session[auth.SESSION_KEY] = token
            if kept:  # typed before a timeout: shown again on the page (unsent.py)
                session[UNSENT_KEY] = kept
            session.permanent = False
            return redirect(next_page or url_for("coordinator.queue"), code=303)
    return render_template(
        "coordinator/code.html",
        form=form,
        error=error,
        next_page=next_page,
        error_title_prefix=bool(error),
    )


@bp.post("/fortsatt")
def keep_alive():
    """The timeout warning's "Fortsätt vara inloggad": the request itself renews the session."""
    if not ConfirmForm().validate():
        abort(400)
    return "", 204


@bp.post("/logga-ut")
def logout():
    if not ConfirmForm().validate():
        abort(400)
    accounts.logout(session.get(auth.SESSION_KEY), actor=actor())
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
    secret = account.totp_secret  # issued with the link; never taken from the form (L8)
    if request.method == "POST" and form.validate():
        try:
            accounts.enrol(token, form.new_password.data, form.code.data)
        except FieldError as error:
            show_error(form, error)
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
            show_error(form, error)
        else:
            done = True
    return render_form_page("coordinator/account.html", form, form=form, done=done)
