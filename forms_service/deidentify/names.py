"""Personal names (warn). A word is warned about when it is likely to name a person:

* a listed first name or surname (lexicon.py) that is not also an ordinary Swedish word, in any
  case and position ("Fatima", "erik", "FATIMA"), and its genitive ("Eriks");
* a listed name that is also a word (Björn, Per, Liv, Maj) when written with a capital in the
  middle of a sentence, after a kinship or role word ("mamma Maj", "sonen ask"), or as the
  subject at the start of a sentence ("Björn har …", but not "Per telefon …", "Hans bror …");
* a capitalised word that is neither an ordinary Swedish word nor a place, organisation, law,
  holiday, car make or medicine: mid-sentence always, at a sentence start when it acts as a
  subject or is followed by another name ("Tesfay har …", "Kanokwan Saetang …");
* in capitals: a listed name ("RANIA HADDAD"), police style "SURNAME, FIRST NAME", and any word
  that is not an ordinary word in a text written all in capitals;
* words with letters Swedish does not use (Sámi "Máret", Polish "Łukasz") or in other scripts;
* initials ("A.L.", "E.L:s", "K. Sundberg", "(K.)");
* the word after a surname or first name that was found ("Liv Berg", "Hans Olsson").

Adjacent name words become one finding, so one confirmation covers "Britt-Marie Olofsson".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, islice

from . import lexicon
from .cues import COMMON_WORDS, CUES, FUNCTION_WORDS, SUBJECT_VERBS
from .findings import Finding, finding

_TOKEN = re.compile(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*(?::[a-zåäö]{1,3}(?![\w]))?")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_SENTENCE_END = set('.!?:;•\n\r\t"“”(') | {"-", "–", "—", "*", "•", ">"}
_SWEDISH_LETTERS = set("abcdefghijklmnopqrstuvwxyzåäöéèüàABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÈÜÀ")
# The capital comes first, so that the regex engine can skip to the next capital; the
# lookbehind then checks what stands before it.
_INITIALS = re.compile(
    r"[A-ZÅÄÖ](?<![\w.][A-ZÅÄÖ])"
    r"(?:\.(?:[ \u00a0]?[A-ZÅÄÖ](?:\.|(?=:s))){1,5}(?::s)?(?![\w])"
    r"|\.(?=[ \u00a0]?\)|[ \u00a0]\(|[ \u00a0][A-ZÅÄÖ][a-zåäö]))"
)
_NOT_INITIALS = {"P.S.", "O.S.A.", "N.B.", "E.U.", "U.S.A.", "T.ex.", "S.k.", "F.d."}
_LETTER_LABELS = {
    "plan",
    "typ",
    "bilaga",
    "punkt",
    "klass",
    "hus",
    "alt",
    "alternativ",
    "avsnitt",
    "trappa",
    "ingång",
    "entré",
    "del",
    "steg",
    "nivå",
    "grupp",
    "sal",
    "rum",
    "avd",
    "avdelning",
    "port",
    "zon",
    "bokstav",
    "vitamin",
    "hepatit",
}


class _Tokens:
    """The words of a text and where each starts. One split of the text gives both: the words
    and the stretches between them, whose lengths summed in C give every word's offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _TOKEN_SPLIT.split(text)  # [gap, word, gap, word, …, gap]
        self.words: list[str] = parts[1::2]
        # Every other running total (the start of each word), without a list of all of them.
        self.starts: list[int] = list(islice(accumulate(map(len, parts)), 0, len(parts) - 1, 2))

    def __len__(self) -> int:
        return len(self.words)

    def end(self, index: int) -> int:
        return self.starts[index] + len(self.words[index])

    def at_start(self, index: int) -> bool:
        return _at_sentence_start(self.text, self.starts[index])


def _at_sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


_NOT_SWEDISH = re.compile(r"[^\x00-\x7fåäöéèüàÅÄÖÉÈÜÀ’\W\d_]")


def _foreign(word: str) -> bool:
    """Letters Swedish does not use: another script, or Latin letters such as á, ł, ś, ž."""
    return not word.isascii() and _NOT_SWEDISH.search(word) is not None


def _other_script(word: str) -> bool:
    return not word.isascii() and any(
        c.isalpha() and "LATIN" not in unicodedata.name(c, "") for c in word
    )


def _shape(word: str) -> str:
    """ "cap" (Anna, Britt-Marie), "upper" (ANNA), "lower" (anna) or "mixed" (SoL)."""
    if word.isupper():
        return "upper" if sum(c.isalpha() for c in word) > 1 else "cap"
    if word.islower():
        return "lower"
    if word.istitle() or (word[0].isupper() and word[1:].islower()):
        return "cap"
    return "mixed"


@dataclass(frozen=True)
class _Profile:
    """What the word lists say about one word as written; the same for every occurrence."""

    folded: str
    shape: str
    other_script: bool
    foreign: bool
    non_name: bool
    listed: bool
    ordinary: bool
    rare: bool
    surname_like: bool


