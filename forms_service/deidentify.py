"""The de-identification guard: finds what could identify a person in Swedish case text.

`scan(text)` returns `Finding`s sorted by position, never overlapping:

* **block** — the text is not accepted until these are removed: personnummer, samordningsnummer,
  phone numbers (the `phonenumbers` library), e-mail addresses, street addresses, postcodes,
  vehicle registration numbers, URLs, social-media handles, IP addresses and account numbers.
* **warn** — accepted only when the submitter confirms each one: likely personal names, exact dates,
  exact ages, named schools and workplaces, and date-shaped numbers that fail the personnummer
  check digit (probably a mistyped personnummer).

The agreement (avsnitt 12) makes the professional who brings a case responsible for de-identifying
it; this guard catches the direct identifiers. Indirect identification (a rare job in a small
village, an event in the local paper) stays the professional's judgement, which the form says.

Every pattern is anchored so that a match attempt starts only at a token boundary and no pattern
nests unbounded repetition: scanning time grows linearly with the text (see the property tests).
The guard fails closed: if a detector ever raised, the whole text is reported as unchecked (block).
"""

from __future__ import annotations

import bisect
import ipaddress
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from phonenumbers import Leniency, PhoneNumberMatcher

logger = logging.getLogger(__name__)

BLOCK = "block"
WARN = "warn"

MESSAGES: dict[str, str] = {
    "personnummer": "Ta bort personnumret. Personnummer får aldrig skrivas i tjänsten.",
    "samordningsnummer": "Ta bort samordningsnumret. Det identifierar personen lika säkert som "
    "ett personnummer.",
    "phone": "Ta bort telefonnumret. Dina egna kontaktuppgifter skriver du i fälten om dig.",
    "email": "Ta bort e-postadressen. Dina egna kontaktuppgifter skriver du i fälten om dig.",
    "address": "Ta bort adressen. Ange högst vilken kommun det gäller.",
    "postcode": "Ta bort postnumret. Ange högst vilken kommun det gäller.",
    "registration_number": "Ta bort registreringsnumret. Skriv hellre till exempel "
    "”personens bil”.",
    "url": "Ta bort länken. En adress till en webbsida eller ett konto kan leda till personen.",
    "social_handle": "Ta bort användarnamnet. Ett konto i sociala medier kan leda till personen.",
    "ip_address": "Ta bort IP-adressen.",
    "account_number": "Ta bort konto-, bankgiro- eller plusgironumret.",
    "unchecked": "Texten kunde inte kontrolleras. Korta eller förenkla texten och försök igen.",
    "name": "Det här kan vara ett namn. Ta bort det, eller bekräfta att det inte är namnet på en "
    "person (till exempel en plats eller en organisation).",
    "date": "Ett exakt datum kan göra personen lätt att känna igen. Skriv hellre ungefär när, "
    "till exempel ”i början av mars”, eller bekräfta att datumet behövs.",
    "age": "En exakt ålder kan identifiera personen. Skriv hellre ett åldersspann, till exempel "
    "”30–40 år”, eller bekräfta att åldern behövs.",
    "workplace": "Namnet på en skola eller arbetsplats kan identifiera personen på en liten ort. "
    "Skriv hellre vilken sorts verksamhet det är, eller bekräfta att namnet behövs.",
    "personnummer_like": "Det här ser ut som ett felskrivet personnummer. Ta bort det om det "
    "är ett personnummer, eller bekräfta att det är något annat.",
}

SEVERITY: dict[str, str] = {
    kind: (WARN if kind in {"name", "date", "age", "workplace", "personnummer_like"} else BLOCK)
    for kind in MESSAGES
}

# When two candidates overlap, the one whose kind comes first here wins (after block beats warn).
PRECEDENCE = [
    "unchecked",
    "personnummer",
    "samordningsnummer",
    "email",
    "url",
    "account_number",
    "ip_address",
    "phone",
    "registration_number",
    "address",
    "postcode",
    "social_handle",
    "personnummer_like",
    "date",
    "age",
    "workplace",
    "name",
]
_RANK = {kind: index for index, kind in enumerate(PRECEDENCE)}

