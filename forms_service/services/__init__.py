"""The service layer: every unit of work that a view, a command or a scheduled job asks for.

**The transaction rule.** A public function in a module of this package is one unit of work: it
loads what it needs, changes it through the domain modules (models, workflow, audit, auth) and
commits exactly once, at its end, when it changed something. When it refuses (it raises
`FieldError` or `NotFound`) it has stored nothing. Nothing else commits: not the blueprints, not
the CLI, and not the domain helpers (`audit.record`, `workflow.change_status`, `auth.*`), which
only add to the current transaction. A function that only reads never commits.

Services take plain values (text, ids, the acting coordinator's username) and return models or
small result objects. They never read Flask's `request`, `session` or `g`, so the same function
serves a view, a `flask` command and a timer. The modules are named for what they work on:

- `submissions`: requests and consent records from professionals, status links, withdrawal
- `requests`: the coordinator's work on one request (status, notes, messages)
- `queue`: the coordinator's list of requests
- `meetings`: weekly and acute samråd, agendas, invitations
- `accounts`: coordinator accounts, login, enrolment, sessions
- `reports`: statistics, the CSV export and the annual report
- `audit_log`: reading the audit trail
- `retention`: gallring (the purge)
- `keys`: re-encrypting stored text with a new data key
"""

from __future__ import annotations


class NotFound(LookupError):
    """The thing asked for does not exist (the view answers 404)."""


class FieldError(ValueError):
    """The input is refused; `field` names the form field the Swedish `message` belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
