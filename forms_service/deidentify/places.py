"""Places: street addresses (and c/o, lgh, box), postcodes, vehicle registration numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, finding

_STREET_SUFFIXES = (
    "gatan",
    "gata",
    "vägen",
    "väg",
    "gränd",
    "gränden",
    "torget",
    "torg",
    "stigen",
    "stig",
    "backen",
    "backe",
    "allén",
    "allé",
    "leden",
    "platsen",
    "plan",
    "esplanaden",
    "stråket",
    "kajen",
    "slingan",
    "svängen",
    "tået",
    "bron",
    "strand",
    "stranden",
    "parken",
    "lunden",
    "hagen",
    "höjden",
    "liden",
    "vallen",
    "ringen",
    "kroken",
    "udden",
)
# A word, then a house number, an optional entrance letter and an optional flat number. Whether the
# word is a street name (ends in -gatan, -vägen …) is checked in Python: cheaper than a regex
# alternation tried at every word.
_ADDRESS = re.compile(
    r"(?<![\w\-])(?P<street>[^\W\d_][^\W\d_\-]{0,40})[ \u00a0]{1,3}\d{1,4}"
    r"(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?"
    r"(?:[ \u00a0]{0,3},?[ \u00a0]{0,3}(?:lgh|lägenhet|lägenhetsnummer|lgh\.)"
    r"[ \u00a0.:]{0,3}\d{3,4})?(?![\d])",
)
_ADDRESS_MARKERS = re.compile(
    r"(?<![\wåäö])(?:c/o|C/O|c/o\.)[ \u00a0]{0,3}[^\s,.;]{0,40}"
    r"|(?<![\wåäö])(?:[Ll]gh|[Ll]ägenhet(?:snummer)?)[ \u00a0.:]{0,3}(?:nr[ \u00a0.]{0,2})?"
    r"\d{3,4}(?!\d)"
    r"|(?<![\wåäö])(?:Box|BOX|Postbox|Fack)[ \u00a0]{1,3}\d{1,6}(?!\d)"
)
_POSTCODE = re.compile(
    r"(?<![\w\-])(?:(?:SE|S)[-\u2013 \u00a0]?)?[1-9]\d{2}[ \u00a0]\d{2}"
    r"(?:[ \u00a0]{1,3}[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ\-]{1,30})?(?![\d\w])"
    r"|(?<![\w\-])(?:SE|S)[-\u2013][1-9]\d{4}(?![\d])"
    r"|(?<![\w\-])[1-9]\d{4}[ \u00a0]{1,3}(?=[A-ZÅÄÖ][a-zåäö]{2,30})[A-ZÅÄÖ][a-zåäö]{2,30}"
)
# Swedish plates: three letters (not I, Q, V, Å, Ä, Ö), two digits, then a digit or letter (not O).
_PLATE = re.compile(
    r"(?<![\wÅÄÖåäö\-])[A-HJ-PR-UW-Z]{3}[ \u00a0\-]?\d{2}[A-HJ-NPR-UW-Z0-9](?![\wÅÄÖåäö])"
)
_NOT_PLATES = {"BUP", "HVB", "LVU", "LVM", "LSS", "OSL", "SOL", "BRB", "SFS", "TMV", "IVO", "SOS"}


# Patterns that start with a plain character class let the regex engine skip ahead quickly;
# a leading lookbehind would make it stop at every position. So: digit runs first.
_DIGITS = re.compile(r"\d+")
_LAST_WORD = re.compile(r"[^\W\d_][^\W\d_\-]{0,40}[ \u00a0]{1,3}$")


def find_addresses(text: str) -> Iterator[Finding]:
    """Street + number: found from each number preceded by a word (rare in prose), then the word
    is checked for a street-name ending and the full address matched from its start."""
    last_end = 0
    for number in _DIGITS.finditer(text):
        if number.start() == 0 or text[number.start() - 1] not in " \u00a0":
            continue
        word = _LAST_WORD.search(text, max(0, number.start() - 44), number.start())
        if word is None or word.start() < last_end:
            continue
        street = word.group().rstrip(" \u00a0").casefold()
        if len(street) <= 3 or not street.endswith(_STREET_SUFFIXES):
            continue
        match = _ADDRESS.match(text, word.start())
        if match:
            last_end = match.end()
            yield finding("address", match.start(), match.end())
    for match in _ADDRESS_MARKERS.finditer(text):
        yield finding("address", match.start(), match.end())


def find_postcodes(text: str) -> Iterator[Finding]:
    for match in _POSTCODE.finditer(text):
        yield finding("postcode", match.start(), match.end())


def find_plates(text: str) -> Iterator[Finding]:
    for match in _PLATE.finditer(text):
        if match.group()[:3] not in _NOT_PLATES:
            yield finding("registration_number", match.start(), match.end())
