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

from . import lexicon
from .cues import COMMON_WORDS, CUES, FUNCTION_WORDS, SUBJECT_VERBS
from .findings import Finding, finding

_TOKEN = re.compile(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*(?::[a-zåäö]{1,3}(?![\w]))?")
_SENTENCE_END = set('.!?:;•\n\r\t"“”(') | {"-", "–", "—", "*", "•", ">"}
_SWEDISH_LETTERS = set("abcdefghijklmnopqrstuvwxyzåäöéèüàABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÈÜÀ")
_INITIALS = re.compile(
    r"(?=[A-ZÅÄÖ])(?:(?<![\w.])[A-ZÅÄÖ]\.(?:[ \u00a0]?[A-ZÅÄÖ](?:\.|(?=:s))){1,5}(?::s)?(?![\w])"
    r"|(?<![\w.])[A-ZÅÄÖ]\.(?=[ \u00a0]?\)|[ \u00a0]\(|[ \u00a0][A-ZÅÄÖ][a-zåäö]))"
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


class _Token:
    """One word; its shape and whether it starts a sentence are worked out only when asked."""

    __slots__ = ("_at_start", "_shape", "end", "folded", "start", "text", "whole")

    def __init__(self, whole: str, start: int, end: int) -> None:
        self.whole, self.start, self.end = whole, start, end
        self.text = whole[start:end]
        self.folded = self.text.casefold()
        self._shape: str | None = None
        self._at_start: bool | None = None

    @property
    def shape(self) -> str:
        """ "cap" (Anna, Britt-Marie), "upper" (ANNA), "lower" (anna) or "mixed" (SoL)."""
        if self._shape is None:
            word = self.text
            if word.isupper():
                self._shape = "upper" if sum(c.isalpha() for c in word) > 1 else "cap"
            elif word.islower():
                self._shape = "lower"
            elif word.istitle() or (word[0].isupper() and word[1:].islower()):
                self._shape = "cap"
            else:
                self._shape = "mixed"
        return self._shape

    @property
    def at_start(self) -> bool:
        if self._at_start is None:
            self._at_start = _at_sentence_start(self.whole, self.start)
        return self._at_start


class _Tokens:
    """The words of a text, made into `_Token`s only when a rule looks at them: a long text has
    many words, few of which need more than a glance."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _TOKEN.findall(text)
        self.starts: list[int] = []
        position = 0
        for word in self.words:  # letters always belong to a word, so find() lands on it
            position = text.find(word, position)
            self.starts.append(position)
            position += len(word)
        self._made: dict[int, _Token] = {}

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index: int) -> _Token:
        token = self._made.get(index)
        if token is None:
            start = self.starts[index]
            token = self._made[index] = _Token(self.text, start, start + len(self.words[index]))
        return token


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


@dataclass(frozen=True)
class _Profile:
    """What the word lists say about one word as written; the same for every occurrence."""

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
        other_script=_other_script(word),
        foreign=_foreign(word),
        non_name=lexicon.is_non_name(word),
        listed=listed,
        ordinary=_ordinary(folded, listed),
        rare=lexicon.word_rank(folded) > COMMON_WORDS,
        surname_like=lexicon.looks_like_surname(folded),
    )


def _mostly_capitals(text: str, start: int) -> bool:
    """Is the sentence around `start` written in capitals (police and journal extracts)?"""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 200, 0)
    ends = [x for x in (text.find("\n", start), text.find(". ", start)) if x >= 0]
    right = min([*ends, start + 200])
    letters = [c for c in text[left:right] if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _after_cue(text: str, tokens: _Tokens, index: int) -> bool:
    if index == 0 or tokens.words[index - 1].lower() not in CUES:
        return False
    between = text[tokens.starts[index - 1] + len(tokens.words[index - 1]) : tokens.starts[index]]
    return between.strip(" \u00a0,:(") == ""


def _next_is(text: str, tokens: _Tokens, index: int) -> str:
    """What follows the token: "verb", "name-like", "paren", "comma", or ""."""
    token = tokens[index]
    rest = text[token.end : token.end + 3]
    if rest.startswith((" (", "(")):
        return "paren"
    if rest.startswith(","):
        return "comma"
    if index + 1 >= len(tokens):
        return ""
    following = tokens[index + 1]
    between = text[token.end : following.start]
    if between.strip(" \u00a0") != "":
        return ""
    if following.folded in SUBJECT_VERBS:
        return "verb"
    if following.shape in ("cap", "upper") and not _profile(following.text).ordinary:
        return "name-like"
    if following.folded == "och" and index + 2 < len(tokens):
        after = tokens[index + 2]
        if after.shape == "cap" and _profile(after.text).listed:
            return "name-like"
    return ""


def _is_name(text: str, tokens: _Tokens, index: int) -> bool:
    token = tokens[index]
    word, folded = token.text, token.folded
    if len(word) < 2:
        return False
    profile = _profile(word)
    if profile.other_script:
        return True
    cue = _after_cue(text, tokens, index)
    if token.shape == "mixed":
        return profile.listed and not profile.non_name
    if token.shape == "upper":
        return _is_name_in_capitals(text, tokens, index, cue)
    listed, ordinary, rare = profile.listed, profile.ordinary, profile.rare
    if token.shape == "lower":
        if profile.non_name or folded in FUNCTION_WORDS or folded in SUBJECT_VERBS:
            return False
        if cue:  # "sambon tesfay", "sonen ask", but not "mamman bor"
            return not ordinary or (listed and rare)
        if listed and rare and token.at_start and _next_is(text, tokens, index) == "verb":
            return True  # "linnea sms:ade …" in a text written without capitals
        return len(word) >= 4 and listed and not ordinary
    # Capitalised.
    if cue and folded not in FUNCTION_WORDS:
        return True
    if profile.non_name:
        return False
    if profile.foreign:
        return True
    if not token.at_start:
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
    return index + 1 < len(tokens) and tokens[index + 1].folded in CUES


def _is_name_in_capitals(text: str, tokens: _Tokens, index: int, cue: bool) -> bool:
    token = tokens[index]
    profile = _profile(token.text)
    if profile.non_name or len(token.text) < 3:
        return False
    if profile.listed and (not profile.ordinary or cue):
        return True
    if profile.foreign and not profile.ordinary:
        return True
    return not profile.ordinary and _mostly_capitals(text, token.start)


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


def find_names(text: str) -> Iterator[Finding]:
    tokens = _Tokens(text)
    names = lexicon.names()
    words = lexicon.swedish_words()
    phrases = lexicon.non_name_phrases()
    phrase_starts = lexicon.phrase_starts()
    flagged: dict[int, bool] = {}
    protected: set[int] = set()
    protected_until = -1
    previous = ""
    for index, word in enumerate(tokens.words):
        folded = word.lower()
        # The common cases, decided at a glance: an ordinary word in lower case, or capitalised
        # and in the dictionary ("Kvinnan", "Polisen"), that is no name and follows no cue.
        if (
            folded not in names
            and not (folded[-1:] == "s" and folded[:-1] in names)
            and previous not in CUES
            and folded not in phrase_starts
            and (word[0].islower() or (folded in words and word[1:].islower()))
            and not _foreign(word)
        ):
            previous = folded
            continue
        previous = folded
        start = tokens.starts[index]
        if start < protected_until:
            protected.add(index)
            continue
        if folded in phrase_starts:
            phrase = phrases.match(text, start)
            if phrase:
                protected_until = phrase.end()
                protected.add(index)
                continue
        if _is_name(text, tokens, index):
            flagged[index] = True
    _extend_to_neighbours(text, tokens, flagged, protected)
    spans = [(tokens[i].start, tokens[i].end) for i in sorted(flagged)]
    spans += list(_initials(text))
    yield from (finding("name", start, end) for start, end in _merge(text, sorted(spans)))


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
    first, second = tokens[index], tokens[index + 1]
    gap = text[first.end : second.start]
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
