"""The coordinator side, `/samordnare/…`: one blueprint, its views split by concern.

- accounts.py: login, one-time code, enrolment, logout, password change
- requests.py: the queue and one request (status, notes, messages, planning)
- meetings.py: weekly and acute samråd, agendas, printing
- reports.py: statistics, the CSV export and the annual report
- audit_log.py: the audit log
- consents.py: consent records, and revoking or re-sending status links

A form posted after the idle timeout is kept for the coordinator (services/unsent.py) and
restored on the same page after the next login: views build that page's forms with
`formdata_for(...)`.

Every route except login, the one-time code and enrolment requires a full login (password and
code); `require_login` enforces that for the whole blueprint, and a test walks the URL map to
prove it. The views parse input, call one service function (services/) and render; the services
do the work, write the audit trail (never case text) and commit.
"""

from __future__ import annotations

import re

from flask import Blueprint, current_app, flash, g, redirect, request, session, url_for
from werkzeug.datastructures import MultiDict

from .. import auth
from ..errors import render_error
from ..services import FieldError, NotFound, unsent
from ..services import accounts as account_service

bp = Blueprint("coordinator", __name__, url_prefix="/samordnare")

OPEN_ENDPOINTS = {"coordinator.login", "coordinator.code", "coordinator.enrol"}
UNSENT_KEY = "unsent_form"  # the cookie's token for a form kept across a timeout (unsent.py)


@bp.before_request
def require_login():
    g.coordinator = None
    g.restored = None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    token = session.get(auth.SESSION_KEY)
    live = account_service.current_session(token)
    if live is None:
        return _to_login(token)
    g.coordinator_session = live
    g.coordinator = live.coordinator
    if request.method == "POST":
        unsent.forget(live.coordinator_id)
        session.pop(UNSENT_KEY, None)
    else:
        _restore_unsent(live.coordinator_id)
    return None


def _to_login(token: str | None):
    """Back to the login, then to the page the coordinator was on. A form posted after the idle
    timeout is kept (encrypted, for that coordinator) and shown again after the login."""
    target = request.full_path.rstrip("?") if request.method == "GET" else page_of_post()
    if token:
        minutes = current_app.config["COORDINATOR_IDLE_MINUTES"]
        message = f"Du loggades ut efter {minutes} minuter utan aktivitet."
        if request.method == "POST":
            saved = unsent.save(token, target, request.form.to_dict(flat=False))
            if saved:
                session[UNSENT_KEY] = saved
                message += " Det du hade skrivit är sparat och visas igen när du har loggat in."
        session.pop(auth.SESSION_KEY, None)
        flash(message, "info")
    return redirect(url_for("coordinator.login", next=auth.safe_next(target)), code=303)


_POST_PAGES = [
    (re.compile(r"^(/samordnare/forfragan/[^/]+)/[a-z]+$"), r"\1"),
    (re.compile(r"^(/samordnare/moten/\d+)/.+$"), r"\1"),
    (re.compile(r"^/samordnare/lank/(F-[^/]+)/[a-z]+$"), r"/samordnare/forfragan/\1"),
    (re.compile(r"^/samordnare/lank/(S-[^/]+)/[a-z]+$"), r"/samordnare/samtycke/\1"),
]


def page_of_post() -> str:
    """The page that holds the form a POST came from (where to return after a login)."""
    for pattern, page in _POST_PAGES:
        if pattern.match(request.path):
            return pattern.sub(page, request.path)
    return request.full_path.rstrip("?")


def _restore_unsent(coordinator_id: int) -> None:
    data = unsent.restore(session.get(UNSENT_KEY), coordinator_id, request.full_path.rstrip("?"))
    if data:
        g.restored = MultiDict([(k, v) for k, values in data.items() for v in values])


def formdata_for(*names: str):
    """The restored form data if it holds one of these fields (for building that form)."""
    restored = g.get("restored")
    if restored and any(name in restored for name in names):
        return restored
    return None


@bp.errorhandler(NotFound)
def _not_found(_error):
    return render_error(404)


def actor() -> str:
    """The logged-in coordinator's username, as services record it."""
    return g.coordinator.username


def show_error(form, error: FieldError) -> None:
    """Put a service's refusal next to the field it concerns."""
    form[error.field].errors = [error.message]


# The views register themselves on `bp` when imported.
from . import accounts as _accounts  # noqa: E402, F401
from . import audit_log as _audit_log  # noqa: E402, F401
from . import consents as _consents  # noqa: E402, F401
from . import meetings as _meetings  # noqa: E402, F401
from . import reports as _reports  # noqa: E402, F401
from . import requests as _requests  # noqa: E402, F401
