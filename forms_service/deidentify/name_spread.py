"""How a name that names.py found spreads in its text: the same word wherever else it stands
(and its genitive, and as the first part of a compound), and the capitalised word right after a
found name or the listed first name right before one ("Liv Berg", "Hans Olsson")."""

from __future__ import annotations

from itertools import compress, count
from typing import TYPE_CHECKING

from . import lexicon
from .cues import FUNCTION_WORDS
from .name_words import profile_of

if TYPE_CHECKING:
    from .names import Tokens


def repeat(tokens: Tokens, flagged: dict[int, bool], protected: set[int]) -> None:
    """A word found as a name is a name wherever else it stands in the same text, as written
    or with a genitive s: "heter lilja … lilja vill inte", "heter Sol. Sols man …"; one found
    in capitals is also the same name written as names are ("REINHOLDSSON, MAX … Max tfn")."""
    found = {tokens.words[index] for index in flagged}
    repeat_words(tokens, found | _as_names_are_written(found), protected, flagged)


def repeat_found_by_neighbours(
    tokens: Tokens, found: set[int], protected: set[int], flagged: dict[int, bool]
) -> None:
    """Names found by their neighbour, repeated too: a capitalised surname ("Rune Fors …
    Fors-familjen"); of a word in capitals, which the police style "SURNAME, FIRST NAME" finds
    more loosely, only a listed name and only as names are written ("REINHOLDSSON, MAX …
    Max tfn")."""
    words = {tokens.words[index] for index in found}
    capitals = {
        word for word in words if word.isupper() and lexicon.is_listed_name(word.casefold())
    }
    wanted = {word for word in words if word.istitle()} | _as_names_are_written(capitals)
    if wanted:
        repeat_words(tokens, wanted, protected, flagged)


def _as_names_are_written(words: set[str]) -> set[str]:
    return {word.title() for word in words if word.isupper() and len(word) > 2}


def repeat_words(
    tokens: Tokens, found: set[str], protected: set[int], into: dict[int, bool]
) -> None:
    """Every word of `found` (and its genitive, and a compound it begins) flagged in `into`
    wherever it stands, unless protected."""
    found = {word for word in found if len(word) >= 2}
    if not found:
        return
    wanted = found | {word + "s" for word in found}
    for index in compress(count(), map(wanted.__contains__, tokens.words)):
        if index not in protected:
            into[index] = True
    # "Fors-familjen", "Karimis-familjen": a found name as the first part of a compound (not
    # a listed one: "Rut-avdrag"). Decided once per distinct word, then picked out in C.
    compounds = {
        word
        for word in tokens.distinct
        if "-" in word and word.split("-", 1)[0] in wanted and not lexicon.is_non_name(word)
    }
    if compounds:
        for index in compress(count(), map(compounds.__contains__, tokens.words)):
            if index not in protected:
                into[index] = True


def to_neighbours(text: str, tokens: Tokens, flagged: dict[int, bool], protected: set[int]) -> None:
    """A capitalised word right after a found name is its surname ("Liv Berg", "Kent Lind");
    a listed first name right before one is its first name ("Hans Olsson")."""
    for found in sorted(flagged):
        for index in (found - 1, found):
            if 0 <= index < len(tokens) - 1 and not {index, index + 1} & protected:
                _extend_pair(text, tokens, flagged, index)


def _extend_pair(text: str, tokens: Tokens, flagged: dict[int, bool], index: int) -> None:
    gap = text[tokens.end(index) : tokens.starts[index + 1]]
    first, second = profile_of(tokens.words[index]), profile_of(tokens.words[index + 1])
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
