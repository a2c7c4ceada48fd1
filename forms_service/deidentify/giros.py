"""Giro numbers (bankgiro and plusgiro) found after their cue word, a few words or lines on, and
listed after one; and the giro an organisation is named as the owner of ("Kommunens bankgiro",
"Bankgiro Skatteverket 5050-1055", "5220-4456 (Strömsunds kommun)"), which identifies no one
and is left alone unless a person is named in the clause. accounts.py reads the owner checks
too, for a giro right after its cue word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon
from .findings import Finding, finding
from .identity import luhn_ok
from .windows import matches_at_cues

# A giro's cue word ("bankgiro", "bg", "plusgironummer", "bgnr" …), and how each starts.
_CUE = (
    r"(?i:(?<![\wåäö])(?:bankgiro|plusgiro|postgiro|bg|pg)(?:t|konto|kontot|nummer|numret|nr)?"
    r"(?![\wåäö]))"
)
_CUE_STARTS = ("bankgiro", "plusgiro", "postgiro", "bg", "pg")
# A giro number a few words after its name, in the same sentence (an abbreviation's dot does not
# end it): "Bankgiro för hennes räkningar ändrat till hans: 5382-1146", "Plusgiro som bistånd gått
# till (enl. kvinnan ej hennes): 5599036-0" (checked with the giro's own Luhn check digit).
_GIRO_LATER = re.compile(
    _CUE + r"(?:[^.!?\n\d]|\.(?=[ \u00a0]?[a-zåäö(]|\w)){0,70}?"
    r"(?<![\d\-])(?P<number>\d{1,4}(?:[ \u00a0]?\d{2}){0,3}[ \u00a0]?-?\d{1,4})"
    r"(?![\d\-])"
)

_OWNER_BEFORE = re.compile(r"(?P<owner>[^\W\d_][\w\-:]*)(?P<comma>,?)[ \u00a0]$")
# A giro number in its own shape right after a colon, the way a form gives it ("Bankgiro för det
# ena: 5577-3019", "Plusgiro …: 48 87 51-3"): blocked though its check digit is wrong, as a
# mistyped one is still used.
_GIRO_AFTER_COLON = re.compile(r":[ \u00a0]?(?:\d{3,4}-\d{4}|\d{1,2}(?:[ \u00a0]\d{2}){1,3}-\d)$")


# More giro numbers listed after one: "BG 2875-7490 (inkasso) och 8186-2526", "…, 5402-8461
# samt 5050-1055".
_LISTED_GIRO = re.compile(
    r"(?:[ \u00a0]*\([^()\n]{0,30}\))?[ \u00a0]*(?:,|och|samt|eller|resp\.?|/"
    # A correction: "bg 798-4842 (nej, 7994-8428 enl. nya fakturan)", "3026606, inte 3026660".
    r"|(?P<fix>[(]?(?:nej|inte|ej|alt\.?|rättat?|rätt)[,:]?))[ \u00a0]*"
    r"(?P<number>\d{3,4}-\d{4}|(?(fix)\d{7,8}))(?![\d\-])"
)


def _giros_listed_after(text: str, end: int) -> Iterator[Finding]:
    while (listed := _LISTED_GIRO.match(text, end)) is not None:
        # A number the writer corrects is someone's mistyped number: no check digit asked.
        if not listed["fix"] and not luhn_ok(listed["number"].replace("-", "")):
            return
        yield finding("account_number", listed.start("number"), listed.end("number"))
        end = listed.end()


def an_authoritys(text: str, start: int) -> bool:
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
    bank = owner["owner"].casefold().startswith((*lexicon.BANKS, "sparbank", "bank"))
    return owner["comma"] == "," and giro and not bank


# A public body or housing company named by a common noun in the genitive ("kommunens bankgiro"),
# which the list of organisations (proper names and their last words) does not hold. Not
# "företagets" or "bolagets": a company in a case text is often the perpetrator's, and its giro
# leads to him; nor "hyresvärdens": a landlord may be a private person.
_PUBLIC_GENITIVES = frozenset({
    "kommunens", "regionens", "myndighetens", "myndigheternas", "myndigheters",
    "förvaltningens", "landstingets", "verkets", "hyresbolagets", "bostadsbolagets",
    "församlingens",
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
    r"[ \u00a0:(]{0,3}(?P<owner>(?:[^\W\d_][\w\-]*[ \u00a0]?){1,3}):?[ \u00a0]?$"
)
_OWNER_AFTER = re.compile(r"[ \u00a0]?\((?P<owner>[^()\n]{1,50})\)")
_CLAUSE_AFTER = re.compile(r"[^.!?\n;]{0,60}")
# The giro spoken of again soon after: "… om bankgirot är jourens eller hennes privata".
_SPOKEN_OF_AGAIN = re.compile(r"[^\n]{0,160}?(?i:bankgirot|plusgirot|girot|numret)[^.!?\n]{0,60}")


def an_organisations_giro(text: str, start: int, number_start: int, number_end: int) -> bool:
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
    """Who the text names as the giro's owner (see an_organisations_giro), as written."""
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
    """An organisation's proper name or a public body's genitive; not a bank's or Swish's
    name (they keep and carry people's money), nor another common noun in lower case
    ("inkasso")."""
    folded = word.casefold()
    if folded.startswith(("bank", "swish", *lexicon.BANKS)):
        return False
    if folded in _PUBLIC_GENITIVES or folded in ("kommun", "region"):
        return True  # "(Bräcke kommun)"
    # Not "AB" alone: a small firm's giro ("Föllinge Hus & Hem AB, bankgiro …") leads to its
    # owner, who may be a party; a listed company's or authority's does not.
    return word[0].isupper() and lexicon.is_organisation(word)


