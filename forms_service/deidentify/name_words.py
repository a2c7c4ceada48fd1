"""What the word lists say about one word as written, decided once per distinct word: its shape
(capitalised, capitals, lower case), whether it is a listed name, an ordinary Swedish word, a
place or organisation, and whether it can be passed over at a glance. names.py reads a text's
words in their context with these."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .cues import COMMON_WORDS, FUNCTION_WORDS

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
class Profile:
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
def profile_of(word: str) -> Profile:
    folded = word.casefold()
    listed = lexicon.is_listed_name(folded)
    return Profile(
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
def at_a_glance(word: str) -> bool:
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


def _ordinary(folded: str, listed: bool) -> bool:
    """For a listed name only the dictionary counts ("Lindqvist" is not lind+kvist); for other
    words compounds of dictionary words count too ("Kontaktförbud")."""
    if folded in FUNCTION_WORDS:
        return True
    if listed:
        return folded in lexicon.swedish_words()
    return lexicon.is_ordinary(folded)
