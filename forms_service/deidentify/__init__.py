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

Every pattern is anchored so that a match attempt starts only at a token boundary and no pattern
nests unbounded repetition: scanning time grows linearly with the text (see the property tests).
The guard fails closed: if a detector ever raised, the whole text is reported as unchecked (block).

The package has one module per detector family (identity, contact, places, accounts, names,
circumstances), `normalise` for the text the detectors see, and `scanner` for `scan()`.
"""

from .findings import BLOCK, KIND_LABELS, MESSAGES, SEVERITY, WARN, Finding
from .identity import luhn_ok
from .normalise import bidi_controls
from .scanner import has_blocking, in_context, scan

__all__ = [
    "BLOCK",
    "KIND_LABELS",
    "MESSAGES",
    "SEVERITY",
    "WARN",
    "Finding",
    "bidi_controls",
    "has_blocking",
    "in_context",
    "luhn_ok",
    "scan",
]
