"""Street names, for addresses.py: is a word a street ("Storgatan", "Storg.", "Prästg"), where
does a street named in two words start ("Gröna Gatan 8", "Gamla Landsvägen 20", "kyrk gatan 15"),
a number before a street ("12 Storgatan"), a house number written in words ("Prästgatan
fyrtiosex", "Gärde nr fyrtiosju") or given a sentence after its street ("Huset har nummer 12
C"); the word before a number that makes it no house number (a vehicle's make: "Kabe 560") or
part of a locality's name ("Storsjö kapell 144"); an authority's own address; and addresses
given by their marker ("c/o Nilsson", "lgh 1203", "Box 115", "ul. Długa 14/3")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless, lexicon
from .cues import FUNCTION_WORDS
from .phones import NUMBER_WORD, TENS_OR_TEENS
from .windows import folded, literal_spans, matches_at_cues

# Road types are not street names: "riksväg 87" is a road number (harmless.py masks most).
ROADS = {
    "riksväg", "riksvägen", "länsväg", "länsvägen", "europaväg", "europavägen", "motorväg",
    "motorvägen", "landsväg", "landsvägen", "väg", "vägen", "gata", "gatan", "bilväg", "skogsväg",
    "grusväg", "cykelväg", "gångväg", "genomfartsväg", "huvudgata", "bygata",
    "studieväg", "studievägen",  # SFI's study paths: "kurs C, studieväg 2"
}  # fmt: skip
DIRECTION = re.compile(
    r"(?:Östra|Västra|Norra|Södra|Stora|Lilla|Övre|Nedre|Gamla|Nya|Inre|Yttre) $"
)
_STREET_AFTER = re.compile(r"[ \u00a0](?P<word>[A-ZÅÄÖ][a-zåäö]{2,40})(?![\wåäö])")


def street(folded: str) -> bool:
    """A street name: "Storgatan", "Kyrkvägen" (not a road type: "riksvägen")."""
    if folded in ROADS or not folded.endswith(lexicon.STREET_SUFFIXES):
        return False
    return any(folded.endswith(s) and len(folded) > len(s) + 1 for s in lexicon.STREET_SUFFIXES)


def abbreviated_street(word: str, folded: str) -> bool:
    """ "Storg.", "Ringv.", "köpmang.", "Prästg", "Regementsg." (not "dag", "berg")."""
    stem = folded.rstrip(".")
    if not stem.endswith(("g", "v")) or len(stem) < 4:
        return False
    if word.endswith("."):
        return True
    # Without the dot, what comes before the "g"/"v" must be a word or a name a street is named
    # after ("Präst|g", "Ring|v", "Kungs|g"): "Samsung 22" and "Hamburg 2" are not streets.
    head = stem[:-1]
    return not lexicon.is_ordinary(stem) and (
        lexicon.is_ordinary(head)
        or lexicon.is_ordinary(head + "a")
        or (head.endswith("s") and lexicon.is_ordinary(head[:-1]))
        or lexicon.is_listed_name(head)
        or head in lexicon.localities()
    )


# A street named in two words: "Gröna Gatan 8", "Gamla Vägen 12", "Norra Gröna Gatan 8".
# Norwegian too: "Kongens gate 12", "Fjellets vei 3".
_STREET_WORDS = {"gatan", "vägen", "gränd", "gränden", "torget", "allé", "allén", "stigen",
                 "backen", "leden", "platsen", "gata", "väg", "gård", "gården", "gate", "vei",
                 "veg", "veien", "vegen"}  # fmt: skip
# A street name typed in two parts, whose first part is no word of its own ("kyrk gatan 15").
_SPLIT_STREET_WORDS = {"gatan", "gata", "gränd", "gränden", "torget", "allén"}
_ADJECTIVES = {"samma", "andra", "stora", "lilla", "nya", "gamla", "hela", "långa", "breda"}
_SPLIT_STREET = re.compile(r"(?<![\wåäö])(?P<head>[A-Za-zÅÄÖåäö]{3,20}) $")
DIRECTION_AT = re.compile(DIRECTION.pattern.rstrip("$"))
# Written in lower case after the name: "Oldens väg 8", "Orrvikens gård 3".
_LOWER_STREET_WORDS = {"väg", "gata", "gränd", "gård", "gården", "gate", "vei", "veg"}
# Norwegian letters too: "Kong Øysteins veg 28".
_TITLE_WORD_BEFORE = re.compile(r"(?<![\wåäöøæ])(?:[A-ZÅÄÖØÆ][a-zåäöøæ]{1,30} ){1,2}$")


def named_street(masked: str, word_start: int, word: str) -> int | None:
    """Where a two-word street name starts when `word` is its capitalised street word, else
    None ("Gröna Gatan 8"; not "vägen 87" nor "Väg 87")."""
    folded = word.casefold()
    if DIRECTION_AT.match(masked, word_start) and (folded in _STREET_WORDS or folded in ROADS):
        return word_start  # "Gamla Vägen 12", "Gamla Landsvägen 20"
    if folded in _SPLIT_STREET_WORDS:
        split = _SPLIT_STREET.search(masked, max(0, word_start - 30), word_start)
        head = split["head"].casefold() if split else ""
        if (
            split
            and head not in FUNCTION_WORDS
            and head not in _ADJECTIVES
            and street(head + folded)
        ):
            return split.start()  # "kyrk gatan 15": a street name typed in two parts
    if folded not in _STREET_WORDS or not (word[0].isupper() or folded in _LOWER_STREET_WORDS):
        return None
    before = _TITLE_WORD_BEFORE.search(masked, max(0, word_start - 40), word_start)
    previous = before.group().split()[-1].casefold() if before else ""
    if before is None or previous in ROADS or previous in FUNCTION_WORDS:
        return None
    return before.start()


def street_after(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """ "12 Storgatan": a number before a street name."""
    after = _STREET_AFTER.match(masked, end)
    if after and street(after["word"].casefold()):
        return start, after.end()
    return None


# A house number in words after a street or a village: "Prästgatan fyrtiosex", "Gärde nr
# fyrtiosju" (a dodge; only numbers from eleven up, which contain a tens or teens word: "Hallen
# tre" is too often no address). phones.py finds the same words, and the search is cached.
_WORDED_NUMBER = re.compile(
    r"(?<![\wåäö])(?P<word>[^\W\d_][\w\-]{2,30})\.?[ \u00a0](?i:nr\.?[ \u00a0]|nummer[ \u00a0])?"
    rf"(?i:{NUMBER_WORD})(?![\wåäö])"
)


def worded_house_numbers(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each street or village with its house number in words."""
    lower = folded(text)
    if len(lower) != len(text):
        return
    for cue_start, _ in literal_spans(lower, TENS_OR_TEENS):
        if cue_start and lower[cue_start - 1].isalpha():
            continue  # inside a word: "själva", "kvarton"; a number in words starts with it
        for match in _WORDED_NUMBER.finditer(text, max(0, cue_start - 50), cue_start + 20):
            word, number = match["word"], match.group()[len(match["word"]) :].casefold()
            if not any(cue in number for cue in TENS_OR_TEENS):
                continue  # "Hallen tre gånger …, tjugo personer": the number is not the cue's
            if harmless.QUANTITY_AFTER.match(text, match.end()):
                continue
            place = word[0].isupper() and word.casefold() in lexicon.localities()
            if street(word.casefold()) or abbreviated_street(word, word.casefold()) or place:
                yield match.start(), match.end()


