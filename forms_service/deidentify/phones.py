"""Phone numbers (block), found by the phonenumbers library, which knows every Swedish and
foreign numbering plan, in every writing people use: "070-123 45 67", "+46 70 123 45 67",
glued to a cue word ("tel0701234567", "mobilnr0761234590"), digits written as words ("noll sju
tre, fyra fem sex …"), and split ("070-318 … resten av numret är 22 41").

Never blocked: the public numbers, times, dates and case numbers that harmless.py masks, and
numbers that cannot belong to a private person: toll-free (020), shared-cost (0771), premium-rate
(0900), and an organisation's switchboard on its universal access number (010, ending in 000).
Any other 010 number is blocked: it is someone's direct line ("handl. Jonas Ek, direkt 010-511
83 27"), and a staff member's direct line leads to the case as surely as a mobile does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile

import phonenumbers
from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumber,
    PhoneNumberMatcher,
    PhoneNumberType,
    number_type,
)

from . import harmless, identity, lexicon, public_numbers
from .findings import Finding, finding
from .windows import cue_windows, digit_runs, folded, literal_spans, matches_at, matches_at_cues

# phonenumbers compiles its metadata patterns through re's cache of 512, which numbers from many
# countries overflow (then every check recompiles); its own unbounded cache avoids that.
phonenumbers.enable_pattern_cache()

# Anything a phone number can be written as: a digit run of at least six characters, with the
# separators people use. The matcher runs only in a window around each such run, so prose
# without numbers costs almost nothing, and every part of a long text is checked.
# Swedish numbers are written with their leading 0 ("070-…", "063-…") or as +46 / 0046.
# A single line break may split one (pasted from a signature: "073 456\n78 90").
_CANDIDATE = re.compile(
    r"(?=[+(0])(?<![\d+])(?:\+|\(?0)(?:[\d \u00a0().\-/\u2013\u2014_]|\n(?![\n\s])){4,32}\d"
)
_MARGIN = 8
# A Swedish mobile number with a digit missing or one too many, grouped as a phone number
# ("073-41 56 29", "072-1845 5290"): written down wrong, it is still someone's number.
_MISTYPED_MOBILE = re.compile(
    r"07[02369]\d?(?=(?:[ \-\u2013]?\d){6,8}$)[ \-\u2013/]{1,3}\d{1,4}(?:[ \-\u2013]\d{1,4}){1,3}"
)
_NOT_PRIVATE = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
}
# Letters glued to the front of a number ("tel0701234567") and underscores between its digits
# ("070_123_45_67") would stop the matcher: the window it sees has them as spaces.
_GLUE = re.compile(r"[^\W\d_]+(?=[+(]?\d)|(?<=\d)_(?=\d)")

_NUMBER_WORDS = (
    "noll|nolla|ett|en|etta|två|tvåa|tre|trea|fyra|fyran|fem|femma|sex|sexa|sju|sjua|åtta|åttan|"
    "nio|nia|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|tjugo|trettio|"
    "fyrtio|femtio|sextio|sjuttio|åttio|nittio|hundra"
)
_TENS = "tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio"
NUMBER_WORD = rf"(?:(?:{_TENS})(?:{_NUMBER_WORDS})?|(?:{_NUMBER_WORDS}))"
# A phone number read aloud: "noll sju tre, fyra fem sex, sjuttioåtta, nittio" — "noll" (Swedish
# numbers start with 0) and at least five more number words.
_SPOKEN = re.compile(
    # A digit may stand among the words: "noll sju noll 4 4 1 nio nio åtta sex".
    rf"(?<![\wåäö])(?:noll|nolla)(?:[ ,\-\u2013]{{1,3}}(?:{NUMBER_WORD}|\d)){{5,14}}(?![\wåäö])",
    re.IGNORECASE,
)
_A_WORD = re.compile(r"[^\W\d_]+")
# The start read aloud and the rest in digits: "nollsjuttio – 44 12 907".
_SPOKEN_THEN_DIGITS = re.compile(
    rf"(?<![\wåäö])(?:noll|nolla)[ \-]?(?:{NUMBER_WORD}[ ,\-\u2013]{{0,3}}){{1,3}}"
    r"\d(?:[ \-\u2013]?\d){5,8}(?!\d)",
    re.IGNORECASE,
)
# A personnummer read aloud, in pairs or digit by digit: "åttiofem tolv tjugotre tolv
# trettiosex". Looked for only around the tens and teens words such readings contain.
_SPOKEN_ANY = re.compile(
    # The leading lookahead (the first letters of the number words) fails at once on every
    # other word, before the long alternation is tried.
    rf"(?=[netfsåah])(?<![\wåäö]){NUMBER_WORD}(?:[ ,\-]{{1,3}}{NUMBER_WORD}){{4,16}}(?![\wåäö])",
    re.IGNORECASE,
)
TENS_OR_TEENS = (
    "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio", "elva",
    "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
)  # fmt: skip
_WORD_VALUES = {
    "noll": 0, "nolla": 0, "ett": 1, "en": 1, "etta": 1, "två": 2, "tvåa": 2, "tre": 3,
    "trea": 3, "fyra": 4, "fyran": 4, "fem": 5, "femma": 5, "sex": 6, "sexa": 6, "sju": 7,
    "sjua": 7, "åtta": 8, "åttan": 8, "nio": 9, "nia": 9, "tio": 10, "elva": 11, "tolv": 12,
    "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18,
    "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60,
    "sjuttio": 70, "åttio": 80, "nittio": 90, "hundra": 100,
}  # fmt: skip
_TENS_WORDS = ("tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio")


# Number words said in one breath and typed that way: "nollsjuttitvå sexhundrafyrtiofem
# sjuttionio tjugo" (colloquial tens "sjutti", hundreds). Each word is split into number words.
_COLLOQUIAL_TENS = {"tjugi": 20, "tretti": 30, "fyrti": 40, "femti": 50, "sexti": 60,
                    "sjutti": 70, "åtti": 80, "nitti": 90}  # fmt: skip
_GLUED_VALUES = {**_WORD_VALUES, **_COLLOQUIAL_TENS}
_GLUED_PART = "|".join(sorted(_GLUED_VALUES, key=len, reverse=True))
_GLUED_WORD = re.compile(f"(?:{_GLUED_PART})+")
_GLUED_PARTS = re.compile(_GLUED_PART)
_SPOKEN_GLUED = re.compile(r"(?i:(?<![\wåäö])noll[a-zåäö]*(?:[ ,\-]{1,3}[a-zåäö]+){0,8})")


def _glued_number(words: list[str]) -> str:
    """The digits of number words glued into compounds: "sexhundrafyrtiofem" → "645"."""
    parts = [part for word in words for part in _GLUED_PARTS.findall(word)]
    values = [_GLUED_VALUES[part] for part in parts]
    digits, index = [], 0
    while index < len(values):
        value, index = values[index], index + 1
        hundreds = None
        if value == 100 or (index < len(values) and values[index] == 100 and 0 < value < 10):
            hundreds = 1 if value == 100 else value
            index += value != 100
            value = 0
            if index < len(values) and values[index] < 100:
                value, index = values[index], index + 1
        if value % 10 == 0 and 20 <= value <= 90 and index < len(values) and 0 < values[index] < 10:
            value, index = value + values[index], index + 1
        digits.append(f"{hundreds}{value:02}" if hundreds else str(value))
    return "".join(digits)


_LETTERS = re.compile(r"[a-zåäö]+")


def _glued_spoken_numbers(text: str) -> Iterator[Finding]:
    for match in matches_at_cues(_SPOKEN_GLUED, text, ("noll",)):
        words = list(takewhile(lambda w: _GLUED_WORD.fullmatch(w.group()),
                               _LETTERS.finditer(match.group().casefold())))  # fmt: skip
        number = _glued_number([word.group() for word in words])
        whole = _whole(number) if 9 <= len(number) <= 10 else None
        if whole is not None and _private(*whole):
            yield finding("phone", match.start(), match.start() + words[-1].end())


def spoken_digits(words: str) -> str:
    """ "åttiofem noll ett" → "8501": the digits number words stand for."""
    digits = []
    for word in re.split(r"[ ,\-]+", words.casefold()):
        tens = next((t for t in _TENS_WORDS if word.startswith(t) and word != t), None)
        if tens:
            digits.append(str(_WORD_VALUES[tens] + _WORD_VALUES.get(word[len(tens) :], 0)))
        elif word in _WORD_VALUES:
            digits.append(str(_WORD_VALUES[word]))
    return "".join(digits)


# The rest of a number given in another sentence: "resten av numret är 22 41".
_REST = re.compile(
    r"(?<![\w])(?:resten|slutet|sista\s+(?:delen|siffrorna))(?:\s+(?:av|på)\s+(?:tel(?:efon)?|mobil)?"
    r"(?:numret|nummer))?\s*(?:är|blir)?\s*:?\s*"
    r"(?P<digits>(?!(?:19|20)\d\d(?!\d|[ \-]\d))\d[\d \-]{1,10}\d)(?!\d)",
    re.IGNORECASE,
)


def _private(number: PhoneNumber, kind: int | None = None) -> bool:
    kind = number_type(number) if kind is None else kind
    if kind in _NOT_PRIVATE:
        return False
    national = str(number.national_number)
    if kind == PhoneNumberType.UAN and national.endswith("000"):
        return False  # a switchboard ("010-162 30 00"); a direct line does not end in 000
    return not public_numbers.is_public(national)


def _whole(candidate: str) -> tuple[PhoneNumber, int] | None:
    """The candidate as one valid number and its type, if it is one (the common case, and much
    cheaper than the matcher). A number is valid exactly when its type is known (what
    phonenumbers.is_valid_number works out too), so the type is worked out once."""
    try:
        number = phonenumbers.parse(candidate, "SE")
    except NumberParseException:
        return None
    kind = number_type(number)
    return None if kind == PhoneNumberType.UNKNOWN else (number, kind)


def _matched(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Numbers the matcher finds around a candidate: "070-123 45 67 2025" holds one."""
    left, right = max(0, start - _MARGIN), min(len(masked), end + _MARGIN)
    window = _GLUE.sub(lambda m: " " * len(m.group()), masked[left:right])
    for match in PhoneNumberMatcher(window, "SE", leniency=Leniency.VALID, max_tries=50):
        if _private(match.number):
            yield left + match.start, left + match.end


