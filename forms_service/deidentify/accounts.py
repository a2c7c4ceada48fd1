"""Account numbers: IBAN, bankgiro, plusgiro, clearing + account, a number named by its bank
("Swedbank 8327-9 914 123 456-7", "Nordea: 3300 850101-1236"), a business's Swish number, and
payment-card numbers (13–19 digits in groups of four that pass the Luhn check). Giros a few words
or lines after their cue, and whose giro an organisation's is, are giros.py's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import giros, harmless, lexicon
from .findings import Finding, finding
from .identity import luhn_ok
from .phones import NUMBER_WORD, spoken_digits
from .windows import cue_windows, digit_runs, matches_at, matches_at_cues, matches_at_runs

# Any country's IBAN: two letters, two check digits, 11–30 letters or digits, grouped by four or
# not ("SE45 5000 0000 0583 9825 7466", "NO4486015529031"); checked with its mod-97 digits.
_IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}[ \u00a0\-]?\d{2}(?:[ \u00a0\-]?[A-Za-z0-9]){11,30}(?![\w])"
)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![\wåäö])(?=[kcbpislha])(?:kontonummer|kontonr|konto|kontot|kto|ktonr|bankkonto|bankkontot"
    r"|bankkontonummer|clearingnummer|clearing|clnr|bankgiro|bankgirot|bankgironummer|bg"
    r"|bank[ ]?giro|bankgirokonto|plusgiro|plusgirot|plusgirokonto|plusgironummer|pg|postgiro"
    r"|iban|swish(?:nummer)?"
    r"|personkonto|personkontot|lönekonto|lönekontot|sparkonto|sparkontot|kortnummer|kortnr"
    r"|kortnumret|clr|acc|account|acct)"
    r"\.?(?:[ \u00a0]?(?:nr|nummer|no)\.?)?[ \u00a0]{0,3}[:.|]?[ \u00a0]{0,3}"
    # Dots too between the groups: "kontonr 914.552.318-4".
    r"(?P<number>\d(?:[ \u00a0\-,.]{0,2}\d){3,24})(?![\d])",
    re.IGNORECASE,
)
# How every account keyword starts (case-folded): the keyword pattern is tried only there.
_KEYWORD_STARTS = (
    "konto", "kto", "bank", "cl", "bg", "plus", "pg", "post", "iban", "swish", "personkonto",
    "lönekonto", "sparkonto", "kortn", "acc", "acct",
)  # fmt: skip
# A bank's name and a long number after it: "Swedbank 8327-9 914 123 456-7", "Nordea konto
# 3300 850101-1236", "ICA-banken: 9270 123 45 67" (at least seven digits: "SEB 2024" is a year).
_BANK_NUMBER = re.compile(
    rf"(?<![\wåäö])(?i:{'|'.join(re.escape(b).replace(' ', '[ -]?') for b in lexicon.BANKS)})"
    r"(?i:[ \u00a0]?(?:konto|kontonr|kontonummer|clearing|clnr)\.?)?"
    r"[ \u00a0]{0,3}[:.,|]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,.]{0,2}\d){6,24})(?![\d])"  # "8105-9.943 210 887-4" too
)
# A bankgiro number that something is paid to: "e-faktura till 3231-0088", "betalar till 979-7002".
_PAID_TO = re.compile(
    r"(?i:(?<![\wåäö])(?:e-faktura|efaktura|faktura|fakturor|inbetalning|inbetalningar|betalning"
    r"|betalningar|betala|betalar|betalade|autogiro|swisha|överföring|överföringar)"
    r"[ \u00a0]+(?:till|på|via)[ \u00a0]+)(?P<number>[1-9]\d{2,3}-\d{4})(?![\d\-])"
)
_PAID_TO_STARTS = ("e-faktura", "efaktura", "faktur", "inbetalning", "betal", "autogiro",
                   "swisha", "överföring")  # fmt: skip
# A payment card: 13–19 digits, usually in groups of four, with a valid Luhn check digit.
_CARD = re.compile(r"(?<![\d\-])\d{4}(?:[ \u00a0\-]?\d{4}){2}(?:[ \u00a0\-]?\d{1,4}){1,2}(?![\d])")
# Clearing number (4 digits, Swedbank with a fifth check digit) then 6–12 account digits.
_CLEARING_ACCOUNT = re.compile(
    r"[1-9](?<![\d\-+][1-9])\d{3}(?:[\-\u2013]\d)?"
    r"(?:[ \u00a0]{0,2}[,\-\u2013][ \u00a0]{0,2}|[ \u00a0]{1,2})"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)
# A clearing number and an account set apart: in a table's columns, parted by a "|" or by the
# spaces that line up columns ("| Swedbank | 8201-6 | 914 332 718-5 |", "Swedbank   8327-9
# 903 774 152-0"), on lines of their own ("8327-4\n249 522 056-4") or told in turn ("2301 och
# sen 750700119"). Looked for only near a bank's name or the words "clearing" and "konto".
_ACCOUNT_APART = re.compile(
    r"(?<![\d\-])[1-9]\d{3}(?:[\-\u2013]\d)?"
    r"(?:[ \u00a0\t]*\|[ \u00a0\t]*|[ \u00a0\t]{2,16}|[ \u00a0\t]*\n[ \u00a0\t]*"
    r"|[ \u00a0](?:och[ \u00a0])?(?:sen|sedan|därefter)[ \u00a0])"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)
# An account read aloud, later in the sentence that names it: 'sitt nya konto för mig i
# telefon: "åtta-fyra-tre-två, sen fyra tre tre fyra sju åtta åtta sex noll tre"' (at least
# eight digits, or it is no account).
_SPOKEN_GAP = r"[ ,\-\u2013]{1,3}(?:(?:och|sen|sedan)[ ])?"
_SPOKEN_ACCOUNT = re.compile(
    r"(?i:(?<![\wåäö])(?:konto|kontot|kontonummer|kontonumret|kontonr|clearing|clearingnummer)"
    r"(?![\wåäö]))[^.!?\n\d]{0,60}?(?<![\wåäö])"
    rf"(?P<number>{NUMBER_WORD}(?:{_SPOKEN_GAP}{NUMBER_WORD}){{6,24}})"
    r"(?![\wåäö])",
    re.IGNORECASE,
)
# A Norwegian account number, grouped 4.2.5 as Norwegian banks write it ("1503.42.77891"): no
# other number is written so.
_NORWEGIAN_ACCOUNT = re.compile(r"(?<![\d.])\d{4}\.\d{2}\.\d{5}(?![\d]|\.\d)")
# A business's Swish number (ten digits that start with 123) later in the sentence that names
# Swish, also inside a word: "Företagsswish till hans firma: 123 074 55 12" (a sole trader's
# number leads to its owner).
_SWISH_LATER = re.compile(
    r"(?i:swish)[^.!?\n\d]{0,50}?(?<![\d\-])(?P<number>123(?:[ \u00a0\-]?\d){7})(?![\d])"
)
# A long number later in the same sentence as the word "konto" (an abbreviation's dot does not
# end it): "ett gemensamt konto med mannen, nr 81295-4,913 456 712-0". Nine digits or more in
# groups, not starting with 0 (a clearing number never does; a phone number does). "kto" too:
# "eget kto nu, hon läste upp: åtta tre två sju-nio, 915 002 443-7".
_ACCOUNT_LATER = re.compile(
    r"(?i:(?<![\wåäö])(?:konto|kontot|kontona|kontonummer|kontonumret|kontonr|kto)(?![\wåäö]))"
    r"(?:[^.!?\n\d]|\.(?=[ \u00a0]?[a-zåäö(]|\w)){0,60}?"
    r"(?<![\d\-])(?P<number>[1-9](?:[ \u00a0\-,]{0,2}\d){8,18})(?![\d])"
)


_FIRST_WORDS = {bank.split()[0].split("-")[0] for bank in lexicon.BANKS}
# How each bank's name starts ("ica" finds "icabanken" too): the pattern is tried only there.
_BANK_STARTS = tuple(
    sorted(w for w in _FIRST_WORDS if not any(w != o and w.startswith(o) for o in _FIRST_WORDS))
)


def _card_starts(text: str) -> list[int]:
    """Where a card number can start: a run of 13–19 digits, or a run of four digits that
    another run of four follows after one separator ("5520 4123 …")."""
    runs = digit_runs(text)
    starts = []
    for index, (start, end) in enumerate(runs):
        if 13 <= end - start <= 19:
            starts.append(start)
        elif end - start == 4 and index + 1 < len(runs):
            following, following_end = runs[index + 1]
            if following == end + 1 and following_end - following == 4:
                starts.append(start)
    return starts


def _iban_starts(text: str) -> list[int]:
    """Two letters right before (or a space before) a run of at least two digits."""
    starts = []
    for start, _ in digit_runs(text):
        letters_end = start - (start > 0 and text[start - 1] in " \u00a0")
        if letters_end >= 2 and text[letters_end - 2 : letters_end].isalpha():
            starts.append(letters_end - 2)
    return starts


# A country's code and nothing but digits after it, 16 or more: an IBAN with a check digit
# mistyped still names the account ("SE41 5000 0000 0535 7102 4590" with one digit wrong). A
# Swedish VAT number ("SE556677889901") has twelve.
_IBAN_OF_DIGITS = re.compile(r"[A-Z]{2}(?:[ \u00a0\-]?\d){16,32}")


def _iban_end(candidate: str) -> int | None:
    """How much of the candidate is an IBAN: the whole, or without a word or two that followed
    it ("PL39 1020 … 0166 har")."""
    for _ in range(3):
        if _iban_ok(candidate) or (
            candidate[:2] in _IBAN_COUNTRIES and _IBAN_OF_DIGITS.fullmatch(candidate)
        ):
            return len(candidate)
        if " " not in candidate.strip():
            return None
        candidate = candidate.rstrip().rsplit(" ", 1)[0]
    return None


# The countries whose IBANs a Jämtland case text meets (EU/EEA and neighbours, and the countries
# many clients come from that use IBAN).
_IBAN_COUNTRIES = frozenset({
    "SE", "NO", "DK", "FI", "IS", "DE", "PL", "GB", "IE", "NL", "BE", "LU", "FR", "ES", "PT",
    "IT", "AT", "CH", "LI", "EE", "LV", "LT", "CZ", "SK", "HU", "SI", "HR", "BA", "RS", "ME",
    "MK", "AL", "GR", "CY", "MT", "RO", "BG", "UA", "MD", "BY", "GE", "AZ", "TR", "IQ", "IR",
    "JO", "LB", "PS", "SA", "AE", "QA", "KW", "BH", "EG", "TN", "DZ", "MR", "SO", "LY", "SD",
    "XK",
})  # fmt: skip


def _iban_ok(candidate: str) -> bool:
    compact = re.sub(r"[\s\-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or compact[:2] not in _IBAN_COUNTRIES:
        return False
    if sum(c.isdigit() for c in compact[4:]) < 10:
        return False  # an account number is mostly digits; "om 10 dagar och hon" is not one
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


_DATE = re.compile(r"(?:19|20)\d\d[.\-]\d\d[.\-]\d\d")


def _inside_a_code(text: str, match: re.Match[str]) -> bool:
    """ "Beslagsprotokoll 2025-5000-BG12345": a keyword glued to digits and after a dash is part
    of a record's code, not a giro number."""
    glued = text[match.start("number") - 1 : match.start("number")].isalnum()
    return glued and text[match.start() - 1 : match.start()] == "-"


