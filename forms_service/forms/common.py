"""What every form shares: the base form (Swedish messages, no control characters), the
multi-checkbox field, and small validators and helpers."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

import phonenumbers
from flask_wtf import FlaskForm
from wtforms import (
    SelectChoice,
    SelectMultipleField,
)
from wtforms.validators import (
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

# Control characters other than tab and line breaks are never valid in text (and PostgreSQL
# refuses NUL); they are reported at the field instead of reaching the database.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


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


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


class NorrskenForm(FlaskForm):
    """Base form: Swedish WTForms messages, and no control characters in any text field."""

    class Meta:
        locales = ("sv_SE", "sv")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and _CONTROL.search(field.data):
                field.errors = [
                    *field.errors,
                    "Texten innehåller otillåtna styrtecken. Skriv om texten utan dem.",
                ]
                valid = False
        return valid


class ConfirmForm(NorrskenForm):
    """An empty form: the CSRF token for buttons such as "Återkalla"."""