KIND_LABELS: dict[str, str] = {
    "personnummer": "Personnummer",
    "samordningsnummer": "Samordningsnummer",
    "phone": "Telefonnummer",
    "email": "E-postadress",
    "address": "Adress",
    "postcode": "Postnummer",
    "registration_number": "Registreringsnummer",
    "url": "Webbadress",
    "social_handle": "Användarnamn",
    "ip_address": "IP-adress",
    "account_number": "Kontonummer",
    "unchecked": "Okontrollerad text",
    "name": "Möjligt namn",
    "date": "Exakt datum",
    "age": "Exakt ålder",
    "workplace": "Skola eller arbetsplats",
    "personnummer_like": "Möjligt personnummer",
}


@dataclass(frozen=True)
class Finding:
    """Something in the text that may identify a person: `text[start:end]` is what was found."""

    kind: str
    severity: str
    start: int
    end: int
    message: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _finding(kind: str, start: int, end: int) -> Finding:
    return Finding(kind, SEVERITY[kind], start, end, MESSAGES[kind])


# ---------------------------------------------------------------------------------------------
# Normalisation: invisible characters are removed before scanning (a zero-width space inside a
# personnummer must not hide it); offsets are mapped back to the original text.

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _strip_invisible(text: str) -> tuple[str, list[int] | None]:
    if not _INVISIBLE.search(text):
        return text, None
    kept: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if not _INVISIBLE.match(char):
            kept.append(char)
            positions.append(index)
    positions.append(len(text))
    return "".join(kept), positions


# ---------------------------------------------------------------------------------------------
# Personnummer and samordningsnummer

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