def _spoken_windows(lower: str) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for found_start, found_end in literal_spans(lower, TENS_OR_TEENS):
        start, end = max(0, found_start - 120), found_end + 120
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, min(end, len(lower))) for start, end in windows]


def _candidate_positions(masked: str) -> list[int]:
    """Where a phone number can start: a "+", a "(", or a run of digits that starts with 0."""
    found = [start for start, _ in digit_runs(masked) if masked[start] == "0"]
    for sign in "+(":
        position = masked.find(sign)
        while position >= 0:
            found.append(position)
            position = masked.find(sign, position + 1)
    return sorted(found)


# A local number without its area code after a phone cue: "nås på tel 51 22 07 (Östersund)".
_LOCAL_NUMBER = re.compile(
    r"(?i:(?<![\wåäö])(?:tel|tfn|telefon|telefonnr|telnr|mobil|hemtel|ring)\.?:?[ \u00a0]{1,2})"
    r"(?P<number>[1-9]\d{1,2}(?:[ \-]\d{2}){2})(?![\d]|[ \-]\d)"
)
_LOCAL_CUES = ("tel", "tfn", "mobil", "hemtel", "ring")
# An area code given apart from the local number, in the same sentence: "hemtelefon var 40133
# (Hammarstrand, riktnr 0696)". Both parts are blocked when together they make a number.
_AREA_CODE = re.compile(
    r"(?i:(?<![\wåäö])riktn(?:r|ummer|umret)\.?:?[ \u00a0]?(?:är[ \u00a0])?)"
    r"(?P<area>0\d{1,3})(?![\d])"
)
_LOCAL_DIGITS = re.compile(r"(?<![\d\-+/])\d{2,3}(?:[ \-]?\d{2,3}){1,2}(?![\d])")