# The word before a word: a vehicle's make before its model, a locality's first word.
_WORD_BEFORE = re.compile(r"(?<![\wåäö])(?P<word>[\wåäöÅÄÖ]{2,30}) $")


def vehicle_model(masked: str, word_start: int, word: str) -> bool:
    """The word, or the word before it, is a vehicle's make or model: "Kabe 560", "Lynx Rave
    600"; but a village of the county is a village after a make too ("Volvo Hallen 215")."""
    if word.casefold() in lexicon.localities():
        return False
    if lexicon.is_vehicle(word):
        return True
    before = _WORD_BEFORE.search(masked, max(0, word_start - 30), word_start)
    return before is not None and lexicon.is_vehicle(before["word"])


def two_word_locality(masked: str, word_start: int, folded: str) -> int | None:
    """Where a locality of two words starts when `folded` is its second ("Storsjö kapell 144",
    "Östra Ammer 12"), else None."""
    before = _WORD_BEFORE.search(masked, max(0, word_start - 30), word_start)
    if before is None or not before["word"][0].isupper():
        return None
    if f"{before['word'].casefold()} {folded}" in lexicon.localities():
        return before.start("word")
    return None


# The house number in a sentence after the street's: "Familjen bor på Prästgårdsvägen i
# Hammerdal. Huset har nummer 12 C." The number is blocked; the street alone is no address.
_NUMBER_APART = re.compile(
    r"(?i:huset|porten|villan|radhuset|lägenheten|fastigheten|uppgången)[ \u00a0]"
    r"(?i:har|är)[ \u00a0](?i:nummer|nr\.?|husnummer|nummer)[ \u00a0]?"
    r"(?P<number>[1-9]\d{0,3}(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?)(?![\d\wåäö])"
)
_STREET_EARLIER = re.compile(r"(?<![\wåäö])[A-ZÅÄÖ][a-zåäö\-]{2,40}(?:gatan|vägen|gränd|stigen)\b")


