"""What every form shares: the base form (Swedish messages, no control characters), the
multi-checkbox field, and small validators and helpers."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

import phonenumbers
from flask import request
from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF, generate_csrf
from wtforms import (
    SelectChoice,
    SelectMultipleField,
)
from wtforms.validators import (
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from ..deidentify import bidi_controls

# Control characters other than tab and line breaks are never valid in text (and PostgreSQL
# refuses NUL); they are reported at the field instead of reaching the database.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")

# Invisible format characters (Unicode category Cf: bidi overrides and isolates, zero-width
# characters, invisible operators, tags) and C1 controls. A bidi override makes the browser show
# "070-123 45 67" where the guard read "76 54 321-070", and a zero-width character splits a
# number (security review M5). The guard folds them away before it scans, but none belongs in a
# stored field: what the coordinator sees must be what the guard checked, so every form refuses
# them. The ranges are Unicode 15's Cf set; a test checks them against the running Python's
# Unicode database. The bidi controls themselves are named with the guard's own helper.
FORMAT_CONTROL = re.compile(
    "[\x80-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def format_control_problem(text: str) -> str | None:
    """A Swedish message saying where the first invisible format character is, or None."""
    found = FORMAT_CONTROL.search(text)
    if found is None:
        return None
    before = FORMAT_CONTROL.sub("", text[max(0, found.start() - 30) : found.start()]).strip()
    where = f"Det första står efter ”{before}”." if before else "Det första står först i texten."
    what = (
        "osynliga tecken, bland annat tecken som vänder skrivriktningen så att texten visas på "
        "ett annat sätt än den lyder"
        if bidi_controls(text)
        else "osynliga tecken (till exempel från en kopierad text)"
    )
    return (
        f"Texten innehåller {what}. {where} Skriv in texten igen, eller klistra in den som "
        "oformaterad text."
    )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def required_if(other: str, values: set[str], message: str):
    """Required when `other` has one of `values`; otherwise the field is not validated at all."""

    def check(form, field):
        if form[other].data in values:
            if not (field.data or "").strip():
                raise StopValidation(message)
        else:
            field.errors[:] = []
            raise StopValidation()

    return check


def as_choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def valid_work_phone(_form, field):
    try:
        number = phonenumbers.parse(field.data or "", "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Ange ditt telefonnummer i tjänsten med riktnummer, till exempel 063-14 30 00."
        )


def at_least_one(message: str):
    def check(_form, field):
        if not field.data:
            raise ValidationError(message)

    return check


# Dates the service accepts anywhere: far enough for any real consent, meeting or filter, and
# never near the ends of Python's date range, where adding a month or a day overflows (L7).
DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)
OUT_OF_SERVICE_YEARS = f"Skriv ett datum mellan år {DATE_MIN.year} och {DATE_MAX.year}."


def within_years(_form, field):
    """A date validator: the date lies between DATE_MIN and DATE_MAX (a date far out gave a
    500 further on, security review L7). DatePartsField checks the year itself as well."""
    if field.data is not None and not DATE_MIN <= field.data <= DATE_MAX:
        raise StopValidation(OUT_OF_SERVICE_YEARS)


def in_service_years(day: date | None) -> bool:
    return day is not None and DATE_MIN <= day <= DATE_MAX


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


class _SignedWhenShown:
    """A form's CSRF token, signed only when a page shows it. Signing costs a serializer run per
    form, and a post that is accepted shows no form again (CSRFProtect has already checked the
    posted token before the view runs, so nothing is checked less)."""

    __slots__ = ("meta",)

    def __init__(self, meta) -> None:
        self.meta = meta

    def __str__(self) -> str:
        # generate_csrf keeps the token in `g`, so every form on a page shows the same one.
        return generate_csrf(secret_key=self.meta.csrf_secret, token_key=self.meta.csrf_field_name)

    __html__ = __str__


class _CSRFSignedWhenShown(_FlaskFormCSRF):
    """Flask-WTF's form CSRF (the same check), with the token made on first use."""

    def generate_csrf_token(self, csrf_token_field):
        return _SignedWhenShown(self.meta)


class NorrskenForm(FlaskForm):
    """Base form: Swedish WTForms messages, and no control or invisible format characters in
    any text field."""

    class Meta:
        locales = ("sv_SE", "sv")
        csrf_class = _CSRFSignedWhenShown

        def wrap_formdata(self, form, formdata):
            """Only text fields of the posted form: files and JSON bodies are never form data
            (a file sent in a text field gave a 500, security review L7). Explicitly given
            formdata (a query string, for filters) is used as given."""
            data = super().wrap_formdata(form, formdata)
            if data is None or data is formdata:
                return data
            return request.form or None

    # The free-text fields the de-identification guard scans (issue 11, item 4). Every other
    # text field is on the commented allowlist in tests/test_form_fields.py.
    GUARDED: tuple[str, ...] = ()

    def guarded_fields(self) -> list:
        """The fields to scan for this post, in page order."""
        return [self[name] for name in self.GUARDED]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if not isinstance(field.data, str):
                continue
            problem = (
                "Texten innehåller otillåtna styrtecken. Skriv om texten utan dem."
                if _CONTROL.search(field.data)
                else format_control_problem(field.data)
            )
            if problem:
                field.errors = [*field.errors, problem]
                valid = False
        return valid


class FilterForm(NorrskenForm):
    """Filters read from the query string: no CSRF token, and a value that fails its check is
    shown as an error and then ignored, never used (a year-0001 date gave a 500, review L7)."""

    class Meta:
        csrf = False

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if field.errors:
                field.data = None
        return valid


class ConfirmForm(NorrskenForm):
    """An empty form: the CSRF token for buttons such as "Återkalla"."""
