"""The words around a capitalised word that say it names no person, for names.py: a
shelter's, an institution's or a sameby's own name ("Kvinnojouren Embla", "anstalten Storboda",
"Njaarke sameby"), a title in quotes ("låten \"Hero\""), a weekday's short form ("Tor/fre"); and
the few that say it does: alone in parentheses after a number ("070-318 22 64 (Hodan)"), glued
to a kin word ("Lisa-mamman")."""

from __future__ import annotations

import re
from itertools import compress, count
from typing import TYPE_CHECKING

from . import lexicon
from .cues import CUES, FUNCTION_WORDS

if TYPE_CHECKING:
    from .names import Tokens

_TITLE_WORDS = {"låten", "låt", "sången", "boken", "bok", "filmen", "film", "serien", "spelet",
                "appen", "podden", "programmet", "dikten", "albumet"}  # fmt: skip
_QUOTE_BEFORE = re.compile(r"[ \u00a0][\"”“'«]$")
_QUOTE_AFTER = re.compile(r"[^\"”“'»\n]{0,60}[\"”“'»]")


def title_words_at(tokens: Tokens) -> set[int]:
    """Where a word for a title stands ("låten", "boken"), decided once per distinct word."""
    titles = {word for word in tokens.distinct if word.lower() in _TITLE_WORDS}
    if not titles:
        return set()
    return set(compress(count(), map(titles.__contains__, tokens.words)))


def quoted_title_end(text: str, tokens: Tokens, index: int) -> int | None:
    """Where the quoted title that starts with this word ends, after "låten", "boken" …"""
    if index == 0 or tokens.words[index - 1].lower() not in _TITLE_WORDS:
        return None
    start = tokens.starts[index]
    if not _QUOTE_BEFORE.search(text, tokens.end(index - 1), start):
        return None
    closing = _QUOTE_AFTER.match(text, start)
    return closing.end() if closing else None


# A weekday's short form next to another ("Tor/fre", "ons–Tor", "mån–tors"), explained ("Tor
# (torsdag)") or before a date or a time.
_SHORT_DAYS = ("mån", "tis", "tisd", "ons", "onsd", "tor", "tors", "torsd", "fre", "fred",
               "lör", "sön")  # fmt: skip
_DAYS = rf"(?i:{'|'.join(sorted(_SHORT_DAYS, key=len, reverse=True))})"
_WEEKDAYS = r"(?i:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)"
_WEEKDAY_AFTER = re.compile(
    rf"[ \u00a0]?(?:[/\-–,][ \u00a0]?{_DAYS}(?![\wåäö])|\({_WEEKDAYS}\))"
    # or a date or a time after it: "Tor 10/12 kl 13", "tors kl 10.15", "fre 14.00"
    r"|[ \u00a0](?:\d{1,2}/\d{1,2}(?!\d)|(?i:kl)\.?[ \u00a0]?\d|\d{1,2}[.:]\d\d(?!\d))"
    # hours ("tors 10–14") or which week ("tors nästa vecka", "tors v. 19")
    r"|[ \u00a0](?:\d{1,2}[\-–]\d{1,2}(?![\d/.:])|(?i:nästa|denna|kommande)[ \u00a0]vecka"
    r"|(?i:v\.|v|vecka)[ \u00a0]?\d{1,2}(?!\d))"
)
# Another short weekday before it: "mån–tors", "Tor/fre", "tis och tors", "mån, ons".
_WEEKDAY_BEFORE = re.compile(
    rf"{_DAYS}(?:[ \u00a0]?[/\-–,][ \u00a0]?|[ \u00a0](?:och|eller|samt)[ \u00a0])$"
)


# Another short weekday as a heading in the same text: "Mån: styrgrupp … Tor: ledig fm".
_DAY_HEADING = re.compile(rf"(?<![\wåäö]){_DAYS}:")


