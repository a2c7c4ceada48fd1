"""The coordinator side, `/samordnare/…`: one blueprint, its views split by concern.

- accounts.py: login, one-time code, enrolment, logout, password change
- requests.py: the queue and one request (status, notes, messages, planning)
- meetings.py: weekly and acute samråd, agendas, printing
- reports.py: statistics, the CSV export and the annual report
- audit_log.py: the audit log
- consents.py: consent records, and revoking or re-sending status links

Every route except login, the one-time code and enrolment requires a full login (password and
code); `require_login` enforces that for the whole blueprint, and a test walks the URL map to
prove it. The views parse input, call one service function (services/) and render; the services
do the work, write the audit trail (never case text) and commit.
"""

from __future__ import annotations

from flask import Blueprint, g, redirect, request, session, url_for

from .. import auth
from ..errors import render_error
from ..services import FieldError, NotFound
from ..services import accounts as account_service

bp = Blueprint("coordinator", __name__, url_prefix="/samordnare")

OPEN_ENDPOINTS = {"coordinator.login", "coordinator.code", "coordinator.enrol"}


@bp.before_request
def require_login():
    g.coordinator = None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    live = account_service.current_session(session.get(auth.SESSION_KEY))
    if live is None:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("coordinator.login", next=auth.safe_next(target)), code=303)
    g.coordinator_session = live
    g.coordinator = live.coordinator
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
