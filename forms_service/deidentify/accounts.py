"""Account numbers: IBAN, bankgiro, plusgiro, clearing + account, a number named by its bank
("Swedbank 8327-9 914 123 456-7", "Nordea: 3300 850101-1236"), and payment-card numbers (13–19
digits in groups of four that pass the Luhn check)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless, lexicon
from .findings import Finding, finding
from .identity import luhn_ok
from .phones import NUMBER_WORD, spoken_digits
from .windows import cue_windows, digit_runs, matches_at, matches_at_cues, matches_at_runs

# Any country's IBAN: two letters, two check digits, 11–30 letters or digits, grouped by four or
# not ("SE45 5000 0000 0583 9825 7466", "NO4486015529031"); checked with its mod-97 digits.
_IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}[ \u00a0\-]?\d{2}(?:[ \u00a0\-]?[A-Za-z0-9]){11,30}(?![\w])"
)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![\wåäö])(?=[kcbpislha])(?:kontonummer|kontonr|konto|kontot|kto|ktonr|bankkonto|bankkontot"
    r"|bankkontonummer|clearingnummer|clearing|clnr|bankgiro|bankgirot|bankgironummer|bg"
    r"|bank[ ]?giro|bankgirokonto|plusgiro|plusgirot|plusgirokonto|plusgironummer|pg|postgiro"
    r"|iban|swish(?:nummer)?"
    r"|personkonto|personkontot|lönekonto|lönekontot|sparkonto|sparkontot|kortnummer|kortnr"
    r"|kortnumret|clr|acc|account|acct)"
    r"\.?(?:[ \u00a0]?(?:nr|nummer|no)\.?)?[ \u00a0]{0,3}[:.|]?[ \u00a0]{0,3}"
    # Dots too between the groups: "kontonr 914.552.318-4".
    r"(?P<number>\d(?:[ \u00a0\-,.]{0,2}\d){3,24})(?![\d])",
    re.IGNORECASE,
)
# How every account keyword starts (case-folded): the keyword pattern is tried only there.
_KEYWORD_STARTS = (
    "konto", "kto", "bank", "cl", "bg", "plus", "pg", "post", "iban", "swish", "personkonto",
    "lönekonto", "sparkonto", "kortn", "acc", "acct",
)  # fmt: skip
# A bank's name and a long number after it: "Swedbank 8327-9 914 123 456-7", "Nordea konto
# 3300 850101-1236", "ICA-banken: 9270 123 45 67" (at least seven digits: "SEB 2024" is a year).
_BANKS = (
    "swedbank", "nordea", "handelsbanken", "seb", "ica-banken", "ica banken", "icabanken",
    "länsförsäkringar", "sparbanken", "danske bank", "skandiabanken", "skandia", "avanza",
    "ikano",
)  # fmt: skip
_BANK_NUMBER = re.compile(
    rf"(?<![\wåäö])(?i:{'|'.join(re.escape(b).replace(' ', '[ -]?') for b in _BANKS)})"
    r"(?i:[ \u00a0]?(?:konto|kontonr|kontonummer|clearing|clnr)\.?)?"
    r"[ \u00a0]{0,3}[:.,|]?[ \u00a0]{0,3}"
    r"(?P<number>\d(?:[ \u00a0\-,.]{0,2}\d){6,24})(?![\d])"  # "8105-9.943 210 887-4" too
)
# A giro number a few words after its name, in the same sentence (an abbreviation's dot does not
# end it): "Bankgiro för hennes räkningar ändrat till hans: 5382-1146", "Plusgiro som bistånd gått
# till (enl. kvinnan ej hennes): 5599036-0" (checked with the giro's own Luhn check digit).
_GIRO_LATER = re.compile(
    r"(?i:(?<![\wåäö])(?:bankgiro|plusgiro|postgiro|bg|pg)(?:t|konto|kontot|nummer|numret|nr)?"
    r"(?![\wåäö]))"
    r"(?:[^.!?\n\d]|\.(?=[ \u00a0]?[a-zåäö(]|\w)){0,70}?"
    r"(?<![\d\-])(?P<number>\d{1,4}(?:[ \u00a0]?\d{2}){0,3}[ \u00a0]?-?\d{1,4})"
    r"(?![\d\-])"
)
# A bankgiro number that something is paid to: "e-faktura till 3231-0088", "betalar till 979-7002".
_PAID_TO = re.compile(
    r"(?i:(?<![\wåäö])(?:e-faktura|efaktura|faktura|fakturor|inbetalning|inbetalningar|betalning"
    r"|betalningar|betala|betalar|betalade|autogiro|swisha|överföring|överföringar)"
    r"[ \u00a0]+(?:till|på|via)[ \u00a0]+)(?P<number>[1-9]\d{2,3}-\d{4})(?![\d\-])"
)
_PAID_TO_STARTS = ("e-faktura", "efaktura", "faktur", "inbetalning", "betal", "autogiro",
                   "swisha", "överföring")  # fmt: skip
# A payment card: 13–19 digits, usually in groups of four, with a valid Luhn check digit.
_CARD = re.compile(r"(?<![\d\-])\d{4}(?:[ \u00a0\-]?\d{4}){2}(?:[ \u00a0\-]?\d{1,4}){1,2}(?![\d])")
# Clearing number (4 digits, Swedbank with a fifth check digit) then 6–12 account digits.
_CLEARING_ACCOUNT = re.compile(
    r"[1-9](?<![\d\-+][1-9])\d{3}(?:[\-\u2013]\d)?"
    r"(?:[ \u00a0]{0,2}[,\-\u2013][ \u00a0]{0,2}|[ \u00a0]{1,2})"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)
# A clearing number and an account set apart: in a table's columns, parted by a "|" or by the
# spaces that line up columns ("| Swedbank | 8201-6 | 914 332 718-5 |", "Swedbank   8327-9
# 903 774 152-0"), on lines of their own ("8327-4\n249 522 056-4") or told in turn ("2301 och
# sen 750700119"). Looked for only near a bank's name or the words "clearing" and "konto".
_ACCOUNT_APART = re.compile(
    r"(?<![\d\-])[1-9]\d{3}(?:[\-\u2013]\d)?"
    r"(?:[ \u00a0\t]*\|[ \u00a0\t]*|[ \u00a0\t]{2,16}|[ \u00a0\t]*\n[ \u00a0\t]*"
    r"|[ \u00a0](?:och[ \u00a0])?(?:sen|sedan|därefter)[ \u00a0])"
    r"\d(?:[ \u00a0\-]?\d){5,11}(?![\d])"
)
# An account read aloud, later in the sentence that names it: 'sitt nya konto för mig i
# telefon: "åtta-fyra-tre-två, sen fyra tre tre fyra sju åtta åtta sex noll tre"' (at least
# eight digits, or it is no account).
_SPOKEN_GAP = r"[ ,\-\u2013]{1,3}(?:(?:och|sen|sedan)[ ])?"
_SPOKEN_ACCOUNT = re.compile(
    r"(?i:(?<![\wåäö])(?:konto|kontot|kontonummer|kontonumret|kontonr|clearing|clearingnummer)"
    r"(?![\wåäö]))[^.!?\n\d]{0,60}?(?<![\wåäö])"
    rf"(?P<number>{NUMBER_WORD}(?:{_SPOKEN_GAP}{NUMBER_WORD}){{6,24}})"
    r"(?![\wåäö])",
    re.IGNORECASE,
)
# A Norwegian account number, grouped 4.2.5 as Norwegian banks write it ("1503.42.77891"): no
# other number is written so.
_NORWEGIAN_ACCOUNT = re.compile(r"(?<![\d.])\d{4}\.\d{2}\.\d{5}(?![\d]|\.\d)")
# A business's Swish number (ten digits that start with 123) later in the sentence that names
# Swish, also inside a word: "Företagsswish till hans firma: 123 074 55 12" (a sole trader's
# number leads to its owner).
_SWISH_LATER = re.compile(
    r"(?i:swish)[^.!?\n\d]{0,50}?(?<![\d\-])(?P<number>123(?:[ \u00a0\-]?\d){7})(?![\d])"
)
# A long number later in the same sentence as the word "konto" (an abbreviation's dot does not
# end it): "ett gemensamt konto med mannen, nr 81295-4,913 456 712-0". Nine digits or more in
# groups, not starting with 0 (a clearing number never does; a phone number does).
_ACCOUNT_LATER = re.compile(
    r"(?i:(?<![\wåäö])(?:konto|kontot|kontona|kontonummer|kontonumret|kontonr)(?![\wåäö]))"
    r"(?:[^.!?\n\d]|\.(?=[ \u00a0]?[a-zåäö(]|\w)){0,60}?"
    r"(?<![\d\-])(?P<number>[1-9](?:[ \u00a0\-,]{0,2}\d){8,18})(?![\d])"
)


_FIRST_WORDS = {bank.split()[0].split("-")[0] for bank in _BANKS}
# How each bank's name starts ("ica" finds "icabanken" too): the pattern is tried only there.
_BANK_STARTS = tuple(
    sorted(w for w in _FIRST_WORDS if not any(w != o and w.startswith(o) for o in _FIRST_WORDS))
)


def _card_starts(text: str) -> list[int]:
    """Where a card number can start: a run of 13–19 digits, or a run of four digits that
    another run of four follows after one separator ("5520 4123 …")."""
    runs = digit_runs(text)
    starts = []
    for index, (start, end) in enumerate(runs):
        if 13 <= end - start <= 19:
            starts.append(start)
        elif end - start == 4 and index + 1 < len(runs):
            following, following_end = runs[index + 1]
            if following == end + 1 and following_end - following == 4:
                starts.append(start)
    return starts


def _iban_starts(text: str) -> list[int]:
    """Two letters right before (or a space before) a run of at least two digits."""
    starts = []
    for start, _ in digit_runs(text):
        letters_end = start - (start > 0 and text[start - 1] in " \u00a0")
        if letters_end >= 2 and text[letters_end - 2 : letters_end].isalpha():
            starts.append(letters_end - 2)
    return starts


# A country's code and nothing but digits after it, 16 or more: an IBAN with a check digit
# mistyped still names the account ("SE41 5000 0000 0535 7102 4590" with one digit wrong). A
# Swedish VAT number ("SE556677889901") has twelve.
_IBAN_OF_DIGITS = re.compile(r"[A-Z]{2}(?:[ \u00a0\-]?\d){16,32}")


def _iban_end(candidate: str) -> int | None:
    """How much of the candidate is an IBAN: the whole, or without a word or two that followed
    it ("PL39 1020 … 0166 har")."""
    for _ in range(3):
        if _iban_ok(candidate) or (
            candidate[:2] in _IBAN_COUNTRIES and _IBAN_OF_DIGITS.fullmatch(candidate)
        ):
            return len(candidate)
        if " " not in candidate.strip():
            return None
        candidate = candidate.rstrip().rsplit(" ", 1)[0]
    return None


# The countries whose IBANs a Jämtland case text meets (EU/EEA and neighbours, and the countries
# many clients come from that use IBAN).
_IBAN_COUNTRIES = frozenset({
    "SE", "NO", "DK", "FI", "IS", "DE", "PL", "GB", "IE", "NL", "BE", "LU", "FR", "ES", "PT",
    "IT", "AT", "CH", "LI", "EE", "LV", "LT", "CZ", "SK", "HU", "SI", "HR", "BA", "RS", "ME",
    "MK", "AL", "GR", "CY", "MT", "RO", "BG", "UA", "MD", "BY", "GE", "AZ", "TR", "IQ", "IR",
    "JO", "LB", "PS", "SA", "AE", "QA", "KW", "BH", "EG", "TN", "DZ", "MR", "SO", "LY", "SD",
    "XK",
})  # fmt: skip


def _iban_ok(candidate: str) -> bool:
    compact = re.sub(r"[\s\-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or compact[:2] not in _IBAN_COUNTRIES:
        return False
    if sum(c.isdigit() for c in compact[4:]) < 10:
        return False  # an account number is mostly digits; "om 10 dagar och hon" is not one
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


_DATE = re.compile(r"(?:19|20)\d\d[.\-]\d\d[.\-]\d\d")
_OWNER_BEFORE = re.compile(r"(?P<owner>[^\W\d_][\w\-:]*)(?P<comma>,?)[ \u00a0]$")
# A giro number in its own shape right after a colon, the way a form gives it ("Bankgiro för det
# ena: 5577-3019", "Plusgiro …: 48 87 51-3"): blocked though its check digit is wrong, as a
# mistyped one is still used.
_GIRO_AFTER_COLON = re.compile(r":[ \u00a0]?(?:\d{3,4}-\d{4}|\d{1,2}(?:[ \u00a0]\d{2}){1,3}-\d)$")


# More giro numbers listed after one: "BG 2875-7490 (inkasso) och 8186-2526", "…, 5402-8461
# samt 5050-1055".
_LISTED_GIRO = re.compile(
    r"(?:[ \u00a0]*\([^()\n]{0,30}\))?[ \u00a0]*(?:,|och|samt|eller|resp\.?|/)[ \u00a0]*"
    r"(?P<number>\d{3,4}-\d{4})(?![\d\-])"
)


def _giros_listed_after(text: str, end: int) -> Iterator[Finding]:
    while (listed := _LISTED_GIRO.match(text, end)) is not None:
        if not luhn_ok(listed["number"].replace("-", "")):
            return
        yield finding("account_number", listed.start("number"), listed.end("number"))
        end = listed.end()


def _an_authoritys(text: str, start: int) -> bool:
    """ "Kronofogdens bankgiro 5052-6023", "Skatteverkets plusgiro …", "Östersundshem, bankgiro
    …": an authority's or a company's own giro named by its owner right before it identifies no
    one."""
    owner = _OWNER_BEFORE.search(text, max(0, start - 40), start)
    if owner is None or not lexicon.is_organisation(owner["owner"]):
        return False
    if owner["owner"].endswith("s"):
        return True
    # "Östersundshem, bankgiro …"; not "sparbanken, clnr 8431-4": a bank keeps people's accounts.
    giro = text[start : start + 2].casefold() in ("ba", "bg", "pl", "pg")
    bank = owner["owner"].casefold().startswith((*_BANKS, "sparbank", "bank"))
    return owner["comma"] == "," and giro and not bank


# A public body or housing company named by a common noun in the genitive ("kommunens bankgiro"),
# which the list of organisations (proper names and their last words) does not hold. Not
# "företagets" or "bolagets": a company in a case text is often the perpetrator's, and its giro
# leads to him; nor "hyresvärdens": a landlord may be a private person.
_PUBLIC_GENITIVES = frozenset({
    "kommunens", "regionens", "myndighetens", "förvaltningens", "landstingets", "verkets",
    "hyresbolagets", "bostadsbolagets", "församlingens",
})  # fmt: skip
# Words that make a giro someone's: "hennes bankgiro", "bankgiro som sonen lagt upp i mammans
# namn", "det tillhör maken", "hans firmas" (a sole trader's giro leads to its owner).
_SOMEONES = frozenset({
    "hennes", "hans", "sin", "sitt", "sina", "deras", "hon", "han", "henne", "honom", "mannen",
    "mannens", "kvinnan", "kvinnans", "klientens", "sökandes", "mammans", "pappans", "sonens",
    "dotterns", "maken", "makens", "makan", "makans", "sambon", "sambons", "namn", "privat",
    "privata", "privatperson", "egen", "eget", "enskild", "enskilda", "firma", "firman",
    "firmas", "företags",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
# Who owns the giro, right before its cue word: "Kommunens bankgiro", "Region JH har bankgiro",
# "Hyresvärdens (Strömsunds Hyresbostäder AB) bankgiro".
_OWNER = re.compile(
    # The lookbehind lets a search skip every position inside a word at once.
    r"(?<![\w\-])(?P<owner>(?:[^\W\d_][\w\-]*[ \u00a0]){0,2}[^\W\d_][\w\-]*)"
    r"(?:[ \u00a0]\((?P<also>[^()\n]{1,50})\))?,?(?:[ \u00a0]har(?:[ \u00a0]ett)?)?[ \u00a0]$"
)
# The owner between the cue word and the number ("Bankgiro Skatteverket 5050-1055") or in a
# parenthesis right after the number ("5220-4456 (Strömsunds kommun)").
_OWNER_BETWEEN = re.compile(
    r"[ \u00a0:]{0,3}(?P<owner>(?:[^\W\d_][\w\-]*[ \u00a0]?){1,3}):?[ \u00a0]?$"
)
_OWNER_AFTER = re.compile(r"[ \u00a0]?\((?P<owner>[^()\n]{1,50})\)")
_CLAUSE_AFTER = re.compile(r"[^.!?\n;]{0,60}")
# The giro spoken of again soon after: "… om bankgirot är jourens eller hennes privata".
_SPOKEN_OF_AGAIN = re.compile(r"[^\n]{0,160}?(?i:bankgirot|plusgirot|girot|numret)[^.!?\n]{0,60}")


def _an_organisations_giro(text: str, start: int, number_start: int, number_end: int) -> bool:
    """A giro number that an organisation is named as the owner of, and no person is: right
    before the cue word ("Kommunens bankgiro", "Region JH har bankgiro 5051-6905"), between it
    and the number ("Bankgiro Skatteverket 5050-1055") or in a parenthesis right after the
    number ("5220-4456 (Strömsunds kommun)"). Only naming counts: "FK betalar till bankgiro
    …" names the payer. A person in the clause, or where the giro is spoken of again, wins."""
    owners = _owners(text, start, number_start, number_end)
    if not any(_an_organisation(word) for owner in owners for word in _WORD.findall(owner)):
        return False  # most giros: no owner named, and the clause need not be read
    # The clause: back to its end mark, or 60 characters when none is that near.
    reach = max(0, start - 60)
    clause_start = max(reach - 1, *(text.rfind(end, reach, start) for end in ".!?\n;"))
    said = _WORD.findall(text, clause_start + 1, number_start) + _WORD.findall(" ".join(owners))
    said += _WORD.findall(
        (_SPOKEN_OF_AGAIN.match(text, number_end) or _CLAUSE_AFTER.match(text, number_end))[0]
    )
    return not any(word.casefold() in _SOMEONES for word in said)


