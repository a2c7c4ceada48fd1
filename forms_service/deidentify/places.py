"""Postcodes and vehicle registration numbers (block). Addresses are in addresses.py.

* Postcodes: "831 45", "SE-831 45", "83145 Östersund", "84093 HEDE", "postnummer 83145",
  "Svenstavik, 84591".
  A five-digit number that counts or costs something ("64000 invånare", "ca 30000",
  "12500 i hyra", "medlemsnummer 78123") is never a postcode.
  Public numbers of the same shape ("114 14", the police) are masked by harmless.py.
* Registration numbers: three letters (Swedish plates never use I, Q, V, Å, Ä, Ö) and two digits
  and a digit or letter, in any case and spacing: "ABC 123", "ABC12D", "abc 12d", "FGX  410",
  "gsy-291", "BSN.713", "M W U 15 L", glued to a cue ("regnrJUB94A"). Three lower-case letters
  that are a Swedish word or abbreviation ("och 123", "avd 102"), and a capitalised one
  ("Ltr-482", "Rum 123"), are a plate only after a cue such as "reg", "bilnr", "bil (" or "kör".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import addresses, harmless, lexicon
from .findings import Finding, finding
from .windows import (
    cue_positions,
    cue_windows,
    matches_at,
    matches_at_cues,
    matches_at_runs,
    run_positions,
)

_TOWN = r"[A-ZÅÄÖ](?:[a-zåäö\-]{2,30}|[A-ZÅÄÖ\-]{2,30})(?![\wåäö])"
_CODE = r"[1-9]\d{2}[ \-\u2013]?\d{2}"
_POSTCODE = re.compile(
    r"(?=[1-9SPpZz])(?:(?<![\w\-\u2013])(?:(?:SE|S)[-\u2013 ]?)?[1-9]\d{2}[ \-\u2013]\d{2}"
    rf"(?: {{0,3}}{_TOWN})?(?![\d\w])"
    r"|(?<![\w\-])(?:SE|S)[-\u2013]?[1-9]\d{4}(?![\d])"
    rf"|(?<![\w\-])[1-9]\d{{4}},? {{1,3}}{_TOWN}"
    rf"|(?<![\w])(?:[Pp]ostnr|[Pp]ostnummer|[Pp]ost nr|[Pp]ostkod|[Pp]ostinro|[Pp]ostinumero"
    rf"|[Zz]ip|ZIP|[Pp]ostal code|[Pp]ostcode)\.?'?:?\s{{0,2}}{_CODE}(?!\d))"
)
# A postcode split in the wrong place before a town of the county: "84 592 Ljungdalen".
_MISSPLIT_CODE = re.compile(
    r"(?=[1-9])(?<![\d\-])[1-9]\d [0-9]{3}(?![\d]) {1,3}(?P<town>[A-ZÅÄÖ][a-zåäö\-]{1,30})"
)
# A five-digit postcode before a town written in lower case: "83145 östersund".
_CODE_LOWER_TOWN = re.compile(r"(?=[1-9])(?<![\d\-])[1-9]\d{4},? {1,3}(?P<town>[a-zåäö\-]{2,30})")
# A five-digit postcode with no town after it, in an address: "Storgatan 12, 83145".
_BARE_CODE = re.compile(r"(?=[1-9])(?<![\d\-])[1-9]\d{4}(?![\d])")
# Before a bare five-digit postcode: an address cue, or a capitalised place and a house number
# and a comma ("Tallbo 4, 83594"). The capital is case-sensitive, so "kom 2019, 12345" is not one.
_ADDRESS_CONTEXT = re.compile(
    r"(?i:adress|adr\b|skriven|folkbokförd|bor\b|bosatt|flytta|postadress|c/o|box|lgh|gatan"
    r"|vägen)|(?P<place>[A-ZÅÄÖ][a-zåäö]+) (?!(?:19|20)\d\d\b)\d{1,4} ?[A-Ha-h]?,"
)
# A word before a number that makes it a figure: "ca 30000", "betalar 12000", "drygt 60000".
_FIGURE_BEFORE = re.compile(
    r"(?<![\wåäö])(?i:ca|c:a|cirka|ungefär|drygt|knappt|nästan|omkring|runt|minst|högst|max"
    r"|över|under|med|har|hade|betalar|betalade|betala|kostar|kostade|hyran|hyra|skuld|skulden"
    r"|lön|lönen|belopp|beloppet|summan|bidrag|(?!post)[a-zåäö]*(?:nummer|nr))\.?:? $"
)
# What a sum is for, after it: "12500 i hyra", "20000 i månaden", "14800 i lön".
_FIGURE_AFTER = re.compile(
    r" (?:i|per|om|/) ?(?:hyra|hyran|lön|månaden|månad|mån|året|år|veckan|skuld|bidrag"
    r"|ersättning|underhåll|underhållsstöd|sjukpenning|pension)(?![\wåäö])",
    re.IGNORECASE,
)
_TOWN_COMMA = re.compile(r"(?<![\wåäö])(?P<town>[A-ZÅÄÖ][a-zåäö\-]{1,30}), ?$")
# Plates: three letters, two digits and a digit or letter. Swedish plates never use I, Q, V,
# Å, Ä, Ö, but people copying a plate do not always know that, so any letter is accepted.
_LETTER = "A-Z"
_PLATE = re.compile(
    r"(?=[A-Za-z])(?:"
    r"(?<![\wÅÄÖåäö\-.])(?P<letters>[A-Z]{3}|[a-z]{3}|[A-Z][a-z]{2}|[A-Za-z]{3})"
    r"(?:[ \-.\n]{0,2}\d{2} ?|[ ]\d[ ]\d)[A-Z0-9a-z](?![\wÅÄÖåäö])"
    r"|(?<![\w])[A-Z] [A-Z] [A-Z] ?\d ?\d ?[A-Z0-9](?![\w]))"
)
# An area code and the first group of a phone number, right before digits that look like a postcode.
_PHONE_BEFORE = re.compile(r"(?<![\d\-])0\d{1,3}[\-\u2013][ \u00a0]?\d{2,4}[ \u00a0]$")
# Norwegian and other plates (two letters, four or five digits) only after a plate cue.
_FOREIGN_PLATE = re.compile(r"(?<![\w])(?P<plate>[A-Z]{2}[ \-]?\d{4,5})(?![\w])")
_PLATE_CUE = re.compile(
    # The leading lookahead (the cue words' first letters) fails at once at every other
    # character of the stretch searched, before the alternation is tried.
    r"(?i:(?=[bfhkmnprst])"
    r"(?:reg|regnr|reg\.nr|reg\.\s?nr|reg nr|regnummer|registreringsnummer|registreringsnr"
    r"|bil|bilen|bilar|bilnr|bilnummer|fordon|fordonet|kör|körde|kört|skylt|skylten|plåt|släp"
    r"|släpvagn|mc|husbil|transit|pickup|firmabil|skilt|skiltet|norsk|norska|hengar|henger"
    r"|hengeren|tilhenger|släpkärra|släpkärran|skoter|skotern|snöskoter|snöskotern)\b"
    r"[.:]?\s{0,3}(?:\([^)]{0,30}\)\s?)?"
    # Up to two words between: "bilen med nr. HEJ 123".
    r"(?:[^\s]{0,25}[ ,]\s?){0,2}\(?$)"
)
# A short or foreign plate (two or three letters and one to three digits: a Finnish "MLB-82", a
# trailer's "YNP 73") only right after a word that names a plate.
_SHORT_PLATE = re.compile(r"(?<![\w\-])[A-Z]{2,3}[ \-]?\d{1,3}(?![\w\-]|[.,]\d)")
_SHORT_PLATE_CUE = re.compile(
    r"(?i:(?<![\wåäö])(?:reg|regnr|reg\.\s?nr|reg nr|regnummer|registreringsnummer|registreringsnr"
    r"|skylt|skylten|skyltar|skyltarna|skyltnummer|plåt|plåten|plåtar|fordon|fordonet"
    r"|nummerplåt|nummerplåten|släp|släpet|släpvagn|släpvagnen))[.:]?"
    r"\s{0,3}\(?"
    r"(?:[^\s]{0,25}[ ,]\s?)?\(?$"
)
_GLUED_PLATE = re.compile(
    r"(?i:regnr|reg\.nr|reg|regnummer)[.:]?(?P<plate>[A-Z]{3}[ \-]?\d{2}[A-Z0-9])(?![\w])",
)
NOT_PLATES = {
    "BUP", "HVB", "LVU", "LVM", "LSS", "OSL", "SOL", "BRB", "SFS", "TMV", "IVO", "SOS",
    # Technical terms a forensic note numbers: "SHA-256", "AES 128", "USB 3".
    "SHA", "AES", "RSA", "USB", "DDR", "GSM", "LTE", "SSD", "HDD", "CPU",
}  # fmt: skip
# A plate whose third letter is an O glued to its digits ("JXO553"), which normalising read as a
# zero ("JX0553"): only after a plate cue.
_O_PLATE = re.compile(r"(?<![\w])[A-Z]{2}0\d{2}[A-Z0-9](?![\w])")


def _postcode_positions(masked: str) -> list[int] | None:
    """Where a postcode can start: at or up to three characters ("SE-") before a run of three
    digits ("831 45") or five ("83145"), or at "postnr", "postkod", "postinro", "zip" …"""
    cues = cue_positions(masked, ("post", "zip"))
    if cues is None:
        return None
    runs = run_positions(masked, lengths=(3, 5), back=(0, 1, 2, 3))
    return sorted({*runs, *cues})


def find_postcodes(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    positions = _postcode_positions(masked)
    found = (
        _POSTCODE.finditer(masked)
        if positions is None
        else matches_at(_POSTCODE, masked, positions)
    )
    for match in found:
        start = match.start()
        if _PHONE_BEFORE.search(masked, max(0, start - 10), start):
            continue  # "08-505 750 00": the last groups of a phone number, which phones.py judges
        if not addresses.streets.authority_address(masked, start):
            yield finding("postcode", start, match.end())
    for match in matches_at_runs(_MISSPLIT_CODE, masked, lengths=(2,)):
        if match["town"].casefold() in lexicon.localities():
            yield finding("postcode", match.start(), match.end())
    for match in matches_at_runs(_CODE_LOWER_TOWN, masked, lengths=(5,)):
        if lexicon.is_non_name(match["town"]) or match["town"] in lexicon.localities():
            yield finding("postcode", match.start(), match.end())
    for match in matches_at_runs(_BARE_CODE, masked, lengths=(5,)):
        if _figure(masked, match.start(), match.end()):
            continue
        if _address_before(masked, match.start()) or _town_before(masked, match.start()):
            yield finding("postcode", match.start(), match.end())


def _address_before(masked: str, start: int) -> bool:
    """An address cue or a place, house number and comma in the 40 characters before `start`;
    "Barn 2, 45678" numbers a person or thing, not a house."""
    position = max(0, start - 40)
    while (context := _ADDRESS_CONTEXT.search(masked, position, start)) is not None:
        place = context["place"]
        if not (place and addresses.numbered_thing(place.casefold())):
            return True
        position = context.end()
    return False


def _figure(masked: str, start: int, end: int) -> bool:
    """ "64000 invånare", "12000 kronor", "ca 30000": a bare five-digit number that counts or
    costs something is a figure, never a postcode."""
    return bool(
        harmless.QUANTITY_AFTER.match(masked, end)
        or _FIGURE_AFTER.match(masked, end)
        or _FIGURE_BEFORE.search(masked, max(0, start - 30), start)
    )


def _town_before(masked: str, start: int) -> bool:
    """ "utanför Svenstavik, 84591": a locality of the county and a comma just before."""
    if not masked.startswith(("83", "84"), start):
        return False  # the county's postcodes
    town = _TOWN_COMMA.search(masked, max(0, start - 34), start)
    return town is not None and town["town"].casefold() in lexicon.localities()


_WORD = re.compile(r"[^\W\d_][\w\-]*")


def _after_a_vehicle(text: str, start: int) -> bool:
    """ "grå Volkswagen Passat, abc 123": a make or model among the three words before."""
    before = text[max(0, start - 40) : start]
    return any(lexicon.is_vehicle(word) for word in _WORD.findall(before)[-3:])


def _plate_word(text: str, start: int, letters: str, cue: bool) -> bool:
    """Are these three letters a plate's (not "OCH 123" in a text in capitals, "avd 102", nor
    the "xxx" of a masked number without a plate cue: "Swedbank 8xxx-x, xxx xxx 221-3")?"""
    if cue:
        return True
    if letters.casefold() == "xxx":
        return False
    if letters[1:].islower() and not letters.islower():
        return False  # "Rum 123", "Kap 12b": a capitalised word is a plate only after a cue
    if letters.upper() in NOT_PLATES or lexicon.is_non_name(letters):
        return False
    folded = letters.casefold()
    if letters.isupper():
        # Capitals are how plates are written; a capitalised word is one only in capitals text,
        # unless its digits are glued to it ("SOS000": no word is written so).
        glued = text[start + 3 : start + 4].isdigit()
        return glued or not (lexicon.is_ordinary(folded) and _capitals_line(text, start))
    return not lexicon.is_ordinary(folded)


def _capitals_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    letters = [
        c for c in text[line_start : line_end if line_end >= 0 else len(text)] if c.isalpha()
    ]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_PLATE = frozenset("-._")


def _plate_starts(masked: str) -> list[int]:
    """Where a plate can start: three to six characters before a run of digits ("ABC 123",
    "A B C 12 3"), at a letter that begins a word (what the pattern's start asks, checked here
    so that the pattern is tried far less often)."""
    return [
        position
        for position in run_positions(masked, back=(3, 4, 5, 6))
        if masked[position] in _ASCII_LETTERS
        and not (
            position
            and (masked[position - 1].isalnum() or masked[position - 1] in _NOT_BEFORE_PLATE)
        )
    ]


def find_plates(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    for match in matches_at(_PLATE, masked, _plate_starts(masked)):
        letters = match["letters"]
        if letters is not None:
            cue = bool(
                _PLATE_CUE.search(masked, max(0, match.start() - 45), match.start())
                or _after_a_vehicle(masked, match.start())
            )
            if not _plate_word(masked, match.start(), letters, cue):
                continue
        yield finding("registration_number", match.start(), match.end())
    # Every glued plate starts with "reg": the pattern is tried only there.
    for match in matches_at_cues(_GLUED_PLATE, masked, ("reg",)):
        yield finding("registration_number", match.start("plate"), match.end("plate"))
    for start, end in cue_windows(masked, ("reg", "skylt", "plåt", "fordon"), 0, 50):
        for match in _SHORT_PLATE.finditer(masked, start, end):
            cue = _SHORT_PLATE_CUE.search(masked, max(0, match.start() - 40), match.start())
            if cue and match.group()[:3].rstrip(" -0123456789") not in NOT_PLATES:
                yield finding("registration_number", match.start(), match.end())
    for match in matches_at_runs(_O_PLATE, masked, lengths=(4, 3), back=(2,)):
        if _PLATE_CUE.search(masked, max(0, match.start() - 45), match.start()):
            yield finding("registration_number", match.start(), match.end())
    # Two letters, a space or hyphen, and a run of four or five digits.
    for match in matches_at_runs(_FOREIGN_PLATE, masked, lengths=(4, 5), back=(2, 3)):
        if _PLATE_CUE.search(masked, max(0, match.start() - 45), match.start()):
            yield finding("registration_number", match.start("plate"), match.end("plate"))
