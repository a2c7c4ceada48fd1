"""Names found by their shape rather than by the word lists, for names.py: initials ("A.L.",
"E.L:s", "K. Sundberg", "(K.)"), the name an e-mail client shows before an address ("Björn"
<b.jonsson@…>, Per Ek <per.ek@…>), the owner's name in a device's name ("Ahmeds-iPhone"),
initials before a name in parentheses ("SH (Sara Hellström)"); and the joining of name spans
into one warning each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import lexicon
from .cues import FUNCTION_WORDS
from .name_words import profile_of
from .windows import cue_windows

if TYPE_CHECKING:
    from .names import Tokens

# The capital comes first, so that the regex engine can skip to the next capital; the
# lookbehind then checks what stands before it.
_INITIALS = re.compile(
    r"[A-ZÅÄÖ](?<![\w.][A-ZÅÄÖ])"
    r"(?:\.(?:[ \u00a0]?[A-ZÅÄÖ](?:\.|(?=:s))){1,5}(?::s)?(?![\w])"
    r"|\.(?=[ \u00a0]?\)|[ \u00a0]\(|[ \u00a0][A-ZÅÄÖ][a-zåäö]))"
)
# "N.N." (nomen nescio) stands for a name left out.
_NOT_INITIALS = {"P.S.", "O.S.A.", "N.B.", "E.U.", "U.S.A.", "T.ex.", "S.k.", "F.d.", "N.N."}
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
    "kurs",
    "spår",
    "hiss",
    "uppgång",
    "trapphus",
    "linje",
    "hållplats",
    "läge",
    "studieväg",
    "körkort",
    "behörighet",
}


def initials(text: str) -> Iterator[tuple[int, int]]:
    for match in _INITIALS.finditer(text):
        found = match.group()
        if found in _NOT_INITIALS or found.rstrip(":s") in _NOT_INITIALS:
            continue
        if len(found) <= 2:  # one letter and a dot: not "plan B." or "typ A."
            if text[match.start() - 2 : match.start()][:1].isdigit() and text[
                match.start() - 1 : match.start()
            ] in ("-", "/"):
                continue  # a number's letter: "bokning nr 77120-B."
            before = text[max(0, match.start() - 12) : match.start()].split()
            if before and (
                before[-1].casefold().strip("(") in _LETTER_LABELS or before[-1][-1:].isdigit()
            ):
                continue
        yield match.start(), match.end()


# The name an e-mail client shows before the address, quoted or not: "Björn" <b.j@…>.
_DISPLAY_NAME = re.compile(
    r"(?<![\w])[\"“”']?(?P<name>[A-ZÅÄÖ][\w\-]+(?:[ \u00a0][A-ZÅÄÖ][\w\-]+){0,3})[\"“”']?"
    r"[ \u00a0]?<(?!(?i:mailto):)[^<>@\s]{1,64}@"
)


def display_names(text: str) -> Iterator[tuple[int, int]]:
    """Shown names with a listed name or a word that is no ordinary word ("KONTAKT HELST VIA
    <…>" in capitals is not one, nor "Registrator <registrator@…>")."""
    position = text.find("<")
    while position >= 0:
        match = _DISPLAY_NAME.search(text, max(0, position - 60), position + 66)
        if match is not None and match.end() > position:
            words = [profile_of(word) for word in match["name"].split()]
            if any(word.listed or not word.ordinary for word in words):
                yield match.start("name"), match.end("name")
        position = text.find("<", position + 1)


# A device named after its owner, as phones and routers show it: "Ahmeds-iPhone", "Linas iPad",
# "iPhone-Sofia".
_DEVICE_WORDS = r"(?i:iphone|ipad|macbook|galaxy|laptop|surface|pc)"
_DEVICE = re.compile(
    rf"(?<![\w])(?P<name>[A-ZÅÄÖ][a-zåäö]{{1,30}})[\-’' ]{_DEVICE_WORDS}(?![\wåäö])"
    rf"|(?<![\w]){_DEVICE_WORDS}-(?P<after>[A-ZÅÄÖ][a-zåäö]{{1,30}})(?![\wåäö\-])"
)
# Looked for only around these (a regex over the whole text would cost more than all the rest).
_DEVICES = ("iphone", "ipad", "macbook", "galaxy", "laptop", "surface", "-pc", "s pc")


def _owner(name: str, glued: bool) -> bool:
    """ "Ahmeds-iPhone", "Linas iPad": a listed name in the genitive; "Janne-iPhone", "Lars-iPhone":
    one glued to the device as it stands (not "Hans iPhone", his iPhone)."""
    genitive = name.endswith("s") and name[:-1] not in FUNCTION_WORDS
    if genitive and lexicon.is_listed_name(name[:-1]):
        return True
    return glued and name not in FUNCTION_WORDS and lexicon.is_listed_name(name)


def device_owners(text: str) -> Iterator[tuple[int, int]]:
    for start, end in cue_windows(text, _DEVICES, 34, 40):
        for match in _DEVICE.finditer(text, start, end):
            if match["after"]:  # "iPhone-Sofia": the owner's name glued after the device
                if _owner(match["after"].casefold(), glued=True):
                    yield match.start("after"), match.end("after")
            elif _owner(match["name"].casefold(), glued=text[match.end("name")] == "-"):
                yield match.start("name"), match.end("name")


def initials_before_names(text: str, tokens: Tokens, flagged: dict[int, bool]) -> None:
    """ "SH (Sara Hellström)": two or three capitals right before a name in parentheses."""
    for index in [i for i in flagged if i > 0 and not flagged.get(i - 1)]:
        initials = tokens.words[index - 1]
        gap = text[tokens.end(index - 1) : tokens.starts[index]]
        named = tokens.words[index].istitle()  # not in a text in capitals: "BIL (KDF 123)"
        if named and gap == " (" and 2 <= len(initials) <= 3 and initials.isupper():
            flagged[index - 1] = True


def spellings_in_parentheses(text: str, tokens: Tokens, flagged: dict[int, bool]) -> None:
    """ "Kadhim (Kazem)", "Katarzyna (Kasia) Wójcik", "Sardar (Serdar)": another spelling or
    a short form in parentheses right after a name is the same person's name."""
    for index in [i for i in flagged if i + 1 < len(tokens) and not flagged.get(i + 1)]:
        following = index + 1
        word = tokens.words[following]
        if text[tokens.end(index) : tokens.starts[following]] != " (" or not word[0].isupper():
            continue
        folded = word.casefold()
        if folded in FUNCTION_WORDS:
            continue  # "(Hans)", "(INGA PNR …)", "(ALLA …)"
        ordinary = lexicon.is_ordinary(folded)
        a_word = ordinary and (word.isupper() or not lexicon.is_listed_name(folded))
        known = lexicon.is_non_name(word) or lexicon.is_organisation(word)
        if len(word) >= 3 and not (a_word or known):  # not "MANNEN (…", "Advokatfirman (…"
            flagged[following] = True


def merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted name spans joined where they touch or a space or hyphen parts them ("Anna" "Lind"
    is one warning, "Anna Lind")."""
    merged: list[list[int]] = []
    for start, end in spans:
        if (merged and text[merged[-1][1] : start] in ("", " ", "\u00a0", "-")) or (
            merged and start < merged[-1][1]
        ):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