def _area_code_apart(masked: str) -> Iterator[Finding]:
    for code in matches_at_cues(_AREA_CODE, masked, ("riktn",)):
        # The sentence around it, at most 80 characters each way (never a search of the text).
        reach_left, reach_right = max(0, code.start() - 80), min(len(masked), code.end() + 80)
        left = max(reach_left, *(masked.rfind(c, reach_left, code.start()) + 1 for c in ".!?\n"))
        ends = [masked.find(c, code.end(), reach_right) for c in ".!?\n"]
        right = min([e for e in ends if e >= 0] + [reach_right])
        for local in _LOCAL_DIGITS.finditer(masked, left, right):
            digits = re.sub(r"\D", "", local.group())
            if (local.start() < code.end() and local.end() > code.start()) or len(digits) < 5:
                continue
            whole = _whole(code["area"] + digits)
            if whole is not None and _private(*whole):
                yield finding("phone", local.start(), local.end())
                yield finding("phone", code.start("area"), code.end("area"))


def _country_code_without_plus(masked: str) -> Iterator[Finding]:
    """ "TEL: 46706552031": a Swedish number with its country code but no "+" (a form field that
    keeps digits only)."""
    for start, end in digit_runs(masked):
        if (
            10 <= end - start <= 12
            and masked.startswith("46", start)
            and masked[start + 2] != "0"
            and not harmless.QUANTITY_AFTER.match(masked, end)
        ):
            whole = _whole("+" + masked[start:end])
            if whole is not None and _private(*whole):
                yield finding("phone", start, end)