# A house number named as one: "husnr 41 står på brevlådan" (the village is named elsewhere).
_HOUSE_NUMBER = re.compile(
    r"(?i:(?<![\wåäö])(?:husnr|husnummer|husnumret|hus[ \u00a0]nr)\.?:?[ \u00a0]?(?:är[ \u00a0])?)"
    r"(?P<number>[1-9]\d{0,3}(?:[ \u00a0]?[A-Ha-h](?![\wåäö]))?)(?![\d\wåäö])"
)


def house_number_apart(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of a house number given apart from its street, which a sentence before
    names, or named as a house number."""
    for match in matches_at_cues(_HOUSE_NUMBER, text, ("husn", "hus nr", "hus\u00a0nr")):
        yield match.start("number"), match.end("number")
    for match in matches_at_cues(
        _NUMBER_APART,
        text,
        ("huset", "porten", "villan", "radhuset", "lägenheten", "fastigheten", "uppgången"),
    ):
        if _STREET_EARLIER.search(text, max(0, match.start() - 150), match.start()):
            yield match.start("number"), match.end("number")


# An authority's or a public building's own address, named right before it and a comma:
# "Socialförvaltningens lokaler, Rådhusgatan 44", "Region Jämtland Härjedalen, Box 654, 831 27
# Östersund", "Länsstyrelsen Jämtlands län, 831 86 Östersund". It identifies no one. Not after
# a word that puts a person there ("bor", "hos", "bostad"), and never a shelter's address: a
# kvinnojour's or a skyddat boende's address is kept secret to protect the women there.
_AUTHORITY_WORDS = (
    r"(?i:(?<![\wåäö])(?:kommun\w*|rådhuset|stadshuset|kommunhuset|\w*förvaltning\w*"
    r"|socialtjänst\w*|region\w*|länsstyrelsen|polisen|polishuset|polisstation\w*|tingsrätt\w*"
    r"|hovrätt\w*|migrationsverket|försäkringskassan|arbetsförmedlingen|kriminalvård\w*"
    r"|frivård\w*|skatteverket|sjukhus\w*|hälsocentral\w*|vårdcentral\w*|lokaler|myndighet\w*"
    r"|universitet\w*|familjecentral\w*)(?![\wåäö]))"
)
# What every authority word above holds: a quick test before the patterns are searched.
_AUTHORITY_STEMS = (
    "kommun", "rådhuset", "stadshuset", "förvaltning", "socialtjänst", "region", "länsstyrelsen",
    "polis", "rätt", "migrationsverket", "försäkringskassan", "arbetsförmedlingen", "vård",
    "skatteverket", "sjukhus", "hälsocentral", "lokaler", "myndighet", "universitet",
    "familjecentral",
)  # fmt: skip
_AUTHORITY = re.compile(
    _AUTHORITY_WORDS
    # The rest of its name (up to three words), earlier parts of its address, then a comma.
    + r"(?:[ \u00a0]+[A-Za-zÅÄÖåäö\-]+){0,3}(?:[ \u00a0]*,[ \u00a0]*[^,\n.;:!?]{1,30}){0,2}"
    r"[ \u00a0]*,[ \u00a0]*$"
)
# An authority's premises named right before the address: "Regionens lokal på Kyrkgatan 12",
# "i socialtjänstens lokaler på Rådhusgatan 44", "polisens kontor i Strömsund, Storgatan 8".
_PREMISES = re.compile(
    _AUTHORITY_WORDS
    + r"(?:[ \u00a0]+[\wåäö\-]+){0,3}?[ \u00a0]+(?i:lokal|lokaler|lokalen|lokalerna|kontor"
    r"|kontoret|mottagning|mottagningen|reception|receptionen|samlingssal|sal)"
    r"(?:[ \u00a0]+(?:på|i|vid)[ \u00a0]+[A-ZÅÄÖ][\wåäö\-]+,?)?[ \u00a0]+(?:på|i|vid|,)?[ \u00a0]?$"
)
# Only an office has a visiting address: "Besöksadress Rådhusgatan 44", "besöksadress: …".
_VISITING_ADDRESS = re.compile(r"(?i:besöksadress|besöksadr\.?)[ \u00a0]?:?[ \u00a0]?$")
_AUTHORITY_NAMED = re.compile(_AUTHORITY_WORDS)
_PERSON_THERE = re.compile(
    r"(?i:(?<![\wåäö])(?:bor|bodde|bott|bostad|bostaden|hemadress|folkbokförd|flyttat|flyttade|hos"
    r"|hem|hemma|lägenhet|adressen till|skriven|hon|han|henne|honom|hen|dem|de|paret|familjen"
    r"|kvinnan|mannen|barnen|placerad|placerade|placerat|flyttar)(?![\wåäö]))"
)


_LIVES = re.compile(
    r"(?i:(?<![\wåäö])(?:bor|bodde|bott|bostad|hemadress|folkbokförd|hos)(?![\wåäö]))"
)


def authority_address(text: str, start: int) -> bool:
    """Is the address or postcode at `start` the address of the authority named just before it
    on the same line, with nothing that puts a person there?"""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 90) : start]
    lower = before.casefold()
    if not any(stem in lower for stem in _AUTHORITY_STEMS):
        return False  # most addresses: no authority named before them (and no regex is run)
    if _VISITING_ADDRESS.search(before) and _AUTHORITY_NAMED.search(before):
        return True  # "Socialtjänsten …, Postadress: … Besöksadress Rådhusgatan 44": an office's
    if _PREMISES.search(before) and not _LIVES.search(before):
        return True
    authority = _AUTHORITY.search(before)
    if authority is None or _LIVES.search(before):
        return False
    return not _PERSON_THERE.search(authority.group())


# What marks an address without a street: c/o, a flat, a box, a mailbox at the road, and a
# street abroad after its own marker.
_MARKERS = re.compile(
    r"(?<![\wåäö])(?:c/o|C/O|c/o\.)[ \u00a0]{0,3}[^\s,.;]{0,40}"
    r"|(?<![\wåäö])(?:[Ll]gh|[Ll]ägenhet(?:snummer)?|LGH)[ \u00a0.:]{0,3}(?:nr[ \u00a0.]{0,2})?"
    # not a year: "flytta till egen lgh 2026" (a flat's number begins with its floor + 10)
    r"(?!20\d\d(?!\d))\d{3,4}(?!\d)"
    r"|(?<![\wåäö])(?:Box|BOX|Postbox|Fack)[ \u00a0]{1,3}\d{1,6}(?!\d)"
    # In lower case only with a postcode after it: "box 112 83321 Strömsund".
    r"|(?<![\wåäö])box[ \u00a0]{1,3}\d{1,6}(?=[ ,\u00a0]{1,3}[1-9]\d{2}[ \u00a0]?\d{2}(?!\d))"
    # A mailbox at the road by its number and village: "låda 14, Ankarvattnet".
    r"|(?<![\wåäö])(?i:låda|postlåda|postlådan|brevlåda|brevlådan)[ \u00a0](?:nr\.?[ \u00a0])?"
    r"\d{1,4}(?!\d)(?=,?[ \u00a0](?:i[ \u00a0]|vid[ \u00a0])?[A-ZÅÄÖ])"
    # A street abroad after the word that marks one (Polish "ul.", Ukrainian "vul."): "ul. Długa
    # 14/3", "vul. Shevchenka 12".
    r"|(?<![\wåäö])(?:ul\.|ulica|vul\.|vulytsia)[ \u00a0]?[^\W\d_][\w\-]+"
    r"(?:[ \u00a0][^\W\d_][\w\-]+){0,2}[ \u00a0]\d{1,4}(?:[/\-]\d{1,4})?[A-Za-z]?(?![\w])"
)
# Every marker starts with one of these (case-folded): the pattern is tried only there.
_MARKER_CUES = ("c/o", "lgh", "lägenhet", "box", "postbox", "fack", "låda", "postlåd", "brevlåd",
                "ul.", "ulica", "vul.", "vulytsia")  # fmt: skip


def marked(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each address given by its marker ("c/o Nilsson", "lgh 1203", "Box 115",
    "låda 14, Ankarvattnet", "ul. Długa 14/3"), unless it is an authority's own."""
    for match in matches_at_cues(_MARKERS, text, _MARKER_CUES):
        if not authority_address(text, match.start()):
            yield match.start(), match.end()
