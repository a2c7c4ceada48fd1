"""Account numbers: IBAN, bankgiro, plusgiro, clearing + account, a number named by its bank
("Swedbank 8327-9 914 123 456-7", "Nordea: 3300 850101-1236"), and payment-card numbers (13–19
digits in groups of four that pass the Luhn check)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless
from .findings import Finding, finding
from .identity import luhn_ok
from .windows import matches_at_cues, matches_at_runs

_IBAN = re.compile(r"(?<![\w])SE[ \u00a0]?\d{2}(?:[ \u00a0]?\d){20}(?![\d])", re.IGNORECASE)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![\wåäö])(?=[kcbpislh])(?:kontonummer|kontonr|konto|kontot|bankkonto|bankkontot"
    r"|bankkontonummer|clearingnummer|clearing|clnr|bankgiro|bankgironummer|bg|plusgiro"
    r"|plusgironummer|pg|postgiro|iban|swish(?:nummer)?|personkonto|personkontot|lönekonto"
    r"|lönekontot|sparkonto|sparkontot|kortnummer|kortnr|kortnumret)"
    r"\.?(?:[ \u00a0]?(?:nr|nummer)\.?)?[ \u00a0]{0,3}[:.]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,]{0,2}\d){3,24})(?![\d])",
    re.IGNORECASE,
)
# How every account keyword starts (case-folded): the keyword pattern is tried only there.
_KEYWORD_STARTS = (
    "konto", "bank", "cl", "bg", "plus", "pg", "post", "iban", "swish", "person", "löne",
    "spar", "kort",
)  # fmt: skip
# A bank's name and a long number after it: "Swedbank 8327-9 914 123 456-7", "Nordea konto
# 3300 850101-1236", "ICA-banken: 9270 123 45 67" (at least seven digits: "SEB 2024" is a year).
_BANKS = (
    "swedbank", "nordea", "handelsbanken", "seb", "ica-banken", "ica banken", "icabanken",
    "länsförsäkringar", "sparbanken", "danske bank", "skandiabanken", "skandia", "avanza",
    "nordnet", "ikano", "marginalen", "sbab", "resurs bank", "lunar", "revolut",
)  # fmt: skip
_BANK_NUMBER = re.compile(
    rf"(?<![\wåäö])(?i:{'|'.join(re.escape(b).replace(' ', '[ -]?') for b in _BANKS)})"
    r"(?i:[ \u00a0]?(?:konto|kontonr|kontonummer|clearing|clnr)\.?)?"
    r"[ \u00a0]{0,3}[:.]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,]{0,2}\d){6,24})(?![\d])"
)
# A payment card: 13–19 digits, usually in groups of four, with a valid Luhn check digit.
_CARD = re.compile(r"(?<![\d\-])\d{4}(?:[ \u00a0\-]?\d{4}){2}(?:[ \u00a0\-]?\d{1,4}){1,2}(?![\d])")
# Clearing number (4 digits, Swedbank with a fifth check digit) then 6–12 account digits.
_CLEARING_ACCOUNT = re.compile(
    r"[1-9](?<![\d\-+][1-9])\d{3}(?:[\-\u2013]\d)?(?:[ \u00a0]?[,\-\u2013][ \u00a0]?|[ \u00a0])"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)


_BANK_STARTS = tuple(sorted({bank.split()[0].split("-")[0] for bank in _BANKS}))


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
    for match in matches_at_cues(_BANK_NUMBER, text, _BANK_STARTS):
        yield finding("account_number", match.start(), match.end())
    for match in matches_at_runs(_CARD, text, lengths=(4, 13, 14, 15, 16, 17, 18, 19)):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield finding("account_number", match.start(), match.end())
    # A clearing number is a run of four digits.
    for match in matches_at_runs(_CLEARING_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