def _someones_before(text: str, start: int) -> bool:
    """ "Hennes bankgiro för insamlingen … är 5480-2217": the giro's owner right before its cue."""
    before = _WORD.findall(text, max(0, start - 20), start)
    return bool(before) and before[-1].casefold() in _SOMEONES


def _giros_later(text: str) -> Iterator[Finding]:
    """Giro numbers a few words after their cue (see _GIRO_LATER), and any listed after one."""
    for match in matches_at_cues(_GIRO_LATER, text, _CUE_STARTS):
        digits = re.sub(r"\D", "", match["number"])
        number_start, number_end = match.start("number"), match.end("number")
        # A giro said to be someone's is blocked though its check digit is wrong: "ett Bankgiro
        # för sin firma, 768-1234" (a mistyped number is still someone's).
        checked = (
            luhn_ok(digits)
            or _GIRO_AFTER_COLON.search(text, max(0, number_start - 2), number_end)
            or any(w.casefold() in _SOMEONES for w in _WORD.findall(match.group(), 0, 90))
            or _someones_before(text, match.start())
        )
        if (
            5 <= len(digits) <= 8
            and checked
            and not an_authoritys(text, match.start())
            and not an_organisations_giro(text, match.start(), number_start, number_end)
        ):
            yield finding("account_number", match.start("number"), match.end("number"))
            yield from _giros_listed_after(text, match.end("number"))


# A giro number in its own shape (seven or eight digits, one hyphen, a valid check digit) in
# the lines after a giro's cue: "hyresvärdens bankgiro. Det är: / 1696-061", a table whose
# column is headed "BG/PG", "står på avin som 5505-268 men i hyresavtalet som 550-5268".
_GIRO_SHAPED = re.compile(r"(?<![\d\-.,/])(?!19\d\d-|20\d\d-)[1-9]\d{2,3}-\d{3,4}(?![\d\-]|[.,]\d)")
_GIRO_CUE = re.compile(_CUE)
_NAMED_BY_OWNER = re.compile(r"(?P<owner>[^\W\d_][\w\-]*)[ \u00a0]$")


def _giros_near_cue(text: str) -> Iterator[Finding]:
    """See _GIRO_SHAPED: the owner checks of a giro after its cue apply here too."""
    for cue in matches_at_cues(_GIRO_CUE, text, _CUE_STARTS):
        for match in _GIRO_SHAPED.finditer(text, cue.end(), cue.end() + 140):
            digits = match.group().replace("-", "")
            if len(digits) not in (7, 8) or not luhn_ok(digits):
                continue
            owner = _NAMED_BY_OWNER.search(text, max(0, match.start() - 40), match.start())
            if (
                (owner is not None and _an_organisation(owner["owner"]))  # "Skatteverket 5050-1055"
                or an_authoritys(text, cue.start())
                or an_organisations_giro(text, cue.start(), match.start(), match.end())
            ):
                continue
            yield finding("account_number", match.start(), match.end())


def find_giros(text: str) -> Iterator[Finding]:
    """Giro numbers after their cue (in the masked text, as accounts.py gives it)."""
    yield from _giros_later(text)
    yield from _giros_near_cue(text)
