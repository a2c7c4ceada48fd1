"""Postcodes and vehicle registration numbers (block). Addresses are in addresses.py.

* Postcodes: "831 45", "SE-831 45", "83145 Östersund", "84093 HEDE", "postnummer 83145".
  Public numbers of the same shape ("114 14", the police) are masked by harmless.py.
* Registration numbers: three letters (Swedish plates never use I, Q, V, Å, Ä, Ö) and two digits
  and a digit or letter, in any case and spacing: "ABC 123", "ABC12D", "abc 12d", "FGX  410",
  "gsy-291", "BSN.713", "M W U 15 L", glued to a cue ("regnrJUB94A"). Three lower-case letters
  that are a Swedish word or abbreviation ("och 123", "avd 102") are a plate only after a cue
  such as "reg", "bil" or "kör".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless, lexicon
from .findings import Finding, finding

_TOWN = r"[A-ZÅÄÖ](?:[a-zåäö\-]{2,30}|[A-ZÅÄÖ\-]{2,30})(?![\wåäö])"
_POSTCODE = re.compile(
    r"(?=[1-9SPp])(?:(?<![\w\-])(?:(?:SE|S)[-\u2013 ]?)?[1-9]\d{2} \d{2}"
    rf"(?: {{1,3}}{_TOWN})?(?![\d\w])"
    r"|(?<![\w\-])(?:SE|S)[-\u2013][1-9]\d{4}(?![\d])"
    rf"|(?<![\w\-])[1-9]\d{{4}},? {{1,3}}{_TOWN}"
    r"|(?<![\w])(?:[Pp]ostnr|[Pp]ostnummer|[Pp]ost nr)\.?:?\s{0,2}[1-9]\d{2} ?\d{2}(?!\d))"
)
_PLATE_LETTER = "A-HJ-PR-UW-Z"
_LAST = "A-HJ-NPR-UW-Z0-9"
_PLATE = re.compile(
    rf"(?=[{_PLATE_LETTER}{_PLATE_LETTER.lower()}])(?:"
    rf"(?<![\wÅÄÖåäö\-.])(?P<letters>[{_PLATE_LETTER}]{{3}}|[{_PLATE_LETTER.lower()}]{{3}})"
    rf"(?:[ \-.]{{0,2}})\d{{2}}[{_LAST}{_LAST.lower()}](?![\wÅÄÖåäö])"
    rf"|(?<![\w])[{_PLATE_LETTER}] [{_PLATE_LETTER}] [{_PLATE_LETTER}] ?\d ?\d ?[{_LAST}](?![\w]))"
)
_PLATE_CUE = re.compile(
    r"(?i:(?:reg|regnr|reg\.nr|reg\.\s?nr|reg nr|regnummer|registreringsnummer|registreringsnr"
    r"|bil|bilen|bilar|fordon|fordonet|kör|körde|kört|skylt|skylten|plåt|släp|släpvagn|mc"
    r"|husbil|transit|pickup|firmabil)\b[.:]?\s{0,3}(?:\([^)]{0,30}\)\s?)?(?:[^\s]{0,25}[ ,]\s?)?$)"
)
_GLUED_PLATE = re.compile(
    rf"(?i:regnr|reg\.nr|reg|regnummer)[.:]?(?P<plate>[{_PLATE_LETTER}]{{3}}[ \-]?\d{{2}}[{_LAST}])"
    r"(?![\w])",
)
_NOT_PLATES = {"BUP", "HVB", "LVU", "LVM", "LSS", "OSL", "SOL", "BRB", "SFS", "TMV", "IVO", "SOS"}


def find_postcodes(text: str) -> Iterator[Finding]:
    for match in _POSTCODE.finditer(harmless.mask(text)):
        yield finding("postcode", match.start(), match.end())


def _plate_word(text: str, start: int, letters: str, cue: bool) -> bool:
    """Are these three letters a plate's (not "OCH 123" in a text in capitals, "avd 102")?"""
    if cue:
        return True
    if letters.upper() in _NOT_PLATES or lexicon.is_non_name(letters):
        return False
    folded = letters.casefold()
    if letters.isupper():
        # Capitals are how plates are written; a capitalised word is one only in capitals text.
        return not (lexicon.is_ordinary(folded) and _capitals_line(text, start))
    return not lexicon.is_ordinary(folded) and folded not in lexicon.names()


def _capitals_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    letters = [
        c for c in text[line_start : line_end if line_end >= 0 else len(text)] if c.isalpha()
    ]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def find_plates(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    for match in _PLATE.finditer(masked):
        letters = match["letters"]
        if letters is not None:
            cue = bool(_PLATE_CUE.search(masked, max(0, match.start() - 45), match.start()))
            if not _plate_word(masked, match.start(), letters, cue):
                continue
        yield finding("registration_number", match.start(), match.end())
    for match in _GLUED_PLATE.finditer(masked):
        yield finding("registration_number", match.start("plate"), match.end("plate"))
