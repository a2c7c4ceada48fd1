"""Rules every form field obeys, checked by walking every form class: no invisible format
characters in anything stored (security review M5), and every free-text field either passes the
de-identification guard or is on a commented allowlist (issue 11, item 4)."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from formhelpers import continue_request, count, valid_request
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from forms_service import forms
from forms_service.forms.common import FORMAT_CONTROL, NorrskenForm
from forms_service.models import SamradRequest


def _form_classes() -> list[type[NorrskenForm]]:
    found, stack = [], [NorrskenForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("forms_service."):
                found.append(sub)
            stack.append(sub)
    return sorted(set(found), key=lambda c: c.__name__)


def _form(cls) -> NorrskenForm:
    """A form bound to the current request; choices filled in by a view are left empty."""
    form = cls(meta={"csrf": False})
    for field in form:
        if getattr(field, "choices", ()) is None:
            field.choices = []
    return form


def _text_fields(app, cls) -> list[str]:
    with app.test_request_context():
        form = _form(cls)
        return [f.name for f in form if isinstance(f, StringField) and f.name != "csrf_token"]


def test_form_walk_finds_every_form_module():
    names = {cls.__name__ for cls in _form_classes()}
    assert {"RequestForm", "ConsentForm", "NoteForm", "AcuteMeetingForm", "LoginForm"} <= names
    assert set(forms.__all__) >= {n for n in names if not n.startswith("_")}


def test_m5_format_control_pattern_covers_every_format_character():
    """Every Unicode format character (category Cf: bidi overrides and isolates, zero-width
    characters, invisible operators …) and every C1 control is refused."""
    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" or 0x80 <= code <= 0x9F
        if not FORMAT_CONTROL.search(chr(code))
    ]
    assert missed == []
    assert not FORMAT_CONTROL.search("Hon bor i Östersund – 40-årsåldern, «citat» é ñ 😀 \t\n")


BIDI_SAMPLES = ["\u202e76 54 321-070\u202c", "a\u2066b\u2069", "tel\u2063070", "x\u0085y"]


@pytest.mark.parametrize("sample", BIDI_SAMPLES)
def test_m5_every_text_field_of_every_form_refuses_format_controls(app, sample):
    checked = 0
    for cls in _form_classes():
        for name in _text_fields(app, cls):
            with app.test_request_context(method="POST", data={name: f"Text {sample} här"}):
                form = _form(cls)
                form.validate()
                assert any("osynliga" in e for e in form[name].errors), (cls.__name__, name)
                checked += 1
    assert checked >= 25


def test_m5_bidi_override_in_case_text_is_refused_with_the_text_kept(app, client):
    text = "Hon nås på \u202e76 54 321-070\u202c och bor på \u202e21 natagrotS\u202c."
    response = continue_request(client, valid_request(case_description=text))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "osynliga tecken" in page
    assert "Hon nås på" in page
    assert count(app, SamradRequest) == 0


def test_m5_bidi_controls_are_named_as_such_with_the_guards_helper(app):
    with app.test_request_context(method="POST", data={"text": "Ring \u202e76 54 321-070\u202c"}):
        form = forms.NoteForm(meta={"csrf": False})
        assert not form.validate()
        assert "vänder skrivriktningen" in form.text.errors[0]


def test_m5_the_message_says_where_the_first_invisible_character_is(app):
    with app.test_request_context(
        method="POST", data=MultiDict({"text": "Samtal i dag.\u200b Hon mår bättre."})
    ):
        form = forms.NoteForm(meta={"csrf": False})
        assert not form.validate()
        assert "efter ”Samtal i dag.”" in form.text.errors[0]


# Free-text fields that are deliberately not scanned by the guard, each with its reason. Keyed by
# (the class that declares the field, field name). Anything else a client can type and the
# service stores must be listed in its form's GUARDED.
NOT_GUARDED = {
    # The professional's own work contact details: allowed, encrypted, purged with the record.
    ("SubmitterFields", "submitter_name"): "the professional's own name",
    ("SubmitterFields", "submitter_organisation_other"): "the professional's own organisation",
    ("SubmitterFields", "submitter_unit"): "the professional's own unit",
    ("SubmitterFields", "submitter_phone"): "the professional's work phone (validated number)",
    ("SubmitterFields", "submitter_email"): "the professional's work e-mail (validated address)",
    ("SubmitterFields", "submission_key"): "32 hex characters or refused; stored only as an HMAC",
    ("SubmitterFields", "webbadress"): "honeypot: a filled one refuses the post, never stored",
    ("RequestForm", "consent_reference"): "looked up in the fixed reference format, never stored",
    ("CheckTextForm", "text"): "the live hint: scanned by the guard itself, never stored",
    ("LoginForm", "username"): "compared with account names; never stored as typed",
    ("LoginForm", "password"): "hashed, never stored as typed",
    ("CodeForm", "code"): "six digits compared with TOTP, never stored",
    ("EnrolForm", "code"): "six digits compared with TOTP, never stored",
    ("NewPasswordFields", "new_password"): "stored only as an Argon2id hash",
    ("NewPasswordFields", "new_password_again"): "compared, never stored",
    ("PasswordChangeForm", "current_password"): "compared with the hash, never stored",
    ("AuditFilterForm", "actor"): "a query filter on the audit log, never stored",
}


def _declared_in(cls, name: str) -> str:
    for klass in cls.__mro__:
        unbound = klass.__dict__.get(name)
        if unbound is not None and hasattr(unbound, "field_class"):
            return klass.__name__
    return cls.__name__


def test_item4_every_free_text_field_is_guarded_or_on_the_commented_allowlist(app):
    unaccounted, stale = [], set(NOT_GUARDED)
    for cls in _form_classes():
        for name in _text_fields(app, cls):
            key = (_declared_in(cls, name), name)
            stale.discard(key)
            if name not in cls.GUARDED and key not in NOT_GUARDED:
                unaccounted.append(f"{cls.__name__}.{name}")
    assert unaccounted == [], "guard these fields or allowlist them with a reason"
    assert stale == set(), "allowlist entries for fields that no longer exist"


def test_item4_guarded_fields_are_the_ones_the_views_scan(app):
    """Every name in GUARDED is a real text field, and guarded_fields() returns it."""
    for cls in _form_classes():
        text_fields = set(_text_fields(app, cls))
        assert set(cls.GUARDED) <= text_fields, cls.__name__
        with app.test_request_context():
            form = _form(cls)
            if cls is forms.RequestForm:
                form.kind.data = "akut"
            assert [f.name for f in form.guarded_fields()] == list(cls.GUARDED), cls.__name__


def test_h1_every_guarded_field_has_a_length_limit(app):
    from forms_service.guarded_forms import length_limit

    for cls in _form_classes():
        with app.test_request_context():
            form = _form(cls)
            for name in cls.GUARDED:
                limit = length_limit(form[name])
                assert limit is not None and limit <= 4000, (cls.__name__, name)


def test_l7_every_date_field_accepts_only_the_service_years(app):
    from forms_service.forms.dates import DatePartsField

    checked = 0
    for cls in _form_classes():
        for year in ("0001", "9999"):
            data = {"dag": "1", "manad": "6", "ar": year}
            with app.test_request_context():
                form = _form(cls)
                dates = [f for f in form if isinstance(f, DatePartsField)]
            for field in dates:
                formdata = MultiDict({f"{field.name}-{k}": v for k, v in data.items()})
                with app.test_request_context(method="POST", data=formdata):
                    form = _form(cls)
                    form.validate()
                    assert any("mellan år 2000 och 2100" in e for e in form[field.name].errors), (
                        cls.__name__,
                        field.name,
                    )
                    checked += 1
    assert checked >= 14
