"""Statistics and the annual report: exact counts, suppression, CSV for Swedish Excel, charts."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from coordhelpers import csrf_for, enrol, login, start_clock
from formhelpers import make_request
from sqlalchemy import select

from forms_service import disclosure, statistics, workflow
from forms_service.db import get_session
from forms_service.models import AuditEvent, Meeting, SamradRequest
from forms_service.services import meetings, reports


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


@pytest.fixture
def coordinator(app, clock):
    account = enrol(app, app.test_client(), clock)
    client = app.test_client()
    login(client, account, clock)
    return client


def _set(app, reference, **values):
    with app.app_context():
        row = get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )
        for key, value in values.items():
            setattr(row, key, value)
        get_session().commit()


def seed(app) -> dict:
    """A known year: 12 requests in 2026, one in 2025 that must not count."""
    march = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    refs = {}
    refs["krokom"] = [make_request(app, municipality="krokom") for _ in range(6)]
    refs["are"] = [
        make_request(app, municipality="are", kind="akut", acute_reason="Hot.", basis="samtycke")
        for _ in range(3)
    ]
    refs["berg"] = [
        make_request(
            app,
            municipality="berg",
            kind="konsulterande",
            police_report="ja",
            submitter_organisation="polisen",
        )
        for _ in range(3)
    ]
    for ref in refs["krokom"][:4] + refs["are"]:
        _set(app, ref, created_at=march)
    for ref in refs["krokom"][4:] + refs["berg"]:
        _set(app, ref, created_at=march + timedelta(days=60))  # May
    old = make_request(app, municipality="ostersund")
    # 22:00 UTC on 31 December is 23:00 in Stockholm: still 2025, so it must not count.
    _set(app, old, created_at=datetime(2025, 12, 31, 22, 0, tzinfo=UTC))

    with app.app_context():
        session = get_session()
        meeting = Meeting(starts_at=march + timedelta(days=7), place="Östersund")
        session.add(meeting)
        session.flush()
        for ref in refs["krokom"][:4]:
            row = session.scalar(select(SamradRequest).where(SamradRequest.reference == ref))
            workflow.change_status(row, "under_bedomning", actor="t")
            meetings.plan_request(ref, meeting.id, meetings.default_invited(row), actor="t")
        meetings.mark_held(meeting.id, actor="t")
        meeting.held_at = march + timedelta(days=7, hours=2)
        for ref in refs["are"][:2]:
            row = session.scalar(select(SamradRequest).where(SamradRequest.reference == ref))
            workflow.change_status(row, "avbojd", actor="t")
            row.decline_reason = "malgrupp"
        row = session.scalar(
            select(SamradRequest).where(SamradRequest.reference == refs["berg"][0])
        )
        workflow.change_status(row, "aterkallad", actor="inlamnare")
        session.commit()
    return refs


def _report(app, year=2026):
    with app.app_context():
        return reports.build_report(statistics.year_period(year))


def test_counts_match_the_seeded_dataset_exactly(app, clock):
    seed(app)
    report = _report(app)
    assert dict(report.table("kommun").rows)["Krokoms kommun"] == 6
    assert dict(report.table("kommun").rows)["Åre kommun"] == 3
    assert dict(report.table("kommun").rows)["Bergs kommun"] == 3
    assert dict(report.table("kommun").rows)["Östersunds kommun"] == 0, "2025 is not counted"
    assert report.table("kommun").total == 12
    months = dict(report.table("manad").rows)
    assert (months["mar 2026"], months["maj 2026"], months["jan 2026"]) == (7, 5, 0)
    assert dict(report.table("sort").rows) == {
        "Planerande": 6,
        "Konsulterande": 3,
        "Akut": 3,
        "Uppföljande": 0,
    }
    assert dict(report.table("grund").rows) == {"Med samtycke": 3, "Avidentifierat": 9}
    assert dict(report.table("polisanmalan").rows)["Ja"] == 3
    assert dict(report.table("part").rows)["Polisen, Polisområde Jämtland"] == 3
    assert dict(report.table("vald").rows)["Psykiskt våld"] == 12
    outcomes = dict(report.table("utfall").rows)
    assert (outcomes["Hållna i samråd"], outcomes["Avböjda"], outcomes["Återkallade"]) == (4, 2, 1)
    assert dict(report.table("avbojda").rows)["Utanför målgruppen"] == 2
    figures = {f.label: f.value for f in report.key_figures}
    assert figures["Dagar från förfrågan till samråd, median"] == pytest.approx(7.0)
    assert figures["Hållna samråd"] == 1
    assert figures["Ärenden per samråd, medel"] == 4
    assert figures["Akuta förfrågningar"] == 3
    # Each held case invited Polisen and Region (requested) plus Krokom (home municipality).
    assert dict(report.table("inbjudna").rows)["Krokoms kommun"] == 4


def test_percentile_and_median_of_days_to_samrad():
    assert statistics._percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert statistics._percentile([5], 0.9) == 5
    assert statistics._percentile([], 0.9) is None


def test_counts_survive_a_retention_purge(app, clock):
    refs = seed(app)
    before = _report(app)
    with app.app_context():
        from forms_service.services import retention

        result = retention.purge(now=datetime(2027, 6, 1, tzinfo=UTC))
        assert result.requests >= 3
        purged = get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == refs["are"][0])
        )
        assert purged.case_description is None
    after = _report(app)
    assert [t.rows for t in after.tables] == [t.rows for t in before.tables]


def test_quarter_and_range_periods(app, clock):
    seed(app)
    with app.app_context():
        q1 = reports.build_report(statistics.quarter_period(2026, 1))
        q2 = reports.build_report(statistics.quarter_period(2026, 2))
        may = reports.build_report(
            statistics.range_period(datetime(2026, 5, 1).date(), datetime(2026, 5, 31).date())
        )
    assert (q1.table("kommun").total, q2.table("kommun").total, may.table("kommun").total) == (
        7,
        5,
        5,
    )
    assert statistics.quarter_period(2026, 4).end.isoformat() == "2026-12-31"


def test_suppression_hides_small_counts_and_protects_the_total():
    table = statistics.Table("t", "Test", "", [("A", 3), ("B", 10), ("C", 7), ("D", 0)])
    exact = disclosure.protect(table, None)
    assert exact.cells == [("A", "3"), ("B", "10"), ("C", "7"), ("D", "0")]
    assert exact.total == "20"
    shown = disclosure.protect(table, 5)
    assert shown.cells == [("A", "<5"), ("B", "10"), ("C", "dolt"), ("D", "0")]
    assert shown.total == "ca. 20"
    two_small = disclosure.protect(
        statistics.Table("t", "Test", "", [("A", 3), ("B", 4), ("C", 12)]), 5
    )
    assert two_small.cells == [("A", "<5"), ("B", "<5"), ("C", "12")]


def test_issue13_8_small_totals_read_below_five_never_about_zero(app, coordinator, clock):
    for _ in range(2):
        make_request(app)
    response = coordinator.post(
        "/samordnare/statistik/export.csv",
        data={"csrf_token": csrf_for(coordinator, "/samordnare/statistik"), "ar": "2026"},
    )
    totals = {r[0]: r[2] for r in _csv_rows(response.data) if len(r) == 3 and r[1] == "Totalt"}
    assert totals["Förfrågningar per månad"] == "<5", totals
    assert not any(value.startswith("ca. 0") for value in totals.values())
    page = coordinator.get("/samordnare/statistik/arsrapport?ar=2026").get_data(as_text=True)
    assert "ca. 0" not in page
    assert re.search(r"Totalt</th><td class=\"num\">&lt;5<", page)
    table = statistics.Table("t", "Test", "", [("A", 3), ("B", 4)])
    assert disclosure.protect(table, 5).total == "ca. 5", "7 rounds to 5, not below the limit"


def test_internal_view_is_exact_and_labelled_internal(app, coordinator, clock):
    seed(app)
    page = coordinator.get("/samordnare/statistik?ar=2026").get_data(as_text=True)
    assert "Internt – exakta tal" in page
    assert re.search(r"Åre kommun</th><td class=\"num\">3<", page)
    assert "&lt;5</td>" not in page


def test_annual_report_is_suppressed(app, coordinator, clock):
    seed(app)
    page = coordinator.get("/samordnare/statistik/arsrapport?ar=2026").get_data(as_text=True)
    assert re.search(r"Åre kommun</th><td class=\"num\">&lt;5<", page)
    assert re.search(r"Krokoms kommun</th><td class=\"num\">6<", page)
    assert "Samordnarens kommentar" in page
    for goal in ("1. Samplanerat", "6. Fler anmäler brott", "9. Ökad trygghet"):
        assert goal in page


def _csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_is_suppressed_and_reads_back_with_the_same_numbers(app, coordinator, clock):
    seed(app)
    response = coordinator.post(
        "/samordnare/statistik/export.csv",
        data={"csrf_token": csrf_for(coordinator, "/samordnare/statistik"), "ar": "2026"},
    )
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv_rows(response.data)
    cells = {(r[0], r[1]): r[2] for r in rows if len(r) == 3}
    assert cells[("Förfrågningar per hemkommun", "Krokoms kommun")] == "6"
    assert cells[("Förfrågningar per hemkommun", "Åre kommun")] == "<5"
    assert cells[("Förfrågningar per hemkommun", "Östersunds kommun")] == "0"
    assert cells[("Sorts samråd", "Planerande")] == "6"
    assert rows[1] == ["Från", "2026-01-01", "Till", "2026-12-31"]
    with app.app_context():
        exports = get_session().scalars(select(AuditEvent.object_type)).all()
    assert "statistik" in exports, "the export is audited"
    with app.app_context():
        report = reports.build_report(statistics.year_period(2026))
    for table in report.tables:
        for label, count in table.rows:
            if count >= 5 or count == 0:
                shown = cells[(table.title, label)]
                assert shown in (str(count), "dolt"), (table.title, label)


def test_csv_cells_that_look_like_formulas_are_escaped():
    report = statistics.Report(statistics.year_period(2026))
    report.tables.append(
        statistics.Table(
            "x",
            '=HYPERLINK("http://evil")',
            "",
            [("+46", 9), ("-1", 9), ("@SUM(A1)", 9), ("Vanlig", 9)],
        )
    )
    rows = _csv_rows(disclosure.to_csv(report, 5).encode("utf-8"))
    data = [r for r in rows if len(r) == 3 and r[0].startswith("'=")]
    assert {r[1] for r in data} == {"'+46", "'-1", "'@SUM(A1)", "Vanlig", "Totalt"}


def test_svg_chart_has_a_title_and_the_table_holds_the_same_values(app, coordinator, clock):
    seed(app)
    page = coordinator.get("/samordnare/statistik?ar=2026").get_data(as_text=True)
    chart = page.split('aria-labelledby="chart-kommun-title chart-kommun-desc"', 1)[1]
    chart = chart.split("</svg>", 1)[0]
    assert '<title id="chart-kommun-title">Förfrågningar per hemkommun</title>' in chart
    values = re.findall(r'class="chart-value">([^<]+)<', chart)
    table = page.split('id="kommun-heading"', 1)[1].split("</table>", 1)[0]
    assert values == re.findall(r'class="num">([^<]+)</td></tr>', table.split("<tfoot>")[0])
    assert 'fill="#' not in chart, "colours come from the stylesheet (print, greyscale)"


def test_commentary_is_guarded_and_saved(app, coordinator, clock):
    path = "/samordnare/statistik/arsrapport?ar=2026"
    page = coordinator.post(
        path,
        data={
            "csrf_token": csrf_for(coordinator, path),
            "kommentar-text": "Ring 070-123 45 67 för frågor.",
        },
    ).get_data(as_text=True)
    assert "<mark>070-123 45 67</mark>" in page
    ok = coordinator.post(
        path,
        data={
            "csrf_token": csrf_for(coordinator, path),
            "kommentar-text": "Året präglades av fler akuta ärenden.",
        },
    )
    assert ok.status_code == 303
    assert "fler akuta ärenden" in coordinator.get(path).get_data(as_text=True)


def test_statistics_need_a_full_login(app, clock):
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False  # so the POST is judged on login alone
    for method, path in (
        ("GET", "/samordnare/statistik"),
        ("POST", "/samordnare/statistik/export.csv"),
        ("GET", "/samordnare/statistik/arsrapport"),
    ):
        response = client.open(path, method=method)
        assert response.status_code == 303 and "logga-in" in response.headers["Location"]


def test_nonsense_period_falls_back_without_error(app, coordinator, clock):
    for query in ("ar=abc", "ar=99999", "fran=2026-05-01&till=2026-01-01", "kvartal=7"):
        assert coordinator.get(f"/samordnare/statistik?{query}").status_code == 200
    assert coordinator.get("/samordnare/statistik/arsrapport?ar=1").status_code == 404