@lru_cache(maxsize=65536)
def _profile(word: str) -> _Profile:
    folded = word.casefold()
    listed = lexicon.is_listed_name(folded)
    return _Profile(
        folded=folded,
        shape=_shape(word),
        other_script=_other_script(word),
        foreign=_foreign(word),
        non_name=lexicon.is_non_name(word),
        listed=listed,
        ordinary=_ordinary(folded, listed),
        rare=lexicon.word_rank(folded) > COMMON_WORDS,
        surname_like=lexicon.looks_like_surname(folded),
    )


@lru_cache(maxsize=65536)
def _at_a_glance(word: str) -> bool:
    """Can this word be passed over without a closer look (unless it follows a cue word)? An
    ordinary word in lower case, or capitalised and in the dictionary ("Kvinnan", "Polisen"),
    that is no name and starts no listed phrase."""
    folded = word.lower()
    names = lexicon.names()
    return (
        folded not in names
        and not (folded[-1:] == "s" and folded[:-1] in names)
        and folded not in lexicon.phrase_starts()
        and (word[0].islower() or (folded in lexicon.swedish_words() and word[1:].islower()))
        and not _foreign(word)
    )


def _mostly_capitals(text: str, start: int) -> bool:
    """Is the sentence around `start` written in capitals (police and journal extracts)?"""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 200, 0)
    ends = [x for x in (text.find("\n", start), text.find(". ", start)) if x >= 0]
    right = min([*ends, start + 200])
    letters = list(filter(str.isalpha, text[left:right]))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _after_cue(text: str, tokens: _Tokens, index: int) -> bool:
    if index == 0 or tokens.words[index - 1].lower() not in CUES:
        return False
    between = text[tokens.end(index - 1) : tokens.starts[index]]
    return between.strip(" \u00a0,:(") == ""


def _next_is(text: str, tokens: _Tokens, index: int) -> str:
    """What follows the token: "verb", "name-like", "paren", "comma", or ""."""
    end = tokens.end(index)
    rest = text[end : end + 3]
    if rest.startswith((" (", "(")):
        return "paren"
    if rest.startswith(","):
        return "comma"
    if index + 1 >= len(tokens):
        return ""
    between = text[end : tokens.starts[index + 1]]
    if between.strip(" \u00a0") != "":
        return ""
    following = _profile(tokens.words[index + 1])
    if following.folded in SUBJECT_VERBS:
        return "verb"
    if following.shape in ("cap", "upper") and not following.ordinary:
        return "name-like"
    if following.folded == "och" and index + 2 < len(tokens):
        after = _profile(tokens.words[index + 2])
        if after.shape == "cap" and after.listed:
            return "name-like"
    return ""


def _is_name(text: str, tokens: _Tokens, index: int) -> bool:
    word = tokens.words[index]
    if len(word) < 2:
        return False
    profile = _profile(word)
    if profile.other_script:
        return not profile.non_name  # a unit such as "µmol" is on the list
    if profile.shape == "mixed":
        return profile.listed and not profile.non_name
    cue = _after_cue(text, tokens, index)
    if profile.shape == "upper":
        return _is_name_in_capitals(text, tokens, index, cue)
    folded = profile.folded
    listed, ordinary, rare = profile.listed, profile.ordinary, profile.rare
    if profile.shape == "lower":
        if profile.non_name or folded in FUNCTION_WORDS or folded in SUBJECT_VERBS:
            return False
        if cue:  # "sambon tesfay", "sonen ask", but not "mamman bor"
            return not ordinary or (listed and rare)
        if listed and rare and tokens.at_start(index) and _next_is(text, tokens, index) == "verb":
            return True  # "linnea sms:ade …" in a text written without capitals
        return len(word) >= 4 and listed and not ordinary
    # Capitalised.
    if cue and folded not in FUNCTION_WORDS:
        return True
    if profile.non_name:
        return False
    if profile.foreign:
        return True
    if not tokens.at_start(index):
        return listed or not ordinary or profile.surname_like
    if folded in FUNCTION_WORDS:
        return False
    following = _next_is(text, tokens, index)
    if listed and not ordinary:
        return True
    if folded.endswith("s") and lexicon.is_listed_name(folded[:-1]) and _next_is_kin(tokens, index):
        return rare  # "Pers bror …", but "Hans bror …" is "his brother"
    if listed:
        expected = ("verb", "name-like", "paren", "comma") if rare else ("verb", "name-like")
        return following in expected
    if ordinary:
        return False
    return following in ("verb", "name-like", "paren", "comma")


def _ordinary(folded: str, listed: bool) -> bool:
    """For a listed name only the dictionary counts ("Lindqvist" is not lind+kvist); for other
    words compounds of dictionary words count too ("Kontaktförbud")."""
    if folded in FUNCTION_WORDS:
        return True
    if listed:
        return folded in lexicon.swedish_words()
    return lexicon.is_ordinary(folded)