def _find_personnummer(text: str) -> Iterator[Finding]:
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
            yield _finding(kind, match.start(), match.end())
        else:
            yield _finding("personnummer_like", match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Phone numbers: the phonenumbers library knows every Swedish and foreign numbering plan.


# Anything a phone number can be written as: a digit run of at least six characters, with the
# separators people use. The matcher runs only in a window around each such run, so prose
# without numbers costs almost nothing, and every part of a long text is checked.
_PHONE_CANDIDATE = re.compile(r"[+(]?\d[\d \u00a0().\-/\u2013]{4,30}\d")
_PHONE_MARGIN = 8


def _find_phones(text: str) -> Iterator[Finding]:
    """Phone numbers, as found by the phonenumbers library (every Swedish and foreign numbering
    plan), looked for only around digit runs."""
    windows: list[list[int]] = []
    for match in _PHONE_CANDIDATE.finditer(text):
        start, end = max(0, match.start() - _PHONE_MARGIN), match.end() + _PHONE_MARGIN
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    seen: set[tuple[int, int]] = set()
    for start, end in windows:
        window = text[start:end]
        for match in PhoneNumberMatcher(window, "SE", leniency=Leniency.VALID, max_tries=500):
            span = (start + match.start, start + match.end)
            if span not in seen:
                seen.add(span)
                yield _finding("phone", *span)


# ---------------------------------------------------------------------------------------------
# E-mail, URL, social handles, IP addresses

_EMAIL = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]{1,64}\s?(?:@|\(at\)|\[at\])\s?[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,24}(?![\w])",
)
_URL = re.compile(
    r"(?<![\w@/.])(?:(?:https?|ftp)://[^\s<>\"]{1,2000}|www\.[^\s<>\"]{1,2000}|"
    r"(?:[A-Za-z0-9\-]{1,63}\.){1,8}(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be)"
    r"(?:/[^\s<>\"]{0,2000})?)(?![\w@])",
    re.IGNORECASE,
)
_SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?![\w@])")
_IPV4 = re.compile(
    r"(?=\d)(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\d]|\.\d)"
)
_IPV6_CANDIDATE = re.compile(
    r"(?=[0-9A-Fa-f]{0,4}:)(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def _strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"”":
        end -= 1
    return end


_AT_SIGN = re.compile(r"@|\(at\)|\[at\]")


def _find_email(text: str) -> Iterator[Finding]:
    """E-mail addresses, searched only near each @ (or "(at)"): long texts with few addresses
    stay cheap. Nearby windows are merged so that no character is scanned twice."""
    windows: list[list[int]] = []
    for at in _AT_SIGN.finditer(text):
        start, end = max(0, at.start() - 70), at.end() + 600
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        for match in _EMAIL.finditer(text, start, min(end, len(text))):
            yield _finding("email", match.start(), match.end())


def _find_urls(text: str) -> Iterator[Finding]:
    for match in _URL.finditer(text):
        end = _strip_trailing_punctuation(text, match.start(), match.end())
        # "t.ex" or "bl.a" are not domains: the domain pattern needs a known top-level domain.
        yield _finding("url", match.start(), end)


def _find_social_handles(text: str) -> Iterator[Finding]:
    if "@" not in text:
        return
    for match in _SOCIAL_HANDLE.finditer(text):
        end = _strip_trailing_punctuation(text, match.start(), match.end())
        if end - match.start() > 2:
            yield _finding("social_handle", match.start(), end)


def _find_ip_addresses(text: str) -> Iterator[Finding]:
    for match in _IPV4.finditer(text):
        yield _finding("ip_address", match.start(), match.end())
    if "::" in text or text.count(":") >= 3:
        for match in _IPV6_CANDIDATE.finditer(text):
            try:
                ipaddress.IPv6Address(match.group())
            except ValueError:
                continue
            yield _finding("ip_address", match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Addresses, postcodes, registration numbers

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


def _find_addresses(text: str) -> Iterator[Finding]:
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
            yield _finding("address", match.start(), match.end())
    for match in _ADDRESS_MARKERS.finditer(text):
        yield _finding("address", match.start(), match.end())


def _find_postcodes(text: str) -> Iterator[Finding]:
    for match in _POSTCODE.finditer(text):
        yield _finding("postcode", match.start(), match.end())


def _find_plates(text: str) -> Iterator[Finding]:
    for match in _PLATE.finditer(text):
        if match.group()[:3] not in _NOT_PLATES:
            yield _finding("registration_number", match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Account numbers: IBAN, bankgiro, plusgiro, clearing + account

_IBAN = re.compile(r"(?<![\w])SE[ \u00a0]?\d{2}(?:[ \u00a0]?\d){20}(?![\d])", re.IGNORECASE)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![\wåäö])(?=[kcbpis])(?:kontonummer|kontonr|konto|bankkonto|bankkontonummer|clearingnummer|clearing|"
    r"clnr|bankgiro|bankgironummer|bg|plusgiro|plusgironummer|pg|postgiro|iban|swish(?:nummer)?)"
    r"\.?(?:[ \u00a0]?(?:nr|nummer)\.?)?[ \u00a0]{0,3}[:.]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,]{0,2}\d){3,24})(?![\d])",
    re.IGNORECASE,
)
# Clearing number (4 digits, Swedbank with a fifth check digit) then 6–12 account digits.
_CLEARING_ACCOUNT = re.compile(
    r"[1-9](?<![\d\-+][1-9])\d{3}(?:[\-\u2013]\d)?(?:[ \u00a0]?[,\-\u2013][ \u00a0]?|[ \u00a0])"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)


def _iban_ok(candidate: str) -> bool:
    compact = re.sub(r"\s", "", candidate).upper()
    if len(compact) != 24:
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


def _find_accounts(text: str) -> Iterator[Finding]:
    for match in _IBAN.finditer(text):
        if _iban_ok(match.group()):
            yield _finding("account_number", match.start(), match.end())
    for match in _ACCOUNT_KEYWORD.finditer(text):
        yield _finding("account_number", match.start(), match.end())
    for match in _CLEARING_ACCOUNT.finditer(text):
        yield _finding("account_number", match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Dates and ages (warn)

_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|febr|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
_DATE = re.compile(
    r"(?=\d)(?:(?<![\d\-])(?:19|20)\d{2}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:0?[1-9]|[12]\d|3[01])(?![\d])"
    rf"|(?<![\d\w])(?:[1-9]|[12]\d|3[01])(?::?e|:a)?[ \u00a0](?:{_MONTHS})\.?"
    r"(?:[ \u00a0](?:19|20)\d{2})?(?![\wåäö])"
    r"|(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:[\-/](?:19|20)?\d{2})?(?![\d/])"
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)?\d{2}(?![\d]|\.\d)"
    r"|(?<![\d])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d]))",
    re.IGNORECASE,
)
_NOT_DATES = {"24/7", "1/2", "1/3", "1/4", "2/3", "3/4"}
_AGE = re.compile(
    r"(?<![\d\w])(?:1[89]|[2-9]\d|1[01]\d)(?:[ \u00a0]?[\-\u2013]?[ \u00a0]?)"
    r"(?:år(?:s|ig|ing|iga|ingen)?)(?![\wåäö])",
    re.IGNORECASE,
)


def _find_dates(text: str) -> Iterator[Finding]:
    for match in _DATE.finditer(text):
        if match.group() not in _NOT_DATES:
            yield _finding("date", match.start(), match.end())


_AGE_RANGE_BEFORE = re.compile(
    r"(?:\d[ \u00a0]?[\-\u2013\u2014][ \u00a0]?|\b(?:över|under|cirka|ca\.?|runt|drygt|knappt|"
    r"nästan|minst|högst|kring|omkring|ungefär|mellan|till)[ \u00a0]+)$",
    re.IGNORECASE,
)


def _find_ages(text: str) -> Iterator[Finding]:
    for match in _AGE.finditer(text):
        # "18–20 år" or "över 75 år" is the vague kind of age we ask people to write.
        if _AGE_RANGE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        yield _finding("age", match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Names, schools and workplaces (warn)


@cache
def _word_list(name: str) -> frozenset[str]:
    data = resources.files("forms_service").joinpath("data", name).read_text(encoding="utf-8")
    words = set()
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.casefold())
    return frozenset(words)


def known_names() -> frozenset[str]:
    return _word_list("names.txt")


def allowlist() -> frozenset[str]:
    return _word_list("allowlist.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also everyday Swedish words (Bo, Per, Stig …): flagged only mid-sentence."""
    return _word_list("ambiguous_names.txt")


_WORD = re.compile(r"(?<![\w\-])[^\W\d_][^\W\d_'’]*(?:[\-'’][^\W\d_]+)*(?![\w])")
_SENTENCE_END = set('.!?:;•\n\r\t"“”(') | {"-", "–", "—", "*"}
_SCHOOL = re.compile(
    r"(?<![\wåäö])[A-ZÅÄÖa-zåäö][a-zåäöé\-]{2,40}"
    r"(?:skolan|skola|förskolan|förskola|gymnasiet|gymnasium|fritids|fritidsgården)(?![\wåäö])"
    r"|(?<![\wåäö])[A-ZÅÄÖ][a-zåäöé]{2,30}s[ \u00a0](?:skola|förskola|gymnasium|skolan|sågverk|"
    r"fabrik|bageri|hotell|camping|verkstad|gård|lanthandel|pizzeria|frisör|åkeri)(?![\wåäö])"
)
_GENERIC_SCHOOLS = {
    "skolan",
    "skola",
    "förskolan",
    "förskola",
    "grundskolan",
    "grundskola",
    "gymnasiet",
    "gymnasium",
    "gymnasieskolan",
    "gymnasieskola",
    "högskolan",
    "högskola",
    "folkhögskolan",
    "folkhögskola",
    "särskolan",
    "anpassade",
    "fritids",
    "fritidsgården",
    "sfi-skolan",
    "vuxenskolan",
    "mellanstadieskolan",
    "lågstadieskolan",
    "högstadieskolan",
    "körskolan",
    "bilskolan",
    "kulturskolan",
    "musikskolan",
    "grundsärskolan",
    "dagskolan",
    "sommarskolan",
    "resursskolan",
    "friskolan",
    "kommunala",
    "internatskolan",
    "hemskolan",
}


def _at_sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _allowed(folded: str, parts: list[str], allowed: frozenset[str]) -> bool:
    """In the allowlist, also in the genitive ("Östersunds kommun") and as hyphenated parts."""

    def one(word: str) -> bool:
        return word in allowed or (word.endswith("s") and word[:-1] in allowed)

    return one(folded) or all(one(part) for part in parts)


def _find_names(text: str) -> Iterator[Finding]:
    names, allowed, ambiguous = known_names(), allowlist(), ambiguous_names()
    for match in _WORD.finditer(text):
        word = match.group()
        capitalised = word[0].isupper()
        folded = word.casefold()
        if not capitalised and (folded not in names or folded in ambiguous or len(word) < 4):
            continue  # the common case: an ordinary lower-case word
        if len(word) < 2 or word.isupper() or re.split(r"[\-'’]", word)[0].isupper():
            continue  # acronyms (BUP, LVU, SARA) and their compounds (GPS-sändare) are not names
        parts = re.split(r"[\-'’]", folded)
        if _allowed(folded, parts, allowed):
            continue
        # Lower case here means a listed name ("anna"); capitalised mid-sentence means a proper
        # noun that is not allowlisted; at a sentence start only a listed name counts.
        mid_sentence = not _at_sentence_start(text, match.start())
        listed = folded not in ambiguous and (
            folded in names or any(part in names for part in parts if len(part) > 2)
        )
        if not capitalised or mid_sentence or listed:
            yield _finding("name", match.start(), match.end())


def _find_workplaces(text: str) -> Iterator[Finding]:
    for match in _SCHOOL.finditer(text):
        if match.group().casefold() not in _GENERIC_SCHOOLS:
            yield _finding("workplace", match.start(), match.end())


# ---------------------------------------------------------------------------------------------

DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    _find_personnummer,
    _find_email,
    _find_urls,
    _find_social_handles,
    _find_accounts,
    _find_ip_addresses,
    _find_phones,
    _find_plates,
    _find_addresses,
    _find_postcodes,
    _find_dates,
    _find_ages,
    _find_workplaces,
    _find_names,
)


def _resolve_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping candidates: block before warn, then precedence, then
    the longer span. Kept spans are held sorted, so each overlap check is a binary search."""
    ordered = sorted(
        candidates,
        key=lambda f: (f.severity != BLOCK, _RANK[f.kind], -(f.end - f.start), f.start),
    )
    starts: list[int] = []
    kept: list[Finding] = []
    for candidate in ordered:
        if candidate.end <= candidate.start:
            continue
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept


def _map_back(findings: list[Finding], positions: list[int] | None) -> list[Finding]:
    if positions is None:
        return findings
    mapped = []
    for f in findings:
        start = positions[f.start]
        end = positions[f.end - 1] + 1
        mapped.append(Finding(f.kind, f.severity, start, end, f.message))
    return mapped


def scan(text: str) -> list[Finding]:
    """All findings in `text`, sorted by start, never overlapping. Never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        normalised, positions = _strip_invisible(text)
        candidates: list[Finding] = []
        for detector in DETECTORS:
            candidates.extend(detector(normalised))
        return _map_back(_resolve_overlaps(candidates), positions)
    except Exception as exc:  # fail closed: an unchecked text is never accepted
        # Only the exception type: its message or traceback could quote the text.
        logger.error(
            "De-identification scan failed (%s); text reported as unchecked", type(exc).__name__
        )
        return [_finding("unchecked", 0, len(text))]


def has_blocking(findings: list[Finding]) -> bool:
    return any(f.severity == BLOCK for f in findings)


def in_context(text: str, finding: Finding, width: int = 40) -> tuple[str, str, str]:
    """(text before, the finding, text after), cut to `width` characters on each side."""
    before = text[max(0, finding.start - width) : finding.start]
    after = text[finding.end : finding.end + width]
    if finding.start - width > 0:
        before = "…" + before
    if finding.end + width < len(text):
        after = after + "…"
    return before, text[finding.start : finding.end], after