def _owners(text: str, start: int, number_start: int, number_end: int) -> list[str]:
    """Who the text names as the giro's owner (see _an_organisations_giro), as written."""
    cue_end = _WORD.match(text, start).end()
    owners = []
    if (before := _OWNER.search(text, max(0, start - 80), start)) is not None:
        owners.append(before["owner"].split()[-1] if not before["also"] else before["also"])
        if before.group().rstrip().endswith(("har", "ett")):
            owners.append(before["owner"])
    if (between := _OWNER_BETWEEN.match(text, cue_end, number_start)) is not None:
        owners.append(between["owner"])
    if (after := _OWNER_AFTER.match(text, number_end)) is not None:
        owners.append(after["owner"])
    return owners


def _an_organisation(word: str) -> bool:
    """An organisation's proper name, "AB" or a public body's genitive; not a bank's or Swish's
    name (they keep and carry people's money), nor another common noun in lower case
    ("inkasso")."""
    folded = word.casefold()
    if folded.startswith(("bank", "swish", *_BANKS)):
        return False
    if folded in _PUBLIC_GENITIVES or folded in ("kommun", "region"):
        return True  # "(Bräcke kommun)"
    return word[0].isupper() and (word == "AB" or lexicon.is_organisation(word))


def _inside_a_code(text: str, match: re.Match[str]) -> bool:
    """ "Beslagsprotokoll 2025-5000-BG12345": a keyword glued to digits and after a dash is part
    of a record's code, not a giro number."""
    glued = text[match.start("number") - 1 : match.start("number")].isalnum()
    return glued and text[match.start() - 1 : match.start()] == "-"