def _next_is_kin(tokens: _Tokens, index: int) -> bool:
    """ "Pers bror …": a genitive name before a kinship word."""
    return index + 1 < len(tokens) and tokens.words[index + 1].casefold() in CUES


def _is_name_in_capitals(text: str, tokens: _Tokens, index: int, cue: bool) -> bool:
    word = tokens.words[index]
    profile = _profile(word)
    if profile.non_name or len(word) < 3:
        return False
    if profile.listed and (not profile.ordinary or cue):
        return True
    if profile.foreign and not profile.ordinary:
        return True
    return not profile.ordinary and _mostly_capitals(text, tokens.starts[index])


def _initials(text: str) -> Iterator[tuple[int, int]]:
    for match in _INITIALS.finditer(text):
        found = match.group()
        if found in _NOT_INITIALS or found.rstrip(":s") in _NOT_INITIALS:
            continue
        if len(found) <= 2:  # one letter and a dot: not "plan B." or "typ A."
            before = text[max(0, match.start() - 12) : match.start()].split()
            if before and (
                before[-1].casefold().strip("(") in _LETTER_LABELS or before[-1][-1:].isdigit()
            ):
                continue
        yield match.start(), match.end()


def _candidates(tokens: _Tokens) -> list[int]:
    """The words worth a closer look: those not passed over at a glance, and every word right
    after a cue word ("sambon erik"). Decided once per distinct word, then picked out in C."""
    words = tokens.words
    distinct = set(words)
    look = {word for word in distinct if not _at_a_glance(word)}
    cues = {word for word in distinct if word.lower() in CUES}
    indices = set(compress(count(), map(look.__contains__, words)))
    indices.update(compress(count(1), map(cues.__contains__, words[:-1])))
    return sorted(indices)


def find_names(text: str) -> Iterator[Finding]:
    tokens = _Tokens(text)
    phrases = lexicon.non_name_phrases()
    phrase_starts = lexicon.phrase_starts()
    flagged: dict[int, bool] = {}
    protected: set[int] = set()
    protected_until = -1
    for index in _candidates(tokens):
        start = tokens.starts[index]
        if start < protected_until:
            protected.add(index)
            continue
        if tokens.words[index].lower() in phrase_starts:
            phrase = phrases.match(text, start)
            if phrase:
                protected_until = phrase.end()
                protected.add(index)
                continue
        if _is_name(text, tokens, index):
            flagged[index] = True
    _repeat_names(tokens, flagged, protected)
    _extend_to_neighbours(text, tokens, flagged, protected)
    spans = [(tokens.starts[i], tokens.end(i)) for i in sorted(flagged)]
    spans += list(_initials(text))
    yield from (finding("name", start, end) for start, end in _merge(text, sorted(spans)))


def _repeat_names(tokens: _Tokens, flagged: dict[int, bool], protected: set[int]) -> None:
    """A word found as a name is a name wherever else it stands in the same text, as written
    or with a genitive s: "heter lilja … lilja vill inte", "heter Sol. Sols man …"."""
    found = {tokens.words[index] for index in flagged}
    found = {word for word in found if len(word) >= 2}
    if not found:
        return
    wanted = found | {word + "s" for word in found}
    for index in compress(count(), map(wanted.__contains__, tokens.words)):
        if index not in protected:
            flagged[index] = True


def _extend_to_neighbours(
    text: str, tokens: _Tokens, flagged: dict[int, bool], protected: set[int]
) -> None:
    """A capitalised word right after a found name is its surname ("Liv Berg", "Kent Lind");
    a listed first name right before one is its first name ("Hans Olsson")."""
    for found in sorted(flagged):
        for index in (found - 1, found):
            if 0 <= index < len(tokens) - 1 and not {index, index + 1} & protected:
                _extend_pair(text, tokens, flagged, index)


def _extend_pair(text: str, tokens: _Tokens, flagged: dict[int, bool], index: int) -> None:
    gap = text[tokens.end(index) : tokens.starts[index + 1]]
    first, second = _profile(tokens.words[index]), _profile(tokens.words[index + 1])
    if gap not in (" ", "\u00a0", ", ") or (gap == ", " and first.shape != "upper"):
        return
    if first.shape != second.shape or first.shape not in ("cap", "upper"):
        return
    if flagged.get(index) and not flagged.get(index + 1):
        if second.folded not in FUNCTION_WORDS and (
            lexicon.is_listed_name(second.folded)
            or not lexicon.is_ordinary(second.folded)
            or (first.shape == "upper" and gap == ", ")
        ):
            flagged[index + 1] = True
    elif (
        flagged.get(index + 1)
        and not flagged.get(index)
        and gap != ", "
        and lexicon.is_listed_name(first.folded)
        and first.folded not in FUNCTION_WORDS
    ):
        flagged[index] = True


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in spans:
        if (merged and text[merged[-1][1] : start] in ("", " ", "\u00a0", "-")) or (
            merged and start < merged[-1][1]
        ):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
