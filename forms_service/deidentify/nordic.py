"""The neighbours' identity numbers (block, as personnummer), and Norway's phone numbers and
postcodes: Jämtland borders Norway, and partners, relatives and workers from Norway, Finland
and Denmark appear in its cases, as do homes on both sides of the border.

* Norway's fødselsnummer (and D-nummer, day + 40): eleven digits, DDMMYY and five more whose last
  two are check digits (modulus 11), "01018512345", "010185 12345"; after a word that says what
  it is ("fødselsnummer", "fnr", "personnummer", "norsk" …), since eleven digits alone may be
  anything.
* Finland's henkilötunnus: DDMMYY, the century sign (+, -, A–F, U–Y), three digits and a check
  character: "131052-308T". Its own check makes it certain without a word before it.
* Denmark's CPR number: DDMMYY-NNNN after "CPR" (it has had no check digit since 2007).
* A Norwegian phone number without "+47": eight digits in Norway's groupings ("74 83 12 40",
  "9189 4412", "412 33 908") soon after a word for a phone ("tlf", "mobil", "direktnummer",
  "norskt nummer"), valid by Norway's numbering plan (phonenumbers). A Swedish number starts
  with 0, so the two never meet.
* A Norwegian postcode: four digits and the town after a street and house number
  ("Kvelstadvegen 12, 7530 Meråker").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import phonenumbers

from .findings import Finding, finding
from .windows import cue_windows, matches_at_runs

_NORWEGIAN = re.compile(r"(?<![\d\-])(?P<date>\d{6})[ \u00a0]?(?P<rest>\d{5})(?![\d])")
_NORWEGIAN_CUES = ("fødselsnummer", "fødselsnr", "fnr", "f.nr", "d-nummer",
                   "personnummer", "personnr", "pnr", "norsk", "norska", "id-nummer")  # fmt: skip
_FINNISH = re.compile(r"(?<![\w\-])(?P<date>\d{6})(?P<sign>[+\-A-FU-Y])(?P<serial>\d{3})"
                      r"(?P<check>[0-9A-Y])(?![\w])")  # fmt: skip
_FINNISH_CHECKS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_FINNISH_CUE = re.compile(r"(?i:henkilötunnus|hetu|finsk|finska|personbeteckning)")
_DANISH = re.compile(r"(?i:cpr)[\w.\-]{0,8}[ \u00a0:]{0,3}(?P<number>\d{6}-?\d{4})(?![\d])")


_NORWEGIAN_PHONE = re.compile(
    r"(?<![\d+\-/.,])(?:[2-9]\d(?:[ \u00a0]\d\d){3}|[2-9]\d{3}[ \u00a0]\d{4}"
    r"|[2-9]\d\d[ \u00a0]\d\d[ \u00a0]\d{3})(?![\d]|[ \u00a0\-.,]\d)"
)
# Words for a phone (not "nummer" alone: "Fakturanummer …: 55 12 00 98" is an invoice's).
_PHONE_CUES = ("tlf", "tel", "mobil", "mob.", "mob:", "direktnummer", "norskt nummer",
               "norska nummer", "norskt mobilnummer", "ring", "sms")  # fmt: skip
_NORWEGIAN_POSTCODE = re.compile(
    r"(?<=[,][ \u00a0])\d{4}[ \u00a0][A-ZÅÄÖÆØ][a-zåäöæø]{2,30}(?![\w])"
)
_STREET_AND_NUMBER_BEFORE = re.compile(
    r"(?<![\w])[A-ZÅÄÖÆØ][\wåäöæø\-]{2,40}[ \u00a0]\d{1,4}(?:[ \u00a0]?[A-Ha-h])?,[ \u00a0]$"
)


def _a_date(ddmmyy: str, plus_forty: bool = False) -> bool:
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    if plus_forty and day > 40:
        day -= 40  # a D-nummer
    try:
        date(2000 + year, month, day)  # a leap year's 29 February is a date in 2000 too
    except ValueError:
        return year % 4 == 0 and month == 2 and day == 29
    return True


def _norwegian_checks(digits: str) -> bool:
    weights = ((3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    for position, factors in ((9, weights[0]), (10, weights[1])):
        check = 11 - sum(int(d) * w for d, w in zip(digits, factors, strict=False)) % 11
        check = 0 if check == 11 else check
        if check == 10 or check != int(digits[position]):
            return False
    return True


def find_nordic_numbers(text: str) -> Iterator[Finding]:
    for start, end in cue_windows(text, _NORWEGIAN_CUES, 0, 40):
        for match in _NORWEGIAN.finditer(text, start, end):
            digits = match["date"] + match["rest"]
            if _a_date(match["date"], plus_forty=True) and _norwegian_checks(digits):
                yield finding("personnummer", match.start(), match.end())
    for match in matches_at_runs(_FINNISH, text, lengths=(6,)):
        number = int(match["date"] + match["serial"])
        if not (_a_date(match["date"]) and _FINNISH_CHECKS[number % 31] == match["check"]):
            continue
        # "010565-3281" is a Swedish personnummer's shape too (one in 31 passes the Finnish
        # check): a digit check after "-" or "+" counts only after a word for the Finnish one.
        swedish_shape = match["sign"] in "+-" and match["check"].isdigit()
        if not swedish_shape or _FINNISH_CUE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            yield finding("personnummer", match.start(), match.end())
    for start, end in cue_windows(text, ("cpr",), 0, 30):
        for match in _DANISH.finditer(text, start, end):
            if _a_date(match["number"][:6]):
                yield finding("personnummer", match.start("number"), match.end("number"))
    yield from _norwegian_phones(text)
    for match in matches_at_runs(_NORWEGIAN_POSTCODE, text, lengths=(4,)):
        # Not a year: "Protokoll 3, 2025 Krokom" (Norway's postcodes 1950–2039 are around Oslo).
        year = 1950 <= int(match.group()[:4]) <= 2039
        if not year and _STREET_AND_NUMBER_BEFORE.search(
            text, max(0, match.start() - 50), match.start()
        ):
            yield finding("postcode", match.start(), match.end())


def _norwegian_phones(text: str) -> Iterator[Finding]:
    for start, end in cue_windows(text, _PHONE_CUES, 0, 40):
        for match in _NORWEGIAN_PHONE.finditer(text, start, end):
            digits = re.sub(r"\D", "", match.group())
            try:
                number = phonenumbers.parse(digits, "NO")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                yield finding("phone", match.start(), match.end())
