"""Personnummer and samordningsnummer (block), and date-shaped numbers that fail the check digit
(warn: probably a mistyped personnummer).

A number is a personnummer when its digits, whatever separates them, are a valid date (day + 60
for a samordningsnummer) followed by four digits that pass the Luhn check: "850101-1236",
"19850101 1236", "85.01.01-1236", "85-01-01-1236", "850101/1236", "850101--1236",
"850101-12 36", glued to a word ("pnr850101-1236"). Split forms count too: a birth date in one
place and "sista fyra 1236", "slutsiffror 1236" or "resten av numret är -1236" in another; the
four digits are what identifies, so they are blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .findings import Finding, finding

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_PNR = re.compile(
    r"(?=\d)(?<!\d)(?<!\d[.,:])"
    r"(?P<century>1[89]|20)?(?P<yy>\d\d)(?P<s>[ ./\-]?)(?P<mm>\d\d)(?P=s)(?P<dd>\d\d)"
    rf"(?P<sep>[ ]{{0,2}}[{_DASHES}+./_:\\]{{1,2}}[ ]{{0,2}}|[ ]{{1,2}}|)"
    r"(?P<tail>\d\d(?: ?\d\d))"
    r"(?!\d)(?![.,:]\d)"
)
# The usual writings, the only ones where a failed check digit is worth a warning.
_CANONICAL_SEPARATORS = {"", "-", "+", " ", "–", " - "}
# "sista fyra 1236", "slutsiffror: 1236", "de fyra sista siffrorna är 1236", "slutar på 1236".
_LAST_FOUR = re.compile(
    r"(?<![\w])(?:(?:de\s+)?(?:fyra|4)\s+sista|sista\s+(?:fyra|4)|sista\s+siffr\w*"
    r"|slutsiffr\w*|kontrollsiffr\w*|slutar\s+på|resten\s+av\s+(?:person)?numret"
    r"|(?:fyra|4)\s+sista)(?P<gap>[^.!?\n\d]{0,60}?)(?P<four>-?\d{4})(?!\d)(?![ ]?(?:kr|:-))",
    re.IGNORECASE,
)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        return date(year, month, day) <= date.today()
    except ValueError:
        return False


def _kind(match: re.Match[str]) -> str | None:
    yy, mm, dd = int(match["yy"]), int(match["mm"]), int(match["dd"])
    years = [int(match["century"]) * 100 + yy] if match["century"] else [1900 + yy, 2000 + yy]
    if any(_valid_date(year, mm, dd) for year in years):
        return "personnummer"
    if 61 <= dd <= 91 and any(_valid_date(year, mm, dd - 60) for year in years):
        return "samordningsnummer"
    return None


def find_personnummer(text: str) -> Iterator[Finding]:
    for match in _PNR.finditer(text):
        if match["century"] and match["s"] == "-" and not match["sep"].strip():
            continue  # "2025-11-03 1430": a date and a time, not "19790423-3181"
        kind = _kind(match)
        if kind is None:
            continue
        ten = f"{match['yy']}{match['mm']}{match['dd']}{match['tail'].replace(' ', '')}"
        if luhn_ok(ten):
            yield finding(kind, match.start(), match.end())
        elif match["s"] == "" and match["sep"] in _CANONICAL_SEPARATORS:
            yield finding("personnummer_like", match.start(), match.end())
    folded = text.casefold()
    if any(cue in folded for cue in ("sista", "slut", "kontroll", "resten")):
        for match in _LAST_FOUR.finditer(text):
            yield finding("personnummer", match.start("four"), match.end("four"))
