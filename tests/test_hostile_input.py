"""Hostile input (hypothesis): random and adversarial values posted to every form.

Never a 5xx, never stored when invalid, never rendered unescaped. CSRF is switched off here so
that the random input reaches validation (CSRF itself is tested in test_public_forms.py).
"""

from __future__ import annotations

import pytest
from conftest import new_app
from formhelpers import valid_consent, valid_request
from hypothesis import HealthCheck, given, settings
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