def find_accounts(text: str) -> Iterator[Finding]:
    text = harmless.mask(text)
    for match in matches_at(_IBAN, text, _iban_starts(text)):
        end = _iban_end(match.group())
        if end:
            yield finding("account_number", match.start(), match.start() + end)
    for match in matches_at_cues(_ACCOUNT_KEYWORD, text, _KEYWORD_STARTS):
        if giros.an_authoritys(text, match.start()) or _inside_a_code(text, match):
            continue
        giro = match.group()[:2].casefold() in ("ba", "bg", "pl", "pg") and "konto" not in (
            match.group().casefold()
        )
        if giro and giros.an_organisations_giro(text, match.start(), *match.span("number")):
            continue
        if _DATE.fullmatch(match["number"]):
            continue  # "kontot 2025.06.01 tömdes": a date, now that dots may part the groups
        if text.startswith("-serie", match.end()):
            continue  # "Clearing 6000-serie": a bank's series of clearing numbers, no account
        yield finding("account_number", match.start(), match.end())
    for match in matches_at_cues(_BANK_NUMBER, text, _BANK_STARTS):
        yield finding("account_number", match.start(), match.end())
    yield from giros.find_giros(text)
    for match in matches_at_cues(_SWISH_LATER, text, ("swish",)):
        yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_cues(_ACCOUNT_LATER, text, ("konto", "kto")):
        yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_cues(_SPOKEN_ACCOUNT, text, ("konto", "clearing")):
        if len(spoken_digits(match["number"])) >= 8:
            yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_runs(_NORWEGIAN_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
    for match in matches_at_cues(_PAID_TO, text, _PAID_TO_STARTS):
        yield finding("account_number", match.start("number"), match.end("number"))
    for start, end in digit_runs(text):
        if 13 <= end - start <= 19 and not text[start - 1 : start].isalpha():
            # A run of 13–19 digits is an account, a card or another person's number glued
            # together ("841999048823114"); no case text writes a harmless number that long
            # (case and invoice numbers after their cue are masked before this).
            yield finding("account_number", start, end)
    for match in matches_at(_CARD, text, _card_starts(text)):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield finding("account_number", match.start(), match.end())
    # A clearing number is a run of four digits.
    for match in matches_at_runs(_CLEARING_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
    for start, end in cue_windows(text, (*_BANK_STARTS, "clearing", "konto"), 0, 240):
        for match in _ACCOUNT_APART.finditer(text, start, end):
            yield finding("account_number", match.start(), match.end())