def short_weekday(text: str, tokens: Tokens, index: int) -> bool:
    if tokens.words[index].lower() not in _SHORT_DAYS:
        return False
    start, end = tokens.starts[index], tokens.end(index)
    if text[end : end + 1] == ":" and any(
        heading.start() != start
        for heading in _DAY_HEADING.finditer(text, max(0, start - 300), end + 300)
    ):
        return True  # a day's heading in a week's plan
    return bool(
        _WEEKDAY_AFTER.match(text, end) or _WEEKDAY_BEFORE.search(text, max(0, start - 11), start)
    )


_SAMEBY = ("sameby", "samebyn", "samebys", "samebyns")


def names_a_sameby(text: str, tokens: Tokens, index: int) -> bool:
    """Is the word the name of a sameby (a Sámi reindeer-herding community) right before
    "sameby" ("Jovnevaerie sameby", "Handölsdalens sameby")?"""
    return (
        index + 1 < len(tokens)
        and tokens.words[index + 1].lower() in _SAMEBY
        and text[tokens.end(index) : tokens.starts[index + 1]] == " "
    )


_SHELTERS = ("jouren", "jour")
# Institutions named after the word for them: "anstalten Storboda", "häktet Östersund".
_INSTITUTIONS = {"anstalten", "anstalt", "häktet", "hvb-hemmet", "behandlingshemmet"}


def named_shelter(text: str, tokens: Tokens, index: int) -> bool:
    """Is the word the name of a shelter or an institution, right after "Kvinnojouren",
    "Tjejjouren", "anstalten" … with one space between ("Kvinnojouren Embla", "anstalten
    Storboda"; not "kvinnojouren (Lisa, ideell)")?"""
    if index == 0:
        return False
    before = tokens.words[index - 1]
    lower = before.lower()
    named = lower in _INSTITUTIONS or (before[0].isupper() and lower.endswith(_SHELTERS))
    return named and text[tokens.end(index - 1) : tokens.starts[index]] == " "


_ROOMS = {"rum", "rummet", "konferensrum", "konferensrummet", "mötesrum", "mötesrummet",
          "sal", "salen", "samtalsrum", "samtalsrummet", "hus", "huset", "korridor",
          "korridoren", "sammanträdesrum", "sammanträdesrummet"}  # fmt: skip


def names_a_room(tokens: Tokens, index: int) -> bool:
    """ "Chimärens konferensrum", "sammanträdesrum Gimån": a room or a building named, not a
    person (a person's room is "Annas rum", and a listed name is kept)."""
    if lexicon.is_listed_name(tokens.words[index].casefold().removesuffix("s")):
        return False
    following = index + 1
    after = following < len(tokens) and tokens.words[following].lower() in _ROOMS
    return after or (index > 0 and tokens.words[index - 1].lower() in _ROOMS)


# What is named after "heter"/"kallas" when it is no person: 'kontot heter "Hushåll"'.
_THINGS = {"kontot", "appen", "filen", "gruppen", "chatten", "sidan", "nätverket", "mappen",
           "dokumentet", "profilen", "kanalen", "servern", "spelet", "hunden", "katten", "båten",
           "bolaget", "firman", "företaget", "projektet", "metoden", "programmet", "gården",
           "huset", "stugan", "wifi-nätverket", "routern", "enheten", "kortet"}  # fmt: skip


def a_thing_named(tokens: Tokens, index: int) -> bool:
    """Is the naming word before `index` said of a thing ("kontot heter", "appen kallas")?"""
    return index >= 2 and tokens.words[index - 2].lower() in _THINGS


def name_and_kin(word: str) -> bool:
    first, _, second = word.partition("-")
    return second.lower() in CUES and lexicon.is_listed_name(first.casefold())


def after_a_number(text: str, tokens: Tokens, index: int) -> bool:
    """ "0733-41 87 02 (Sabiha)": whose number it is (not "kreditkort (Eurocard)")."""
    return text[max(0, tokens.starts[index] - 3) : tokens.starts[index] - 1].rstrip()[-1:].isdigit()


