"""The guard's word lists (forms_service/deidentify/data/, sources and licences in their headers)
and the questions asked of them: is this an ordinary Swedish word, is it a name, is it a place or
an organisation.

Ordinary words come from the Swedish hunspell dictionary (generated_* and swedish_words.txt are
built by scripts/build_guard_wordlists.py); a compound of ordinary words ("kontaktförbud",
"polishuset") counts as ordinary too, because Swedish writes compounds as one word and no list
holds them all. Names come from Faker's person providers for every Latin-script locale plus
hand-written lists for the communities a Jämtland case text meets.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

# The endings of Swedish street names ("Storgatan", "Kyrkvägen"): with a house number, an
# address.
STREET_SUFFIXES = (
    "gatan",
    "gata",
    "vegen",  # Norwegian: "Nordlivegen", "Fjellveien"
    "veien",
    "vägen",
    "väg",
    "gränd",
    "gränden",
    "torget",
    "torg",
    "stigen",
    "backen",
    "allén",
    "allé",
    "leden",
    "platsen",
    "esplanaden",
    "stråket",
    "kajen",
    "slingan",
    "svängen",
    "tået",
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
    "gården",
    "bron",
    "gärdet",
    "fältet",
    "lyckan",
    "ängen",
    "gången",
    "bryggan",
    "terrassen",
    "promenaden",
    "trappan",
)
# The banks whose names case texts write before an account number (case-folded).
BANKS = (
    "swedbank", "nordea", "handelsbanken", "seb", "ica-banken", "ica banken", "icabanken",
    "länsförsäkringar", "sparbanken", "danske bank", "skandiabanken", "skandia", "avanza",
    "ikano",
)  # fmt: skip
# The county's eight municipalities, which case texts name as parties and count by ("Östersund
# 31, Krokom 9", "ett nytt ärende (Berg)").
MUNICIPALITIES = frozenset({"östersund", "krokom", "åre", "berg", "härjedalen", "bräcke",
                            "ragunda", "strömsund"})  # fmt: skip
# The endings of Swedish place names (-by, -vik, -näs, -ås, -sjö, -berg, -fors …): a capitalised
# word with one of them before a house number is a village or farm address even when it is also
# an ordinary word ("Viken 12", "Heden 4").
PLACE_ENDINGS = (
    "byn", "by", "viken", "vik", "näset", "näs", "åsen", "ås", "sjön", "sjö", "dalen", "dal",
    "berget", "berg", "liden", "lid", "forsen", "fors", "stranden", "strand", "torpet", "torp",
    "gården", "gård", "heden", "hed", "holmen", "holm", "ån", "myren", "myr", "mon", "böle",
    "sundet", "sund", "tjärnen", "tjärn", "vallen", "vall", "backen", "backe", "bodarna", "ängen",
    "ön", "udden", "hamnen", "hamn", "stad", "sta", "ryd", "hult", "boda", "landet", "kullen",
    "skogen", "fjället", "fjäll", "tåsjö", "bränna", "brännan", "sätt", "sätter", "åker", "åkern",
    "mark", "marken", "rud", "rum", "lunden", "lund", "hagen", "höjden", "slätten", "bäcken",
    "bäck", "älven", "ede", "inge", "ånger", "vattnet", "fallet", "fäbodarna", "vallarna",
)  # fmt: skip


def place_like(folded: str) -> bool:
    """Does the word end like a Swedish place name ("Orrviken", "Heden", "Tjärnåsen")? A short
    ending must have more before it ("Hallby", not "by")."""
    return folded.endswith(PLACE_ENDINGS) and any(
        folded.endswith(e) and (len(folded) >= len(e) + 2 or len(e) >= 4) for e in PLACE_ENDINGS
    )


# Swedish surnames are very often compounds of nature words (Sand+berg, Lind+gren): a capitalised
# word with one of these endings is not treated as an ordinary compound.
SURNAME_ENDINGS = (
    "sson",
    "son",
    "qvist",
    "kvist",
    "quist",
    "ström",
    "gren",
    "berg",
    "lund",
    "holm",
    "dahl",
    "blad",
    "stedt",
    "lind",
    "ling",
    "lander",
    "bäck",
    "vall",
    "fjell",
    "borg",
    "löf",
    "löv",
    "mark",
    "sjö",
    "felt",
    "hed",
)
# The longest word worth analysing as a compound ("realisationsvinstbeskattningen" has 30 letters).
MAX_WORD = 48
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "van", "von", "de", "la", "le", "da"})
_SPLIT = re.compile(r"[\-'’]")


@cache
def _entries(name: str) -> tuple[str, ...]:
    data = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


# The lists are dicts with None values rather than sets: a dict holding only strings is not
# tracked by Python's garbage collector, a set is, and walking 250 000 entries on every full
# collection would cost more than the scan itself.
WordSet = dict[str, None]


@cache
def word_set(name: str) -> WordSet:
    return dict.fromkeys(entry.casefold() for entry in _entries(name))


def swedish_words() -> WordSet:
    return word_set("swedish_words.txt")


@cache
def _ranks() -> dict[str, int]:
    return {word: rank for rank, word in enumerate(_entries("swedish_words.txt"))}


def word_rank(folded: str) -> int:
    """1 for the most frequent Swedish word; a large number for words not in the list."""
    return _ranks().get(folded, 10**9 - 1) + 1


# A generated name that is one of this many most frequent Swedish words is dropped: Faker's lists
# for other languages hold strings such as "Om", "Som", "Vi" and "Den", which in Swedish text are
# the words. Swedish names that are common words (Hans, Per, Liv) are in the hand-written lists.
COMMON_GENERATED = 500


def _generated(name: str) -> WordSet:
    return {word: None for word in word_set(name) if word_rank(word) > COMMON_GENERATED}


@cache
def first_names() -> WordSet:
    return word_set("first_names.txt") | _generated("generated_first_names.txt")


@cache
def surnames() -> WordSet:
    return word_set("surnames.txt") | _generated("generated_surnames.txt")


@cache
def names() -> WordSet:
    return first_names() | surnames()


def localities() -> WordSet:
    return word_set("jamtland_localities.txt")


_NON_NAME_FILES = (
    "jamtland_localities.txt",
    "places.txt",
    "countries.txt",
    "organisations.txt",
    "not_names.txt",
    "vehicles.txt",
)


@cache
def _vehicle_words() -> frozenset[str]:
    """Every word of every vehicle make and model, folded ("toyota", "cruiser", "kabe"), that is
    not an ordinary Swedish word ("land" in "Land Cruiser")."""
    words = {word.casefold() for entry in _entries("vehicles.txt") for word in entry.split()}
    return frozenset(word for word in words if word not in swedish_words())


def is_vehicle(word: str) -> bool:
    """A vehicle's make or model ("Toyota", "Cruiser", "Kabe", "RMK")."""
    return word.casefold() in _vehicle_words()