# A Nordic neighbour's number written with its country code but no "+", in a text that says
# whose country it is: "ett norskt jobbnummer 47 48 12 35 69".
_NEIGHBOUR_NUMBER = re.compile(r"(?<![\d+])(?:45|47|358)[ \-]?\d(?:[ \-]?\d){6,10}(?![\d])")
_NEIGHBOUR_CUES = ("norsk", "norge", "dansk", "danmark", "finsk", "finland", "utländsk")


def _neighbour_without_plus(masked: str) -> Iterator[Finding]:
    for start, end in cue_windows(masked, _NEIGHBOUR_CUES, 80, 80):
        for match in _NEIGHBOUR_NUMBER.finditer(masked, start, end):
            whole = _whole("+" + match.group())
            if whole is not None and _private(*whole):
                yield finding("phone", match.start(), match.end())


_SWITCHBOARD_WORDS = (
    r"(?i:växel|växeln|vxl|kundtjänst|kundservice|huvudnummer|spärrtjänst|spärrtjänsten"
    r"|jourtelefon|jourtelefonen|jourtel|jourens[ \u00a0](?:allmänna[ \u00a0])?(?:nummer|nr|telefon"
    r"|telefonnummer)|allmänna[ \u00a0](?:nummer|numret|nr|telefon|telefonnumret)"
    # the writer's own organisation's line: "Tel till vår jour: 063-…"
    r"|vår[ \u00a0](?:jour|växel|reception|jourtelefon)"
    # a landline published on the organisation's website: "(står på hemsidan)"
    r"|hemsidan|webbplatsen)"
)
# A number named as an organisation's switchboard: "HC Lit (tel 0642-150 00 växel)". Not a
# reception: the camping's reception where someone lives leads to him.
# "… (Region Jämtland Härjedalen, växel)": the organisation may be named inside the parentheses;
# "063-12 12 12 är jourens växel", "…, det är kommunhusets växel": or said to be its switchboard.
_SWITCHBOARD_AFTER = re.compile(
    r"[ \u00a0]?(?:\([^()\n]{0,45}?[ ,\u00a0]|\(?)"
    r"(?:,?[ \u00a0](?i:det[ \u00a0]|som[ \u00a0])?(?i:är)[ \u00a0]|[ \u00a0]?=[ \u00a0])?"
    r"(?:\w+s[ \u00a0])?"
    rf"{_SWITCHBOARD_WORDS}(?![\wåäö])"
)
# "010-513 02 88 (anstaltens nummer visas)": said in parentheses to be an institution's number.
_INSTITUTIONS_NUMBER = re.compile(
    r"[ \u00a0]?\((?i:anstaltens|häktets|sjukhusets|kommunens|regionens|vårdcentralens"
    r"|hälsocentralens|mottagningens|skolans|jourens|myndighetens)"
    r"[ \u00a0](?i:nummer|växel|telefon)"
)
_SWITCHBOARD_BEFORE = re.compile(
    rf"{_SWITCHBOARD_WORDS}(?:[ \u00a0]är)?[ \u00a0:,]{{1,3}}(?:tel\.?|nr\.?)?[ \u00a0:]{{0,2}}$"
)


