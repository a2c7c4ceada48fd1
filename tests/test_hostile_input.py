"""Hostile input (hypothesis): random and adversarial values posted to every form.

Never a 5xx, never stored when invalid, never rendered unescaped. CSRF is switched off here so
that the random input reaches validation (CSRF itself is tested in test_public_forms.py).
Besides random text, the strategies draw what found the 500s of the security review (L7): dates
from year 1 to 9999, ids beyond what a database column holds, hostile headers, files sent in
text fields and control characters in `next`, also behind a full coordinator login.
"""

from __future__ import annotations

import io
import re
import time
from datetime import date

import pyotp
import pytest
from conftest import new_app
from formhelpers import valid_consent, valid_request
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from forms_service.db import get_session
from forms_service.models import ConsentRecord, SamradRequest

PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% raw %}",
    "'; DROP TABLE samrad_request; --",
    "\x00\x01\x1b[31m",
    "A" * 20_000,
    "٣٤٥٦٧٨٩٠١٢",
    "\u202e\u200b\ufeff",
    "../../etc/passwd",
    "%s%s%s%n",
]

values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FFF), max_size=3000),
    st.integers().map(str),
    st.just(""),
)


def _fields(base: dict) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Posted fields: the real names with hostile values (some missing, some duplicated), plus
    unknown names."""
    names = [*base.keys(), "bekrafta", "andra", "steg", "declaration", "okänt_fält", "csrf_token"]
    return st.lists(st.tuples(st.sampled_from(names), values), max_size=40)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, built_site):
    """One app for the whole module (Hypothesis runs many examples), on PostgreSQL too when
    TEST_DATABASE_URL is set: PostgreSQL is the database that refuses NUL characters."""
    app = new_app(
        tmp_path_factory.mktemp("hostile"),
        built_site,
        WTF_CSRF_ENABLED=False,
        SUBMIT_RATE_LIMIT="1000000/hour",
        REFUSED_SUBMIT_RATE_LIMIT="1000000/hour",
        FORM_RATE_LIMIT="1000000/hour",
        STATUS_RATE_LIMIT="1000000/hour",
        CHECK_RATE_LIMIT="1000000/minute",
        LOGIN_RATE_LIMIT="1000000/hour",
    )
    yield app
    app.extensions["engine"].dispose()


def _stored(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


def _assert_safe(response, posted: list[tuple[str, str]]) -> None:
    assert response.status_code < 500, response.status_code
    body = response.get_data(as_text=True)
    for _name, value in posted:
        for payload in ('<script>alert("x")</script>', '"><img src=x onerror=alert(1)>'):
            if payload in value:
                assert payload not in body, "rendered unescaped"
    assert "Traceback" not in body


HOSTILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FORMS = [
    ("/formular/samrad", valid_request(), SamradRequest),
    ("/formular/samrad/skicka", valid_request(), SamradRequest),
    ("/formular/samtycke", valid_consent(), ConsentRecord),
]


@pytest.mark.parametrize(("path", "base", "model"), FORMS, ids=[f[0] for f in FORMS])
@HOSTILE
@given(data=st.data())
def test_random_fields_never_break_a_form_or_store_anything(hostile_app, path, base, model, data):
    posted = data.draw(_fields(base))
    before = _stored(hostile_app, model)
    response = hostile_app.test_client().post(path, data=MultiDict(posted))
    _assert_safe(response, posted)
    assert _stored(hostile_app, model) == before, "random input was stored"


@pytest.mark.parametrize(("path", "base", "model"), FORMS, ids=[f[0] for f in FORMS])
@HOSTILE
@given(field=st.sampled_from(sorted(valid_request())), value=values)
def test_one_hostile_value_in_an_otherwise_valid_form(hostile_app, path, base, model, field, value):
    """Only one field is hostile. If the form is accepted, what was stored is exactly what was
    sent (no truncation, no mangling); if not, nothing was stored."""
    posted = {**base, "submission_key": None}
    posted.pop("submission_key")
    if field in posted:
        posted[field] = value
    posted["declaration"] = "y"
    before = _stored(hostile_app, model)
    response = hostile_app.test_client().post(path, data=posted)
    _assert_safe(response, list(posted.items()))
    after = _stored(hostile_app, model)
    assert after in (before, before + 1)
    if (
        after == before + 1
        and field in ("case_description", "question")
        and path.endswith("skicka")
    ):
        with hostile_app.app_context():
            row = get_session().scalars(select(model).order_by(model.id.desc())).first()
            assert getattr(row, field) == value


@HOSTILE
@given(token=st.text(max_size=400), step=values)
def test_status_links_with_garbage_tokens(hostile_app, token, step):
    client = hostile_app.test_client()
    for path in (f"/formular/status/{token}", f"/formular/samtycke/status/{token}"):
        if "\n" in token or "\r" in token:
            continue
        assert client.get(path).status_code < 500
        assert client.post(path, data={"steg": step}).status_code < 500


@HOSTILE
@given(posted=_fields({"username": "", "password": "", "code": "", "next": "", "text": ""}))
def test_login_code_and_live_check_with_garbage(hostile_app, posted):
    client = hostile_app.test_client()
    for path in ("/samordnare/logga-in", "/samordnare/kod", "/formular/granska"):
        response = client.post(path, data=MultiDict(posted))
        _assert_safe(response, posted)


@HOSTILE
@given(
    query=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "status",
                    "kind",
                    "basis",
                    "municipality",
                    "received_from",
                    "sida",
                    "ar",
                    "kvartal",
                    "fran",
                ]
            ),
            values,
        ),
        max_size=10,
    )
)
def test_coordinator_query_strings_without_login_never_break(hostile_app, query):
    client = hostile_app.test_client()
    for path in ("/samordnare/", "/samordnare/statistik", "/samordnare/logg"):
        assert client.get(path, query_string=query).status_code < 500


# --- What the security review's 500s were made of (L7) -------------------------------------

# Dates anywhere in Python's range, with the ends drawn often: that is where adding a month or a
# day overflows.
EDGES = ["0001-01-01", "0001-12-31", "9999-01-01", "9999-06-01", "9999-12-31"]
dates = st.one_of(
    st.sampled_from(EDGES),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["0000-00-00", "2026-02-30", "99999-01-01", "-2026-01-01", "2026-1-1"]),
    values,
)
ids = st.one_of(
    st.integers(min_value=0, max_value=2**70).map(str),
    st.sampled_from(["-1", "0", "1e9", "9" * 40, "0x10", "１２"]),
)


@HOSTILE
@given(valid_from=dates, valid_until=st.one_of(st.none(), dates))
def test_l7_consent_dates_from_any_year_never_break_the_form(hostile_app, valid_from, valid_until):
    """`valid_until` is often the same day, so the date checks run on far-out dates too."""
    until = valid_from if valid_until is None else valid_until
    data = {**valid_consent(), "valid_from": valid_from, "valid_until": until}
    response = hostile_app.test_client().post("/formular/samtycke", data=data)
    _assert_safe(response, list(data.items()))


@HOSTILE
@given(field=st.sampled_from(sorted(valid_request())), content=st.binary(max_size=200))
def test_l7_a_file_in_any_field_never_breaks_a_form(hostile_app, field, content):
    for path, base in (("/formular/samrad/skicka", valid_request()), ("/formular/samtycke", {})):
        data = {**(base or valid_consent()), "declaration": "y"}
        data[field] = (io.BytesIO(content), "bilaga.pdf")
        response = hostile_app.test_client().post(
            path, data=data, content_type="multipart/form-data"
        )
        assert response.status_code < 500


HEADER_NAMES = [
    "Host",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "Forwarded",
    "Accept-Language",
    "Content-Type",
    "Cookie",
    "Origin",
    "Referer",
]
header_values = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200
)


@HOSTILE
@given(headers=st.dictionaries(st.sampled_from(HEADER_NAMES), header_values, max_size=6))
@example(headers={"Host": "."})  # Werkzeug cannot route it: no link can be built (a 500 once)
@example(headers={"Host": "a..b"})
def test_l7_hostile_headers_never_break_a_page(hostile_app, headers):
    client = hostile_app.test_client()
    for method, path in (
        ("GET", "/formular/samrad"),
        ("POST", "/formular/samrad/skicka"),
        ("GET", "/formular/status/x"),
        ("GET", "/samordnare/logga-in"),
        ("GET", "/healthz"),
    ):
        response = client.open(path, method=method, headers=headers, data=valid_request())
        assert response.status_code < 500, (method, path)
        assert "evil" not in response.headers.get("Location", "")


@given(target=st.text(max_size=120).map(lambda t: "/samordnare/" + t))
def test_l7_next_is_either_refused_or_a_safe_redirect(target):
    from werkzeug.utils import redirect

    from forms_service.auth import safe_next

    kept = safe_next(target)
    if kept is not None:
        assert kept.startswith("/samordnare/")
        redirect(kept)  # what the code step does: must never raise


@pytest.fixture(scope="module")
def hostile_coordinator(hostile_app):
    """A full coordinator login on the hostile app (real clock: the code of the next step)."""
    output = hostile_app.test_cli_runner().invoke(args=["coordinator", "add", "hostil"]).output
    link = re.search(r"(/samordnare/aktivera/\S+)", output).group(1)
    client = hostile_app.test_client()
    page = client.get(link).get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    password = "Norrsken lyser över Storsjön"
    totp = pyotp.TOTP(secret)
    client.post(
        link,
        data={"new_password": password, "new_password_again": password, "code": totp.now()},
    )
    client.post("/samordnare/logga-in", data={"username": "hostil", "password": password})
    code = totp.at(int(time.time()) + 30)
    assert client.post("/samordnare/kod", data={"code": code}).status_code == 303
    return client


FILTERS = {
    "/samordnare/": ["received_from", "received_to", "status", "kind", "sida", "efter", "fore"],
    "/samordnare/logg": ["day_from", "day_to", "event_type", "actor"],
    "/samordnare/statistik": ["fran", "till", "ar", "kvartal"],
    "/samordnare/statistik/arsrapport": ["ar"],
}


@HOSTILE
@given(
    path=st.sampled_from(sorted(FILTERS)),
    data=st.data(),
)
def test_l7_coordinator_filters_with_any_date_or_number_never_break(
    hostile_coordinator, path, data
):
    query = data.draw(
        st.lists(
            st.tuples(st.sampled_from(FILTERS[path]), st.one_of(dates, ids, values)), max_size=6
        )
    )
    response = hostile_coordinator.get(path, query_string=query)
    assert response.status_code < 500, (path, query)
    assert response.status_code != 303, "still logged in"
    if path == "/samordnare/statistik":  # the CSV export takes the same period, as a POST
        export = hostile_coordinator.post(f"{path}/export.csv", data=MultiDict(query))
        assert export.status_code < 500, query


@HOSTILE
@given(meeting=ids, item=ids, action=st.sampled_from(["", "/dagordning", "/punkt/"]))
def test_l7_any_id_in_a_coordinator_path_is_a_page_or_a_404(
    hostile_coordinator, meeting, item, action
):
    path = f"/samordnare/moten/{meeting}{action}{item if action.endswith('/') else ''}"
    get = hostile_coordinator.get(path)
    post = hostile_coordinator.post(path, data={"atgard": "upp"})
    for response in (get, post):
        assert response.status_code < 500, path
