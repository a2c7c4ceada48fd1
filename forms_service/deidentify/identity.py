"""Personnummer and samordningsnummer (block), and date-shaped numbers that fail the check digit
(warn: probably a mistyped personnummer)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .findings import Finding, finding

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_PNR = re.compile(
    rf"(?<![\w{_DASHES}+])"
    r"(?P<century>1[89]|20)?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    rf"(?:[ \u00a0]?(?P<sep>[{_DASHES}+])[ \u00a0]?|[ \u00a0])?"
    r"(?P<tail>\d{4})"
    r"(?![\w])"
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
        date(year, month, day)
    except ValueError:
        return False
    return True


def find_personnummer(text: str) -> Iterator[Finding]:
    for match in _PNR.finditer(text):
        yy, mm, dd = int(match["yy"]), int(match["mm"]), int(match["dd"])
        century = int(match["century"]) if match["century"] else 19
        year = century * 100 + yy
        # A plain 8+4 digit run with no century prefix is ambiguous with other numbers; the
        # date must hold either as a personnummer day (1–31) or a samordningsnummer day (61–91).
        kind = None
        if _valid_date(year, mm, dd) or (not match["century"] and _valid_date(2000 + yy, mm, dd)):
            kind = "personnummer"
        elif 61 <= dd <= 91 and (
            _valid_date(year, mm, dd - 60) or _valid_date(2000 + yy, mm, dd - 60)
        ):
            kind = "samordningsnummer"
        if kind is None:
            continue
        ten = f"{match['yy']}{match['mm']}{match['dd']}{match['tail']}"
        ten = "".join(str(int(c)) for c in ten)  # other Unicode digits to ASCII
        if luhn_ok(ten):
            yield finding(kind, match.start(), match.end())
        else:
            yield finding("personnummer_like", match.start(), match.end())
