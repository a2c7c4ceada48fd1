"""The de-identification guard: finds what could identify a person in Swedish case text.

`scan(text)` returns `Finding`s sorted by position, never overlapping:

* **block** — the text is not accepted until these are removed: personnummer, samordningsnummer,
  phone numbers (the `phonenumbers` library), e-mail addresses, street addresses, postcodes,
  vehicle registration numbers, URLs, social-media handles, IP addresses and account numbers.
* **warn** — accepted only when the submitter confirms each one: likely personal names, exact dates,
  exact ages, named schools and workplaces, and date-shaped numbers that fail the personnummer
  check digit (probably a mistyped personnummer).

The agreement (avsnitt 12) makes the professional who brings a case responsible for de-identifying
it; this guard catches the direct identifiers. Indirect identification (a rare job in a small
village, an event in the local paper) stays the professional's judgement, which the form says.

Every pattern runs in time linear in the text (bounded repetition, no nested unbounded
quantifiers; see the hostile-input benchmark and property tests). The guard fails closed: if a
detector ever raised, the whole text is reported as unchecked (block).

Modules: `normalise` (the folded text the detectors see), `harmless` (numbers that never
block), one module per detector family — `identity`, `phones`, `contact`, `addresses`, `places`,
`accounts`, `names`, `circumstances` — with `lexicon` and `cues` (word lists and closed word
classes), `windows` (where to look) and `scanner` (`scan()`, overlaps, failing closed).
"""

from .findings import BLOCK, KIND_LABELS, MESSAGES, SEVERITY, WARN, Finding
from .identity import luhn_ok
from .normalise import bidi_controls
from .scanner import in_context, scan, warm

__all__ = [
    "BLOCK",
    "KIND_LABELS",
    "MESSAGES",
    "SEVERITY",
    "WARN",
    "Finding",
    "bidi_controls",
    "in_context",
    "luhn_ok",
    "scan",
    "warm",
]
