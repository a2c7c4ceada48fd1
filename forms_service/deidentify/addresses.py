"""Addresses (block): a name and a house number, in every form a Jämtland case text uses.

* Streets: a word ending like a street (-gatan, -vägen, -gränd …) and a number, in any case,
  abbreviated ("Storg. 12", "Ringv. 3", "Prästg 14"), with "nr" ("Storgatan nr 12"), glued
  ("Storgatan12"), number first ("12 Storgatan"), with an entrance letter and a flat number
  ("Rådhusgatan 4 B, lgh 1102").
* Villages and farms, the normal rural address here: a locality of Jämtlands län
  (data/jamtland_localities.txt) and a number ("Hallen 215", "Gärde 47 B", "KYRKTÅSJÖ 31"), and
  any other capitalised word that is not an ordinary Swedish word, a person's first name, an
  organisation, a law or a month ("Näldenbyn 112"). An ordinary word needs an address cue
  before it ("bor i Viken 12").
* c/o, box and flat-number markers ("c/o Nilsson", "Box 115", "lgh 1203").

Never an address: a number followed by a unit or a quantity ("Hallen 3 gånger", "Åre 2 km"),
a year, a time, a road number, a law or case reference, a week, a room or floor (harmless.py
masks those before this detector runs); a thing a case text numbers ("Ingång 3", "Bädd 4",
"Insats 2", "Samtalsrum 2") unless "bor", "adress" … comes before it or a postcode after it;
a dictionary word at the start of a line; an ordinal or superlative ("Första 2 åren").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import chain

from . import harmless, homes, lexicon, streets
from .cues import FUNCTION_WORDS, a_person
from .findings import Finding, finding
from .windows import digit_runs

# Capitalised words that are followed by a number without being an address.
_NOT_ADDRESS = {
    "kst", "kostnadsställe", "projekt", "ref", "referens",
    "vecka", "veckan", "kapitel", "kap", "sida", "sidan", "bilaga", "bilagan", "avsnitt", "punkt",
    "fråga", "frågan", "steg", "nivå", "rum", "rummet", "plan", "våning", "hus", "huset", "sal",
    "avdelning", "avd", "buss", "bussen", "linje", "linjen", "tåg", "tåget", "spår", "version",
    "grupp", "gruppen", "klass", "årskurs", "åk", "termin", "period", "kl", "klockan", "nr",
    "nummer", "ärende", "ärendet", "dnr", "paragraf", "artikel", "tabell", "figur", "bild",
    "sektion", "område", "zon", "dag", "dagen", "dygn", "år", "året", "bil", "bilen", "mål",
    "alternativ", "modell", "storlek", "covid", "windows", "iphone", "ipad", "galaxy", "fifa",
    "playstation", "xbox", "nivån", "runda", "match", "omgång", "del", "delen", "team", "region",
    "stadsdel", "ort", "by", "byn", "kvartal", "samråd", "samrådet", "möte", "mötet",
    "förfrågan", "förfrågningar", "tertial", "halvår", "månad", "fall", "patient", "klient",
    "person", "rad", "enhet", "fas", "etapp", "lag", "skift", "pass", "bankgiro", "plusgiro",
    "bankgirot", "plusgirot", "clearing", "ocr", "avulsion", "luxation", "fraktur",
    # School subjects and their levels: "Svenska 3", "Engelska 5", "Samhällskunskap 1b".
    "svenska", "engelska", "matematik", "matte", "samhällskunskap", "historia", "religion",
    "religionskunskap", "naturkunskap", "fysik", "kemi", "biologi", "idrott", "spanska", "tyska",
    "franska", "programmering", "filosofi", "psykologi", "geografi", "företagsekonomi",
}  # fmt: skip
# Things a case text numbers (a room, bed, entrance, ward, stage, session, patrol …): "Ingång 3",
# "Bädd 4", "Insats 2" at the start of a line or after "vid" is one of them, not a village. Only an
# address cue such as "bor på" or a postcode after the number makes such a word an address.
_NUMBERED_THINGS = {
    "ingång", "entré", "port", "dörr", "trappa", "trapphus", "hiss", "korridor", "hall", "sal",
    "rum", "bädd", "säng", "sängplats", "plats", "station", "avdelning", "vårdavdelning",
    "mottagning", "klinik", "enhet", "skåp", "lucka", "kassa", "kö", "disk", "gate", "terminal",
    "perrong", "hållplats", "ambulans", "patrull", "radiobil", "piket", "insats", "skede", "period",
    "träff", "tillfälle", "besök", "samtal", "modul", "lektion", "kurs", "skift", "jour",
    "nattjour", "utredning", "frukost", "lunch", "middag", "boende", "våning", "plan", "grupp",
    "möte", "vecka", "steg", "nivå", "fas", "etapp", "del", "punkt", "bilaga", "sida", "kapitel",
    "cell", "häkte", "anstalt", "hotell", "förhör", "anmälan", "orosanmälan", "beslut",
    "lägenhet", "café", "kafé", "restaurang", "barn", "förälder", "vårdnadshavare", "vittne",
    "rank", "ranken", "bronze", "silver", "gold", "platinum", "diamond",  # "rank Gold 2"
}  # fmt: skip
# The same nouns as the last part of a compound: "Samtalsrum 2", "Idrottshall 3", "Akutplats 1".
_NUMBERED_TAILS = (
    "rum", "sal", "säng", "bädd", "plats", "ingång", "entré", "avdelning", "mottagning", "station",
    "hall", "kassa", "lektion", "träff", "samtal", "boende", "dag", "möte", "bedömning",
    "anteckning", "tillfälle", "meddelande",
)  # fmt: skip
_GRAMMAR_ENDINGS = ("sta", "sätt", "sätter", "ås", "åker")
_INFLECTIONS = ("arna", "erna", "orna", "en", "et", "na", "n", "t", "")
# What stands between a street and its number: "Storgatan 12", "Storgatan nr 12", "Storgatan, 12".
_NUMBER_WORDS = ("nr", "nummer", "no")


def _numbered_village(gap: str, folded: str) -> bool:
    """ "Hammerdal, nummer 62": a village, a comma and the word for a number say a house number
    (not "Östersund, nummer 3 i kön": a town has streets)."""
    return gap.rstrip(" .\u00a0").endswith(_NUMBER_WORDS) and folded not in _MUNICIPALITIES


_GAP = re.compile(
    r"(?:,?[ \u00a0]{1,2}(?:(?:nr|nummer|no)\.?[ \u00a0]{1,2})|[ \u00a0]{1,2}|,[ \u00a0])$"
)
_AFTER = re.compile(
    r"(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?"
    r"(?:[ \u00a0]{0,3},?[ \u00a0]{0,3}(?:lgh|lägenhet|lägenhetsnummer|lgh\.)"
    r"[ \u00a0.:]{0,3}\d{3,4}(?!\d))?"
)
_CUE = re.compile(
    r"(?:\b(?:bor|bodde|boende|bott|bo|bosatt|skriven|folkbokförd|folkbokföringsadress|adress"
    r"|adressen|adr|hemadress|besöksadress|postadress|hemma|flyttat|flyttade|flyttar|flytta"
    r"|vistas|vistades|gården|huset|stugan|lägenheten|plats|platsen|samråd|besök|ligger"
    r"|fastighet|fastigheten|fastighetsbeteckning|fastighetsbeteckningen)\b"
    r"[^.!?\n]{0,14}"
    r"|\b(?:i|på|hos|vid|till|från|utanför|nära|mellan|förbi|mot|bakom|ovanför|nedanför)[ ])$",
    re.IGNORECASE,
)
_STRONG_CUE = re.compile(
    r"\b(?:bor|bodde|boende|bott|bosatt|skriven|folkbokförd|adress|adressen|adr|hemadress"
    r"|postadress|flyttat|flyttade|flyttar)\b[^.!?\n]{0,12}$",
    re.IGNORECASE,
)
# A postcode right after the number makes it a house number though it reads as a year
# ("Klövsjö 2031, 840 32 Klövsjö").
_POSTCODE_AFTER = re.compile(r",?[ \u00a0]{1,2}[1-9]\d{2}[ \u00a0]?\d{2}(?!\d)")
# A postcode and its town after a comma, no space: "Hallen 215,83030 Hallen", "Nybyv. 7,83592Rätan".
_GLUED_POSTCODE = re.compile(r",[1-9]\d{2}[ \u00a0]?\d{2}[ \u00a0]{0,2}[A-ZÅÄÖ][a-zåäö]")
_MOVED = re.compile(r"\b(?:flyttat|flyttade|flyttar)\b[^.!?\n]{0,12}$", re.IGNORECASE)
_COMMA_AFTER = re.compile(r"(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?,")
# What confirms a place and number as an address: a postcode ("831 48", or "83148" with a town
# after it: "Barn 2, 12345 är hans id" is no address), "i" and a locality after it, or a floor.
_CONFIRMED_AFTER = re.compile(
    r"(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?(?:,[ \u00a0]{1,2}[1-9]\d{2}"
    r"(?:[ \u00a0]\d{2}(?!\d)|\d{2},?[ \u00a0]{1,2}[A-ZÅÄÖ])"
    r"|[ \u00a0]i[ \u00a0](?P<town>[A-ZÅÄÖ][a-zåäö\-]{2,30})(?![\wåäö])"
    # A locality after a comma, not a count after it: "Tand 118, Krokom" (not "Krokom 19, Åre 14").
    r"|,[ \u00a0](?P<locality>[A-ZÅÄÖ][a-zåäö\-]{2,30})(?![\wåäö])(?![ \u00a0]?\d)"
    r"|,?[ \u00a0]\d{1,2}[ \u00a0]?(?:tr|trappor)\.?(?![\wåäö]))"  # "Hökarängsplan 4, 2 tr"
)
# A series or a date, not a house number: scores ("Apgar 9-10-10"), a suture size ("Ethilon
# 4-0"), a day and month. A house number range has two numbers and never ends in 0
# ("Storgatan 9-11").
_SERIES_AFTER = re.compile(
    r"[\-\u2013/](?:0(?!\d)|\d{1,2}[\-\u2013/]\d)"
    # A date or dates: "Orange Day 25 november", "Lucia 13 dec", "permission 12-14 juni".
    r"|(?:[\-\u2013]\d{1,2})?[ \u00a0]"
    r"(?i:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zå]{0,6}\.?(?![\wåäö])"
)
_ROOM_BEFORE = re.compile(
    r"(?i:(?<![\wåäö])(?:\w*rum|\w*rummet|sal|salen|\w*sal|lokal|lokalen|konferensrum"
    r"|mötesrum|samtalsrum|anstalt|anstalten|anstalterna|avdelning|avd)\.?:?)[ \u00a0]$"
)
# A place the text names with "i", "till", "från" …: the same word before a number is that place
# with a house number, even when it is also a first name ("en jaktstuga i Glen (Glen 35)").
_PLACE_MENTION = (
    r"(?<![\wåäö])(?:i|till|från|utanför|nära|mot|bor i|bodde i)[ \u00a0]{word}(?![\wåäö])"
)
# Words for a village that Jämtland also has as village names ("Byn 27 i Stugun").
# "Vägen 12 i Hammarstrand": a village's only road is called "the road".
_VILLAGE_WORDS = {"by", "byn", "vägen", "gatan"}
_DESIGNATION = re.compile(r":\d{1,4}(?!\d)")
_MUNICIPALITIES = lexicon.MUNICIPALITIES | {"jämtland"}
# "Östersund 31, Krokom 9, Åre 7" (or in lower case): figures per municipality, not addresses.
_PAIR_AFTER = re.compile(r"(?:,|;| och| samt)[ ]+[^\W\d_][\w\-]+[ ]\d{1,4}(?!\d)")
_PAIR_BEFORE = re.compile(r"[^\W\d_][\w\-]+[ ]\d{1,4}(?:,|;| och| samt)[ ]+$")
_LOCALITY_COMMA = re.compile(r"(?<![\wåäö])(?P<town>[A-ZÅÄÖ][a-zåäö\-]{1,30}), ?$")


def _locality_comma(context: str) -> bool:
    """ "i Hammarstrand, Prästbordet 5": a locality and a comma, then the farm and its number."""
    town = _LOCALITY_COMMA.search(context)
    return town is not None and town["town"].casefold() in lexicon.localities()


class _Cues:
    """Whether an address cue ("bor i", "adress:") comes before the word: looked for only when
    a rule asks, since most numbers are decided without it."""

    def __init__(self, masked: str, word_start: int, folded: str, gap: str, end: int) -> None:
        self.context = masked[max(0, word_start - 40) : word_start]
        self.folded, self.gap = folded, gap
        self.masked, self.end = masked, end

    @cached_property
    def any(self) -> bool:
        context, folded = self.context, self.folded
        # A field or line that begins with "Name 12" is an address: at the start there is no
        # room for the words that usually come before a number. A dictionary word there
        # ("Ingång 3", "Insats 2") numbers a thing, unless it begins the whole field and a comma
        # follows, the way a meeting place is written ("Lugnet 7, övervåningen").
        field_start = not context.strip()
        line_start = (field_start or context.rstrip(" \t").endswith("\n")) and (
            self.gap.strip() in ("", ",")  # "Samråd nr 47" numbers things
        )
        if line_start and lexicon.is_ordinary(folded):
            comma_after = _COMMA_AFTER.match(self.masked, self.end) is not None
            line_start = field_start and comma_after and lexicon.word_rank(folded) > 1000
        return (
            bool(_CUE.search(context))
            or (line_start and folded not in FUNCTION_WORDS)
            or _locality_comma(context)
        )

    @cached_property
    def strong(self) -> bool:
        return bool(_STRONG_CUE.search(self.context))

    @cached_property
    def capitals(self) -> bool:
        """Is the text around the word written in capitals (a police extract)?"""
        around = self.context + self.masked[self.end : self.end + 40]
        letters = [c for c in around if c.isalpha()]
        return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _place_like(word: str, folded: str, cues: _Cues) -> bool:
    """A village, farm or other place name before a house number."""
    if folded in lexicon.localities():
        # In lower case after "på", "i" …: a locality that is no dictionary word ("uppe på
        # kolåsen 133", though kol+åsen makes a compound), not "i hallen 2".
        return (
            word[0].isupper()
            or cues.strong
            or not lexicon.is_ordinary(folded)
            or (cues.any and folded not in lexicon.swedish_words())
        )
    if folded in _NOT_ADDRESS or folded in FUNCTION_WORDS or lexicon.is_non_name(word):
        return False  # "ökat från 6 till 11": a preposition is no village
    if (numbered_thing(folded) or len(folded) < 3 or a_person(folded)) and not cues.strong:
        # "Ingång 3", "Bädd 4"; "Na 140", "Bt 145" (Ås is on the locality list); "Elev 18"
        return False
    if not (word[0].isupper() and (word[1:].islower() or (word.isupper() and len(word) > 3))):
        # Lower case: a village name after an address cue ("bor i viken 12").
        return (not lexicon.is_ordinary(folded) and cues.strong) or (
            _place_ending(folded) and cues.any
        )
    if folded in lexicon.first_names() and not cues.any:
        return _named_as_place(word, cues.masked, cues.end)
    if word.isupper() and not (cues.capitals or cues.strong or _long_word_after_cue(word, cues)):
        return False  # an acronym in ordinary text ("EMDR 8 sessioner"), not a village
    return cues.any or not lexicon.is_ordinary(folded) or _place_ending(folded)


def _long_word_after_cue(word: str, cues: _Cues) -> bool:
    """ "till VÄLLISTE 205": a long word in capitals after "till", "i" … is a village (a police
    text writes places so); an acronym is short ("EMDR 8")."""
    return len(word) >= 6 and cues.any and word.casefold() not in lexicon.swedish_words()


def _named_as_place(word: str, masked: str, end: int) -> bool:
    """Does the text around the number name `word` as a place ("i Glen", "till Glen")? Looked
    for within a few sentences: a case text that names a place does so close by."""
    if word not in masked[max(0, end - 400) : end + 400].replace(word, "", 1):
        return False
    pattern = _PLACE_MENTION.format(word=re.escape(word))
    return re.search(pattern, masked[max(0, end - 400) : end + 400]) is not None


@lru_cache(maxsize=4096)
def _place_ending(folded: str) -> bool:
    """A place-name ending ("Heden", "Tjärnåsen"), unless the word is a dictionary word whose
    ending is grammar: a superlative or ordinal ("Första 2 åren", "Största 3 problemen"), a
    verb ("umgås", "sätter", "åker")."""
    if not lexicon.place_like(folded):
        return False
    return not (folded.endswith(_GRAMMAR_ENDINGS) and folded in lexicon.swedish_words())


@lru_cache(maxsize=4096)
def numbered_thing(folded: str) -> bool:
    """ "Ingång", "Bädden", "Salarna", "Samtalsrum": a thing a case text numbers."""
    for ending in _INFLECTIONS:
        if folded.endswith(ending) and folded[: len(folded) - len(ending)] in _NUMBERED_THINGS:
            return True
    for tail in _NUMBERED_TAILS:
        if folded.endswith(tail) and len(folded) >= len(tail) + 3:
            # A compound of words ("samtals|rum"); a three-letter tail is too short for the
            # compound check, so its head is asked instead ("rättegångs|dag").
            head = folded[: -len(tail)]
            return lexicon.is_ordinary(folded) or any(
                lexicon.is_ordinary(h) for h in (head, head[:-1]) if len(h) >= 3
            )
    return False


def _year(number: str) -> bool:
    """A year a case text speaks of: from 1900 to a few years ahead ("Ope 2051" is a farm)."""
    return len(number) == 4 and 1900 <= int(number) <= 2035


def find_addresses(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    last_end = 0
    for start, end in digit_runs(masked):
        if end - start > 4 or masked[start] == "0" or start < last_end:
            continue
        found = _street_before(masked, start, end) or streets.street_after(masked, start, end)
        if found:
            last_end = found[1]
            if not streets.authority_address(masked, found[0]):
                yield finding("address", *found)
    for start, end in chain(
        streets.marked(text), streets.worded_house_numbers(text), streets.house_number_apart(text)
    ):
        yield finding("address", start, end)
    for start, end in homes.homes(text):
        yield finding("address", start, end)


def _word_before(masked: str, start: int) -> tuple[int, str, str] | None:
    """(where it starts, the word, the gap) for the word before a house number at `start`:
    "Storgatan 12", "Storgatan nr 12", "Storgatan, 12", "Storgatan12", "Storg. 12"."""
    if start < 2:
        return None
    previous = masked[start - 1]
    if previous.isalpha():
        gap = ""
    elif previous in " \u00a0":
        before_space = masked[start - 2 : start - 1]
        if not (before_space.isalpha() or before_space in (".", ",", " ")):
            return None  # "070-123 45 67": a digit before the space, the usual case
        found = _GAP.search(masked, max(0, start - 14), start)
        gap = found.group() if found else " "
    else:
        return None
    end = start - len(gap)
    letters_end = end - 1 if end and masked[end - 1] == "." else end
    word_start = letters_end
    while word_start and letters_end - word_start < 41:
        char = masked[word_start - 1]
        if not (char.isalpha() or char == "-"):
            break
        word_start -= 1
    word = masked[word_start:end]
    if not word or not word[0].isalpha():
        return None
    direction = streets.DIRECTION.search(masked, max(0, word_start - 8), word_start)
    return (direction.start() if direction else word_start), word, gap


def _street_before(masked: str, start: int, end: int) -> tuple[int, int] | None:
    before = _word_before(masked, start)
    if before is None:
        return None
    designation = _DESIGNATION.match(masked, end)  # "Gärde 2:14", a property designation
    if (
        designation is None
        and masked.startswith((".", ",", ":", "/"), end)
        and (masked[end + 1 : end + 2].isdigit())
        and not _GLUED_POSTCODE.match(masked, end)
    ):
        return None  # "12.5", "12,5", "12/3"; but "Hallen 215,83030 Hallen" is an address
    if harmless.QUANTITY_AFTER.match(masked, end) or _SERIES_AFTER.match(masked, end):
        return None
    word_start, word, gap = before
    folded = word.casefold()
    cues = _Cues(masked, word_start, folded, gap, end)
    if by_form := streets.street(folded.rstrip(".")) or streets.abbreviated_street(word, folded):
        kind_ok = True
    elif (named := streets.named_street(masked, word_start, word)) is not None:
        word_start, kind_ok = named, True
    elif gap == "" or (gap.startswith(",") and not _numbered_village(gap, folded)):
        kind_ok = False  # "Hallen215" and "Hallen, 215" only for streets
    else:
        two_words = streets.two_word_locality(masked, word_start, folded)
        if word.endswith(".") and not _POSTCODE_AFTER.match(masked, end):
            kind_ok = False  # "… i Krokom, Åre och Strömsund. 94 deltagare": a sentence's end
        elif two_words is not None:
            word_start, kind_ok = two_words, True
        else:
            kind_ok = _place_like(word.rstrip("."), folded.rstrip("."), cues) or (
                _place_confirmed(word, folded, masked, designation.end() if designation else end)
            )
            if kind_ok and not cues.strong and streets.vehicle_model(masked, word_start, word):
                kind_ok = False  # "Toyota Land Cruiser 150", "husvagn Kabe 560": a model
        # A year after a lower-case word is a date ("flyttade hemifrån 2015"), and after a
        # village one moved to ("flyttade till Funäsdalen 2021"): when, not where.
        if kind_ok and _year(masked[start:end]) and not _POSTCODE_AFTER.match(masked, end):
            kind_ok = cues.strong and not word.islower() and not _MOVED.search(cues.context)
    if not kind_ok:
        return None
    if folded in _MUNICIPALITIES and not cues.strong and _in_list(masked, word_start, end):
        return None
    if not by_form and _ROOM_BEFORE.search(masked, max(0, word_start - 24), word_start):
        return None  # "mötesrum Ragunda 1", a room named after a place ("rum: Storgatan 8" is none)
    if designation is not None:
        return word_start, designation.end()
    after = _AFTER.match(masked, end)
    return word_start, after.end() if after else end


def _place_confirmed(word: str, folded: str, masked: str, end: int) -> bool:
    """A capitalised word and a number that a postcode follows is an address even when the word
    is an ordinary one ("Lillänge 22, 831 52 Östersund"), and so is one that a comma and one of
    the county's localities follow ("Prästbordet 9, Hammarstrand"); a village word and a number
    that "i" and a locality follow is one too ("Byn 27 i Stugun")."""
    if not word[0].isupper() or lexicon.is_non_name(word):
        return False
    if folded in _NOT_ADDRESS and folded not in _VILLAGE_WORDS:
        return False
    after = _CONFIRMED_AFTER.match(masked, end)
    if after is None:
        return False
    if after["locality"] is not None:  # not a person and an age: "Kvinna 34, Krokom"
        return after["locality"].casefold() in lexicon.localities() and not a_person(folded)
    if after["town"] is None:
        return True  # a postcode
    # "i <locality>" only for a village word: "Plats 2 i Östersund" is a meeting room.
    return folded in _VILLAGE_WORDS and after["town"].casefold() in lexicon.localities()


def _in_list(masked: str, start: int, end: int) -> bool:
    return bool(
        _PAIR_AFTER.match(masked, end) or _PAIR_BEFORE.search(masked, max(0, start - 40), start)
    )