@cache
def _non_names() -> tuple[WordSet, WordSet]:
    """(single words matched in any case, ALL-CAPS words matched only in capitals: "SARA" the
    risk assessment is not "Sara" the name)."""
    folded, exact = set(), set()
    for filename in _NON_NAME_FILES:
        for entry in _entries(filename):
            if " " in entry:
                continue
            if entry.isupper() and len(entry) > 1 and filename == "not_names.txt":
                exact.add(entry)
            else:
                folded.add(entry.casefold())
    return dict.fromkeys(folded), dict.fromkeys(exact)


@cache
def _organisation_words() -> frozenset[str]:
    """The last word of every organisation's name, folded ("socialjouren", "kommun"), when it is
    not a place ("Region Jämtland Härjedalen": a number after a place may be anyone's)."""
    places = {e.casefold() for f in ("jamtland_localities.txt", "places.txt", "countries.txt")
              for e in _entries(f)}  # fmt: skip
    last_words = {entry.split()[-1].casefold() for entry in _entries("organisations.txt")}
    return frozenset(last_words - places)


def is_organisation(word: str) -> bool:
    """The (last) word of an organisation's name, also in the genitive ("Kronofogdens", and
    "FK:s" as an abbreviation takes it)."""
    folded = word.casefold().removesuffix(":s")
    known = _organisation_words()
    return folded in known or (folded.endswith("s") and folded[:-1] in known)


