"""Account numbers: IBAN, bankgiro, plusgiro, clearing + account."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless
from .findings import Finding, finding
from .windows import matches_at_cues, matches_at_runs

_IBAN = re.compile(r"(?<![\w])SE[ \u00a0]?\d{2}(?:[ \u00a0]?\d){20}(?![\d])", re.IGNORECASE)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![\wåäö])(?=[kcbpis])(?:kontonummer|kontonr|konto|bankkonto|bankkontonummer|clearingnummer|clearing|"
    r"clnr|bankgiro|bankgironummer|bg|plusgiro|plusgironummer|pg|postgiro|iban|swish(?:nummer)?)"
    r"\.?(?:[ \u00a0]?(?:nr|nummer)\.?)?[ \u00a0]{0,3}[:.]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,]{0,2}\d){3,24})(?![\d])",
    re.IGNORECASE,
)
# How every account keyword starts (case-folded): the keyword pattern is tried only there.
_KEYWORD_STARTS = ("konto", "bank", "cl", "bg", "plus", "pg", "post", "iban", "swish")
# Clearing number (4 digits, Swedbank with a fifth check digit) then 6–12 account digits.
_CLEARING_ACCOUNT = re.compile(
    r"[1-9](?<![\d\-+][1-9])\d{3}(?:[\-\u2013]\d)?(?:[ \u00a0]?[,\-\u2013][ \u00a0]?|[ \u00a0])"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)


def _iban_ok(candidate: str) -> bool:
    compact = re.sub(r"\s", "", candidate).upper()
    if len(compact) != 24:
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


def find_accounts(text: str) -> Iterator[Finding]:
    text = harmless.mask(text)
    for match in matches_at_cues(_IBAN, text, ("se",)):
        if _iban_ok(match.group()):
            yield finding("account_number", match.start(), match.end())
    for match in matches_at_cues(_ACCOUNT_KEYWORD, text, _KEYWORD_STARTS):
        yield finding("account_number", match.start(), match.end())
    # A clearing number is a run of four digits.
    for match in matches_at_runs(_CLEARING_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
