"""Each input that gave a 500 in the security review (L7) now gets a clear answer: a field error,
a 400 or a 404. (tests/test_hostile_input.py generates such inputs at random.)"""

from __future__ import annotations

import io

import pytest
from coordhelpers import login
from formhelpers import count, csrf_token, submit_consent, valid_consent, valid_request

from forms_service.models import ConsentRecord, SamradRequest


@pytest.mark.parametrize("day", ["9999-06-01", "0001-01-01", "9999-12-31"])
def test_l7_consent_dates_far_out_get_a_field_error(app, client, day):
    response = submit_consent(client, valid_consent(valid_from=day, valid_until=day))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ett datum mellan år 2000 och 2100" in page
    assert count(app, ConsentRecord) == 0


@pytest.mark.parametrize("field", ["case_description", "submitter_name", "kind", "csrf_token"])
def test_l7_a_file_sent_in_a_form_field_is_ignored_never_a_500(app, client, field):
    data = {**valid_request(), "csrf_token": csrf_token(client), "declaration": "y"}
    data.pop(field, None)
    data[field] = (io.BytesIO(b"%PDF-1.4 hemligt"), "journal.pdf")
    response = client.post("/formular/samrad/skicka", data=data, content_type="multipart/form-data")
    assert response.status_code in (200, 400)
    assert count(app, SamradRequest) == 0


def test_l7_cr_lf_in_next_is_dropped_and_the_login_completes(app, account, clock):
    response = login(app.test_client(), account, clock, next_page="/samordnare/x\r\nX-Injected: 1")
    assert response.status_code == 303
    assert response.headers["Location"] == "/samordnare/"
    assert "X-Injected" not in response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/samordnare/?received_from=0001-01-01",
        "/samordnare/?received_to=9999-12-31",
        "/samordnare/logg?day_from=0001-01-01",
        "/samordnare/logg?day_to=9999-12-31",
        "/samordnare/statistik?fran=9999-01-01&till=9999-12-31",
        "/samordnare/statistik?fran=0001-01-01&till=0001-12-31",
    ],
)
def test_l7_far_out_dates_in_the_coordinators_filters_are_ignored(coordinator, path):
    response = coordinator.get(path)
    assert response.status_code == 200


def test_l7_far_out_dates_in_the_csv_export_are_ignored(coordinator):
    from coordhelpers import post_form

    data = {"fran": "9999-01-01", "till": "9999-12-31"}
    response = post_form(
        coordinator, "/samordnare/statistik", "/samordnare/statistik/export.csv", data
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"


def test_l7_a_filter_date_far_out_is_named_at_its_field(coordinator):
    page = coordinator.get("/samordnare/?received_from=0001-01-01").get_data(as_text=True)
    assert "ett datum mellan år 2000 och 2100" in page


@pytest.mark.parametrize(
    "path",
    [
        "/samordnare/moten/99999999999999999999",
        "/samordnare/moten/9223372036854775808",
        "/samordnare/moten/2147483648/dagordning",
    ],
)
def test_l7_ids_too_large_for_the_database_are_a_404(coordinator, path):
    assert coordinator.get(path).status_code == 404


def test_l7_huge_ids_in_posts_are_a_404(app, coordinator):
    app.config["WTF_CSRF_ENABLED"] = False
    response = coordinator.post(
        "/samordnare/moten/1/punkt/99999999999999999999999", data={"atgard": "upp"}
    )
    assert response.status_code == 404
