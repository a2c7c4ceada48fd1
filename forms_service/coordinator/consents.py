"""Coordinator views: consent records (list, one record, a withdrawal reported by phone) and the
status-link actions shared by requests and consent records (revoke, send a new link)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from .. import clock
from .. import vocabulary as v
from ..forms import ConfirmForm
from ..services import FieldError, consents, links
from ..services.submissions import REQUEST_PREFIX
from . import actor, bp


@bp.get("/samtycken")
def consent_list():
    return render_template(
        "coordinator/consents.html", consents=consents.list_consents(), today=clock.today(), v=v
    )


@bp.route("/samtycke/<consent_reference>", methods=["GET", "POST"])
def consent_page(consent_reference: str):
    consent = consents.find_consent(consent_reference)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        if request.form.get("steg") == "bekrafta":
            return render_template("coordinator/consent_withdraw.html", consent=consent, form=form)
        consents.withdraw(consent.reference, actor=actor())
        flash("Återkallelsen är registrerad. Samtycket kan inte längre användas.")
        return redirect(
            url_for("coordinator.consent_page", consent_reference=consent.reference), code=303
        )
    return render_template(
        "coordinator/consent.html", consent=consent, form=form, today=clock.today(), v=v
    )


def _back_to_record(reference: str):
    if reference.upper().startswith(REQUEST_PREFIX):
        return redirect(url_for("coordinator.request_page", reference=reference), code=303)
    return redirect(url_for("coordinator.consent_page", consent_reference=reference), code=303)


@bp.post("/lank/<reference>/<action>")
def status_link_action(reference: str, action: str):
    if not ConfirmForm().validate():
        abort(400)
    if action == "sparra":
        record = links.revoke_links(reference, actor=actor())
        flash("Statuslänken är spärrad. Den fungerar inte längre.")
    elif action == "skicka":
        try:
            record = links.send_new_link(reference, actor=actor())
        except FieldError as error:
            return render_template(
                "coordinator/link_refused.html", reference=reference, message=error.message
            ), 409
        flash(
            "En ny statuslänk är skickad till inlämnarens e-post i tjänsten. Den gamla är spärrad."
        )
    else:
        abort(404)
    return _back_to_record(record.reference)
