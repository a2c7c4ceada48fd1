"""Numbers that look like identifiers but identify no one, so they never block: times and time
ranges ("kl. 09.00–10.30", "0900-1300"), dates with an hour ("2025-02-02 20"), law references
("10 kap. 18 c § OSL", "SFS 2001:453"), road numbers ("E14", "riksväg 87", "länsväg 321"),
police case numbers ("K 123456-25", "5000-K123456-25"), diary and invoice numbers after their
cue word ("Dnr SOC 2026/123", "OCR 4409 1127 8830"), week numbers, amounts and percentages, and
the public telephone numbers (public_numbers.py: "112", "114 14", "020-50 50 50").

`mask(text)` returns the text with each of these replaced by a blank of the same length, for the
number-shaped detectors (phone, account, address, postcode, registration number); offsets do not
move. Personnummer, e-mail, URL and IP detection read the original: a personnummer is never
hidden by a mask.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon, public_numbers
from .windows import digit_runs, matches_at, matches_at_cues, note_blanked


def _words(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


# What follows a number that counts or measures ("3 gånger", "2 km", "12000 kronor"): never a
# house number or a postcode.
QUANTITY_AFTER = re.compile(
    # The leading lookahead (the first characters of the words) fails at once after most
    # numbers, before the long alternation is tried.
    r"(?=[ \u00a0]?[%\-:°abcdefghiklmnoprstvåän])"
    r"[ \u00a0]?(?:år|års|årig|åriga|åringar|kr|kronor|sek|euro|:-|st|stycken|%|procent|gånger"
    r"|ggr|gång|dagar|dagars|dygn|timmar|timme|tim|h|minuter|min|sekunder|veckor|veckors"
    r"|månader|månaders|mån|km|mil|meter|cm|mm|kg|mg|ml|liter|personer|pers|invånare|kvinnor|män"
    r"|barn|elever|anställda|hushåll|lägenheter|ärenden|fall|poäng|av\s+\d|till\s+\d"
    r"|eller\s+\d|och\s+\d|:e|:a|-tal|-talet|talet|grader|°|kilo|ton|kvadrat|kvm|m2|rum"
    r"|våningar|tabletter|tabl|doser|samtal|sms|anmälningar|polisanmälningar|besök|kvällar"
    r"|nätter|morgnar|helger|pass|tillfällen|träffar|lektioner|glas|flaskor|burkar|cigaretter"
    r"|trappor|hus|åren|dagarna|veckorna|månaderna|timmarna|gångerna|nätterna|kvällarna"
    r"|helgerna|barnen)(?![\wåäö])",
    re.IGNORECASE,
)
_HOUR = r"(?:[01]?\d|2[0-3])"
_MINUTE = r"[0-5]\d"
_DASH = r"[\-\u2013\u2014]"
_TIME = rf"{_HOUR}(?:[.:]{_MINUTE})?(?:\s?{_DASH}\s?{_HOUR}(?:[.:]{_MINUTE})?)?(?!\d)"
# Every alternative starts with a digit or "§", so the regex engine skips prose at C speed; what
# the character before a match must not be is checked in Python (`_LEFT`).
_NUMERIC = re.compile(
    # The leading lookahead lets the regex engine skip to the next digit at C speed.
    r"(?=[\d§])(?:"
    + "|".join(
        [
            # Time ranges and times: "09.00–10.30", "08.30 - 09.15", "0900-1300", "21.40".
            rf"(?P<time>{_HOUR}[.:]{_MINUTE}(?:\s?{_DASH}\s?{_HOUR}(?:[.:]{_MINUTE})?)?(?![\d]|[.:]\d))",
            rf"(?P<hhmm>(?:[01]\d|2[0-3]){_MINUTE}{_DASH}(?:[01]\d|2[0-3]){_MINUTE}(?![\d]|[.:]\d))",
            # ISO dates, with an hour after them: "2025-02-02", "2025-02-02 20", "… kl 20".
            rf"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d(?:\s(?:kl\.?\s)?{_HOUR}(?![\d.:\-]))?(?![\d\-]))",
            # Law references: "4 kap. 1 §", "10 kap. 18 c §", "§ 12", "12 §§", "SFS 2008:567".
            r"(?P<law>\d{1,4}\s?kap\.?(?:\s?\d{1,4}\s?[a-z]?\s?§{1,2})?|\d{1,4}\s?[a-z]?\s?§{1,2}"
            r"|§{1,2}\s?\d{1,4})",
            r"(?P<sfs>(?:1[89]|20)\d\d:\d{1,4}(?![\d:]))",
            # Police case numbers: "5000-K123456-25".
            r"(?P<police>\d{4}-K\d{3,8}-\d{2}(?!\d))",
            # Court case numbers after the case type's letter: "mål T 511-26", "B 1234-25".
            r"(?P<court>(?<=[BTÄÖ] )\d{1,6}-\d{2}(?![\d\-]|\s\d))",
            # Year and serial: "2025/0892", "2025-000412".
            r"(?P<serial>(?:19|20)\d\d[/\-]\d{3,6}(?![\d\-/]))",
            # Amounts and percentages: "12 450 kr", "4 500:-", "12 %".
            r"(?P<amount>\d{1,3}(?:[ .]\d{3}){1,4}(?:,\d{1,2})?\s?(?:kr|kronor|sek|SEK|:-|euro|€)"
            r"|\d{1,3}(?:[.,]\d{1,2})?\s?(?:%|procent))",
        ]
    )
    + ")"
)
# Characters that must not stand right before a match of each alternative.
_LEFT = {
    "time": "0123456789.:",
    "hhmm": "0123456789.:",
    "iso": "0123456789-",
    "sfs": "0123456789:",
    "serial": "0123456789-/",
    "law": "0123456789",
    "amount": "0123456789",
}
# Words right before a number that make it harmless: "kl 14", "v. 12", "riksväg 87", "E 14",
# "K 123456-25", "AM-48213-25", "Dnr SOC 2026/123", "OCR 4409 1127 8830", "rum 12", "sida 4".
_CUE_WORDS = _words(
    """
    kl klockan v vecka veckan e riksväg riksvägen rv länsväg länsvägen lv europaväg väg
    vägnummer k dnr diarienr diarienummer diarie-nr ärendenr ärendenummer ärende-nr ärende
    ärendet händelsenr händelsenummer händelse-nr aktnr akt ocr ocr-nummer fakturanr
    fakturanummer faktura kundnr kundnummer ordernr ordernummer avtalsnr avtalsnummer referens
    referensnr referensnummer ref löpnr journalnr remissnr anmälningsnr försäkringsnr
    försäkringsnummer skadenr skadenummer provnr provnummer beslut protokoll paragraf rum sal
    avdelning avd plan våning sida bilaga punkt version linje buss tåg sfs mål målnr målnummer
    am am-
    """
)
# The last two letters of every cue word of two or more: a longer word ending otherwise is none.
_CUE_ENDINGS = frozenset(word[-2:] for word in _CUE_WORDS if len(word) >= 2)
# After the cue: the number, with the separators case numbers use ("2026/123", "2025-11-26 / 04").
_CUED_NUMBER = re.compile(r"\d(?:[\d\-/.:]|\s?/\s?(?=\d)|\s(?=\d)){0,24}(?<=\d)")
# A mobile number's shape, which no case number after a cue word has.
_MOBILE = re.compile(r"07\d(?:[ \-]?\d){7}")
_PARAGRAPH = re.compile("§")


_HOUSE_WORD = re.compile(r"([^\W\d_][\w\-]*)[ ]$")


def _house_number(text: str, start: int) -> bool:
    """Is the short number at `start` a house number ("Hallen 112", "Storgatan 112") rather
    than a public number ("Polisen 114 14", "ring 112")?"""
    word = _HOUSE_WORD.search(text, max(0, start - 40), start)
    if word is None or not word.group(1)[0].isupper():
        return False
    name = word.group(1)
    folded = name.casefold()
    if folded in lexicon.localities() or folded.endswith(lexicon.STREET_SUFFIXES):
        return True
    if lexicon.place_like(folded):
        return True
    if lexicon.is_non_name(name):
        return False
    # "bor i Järpen, Järpe 112": after a word for living, even an ordinary word is a place.
    return not lexicon.is_ordinary(folded) or bool(
        _LIVES_BEFORE.search(text, max(0, start - 50), start)
    )


_LIVES_BEFORE = re.compile(
    r"(?i:(?<![\wåäö])(?:bor|bodde|bosatt|adress|adressen|folkbokförd)(?![\wåäö]))"
)


def _word_before(text: str, end: int) -> tuple[int, str]:
    """The word that ends at `end`, allowing one space and a "." or ":" after it."""
    if end and text[end - 1] in " \u00a0":
        end -= 1
    if end and text[end - 1] in ".:":
        end -= 1
    start = end
    while start and (text[start - 1].isalpha() or text[start - 1] == "-") and end - start < 25:
        start -= 1
    return start, text[start:end]


_PROPERTY_CUE = re.compile(r"(?i:fastighet\w*|gård\w*|tomt\w*|skifte\w*)[^.!?\n]{0,30}$")


def _designation(text: str, start: int, found: str) -> bool:
    """ "Gärde 2:14" is a property designation (fastighetsbeteckning), not a time: a place name
    before it, and either a cue such as "fastigheten" or a shape no clock shows."""
    if ":" not in found:
        return False
    if not _house_number(text, start):
        return _locality_after(text, start, start + len(found))  # "Ström 3:12, Strömsund"
    hours, _, minutes = found.partition(":")
    if int(hours) > 23 or len(minutes.strip()) != 2:
        return True
    if len(hours) == 1 and _village_before(text, start):
        return True  # "(Gällö 3:27)": a clock time after a village needs "kl" or two digits
    return bool(
        _PROPERTY_CUE.search(text, max(0, start - 60), start)
        or _PROPERTY_CUE_AFTER.match(text, start + len(found))
        or _locality_after(text, start, start + len(found))
    )


_PLACE_BEFORE = re.compile(r"(?<![\w])(?P<place>[A-ZÅÄÖ][a-zåäö]+) $")
# The county's towns, which buses and trains leave at "9:15"; other localities are villages.
_TOWNS = frozenset({"östersund", "krokom", "åre", "järpen", "svenstavik", "hammarstrand",
                    "strömsund", "bräcke", "sveg", "funäsdalen", "brunflo", "frösön",
                    "hede"})  # fmt: skip


def _village_before(text: str, start: int) -> bool:
    place = _PLACE_BEFORE.search(text, max(0, start - 30), start)
    if place is None:
        return False
    folded = place["place"].casefold()
    return folded in lexicon.localities() and folded not in _TOWNS


# "Ström 3:12, Strömsund": a locality after it (no town before it) says where a designation is.
_LOCALITY_AFTER = re.compile(r",[ \u00a0](?P<place>[A-ZÅÄÖ][a-zåäö\-]{2,30})(?![\wåäö])")


def _locality_after(text: str, start: int, end: int) -> bool:
    place = _PLACE_BEFORE.search(text, max(0, start - 30), start)
    after = _LOCALITY_AFTER.match(text, end)
    if place is None or after is None or place["place"].casefold() in _TOWNS:
        return False
    return after["place"].casefold() in lexicon.localities()


# "Hallen 2:14 – rättelse, det är fastighetsbeteckningen".
_PROPERTY_CUE_AFTER = re.compile(r"[^.!?\n]{0,40}?(?i:fastighet)")


_PLATE_DIGITS = re.compile(r"\d{2}[0-9A-Za-z](?![0-9A-Za-z])")


def _plate_letters(text: str, word_start: int, word: str, start: int) -> bool:
    """ "AKT 000", "akt000", "bilen rum 000": a three-letter cue word written as a registration
    number's letters (in capitals, glued to the digits, or after a vehicle), before two digits
    and a digit or letter."""
    if len(word) != 3 or not word.isascii():
        return False
    glued = start == word_start + 3
    vehicle = _VEHICLE_BEFORE.search(text, max(0, word_start - 16), word_start) is not None
    return (word.isupper() or glued or vehicle) and bool(_PLATE_DIGITS.match(text, start))


# A vehicle named right before a cue word and a number makes them a plate: "bilen rum 000".
_VEHICLE_BEFORE = re.compile(
    r"(?i:reg|regnr|reg\.nr|bil|bilen|bilnr|fordon|fordonet|skylt|skylten|plåt)[.:]?\s{1,3}$"
)


def _cued(text: str, start: int) -> int | None:
    """Where the cue word before the number at `start` begins ("kl 14", "Dnr SOC 2026/123",
    "E14"), if there is one."""
    # Most numbers follow no word, or a lower-case one that ends unlike every cue word (and
    # cannot be a code in capitals either): decided from its last two letters, as _word_before
    # would see them, without walking back over the word.
    end = start - (start > 0 and text[start - 1] in " \u00a0")
    end -= end > 0 and text[end - 1] in ".:"
    last = text[end - 1 : end]
    last_two = text[max(0, end - 2) : end]
    if not (last.isalpha() or last == "-"):
        return None  # no word before the number
    if last_two[:-1] != "-" and not last_two[:-1].isalpha() and last == "-":
        return None  # a lone dash: "070-123"
    if (
        len(last_two) == 2
        and last_two.isalpha()
        and last_two.islower()
        and last_two.casefold()[-2:] not in _CUE_ENDINGS
    ):
        return None
    word_start, word = _word_before(text, start)
    if not word:
        return None
    if word.casefold() in _CUE_WORDS:
        if _spelled_out(text, word_start, word):
            return None
        if _plate_letters(text, word_start, word, start) or _not_a_road(
            word, text, word_start, start
        ):
            return None
        return word_start
    if word.isupper() and 2 <= len(word) <= 6:  # a unit's code: "Dnr SOC 2026/123"
        cue_start, cue = _word_before(text, word_start)
        # Not after a road's letter or a clock's word: "bil e MLB 338" is a plate ("e" is "är").
        if cue.casefold() in _CUE_WORDS and cue.casefold() not in _NO_CODE_AFTER:
            return cue_start
    return None


_NO_CODE_AFTER = frozenset({"e", "v", "k", "kl", "klockan"})


# "S J K 4 0 2": a plate spelled out letter by letter, whose "K" is no police case number's.
_SPELLED_OUT = re.compile(r"(?<![\w])[A-Z] [A-Z] $")


def _spelled_out(text: str, word_start: int, word: str) -> bool:
    return (
        len(word) == 1
        and word.isupper()
        and bool(_SPELLED_OUT.search(text, max(0, word_start - 4), word_start))
    )


def _not_a_road(word: str, text: str, word_start: int, start: int) -> bool:
    """ "E" numbers a European road with one or two digits ("E14", "E 45"); "e 070-59 42 881"
    ("nr e": the number is) is no road. "Gamla Riksvägen 41" is a street named after a road."""
    if _STREET_PREFIX.search(text, max(0, word_start - 8), word_start):
        return True
    if word.casefold() in ("väg", "vägen", "gata", "gatan") and _NAMED_BEFORE.search(
        text, max(0, word_start - 30), word_start
    ):
        return True  # "Oldens väg 8", "Odensala Väg 2": a street named after a place or person
    if word not in ("e", "E"):
        return False
    return text[start] == "0" or text[start + 2 : start + 3].isdigit()


_STREET_PREFIX = re.compile(r"(?:Gamla|Nya|Norra|Södra|Östra|Västra|Övre|Nedre|Stora|Lilla) $")
# A capitalised word, not at a sentence start, right before "väg"/"gata": the street's name.
_NAMED_BEFORE = re.compile(r"(?<=[\w,:] )[A-ZÅÄÖ][a-zåäö]{2,30} $|(?<=^)[A-ZÅÄÖ][a-zåäö]{2,30} $")


def _number_starts(text: str) -> list[int]:
    """Where a harmless number can start: the first digit of each run of digits, and each "§".
    (A match starting inside a run of digits would have a digit before it, which every kind
    of harmless number refuses, so those positions need no trying.)"""
    starts = [start for start, _ in digit_runs(text)]
    if "§" in text:
        starts += [match.start() for match in _PARAGRAPH.finditer(text)]
        starts.sort()
    return starts


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    consumed = 0
    for start in _number_starts(text):
        if start < consumed:
            continue
        match = _NUMERIC.match(text, start)
        if match is None:
            continue
        consumed = match.end()
        forbidden = _LEFT.get(match.lastgroup or "", "")
        if start and text[start - 1] in forbidden:
            continue
        if match.lastgroup == "time" and _designation(text, start, match.group()):
            continue
        spans.append(match.span())
    covered = 0
    for start, end in digit_runs(text):
        if start < covered:
            continue
        cue = _cued(text, start)
        if cue is not None:
            number = _CUED_NUMBER.match(text, start)
            if number and _MOBILE.fullmatch(number.group()):
                continue  # "beslut: 070-441 96 12" is no decision's number but a mobile's
            end = number.end() if number else end
            spans.append((cue, end))
            covered = end
    spans += _references_later(text)
    # A public number starts a run of digits with no dash before it ("-112" is part of another
    # number), nor an area code's groups ("0660-47 112"): the pattern is tried only there.
    starts = [
        start
        for start, _ in digit_runs(text)
        if not start or (text[start - 1] != "-" and not _continues_a_number(text, start))
    ]
    for match in matches_at(public_numbers.pattern(), text, starts):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < 7 and _house_number(text, match.start()):
            continue
        spans.append(match.span())
    return spans


# An invoice's reference a few words after its cue, before a colon: "OCR för hyran: 4559902188".
# What it pays says who is paid, not who pays (the cue right before a number is _cued's).
_REFERENCE_LATER = re.compile(
    r"(?i:(?<![\wåäö])(?:ocr|ocr-nummer|ocr-nr|ocr-numret|fakturanummer|fakturanr|referensnummer"
    r"|betalningsreferens)(?![\wåäö]))[^.!?\n\d:]{1,50}:[ \u00a0]?"
    r"(?P<number>\d(?:[ \u00a0\-]?\d){0,29})(?!\d)"
)


def _references_later(text: str) -> list[tuple[int, int]]:
    return [
        match.span("number")
        for match in matches_at_cues(
            _REFERENCE_LATER, text, ("ocr", "faktura", "referens", "betalningsref")
        )
    ]


_NUMBER_BEFORE = re.compile(
    r"(?:\+\d|(?<!\d)0)\d*(?:(?:[ \u00a0]?[\-\u2013/][ \u00a0]?|[ \u00a0])\d+)*[ \u00a0]$"
)


def _continues_a_number(text: str, start: int) -> bool:
    """Do the digits at `start` end a number that an area code or country code begins, one
    space after its other groups ("0660-47 112", "+46 70 112")?"""
    if text[start - 1] not in " \u00a0" or not text[start - 2 : start - 1].isdigit():
        return False
    return _NUMBER_BEFORE.search(text, max(0, start - 16), start) is not None


@lru_cache(maxsize=8)
def mask(text: str) -> str:
    """`text` with every harmless number blanked out (same length)."""
    spans = _spans(text)
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        start = max(start, position)
        pieces += [text[position:start], " " * (end - start)]
        position = end
    pieces.append(text[position:])
    masked = "".join(pieces)
    note_blanked(masked, text)
    return masked
