"""Coordinator views: statistics (exact, internal), the CSV export and the annual report."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import clock, disclosure
from .. import statistics as stats
from .. import vocabulary as v
from ..forms import ConfirmForm, NoteForm, PeriodForm
from ..forms.common import in_service_years
from ..guarded_forms import GuardResult, check_form, render_form_page
from ..services import reports
from . import actor, bp, formdata_for


def _period_from(values) -> stats.Period:
    """?ar=2026, ?ar=2026&kvartal=2 or a range from–till (three-field dates, or ISO dates as
    in ?fran=2026-01-01&till=2026-06-30); default this year."""
    today = clock.today()
    period = PeriodForm(values)
    try:
        start, end = period.fran.data, period.till.data
        in_range = start and end and in_service_years(start) and in_service_years(end)
        if in_range and start <= end and (end - start).days <= 3660:
            return stats.range_period(start, end)
        year = int(values.get("ar", today.year))
        if not 2000 <= year <= 2100:
            year = today.year
        quarter = values.get("kvartal", type=int)
        if quarter in (1, 2, 3, 4):
            return stats.quarter_period(year, quarter)
        return stats.year_period(year)
    except ValueError:
        return stats.year_period(today.year)


def _period_form() -> PeriodForm:
    form = PeriodForm(request.args)
    form.validate()  # a half-typed date is shown with its message
    return form


@bp.get("/statistik")
def statistics():
    period = _period_from(request.args)
    report = reports.build_report(period)
    shown = [disclosure.protect(table, None) for table in report.tables]
    return render_template(
        "coordinator/statistics.html",
        report=report,
        shown=shown,
        internal=True,
        figures=[(f.label, disclosure.protect_figure(f, None)) for f in report.key_figures],
        query=request.args.to_dict(),
        year=period.start.year,
        confirm=ConfirmForm(),
        period=_period_form(),
    )


@bp.post("/statistik/export.csv")
def statistics_csv():
    """The CSV takes figures out of the service, so it is an audited export (a POST)."""
    if not ConfirmForm().validate():
        abort(400)
    period = _period_from(request.form)
    threshold = current_app.config["SUPPRESS_BELOW"]
    body = reports.export_csv(period, threshold, actor=actor())
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
    restored = formdata_for("kommentar-text") if request.method == "GET" else None
    form = NoteForm(
        prefix="kommentar",
        data={"text": reports.commentary_text(year)},
        **({"formdata": restored} if restored else {}),
    )
    guard = GuardResult()
    if request.method == "POST":
        accepted, guard = check_form(form, request.form)
        if accepted:
            reports.save_commentary(year, form.text.data, actor=actor())
            flash("Kommentaren är sparad.")
            return redirect(url_for("coordinator.annual_report", ar=year), code=303)
    report, commentary = reports.annual_report(year)
    threshold = current_app.config["SUPPRESS_BELOW"]
    return render_form_page(
        "coordinator/annual_report.html",
        form,
        guard=guard,
        report=report,
        year=year,
        form=form,
        commentary=commentary,
        shown={t.key: disclosure.protect(t, threshold) for t in report.tables},
        figures=[(f.label, disclosure.protect_figure(f, threshold)) for f in report.key_figures],
        threshold=threshold,
        goals=v.GOALS,
    )
