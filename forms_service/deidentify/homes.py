"""Homes named without a street and house number, for addresses.py. In the country a farm's,
a fäbod's or a cabin's name is the address: a farm named after its cue word ("driver gården
Västergården"); a farm and its village ("bor på Östergården i Kövra", "bostaden Norrgården,
Mattmar", "Lövsta gård, Skålan"); a fäbod or säter where someone lives ("bor sommartid på
Storbodsätern"); a cabin or kåta by a named place ("bor i jaktstugan vid Lill-Skärvången");
the way to a house in a village ("bor i tredje huset efter affären i Gällö", "sista gården på
vänster sida").
A village alone is no address ("bor i Hallen"), nor a cabin somewhere in a big place ("en
stuga i Åre", "sommarstugan vid Kallsjön")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from . import lexicon
from .windows import cue_positions, cue_windows, folded, matches_at, matches_at_cues

# A farm or a summer pasture named after its cue word: "driver gården Västergården", "fäbodnamnet
# Nyvallen", "gården (…) som heter Nybacken". In the country a farm's name is its address.
_FARM_CUE = re.compile(
    r"(?i:(?<![\wåäö])(?:gården|gård|fäboden|fäbod|fäbodnamnet|gårdsnamnet|gårdsnamn|torpet"
    r"|sätern|hemmanet)(?![\wåäö]))"
)
# A farm's name given outright: "gården heter Nedre Gudå", "gården som heter Øvre Sivertsgård".
_NAMED_FARM = re.compile(
    r"[ \u00a0]+(?:som[ \u00a0]+)?heter[ \u00a0]+[\"'”“]?(?P<farm>"
    r"(?:(?:Nordre|Søndre|Øvre|Nedre|Vestre|Østre|Övre|Norra|Södra|Östra|Västra|Stora|Lilla)"
    r"[ \u00a0])?[A-ZÅÄÖÆØ][a-zåäöæø\-]{2,30})(?![\wåäöæø])"
)
_CAPITALISED = re.compile(r"(?<![\wåäö])[A-ZÅÄÖ][a-zåäö]{3,30}(?![\wåäö])")
_FARM_CUES = ("gård", "fäbod", "torpet", "sätern", "hemmanet")


def farm_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each farm named soon after "gården", "fäboden" … and ending like a place
    ("-gården", "-vallen", "-backen"), unless it is a village or a known place or lake."""
    lower = folded(text)
    if len(lower) != len(text) or not any(cue in lower for cue in _FARM_CUES):
        return
    for cue in matches_at_cues(_FARM_CUE, text, _FARM_CUES):
        named = _NAMED_FARM.match(text, cue.end())
        if named is not None and not lexicon.is_ordinary(named["farm"].casefold()):
            yield named.start("farm"), named.end("farm")  # "gården heter Nedre Gudå"
            continue
        sentence_end = min(text.find(c, cue.end()) % (len(text) + 1) for c in ".!?\n")
        for word in _CAPITALISED.finditer(text, cue.end(), min(cue.end() + 45, sentence_end)):
            farm = word.group()
            named = cue.group().casefold().endswith(("namnet", "namn"))  # "fäbodnamnet Nyvallen"
            if (
                lexicon.place_like(farm.casefold())
                and not _a_mountain(farm)
                and not _NEAR_A_PLACE.search(text, max(0, word.start() - 16), word.start())
                and (
                    named
                    or not (farm.casefold() in lexicon.localities() or lexicon.is_non_name(farm))
                )
            ):
                yield word.start(), word.end()
                break


# A place the farm is said to be near, not the farm's name: "en gård utanför Hammerdal".
_NEAR_A_PLACE = re.compile(
    r"(?i:utanför|nära|intill|norr om|söder om|öster om|väster om|mot|mellan)[ \u00a0]$"
)


def _a_mountain(place: str) -> bool:
    """ "Fiskonfjället": a mountain is too big to say where a fäbod or cabin by it stands."""
    return place.casefold().endswith(("fjället", "fjäll"))


