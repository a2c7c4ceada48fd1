"""Personal names (warn): listed first names and surnames, and capitalised words mid-sentence that
are not on the allowlist of places, organisations and everyday words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from .findings import Finding, finding


@cache
def _word_list(name: str) -> frozenset[str]:
    data = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    words = set()
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.casefold())
    return frozenset(words)


def known_names() -> frozenset[str]:
    return _word_list("names.txt")


def allowlist() -> frozenset[str]:
    return _word_list("allowlist.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also everyday Swedish words (Bo, Per, Stig …): flagged only mid-sentence."""
    return _word_list("ambiguous_names.txt")


_WORD = re.compile(r"(?<![\w\-])[^\W\d_][^\W\d_'’]*(?:[\-'’][^\W\d_]+)*(?![\w])")
_SENTENCE_END = set('.!?:;•\n\r\t"“”(') | {"-", "–", "—", "*"}


def _at_sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _allowed(folded: str, parts: list[str], allowed: frozenset[str]) -> bool:
    """In the allowlist, also in the genitive ("Östersunds kommun") and as hyphenated parts."""

    def one(word: str) -> bool:
        return word in allowed or (word.endswith("s") and word[:-1] in allowed)

    return one(folded) or all(one(part) for part in parts)


def find_names(text: str) -> Iterator[Finding]:
    names, allowed, ambiguous = known_names(), allowlist(), ambiguous_names()
    for match in _WORD.finditer(text):
        word = match.group()
        capitalised = word[0].isupper()
        folded = word.casefold()
        if not capitalised and (folded not in names or folded in ambiguous or len(word) < 4):
            continue  # the common case: an ordinary lower-case word
        if len(word) < 2 or word.isupper() or re.split(r"[\-'’]", word)[0].isupper():
            continue  # acronyms (BUP, LVU, SARA) and their compounds (GPS-sändare) are not names
        parts = re.split(r"[\-'’]", folded)
        if _allowed(folded, parts, allowed):
            continue
        # Lower case here means a listed name ("anna"); capitalised mid-sentence means a proper
        # noun that is not allowlisted; at a sentence start only a listed name counts.
        mid_sentence = not _at_sentence_start(text, match.start())
        listed = folded not in ambiguous and (
            folded in names or any(part in names for part in parts if len(part) > 2)
        )
        if not capitalised or mid_sentence or listed:
            yield finding("name", match.start(), match.end())