def _switchboard(masked: str, candidate: re.Match[str], number: PhoneNumber, kind: int) -> bool:
    """A landline named as a switchboard or reception right next to it, or an organisation's
    number that ends in 000 right after its name (never a mobile)."""
    if kind == PhoneNumberType.MOBILE:
        return False
    start, end = candidate.start(), candidate.end()
    # "Sametinget (0980-780 30)": a landline in parentheses right after an organisation's name
    # is the organisation's; a person's would follow the person ("Anna (063-…)").
    in_parentheses = masked.startswith("(", start) and masked[start - 1 : start] in (" ", "\u00a0")
    return bool(
        _SWITCHBOARD_AFTER.match(masked, end)
        or _INSTITUTIONS_NUMBER.match(masked, end)
        or _SWITCHBOARD_BEFORE.search(masked, max(0, start - 24), start)
        or (
            (in_parentheses or str(number.national_number).endswith("000"))
            and _after_organisation(masked, start)
        )
    )


_WORDS_BEFORE = re.compile(
    r"([^\W\d_][\w\-]*)[ \u00a0]?[:,(]?[ \u00a0]?(?:(?i:tel|tfn)\.?:?[ \u00a0])?$"
)


_NAME_WORD = re.compile(r"[^\W\d_][\w\-]*")


def _after_organisation(masked: str, start: int) -> bool:
    """ "Socialjouren 063-14 40 00", "Krokoms kommun, tel 0640-161 00", "Kvinnojouren i
    Härjedalen (tel 0680-100 00)": the organisation's name right before the number (one of its
    last three words). A direct line seldom ends in 000, and a person's number never follows
    an organisation's name with nothing between."""
    word = _WORDS_BEFORE.search(masked, max(0, start - 40), start)
    if word is None:
        return False
    name = _NAME_WORD.findall(masked[max(0, word.start(1) - 30) : word.end(1)])[-3:]
    return any(lexicon.is_organisation(part) for part in name)


def find_phones(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    for candidate in matches_at(_CANDIDATE, masked, _candidate_positions(masked)):
        found = candidate.group()
        digits = sum(c.isdigit() for c in found)
        if digits < 7:
            continue  # the shortest Swedish number, "08-123 45", has seven digits
        whole = _whole(found.replace("_", " ").replace("\n", " "))
        if whole is None and found.startswith("00"):
            whole = _whole(found[1:])  # "0063 52 41 77": a 0 too many before the area code
        if whole is not None:
            if _private(*whole) and not _switchboard(masked, candidate, *whole):
                yield finding("phone", candidate.start(), candidate.end())
        elif _MISTYPED_MOBILE.fullmatch(found):
            yield finding("phone", candidate.start(), candidate.end())
        elif digits >= 10 or not found[:1].isdigit() or "(" in found:
            for span in _matched(masked, candidate.start(), candidate.end()):
                yield finding("phone", *span)
    yield from _country_code_without_plus(masked)
    yield from _neighbour_without_plus(masked)
    for match in matches_at_cues(_LOCAL_NUMBER, masked, _LOCAL_CUES):
        yield finding("phone", match.start("number"), match.end("number"))
    yield from _area_code_apart(masked)
    for match in matches_at_cues(_SPOKEN, text, ("noll",)):
        if len(_A_WORD.findall(match.group())) >= 3:  # not "noll, 1, 2, 3, 4, 5 poäng"
            yield finding("phone", match.start(), match.end())
    for match in matches_at_cues(_SPOKEN_THEN_DIGITS, text, ("noll",)):
        yield finding("phone", match.start(), match.end())
    yield from _glued_spoken_numbers(text)
    lower = folded(text)
    for start, end in _spoken_windows(lower):
        for match in _SPOKEN_ANY.finditer(text, start, end):
            digits = spoken_digits(match.group())
            if len(digits) in (10, 12) and identity.valid_digits(digits):
                yield finding("personnummer", match.start(), match.end())
    if "numret" in lower or "nummer" in lower:
        for match in matches_at_cues(_REST, text, ("resten", "slutet", "sista")):
            yield finding("phone", match.start("digits"), match.end("digits"))
