"""The neighbours' personal identity numbers (block, as personnummer): Jämtland borders Norway,
and partners, relatives and workers from Norway, Finland and Denmark appear in its cases.

* Norway's fødselsnummer (and D-nummer, day + 40): eleven digits, DDMMYY and five more whose last
  two are check digits (modulus 11), "01018512345", "010185 12345"; after a word that says what
  it is ("fødselsnummer", "fnr", "personnummer", "norsk" …), since eleven digits alone may be
  anything.
* Finland's henkilötunnus: DDMMYY, the century sign (+, -, A–F, U–Y), three digits and a check
  character: "131052-308T". Its own check makes it certain without a word before it.
* Denmark's CPR number: DDMMYY-NNNN after "CPR" (it has had no check digit since 2007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

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
