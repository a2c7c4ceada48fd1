"""The de-identification guard on a form's free-text fields, and the error summary of a page.

Both blueprints use this: the public forms (requests, consent records) and the coordinator's notes,
messages, meeting notes and annual commentary. `run_guard` scans the given fields and pairs every
finding with what the user has already confirmed; `render_form_page` renders a template with the
GOV.UK-style error summary built from the forms' errors and the guard's findings.

Confirmation: a blocking finding must be changed; a warning must be confirmed. Names and other
words are confirmed one by one (a confirmation belongs to those exact words, so it does not carry
over to a different word). Dates and ages are confirmed once per kind and field: a text that
mentions several dates needs one "I have checked the dates" rather than one box per date.

Bounded cost (security review H1): a field that failed its own checks (its length above all) is
never scanned, so the guard never reads more than a field's maximum; all scans of one request
together read at most GUARD_MAX_CHARS_PER_REQUEST characters, and anything beyond that budget is
refused as unchecked (fail closed); and at most MAX_SHOWN_FINDINGS findings per field are shown,
those that need action first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from flask import current_app, g, render_template
from wtforms import Field
from wtforms.validators import Length

from .deidentify import BLOCK, Finding, in_context, scan

CONFIRM_FIELD = "bekrafta"
MAX_SHOWN_FINDINGS = 20
OVER_BUDGET = (
    "Det blev för mycket text att kontrollera på en gång. Korta texten och skicka igen, eller "
    "dela upp den."
)

# Kinds confirmed once per field, with the Swedish noun (singular, plural) used in the checkbox.
CONFIRMED_PER_KIND: dict[str, tuple[str, str]] = {
    "date": ("datumet", "datumen"),
    "age": ("åldern", "åldrarna"),
}


@dataclass
class ShownFinding:
    finding: Finding
    before: str
    match: str
    after: str
    key: str
    confirmed: bool
    # Every match that this finding's confirmation covers (several for dates and ages).
    covers: list[str] = field(default_factory=list)
    # True for the one finding per key that carries the checkbox.
    asks_confirmation: bool = True

    @property
    def blocking(self) -> bool:
        return self.finding.severity == BLOCK

    @property
    def quoted(self) -> str:
        return ", ".join(f"”{text}”" for text in dict.fromkeys(self.covers or [self.match]))

    @property
    def confirm_label(self) -> str:
        nouns = CONFIRMED_PER_KIND.get(self.finding.kind)
        if nouns is None:
            return f"Jag har kontrollerat att ”{self.match}” inte kan identifiera personen"
        noun = nouns[0] if len(set(self.covers)) <= 1 else nouns[1]
        return f"Jag har kontrollerat att {noun} {self.quoted} inte kan identifiera personen"


@dataclass
class GuardResult:
    by_field: dict[str, list[ShownFinding]] = field(default_factory=dict)

    @property
    def blocking(self) -> list[tuple[str, ShownFinding]]:
        return [(n, f) for n, fs in self.by_field.items() for f in fs if f.blocking]

    @property
    def unconfirmed(self) -> list[tuple[str, ShownFinding]]:
        return [
            (n, f)
            for n, fs in self.by_field.items()
            for f in fs
            if not f.blocking and not f.confirmed
        ]

    @property
    def confirmed_keys(self) -> list[str]:
        """Each confirmation once, in page order."""
        keys = [f.key for fs in self.by_field.values() for f in fs if f.confirmed]
        return list(dict.fromkeys(keys))

    @property
    def passed(self) -> bool:
        return not self.blocking and not self.unconfirmed

    def visible(self, field_name: str) -> list[ShownFinding]:
        """The findings shown for a field: at most MAX_SHOWN_FINDINGS, those that still need
        action (blocking or unconfirmed) first, then in the order of the text. A finding that
        shares its confirmation with an earlier one (dates, ages) comes after it, so a covered
        date is never shown without the checkbox that covers it."""
        items = self.by_field.get(field_name, [])
        ranked = sorted(
            range(len(items)),
            key=lambda i: (items[i].confirmed and not items[i].blocking, i),
        )
        return [items[i] for i in sorted(ranked[:MAX_SHOWN_FINDINGS])]

    def hidden_count(self, field_name: str) -> int:
        return len(self.by_field.get(field_name, [])) - len(self.visible(field_name))

    def hidden_confirmations(self, field_name: str) -> list[str]:
        """Confirmed keys whose checkbox is not shown: carried as hidden fields so that working
        through a long list never loses a confirmation."""
        shown = {item.key for item in self.visible(field_name) if item.asks_confirmation}
        keys = [
            item.key
            for item in self.by_field.get(field_name, [])
            if item.confirmed and item.key not in shown
        ]
        return list(dict.fromkeys(keys))


def _confirmation_key(field_name: str, finding: Finding, text: str) -> str:
    """Identifies a warning across re-renders: the same words in the same field keep their key;
    dates and ages share one key per field."""
    if finding.kind in CONFIRMED_PER_KIND:
        return f"{field_name}:{finding.kind}"
    digest = hashlib.sha256(text[finding.start : finding.end].encode("utf-8")).hexdigest()[:12]
    return f"{field_name}:{finding.kind}:{digest}"


def confirmations(formdata) -> set[str]:
    """The confirmation keys ticked in a posted form."""
    return set(formdata.getlist(CONFIRM_FIELD))


def length_limit(form_field: Field) -> int | None:
    """The field's maximum length from its Length validator, if it has one."""
    limits = [v.max for v in form_field.validators if isinstance(v, Length) and v.max >= 0]
    return min(limits) if limits else None