# A farm's name and its village after it: "Östergården i Kövra", "Norrgården, Mattmar", "Lövsta
# gård, Skålan", "Sörgården Näskott".
_FARM_AND_VILLAGE = re.compile(
    r"(?<![\wåäö])(?P<farm>[A-ZÅÄÖ][a-zåäö]{2,30}(?:[ \u00a0])?gård(?:en)?)"
    r"(?:,[ \u00a0]?|[ \u00a0]i[ \u00a0]|[ \u00a0])"
    r"(?P<village>[A-ZÅÄÖ][a-zåäö\-]{1,30}(?:[ \u00a0][A-ZÅÄÖa-zåäö][a-zåäö]{1,30})?)"
)
# Somewhere someone lives: "bor", "bosatt", "bostaden", "hemmet", "flyttat till", "sommartid" …
_LIVES = (
    r"(?i:(?<![\wåäö])"
    r"(?:bor|bodde|boende|bosatt|bostaden|bostad|hemmet|hem|flyttat|flyttade|sommartid|vintertid)"
    r"(?![\wåäö]))"
)
# A fäbod or säter named where someone lives: "bor sommartid på Storbodsätern", "bor på
# Myssjöfäbodarna".
_NAMED_PASTURE = re.compile(
    rf"{_LIVES}[^.!?\n]{{0,40}}?(?<![\wåäö])(?:på|i)[ \u00a0]"
    r"(?P<place>[A-ZÅÄÖ][a-zåäö\-]{2,30}(?:sätern|säter|fäboden|fäbodarna|fäbod|vallen|vallarna"
    r"|gården|gård)|[A-ZÅÄÖ][a-zåäö]{2,30}[ \u00a0]gård(?:en)?)"
    r"(?![\wåäö])"
)
# Which house in a row: "bor … sista gården på vänster sida", "tredje huset från vägen".
_WHICH_HOUSE = re.compile(
    rf"{_LIVES}[^.!?\n]{{0,40}}?"
    r"(?P<house>(?<![\wåäö])(?i:första|andra|tredje|fjärde|femte|sista|näst sista)[ \u00a0]"
    r"(?i:huset|gården|stugan|villan|lägenheten)[ \u00a0](?i:på|från|till|efter|i)[ \u00a0]"
    r"[^.!?\n,]{2,30}?(?=[.,!?\n]|$))"
)
# A cabin, kåta or croft by a named place where someone lives: "bor i jaktstugan vid
# Lill-Skärvången", "sommartid i kåtan vid Leipikvattnet", "stugan på Myssjöfäbodarna".
_CABIN_BY = re.compile(
    rf"{_LIVES}[^.!?\n]{{0,40}}?"
    r"(?P<home>(?i:\w*stugan|\w*stuga|kåtan|kåta|torpet|\w*torpet)[ \u00a0](?:vid|på)[ \u00a0]"
    r"(?P<place>[A-ZÅÄÖ][\w\-]{2,30}))"
)
# The way to someone's door in a village: "bor i tredje huset efter affären i Gällö", "i gula
# huset vid bron över Ljusnan", "i en lägenhet ovanför affären i Bydalen". A dwelling, a word
# that places it, and a named place within the sentence ("bor i huset bredvid sin mamma" names
# none and is left alone).
_DIRECTIONS = re.compile(
    rf"{_LIVES}[^.!?\n]{{0,40}}?"
    r"(?P<way>(?<![\wåäö])(?i:huset|gården|stugan|lägenheten|lägenhet|villan|radhuset|torpet)"
    r"[ \u00a0](?i:efter|mittemot|mitt[ \u00a0]emot|ovanför|nedanför|bredvid|intill|närmast|vid"
    r"|bakom|framför|längst|närmare|innan)[ \u00a0][^.!?\n]{0,50}?(?<![\wåäö])[A-ZÅÄÖ][\w\-]{2,30})"
)
# Every home these patterns find names a dwelling or a pasture: they are tried only around these
# words (the cue words for living, "bor", "hem", are in far more words, "borde", "hemma"), and
# only where a word for living stands before one.
_DWELLINGS = ("hus", "gård", "stug", "kåta", "torp", "lägenhet", "villa", "säter", "fäbod",
              "vall")  # fmt: skip
_LIVES_AT = re.compile(_LIVES)


# The stems of _LIVES's words, for the one-pass cue search ("hem" finds "hemmet" too).
_LIVES_CUES = ("bor", "bodde", "boende", "bosatt", "bostad", "hem", "flytta", "sommartid",
               "vintertid")  # fmt: skip


def _lives_positions(text: str) -> list[int]:
    """Where a word for living starts, near a dwelling word: every pattern below starts there.
    The cue words come from the shared one-pass search; each is checked as a whole word."""
    windows = cue_windows(text, _DWELLINGS, 100, 110)
    if not windows:
        return []
    positions = cue_positions(text, _LIVES_CUES)
    if positions is None:  # folding changed the text's length: search the windows instead
        return [m.start() for s, e in windows for m in _LIVES_AT.finditer(text, s, e)]
    starts = [start for start, _ in windows]
    found = []
    for position in positions:
        index = bisect_right(starts, position) - 1
        if index >= 0 and position < windows[index][1] and _LIVES_AT.match(text, position):
            found.append(position)
    return found


def homes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each farm with its village, named fäbod and cabin by a place (see the
    module docstring)."""
    yield from farm_names(text)
    yield from _farms_with_villages(text)
    positions = _lives_positions(text)
    if not positions:
        return
    for match in matches_at(_NAMED_PASTURE, text, positions):
        if match["place"].casefold() not in lexicon.localities():
            yield match.start("place"), match.end("place")
    for match in matches_at(_WHICH_HOUSE, text, positions):
        yield match.start("house"), match.end("house")
    for match in matches_at(_DIRECTIONS, text, positions):
        yield match.start("way"), match.end("way")
    for match in matches_at(_CABIN_BY, text, positions):
        # Not by a big lake, river, mountain or town ("sommarstuga vid Kallsjön", "fäbod vid
        # Fiskonfjället"): vague.
        place = match["place"]
        if place.casefold() not in lexicon.word_set("places.txt") and not _a_mountain(place):
            yield match.start("home"), match.end("home")


def _farms_with_villages(text: str) -> Iterator[tuple[int, int]]:
    lower = folded(text)
    if len(lower) != len(text) or "gård" not in lower:
        return
    for window_start, window_end in cue_windows(text, ("gård",), 35, 45):
        for match in _FARM_AND_VILLAGE.finditer(text, window_start, window_end):
            end = _village_end(match)
            if end is not None:
                yield match.start(), end


def _village_end(match: re.Match[str]) -> int | None:
    """Where the village after a farm ends, if it is a village of the county in one or two
    words ("Kövra", "Storsjö kapell"; "Hede" in "Hede som …"), else None."""
    localities = lexicon.localities()
    village = match["village"]
    if village.casefold() in localities:
        end = match.end()
    elif village.split()[0].casefold() in localities:
        end = match.start("village") + len(village.split()[0])
    else:
        return None
    number = _HOUSE_NUMBER.match(match.string, end)  # "Sörgården, Ede 47"
    return number.end() if number else end


_HOUSE_NUMBER = re.compile(r"[ \u00a0]\d{1,4}(?:[ \u00a0]?[A-Za-z](?![\wåäö]))?(?!\d)")