def alone_in_parentheses(text: str, tokens: Tokens, index: int) -> bool:
    start, end = tokens.starts[index], tokens.end(index)
    return (
        text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
        # "ett nytt ärende (Berg)" is Berg's municipality, though Berg is a surname too
        and tokens.words[index].casefold() not in lexicon.MUNICIPALITIES
    )


# A street named after a person: "Samuel Permans gata", "Wargentins väg".
_STREET_WORDS = {"gata", "gatan", "väg", "vägen", "gränd", "gränden", "torg", "torget", "plan",
                 "park", "parken", "allé", "stig"}  # fmt: skip


def names_a_street(tokens: Tokens, index: int) -> bool:
    words = tokens.words
    following = words[index + 1 : index + 3]
    if following[:1] and following[0] in _STREET_WORDS:
        return words[index].endswith("s")  # "Permans gata"
    return (
        len(following) == 2
        and following[0][:1].isupper()
        and following[0].endswith("s")
        and following[1] in _STREET_WORDS  # "Samuel Permans gata"
    )


# A regnal number after a first name makes a king or queen, and mostly a place named after one:
# "Gustav III:s torg", "Karl XII:s gata".
_REGNAL = re.compile(r"[ \u00a0](?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)(?::s)?(?![\wåäö])")


def regnal(text: str, tokens: Tokens, index: int) -> bool:
    return _REGNAL.match(text, tokens.end(index)) is not None


def surname_first(text: str, tokens: Tokens, index: int) -> bool:
    """ "VITTNE: GRANSKOG, VIKING", "691276-6877 GURBANOV, ELCHIN": the police's "SURNAME, FIRST
    NAME" in capitals, whose surname may be an ordinary word when the first name after the comma
    is listed, or of any origin when the first name is no known word either."""
    following = index + 1
    if following >= len(tokens) or text[tokens.end(index) : tokens.starts[following]] != ", ":
        return False
    surname, first_name = tokens.words[index].casefold(), tokens.words[following]
    folded = first_name.casefold()
    if {surname, folded} & (CUES | FUNCTION_WORDS):
        return False  # "MISSTÄNKT: MAKEN, HUSSEIN", "ERBJUDEN, PAT", "JÄMTGÄNGET, HANS"
    after = text[tokens.end(following) : tokens.end(following) + 2]
    ends = after[:1] in ("", ",", "\n", ".")
    if lexicon.is_organisation(folded):
        return False  # "KURATOR HÄLSOCENTRAL, POLIS"
    if lexicon.is_listed_name(folded):
        return first_name.isupper() and (ends or (after[:1] == " " and after[1:].isdigit()))
    # A first name of any origin ("GURBANOV, ELCHIN", "XASAN, CABDIRAHMAAN (Hassan …)"): no
    # Swedish word nor anything else known, and not a plate's letters ("BIL, XLP 204").
    unknown = not lexicon.is_ordinary(folded) and not lexicon.is_non_name(first_name)
    return first_name.isupper() and (ends or after == " (") and unknown and len(folded) >= 3


def quoted(text: str, tokens: Tokens, index: int) -> bool:
    """'"Lillen"': the word alone between quotes."""
    before = text[tokens.starts[index] - 1 : tokens.starts[index]]
    after = text[tokens.end(index) : tokens.end(index) + 1]
    return before in _QUOTES and after in _QUOTES


_QUOTES = ('"', "”", "“", "'", "«", "»", "’", "„")


_LABEL_BEFORE = re.compile(r":[ \u00a0]{1,2}$")


def alone_after_a_label(text: str, tokens: Tokens, index: int) -> bool:
    """ "Handläggare på FK: Lena.": a word alone between a label's colon and the end of the
    sentence or line is what the label names."""
    start, end = tokens.starts[index], tokens.end(index)
    labelled = _LABEL_BEFORE.search(text, max(0, start - 3), start) is not None
    return labelled and text[end : end + 1] in ("", ".", "\n", ",")
