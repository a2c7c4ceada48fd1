"""Dates and times typed the same way in every browser, whatever its language.

`DatePartsField` is the GOV.UK date input: three boxes, day, month and year, posted as
`NAME-dag`, `NAME-manad` and `NAME-ar`. A browser's own date picker shows mm/dd/yyyy in an
English browser and ÅÅÅÅ-MM-DD in a Swedish one; three labelled boxes read the same everywhere
(ux-review §4). For links and old bookmarks it also accepts `NAME=2026-11-23`.
`TimeTextField` takes a time of day as text: "13.30", "13:30" or "1330".
"""

from __future__ import annotations

import re
from datetime import date, time

from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import TextInput

PARTS = (("dag", "dag"), ("manad", "månad"), ("ar", "år"))
YEARS = range(2000, 2101)


class DatePartsField(Field):
    """A date from three fields; `self.parts` keeps what was typed, for showing it again."""

    type = "DatePartsField"

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data
        self.parts = _parts_of(data)
        self.raw_data = []
        if formdata is None:
            return
        if any(f"{self.name}-{key}" in formdata for key, _ in PARTS):
            self.parts = {
                key: (formdata.get(f"{self.name}-{key}") or "").strip()[:8] for key, _ in PARTS
            }
        elif formdata.get(self.name):
            iso = formdata.get(self.name).strip()[:10]
            match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", iso)
            self.parts = (
                dict(zip(("ar", "manad", "dag"), match.groups(), strict=True))
                if match
                else {"dag": "", "manad": "", "ar": iso}
            )
        else:
            self.data = None
            return
        self.raw_data = [" ".join(v for v in self.parts.values() if v)]
        self.data, problem = _parse(self.parts, self.label.text)
        if problem:
            self.process_errors.append(problem)

    def pre_validate(self, form):
        if self.process_errors:  # a half-typed date: its own message, not "required" on top
            raise StopValidation()

    def iso(self) -> str:
        return self.data.isoformat() if self.data else ""


def _parts_of(value) -> dict[str, str]:
    if isinstance(value, date):
        return {"dag": str(value.day), "manad": str(value.month), "ar": str(value.year)}
    return {"dag": "", "manad": "", "ar": ""}


def _parse(parts: dict[str, str], label: str) -> tuple[date | None, str | None]:
    if not any(parts.values()):
        return None, None
    missing = [name for key, name in PARTS if not parts.get(key)]
    if missing:
        return None, f"{label} måste innehålla {' och '.join(_with_article(m) for m in missing)}."
    if not all(parts[key].isdigit() for key, _ in PARTS):
        return None, f"{label} måste vara ett riktigt datum, skrivet med siffror."
    day, month, year = (int(parts[key]) for key, _ in PARTS)
    if len(parts["ar"]) != 4:
        return None, f"Året i {label.lower()} måste ha fyra siffror, till exempel 2026."
    if year not in YEARS:
        return None, f"{label}: skriv ett datum mellan år {YEARS.start} och {YEARS.stop - 1}."
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{label} måste vara ett riktigt datum."


def _with_article(part: str) -> str:
    return {"dag": "en dag", "månad": "en månad", "år": "ett år"}[part]


class TimeTextField(Field):
    """A time of day as text; `data` is a `datetime.time` (None when empty or not a time).
    Not a StringField: what is typed is parsed to a time and never kept as text."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()[:10]
        self.data = None
        if not self.raw_text:
            return
        match = re.fullmatch(r"(\d{1,2})(?:[.:]?(\d{2}))?", self.raw_text)
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
        if hour > 23 or minute > 59:
            raise ValueError("Skriv klockslaget som timmar och minuter, till exempel 13.30.")
        self.data = time(hour, minute)

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H.%M") if self.data else ""