@cache
def non_name_phrases() -> re.Pattern[str]:
    """Names of several words ("Mina sidor", "Viking Line", "Kristi himmelsfärd"), as one
    pattern: words inside a match are never warned about."""
    phrases = {
        entry for filename in _NON_NAME_FILES for entry in _entries(filename) if " " in entry
    }
    alternatives = "|".join(
        r"[\s\u00a0]+".join(re.escape(word) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?:{alternatives})s?(?![\w])", re.IGNORECASE)


@cache
def phrase_starts() -> frozenset[str]:
    """The first words of the names in non_name_phrases(), folded."""
    return frozenset(
        entry.split()[0].casefold()
        for filename in _NON_NAME_FILES
        for entry in _entries(filename)
        if " " in entry
    )


# The stems of international non-proprietary medicine names ("escitalopram", "desloratadin",
# "sumatriptan"): no list holds every medicine, and no personal name ends like these.
_MEDICINE_ENDINGS = (
    "pram", "azepam", "azolam", "prazol", "olol", "sartan", "statin", "triptan", "tadin",
    "pril", "dipin", "formin", "gliptin", "flozin", "cillin", "mycin", "cyklin", "oxacin",
    "semid", "tiazid", "setron", "dronat", "lukast", "metason", "parin", "xaban", "gatran",
    "umab", "ximab", "zumab", "tinib", "oxetin", "faxin", "zapin", "tiapin", "peridol",
    "triptylin", "pramin", "profen", "fenak", "kodon", "tamol", "glutid", "sulid",
)  # fmt: skip
# A laboratory analysis with its specimen prefix: "P-glukos", "S-Litium", "fP-Kolesterol",
# "B-Hb", "U-sticka", "Pt-INR".
_LAB_ANALYSIS = re.compile(r"(?:f|c)?(?:p|s|b|u|pt|ery|lkc|csv|f|tr)-[a-zåäö0-9]", re.IGNORECASE)


def medical_word(folded: str) -> bool:
    """A medicine by its generic name's ending, or a laboratory analysis."""
    if "-" in folded[:5] and _LAB_ANALYSIS.match(folded):
        return True
    return len(folded) >= 7 and folded.endswith(_MEDICINE_ENDINGS)


def is_non_name(word: str) -> bool:
    """A place, organisation, law, holiday, car make, medicine …, also in the genitive (and an
    abbreviation's: "Brå:s")."""
    folded_set, exact = _non_names()
    word = word.removesuffix(":s")
    if word in exact or (word.endswith("s") and word[:-1] in exact):
        return True
    folded = word.casefold()
    if word.isupper() and len(word) > 1 and folded not in folded_set:
        return medical_word(folded)
    if folded in folded_set or (folded.endswith("s") and folded[:-1] in folded_set):
        return True
    return medical_word(folded)


def is_listed_name(folded: str) -> bool:
    """A listed first name or surname, its genitive ("Eriks"), or a hyphenated name whose parts
    are names or particles ("Britt-Marie", "Al-Hassan")."""
    known = names()
    if folded in known:
        return True
    if folded.endswith("s") and folded[:-1] in known and folded not in swedish_words():
        return True
    parts = [p for p in _SPLIT.split(folded) if p]
    if len(parts) < 2:
        return False
    named = [p for p in parts if p in known or (p.endswith("s") and p[:-1] in known)]
    return bool(named) and all(p in _PARTICLES or p in named for p in parts)


@lru_cache(maxsize=65536)
def is_ordinary(folded: str) -> bool:
    """An ordinary Swedish word: in the dictionary, or a compound of dictionary words, or
    hyphenated parts that each are ("sms-kontakt", "e-post")."""
    words = swedish_words()
    if folded in words:
        return True
    if len(folded) > MAX_WORD:
        return False  # no compound is that long; and the check below grows with the length
    parts = [p for p in _SPLIT.split(folded) if p]
    if len(parts) > 1:
        # A one-letter part too: "e-post", "k-märkt" (but not "j-o", which is initials).
        known = all(len(p) == 1 or is_ordinary(p) or is_non_name(p) for p in parts)
        return known and any(len(p) >= 3 for p in parts)
    return _compound(folded, 3)


def _compound(word: str, depth: int) -> bool:
    if depth == 0 or len(word) < 6:
        return False
    words = swedish_words()
    for cut in range(len(word) - 4, 2, -1):
        tail = word[cut:]
        if tail not in words:
            continue
        head = word[:cut]
        # Compound heads drop or add a vowel or a linking s: kvinn(o)+frid, skol(a)+gård, arbet+s.
        heads = (head, head[:-1], head + "a", head[:-1] + "a", head + "e")
        if any(len(h) >= 3 and h in words for h in heads):
            return True
        if _compound(head, depth - 1) or (head.endswith("s") and _compound(head[:-1], depth - 1)):
            return True
    return False


def looks_like_surname(folded: str) -> bool:
    return len(folded) > 5 and folded.isalpha() and folded.endswith(SURNAME_ENDINGS)