def scan_text(text: str) -> list[Finding]:
    """`scan`, within the request's budget: once GUARD_MAX_CHARS_PER_REQUEST characters have been
    scanned, further text is refused as unchecked instead of scanned."""
    spent = g.get("guard_chars_scanned", 0) + len(text)
    if spent > current_app.config["GUARD_MAX_CHARS_PER_REQUEST"]:
        return [Finding("unchecked", BLOCK, 0, 0, OVER_BUDGET)]
    g.guard_chars_scanned = spent
    return scan(text)


def run_guard(fields: list[Field], confirmed: set[str]) -> GuardResult:
    """Scan each field; `confirmed` is the set of confirmation keys the user ticked. A field
    that already has errors, or holds more than its maximum length, is not scanned: the user
    fixes that first, and the form cannot be accepted meanwhile."""
    result = GuardResult()
    for form_field in fields:
        text = form_field.data or ""
        limit = length_limit(form_field)
        if (
            not isinstance(text, str)
            or form_field.errors
            or (limit is not None and len(text) > limit)
        ):
            continue
        shown: list[ShownFinding] = []
        first_with_key: dict[str, ShownFinding] = {}
        for finding in scan_text(text):
            before, match, after = in_context(text, finding)
            key = _confirmation_key(form_field.name, finding, text)
            item = ShownFinding(finding, before, match, after, key, key in confirmed, [match])
            if finding.severity != BLOCK and key in first_with_key:
                item.asks_confirmation = False
                first_with_key[key].covers.append(match)
            else:
                first_with_key.setdefault(key, item)
            shown.append(item)
        if shown:
            result.by_field[form_field.name] = shown
    return result


def check_form(form, formdata) -> tuple[bool, GuardResult]:
    """Validate `form` and run the guard on its guarded fields: (accepted, guard result)."""
    valid = form.validate()
    guard = run_guard(form.guarded_fields(), confirmations(formdata))
    return valid and guard.passed, guard


def error_summary(form, guard: GuardResult, extra: list[tuple[str, str]] = ()) -> list[tuple]:
    """(anchor, message) pairs for the error summary, in page order."""
    entries: list[tuple[str, str]] = []
    for form_field in form:
        if form_field.errors:
            entries.append((f"#{form_field.id}", form_field.errors[0]))
        for shown in guard.visible(form_field.name):
            label = form_field.label.text
            if shown.blocking:
                entries.append(
                    (
                        f"#{form_field.id}",
                        f"{label}: {shown.finding.label} – {shown.finding.message}",
                    )
                )
            elif not shown.confirmed and shown.asks_confirmation:
                entries.append(
                    (
                        f"#confirm-{shown.key.replace(':', '-')}",
                        f"{label}: bekräfta eller ändra {shown.quoted} "
                        f"({shown.finding.label.lower()})",
                    )
                )
        if hidden := guard.hidden_count(form_field.name):
            entries.append(
                (f"#{form_field.id}", f"{form_field.label.text}: och {hidden} uppgifter till")
            )
    entries.extend(extra)
    return entries


def confirmed_descriptions(form, guard: GuardResult) -> list[str]:
    """What the user confirmed, in words: `”Tommy” (namn) i Ärendets karaktär`. Shown on the
    check page and kept (encrypted, as case text) so the coordinator sees which words."""
    described = []
    for form_field in form:
        for shown in guard.by_field.get(form_field.name, []):
            if shown.confirmed and shown.asks_confirmation and not shown.blocking:
                described.append(
                    f"{shown.quoted} ({shown.finding.label.lower()}) i {form_field.label.text}"
                )
    return described


def render_form_page(template: str, *forms, guard: GuardResult | None = None, **context):
    """Render a page holding `forms`, with an error summary of their errors and the guard's
    findings; the page title gets "Fel:" in front when there is something to correct."""
    guard = guard or GuardResult()
    summary: list[tuple] = []
    for form in forms:
        summary += error_summary(form, guard)
    return render_template(
        template, guard=guard, summary=summary, error_title_prefix=bool(summary), **context
    )
