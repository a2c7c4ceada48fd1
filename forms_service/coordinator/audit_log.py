"""Coordinator view: the audit log, filtered by event type, person and dates."""

from __future__ import annotations

from flask import render_template, request

from .. import audit
from ..forms import AuditFilterForm, as_choices
from ..services import audit_log as audit_service
from ..services.audit_log import AuditFilter
from . import bp


@bp.get("/logg")
def audit_log():
    filters = AuditFilterForm(request.args)
    filters.event_type.choices = as_choices([("", "Alla"), *audit.EVENT_TYPES.items()])
    filters.validate()
    rows = audit_service.search(
        AuditFilter(
            event_type=filters.event_type.data or None,
            actor=filters.actor.data or None,
            day_from=filters.day_from.data,
            day_to=filters.day_to.data,
        ),
    )
    return render_template(
        "coordinator/audit.html",
        filters=filters,
        rows=rows,
        labels=audit.EVENT_TYPES,
    )