def _giros_later(text: str) -> Iterator[Finding]:
    """Giro numbers a few words after their cue (see _GIRO_LATER), and any listed after one."""
    for match in matches_at_cues(
        _GIRO_LATER, text, ("bankgiro", "plusgiro", "postgiro", "bg", "pg")
    ):
        digits = re.sub(r"\D", "", match["number"])
        number_start, number_end = match.start("number"), match.end("number")
        # A giro said to be someone's is blocked though its check digit is wrong: "ett Bankgiro
        # för sin firma, 768-1234" (a mistyped number is still someone's).
        checked = (
            luhn_ok(digits)
            or _GIRO_AFTER_COLON.search(text, max(0, number_start - 2), number_end)
            or any(w.casefold() in _SOMEONES for w in _WORD.findall(match.group(), 0, 90))
        )
        if (
            5 <= len(digits) <= 8
            and checked
            and not _an_authoritys(text, match.start())
            and not _an_organisations_giro(text, match.start(), number_start, number_end)
        ):
            yield finding("account_number", match.start("number"), match.end("number"))
            yield from _giros_listed_after(text, match.end("number"))


def find_accounts(text: str) -> Iterator[Finding]:
    text = harmless.mask(text)
    for match in matches_at(_IBAN, text, _iban_starts(text)):
        end = _iban_end(match.group())
        if end:
            yield finding("account_number", match.start(), match.start() + end)
    for match in matches_at_cues(_ACCOUNT_KEYWORD, text, _KEYWORD_STARTS):
        if _an_authoritys(text, match.start()) or _inside_a_code(text, match):
            continue
        giro = match.group()[:2].casefold() in ("ba", "bg", "pl", "pg") and "konto" not in (
            match.group().casefold()
        )
        if giro and _an_organisations_giro(text, match.start(), *match.span("number")):
            continue
        if _DATE.fullmatch(match["number"]):
            continue  # "kontot 2025.06.01 tömdes": a date, now that dots may part the groups
        yield finding("account_number", match.start(), match.end())
    for match in matches_at_cues(_BANK_NUMBER, text, _BANK_STARTS):
        yield finding("account_number", match.start(), match.end())
    yield from _giros_later(text)
    for match in matches_at_cues(_SWISH_LATER, text, ("swish",)):
        yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_cues(_ACCOUNT_LATER, text, ("konto",)):
        yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_cues(_SPOKEN_ACCOUNT, text, ("konto", "clearing")):
        if len(spoken_digits(match["number"])) >= 8:
            yield finding("account_number", match.start("number"), match.end("number"))
    for match in matches_at_runs(_NORWEGIAN_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
    for match in matches_at_cues(_PAID_TO, text, _PAID_TO_STARTS):
        yield finding("account_number", match.start("number"), match.end("number"))
    for start, end in digit_runs(text):
        if 13 <= end - start <= 19 and not text[start - 1 : start].isalpha():
            # A run of 13–19 digits is an account, a card or another person's number glued
            # together ("841999048823114"); no case text writes a harmless number that long
            # (case and invoice numbers after their cue are masked before this).
            yield finding("account_number", start, end)
    for match in matches_at(_CARD, text, _card_starts(text)):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield finding("account_number", match.start(), match.end())
    # A clearing number is a run of four digits.
    for match in matches_at_runs(_CLEARING_ACCOUNT, text, lengths=(4,)):
        yield finding("account_number", match.start(), match.end())
    for start, end in cue_windows(text, (*_BANK_STARTS, "clearing", "konto"), 0, 240):
        for match in _ACCOUNT_APART.finditer(text, start, end):
            yield finding("account_number", match.start(), match.end())
