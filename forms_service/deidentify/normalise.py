"""The text the detectors see: Unicode folded so that no character trick can hide an identifier.

`normalise(text)` returns the folded text and an `OffsetMap` that maps a span in it back to the
original text (the form marks what the *user* typed, not our folded copy):

* NFKC: full-width, superscript, circled and other compatibility digits become 0–9, ligatures
  become letters, a letter followed by combining marks is composed;
* digits of other scripts (Arabic-Indic, Devanagari …) become 0–9;
* every format character is removed (category Cf: zero-width spaces and joiners, U+2063
  invisible separator, soft hyphen, bidi marks, embeddings, overrides and isolates), as are other
  default-ignorable characters (U+034F, variation selectors, Hangul fillers) and control
  characters other than tab and line breaks;
* every space character (category Zs: no-break, thin, narrow no-break, ideographic …) becomes a
  plain space, line and paragraph separators a line break;
* hyphen look-alikes (U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2212
  minus …) become "-" ("063‑12 71 44"); the en and em dashes of prose stay as they are;
* inside a run of digits the letters O/o become 0 and l/I become 1 ("O70-123 45 67").

Plain text (ASCII and ordinary Swedish letters) passes through at C speed: only the characters
that need folding are looked at one by one.

`bidi_controls(text)` lists the bidirectional embedding, override and isolate characters in a
text: with them a browser can *show* "070-123 45 67" for text the guard reads as something else,
so the forms refuse them outright rather than rely on the guard.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .windows import digit_runs

# Explicit directional formatting characters (Unicode bidi algorithm, UAX #9, section 2):
# embeddings, overrides, isolates and their terminators. The implicit marks (LRM, RLM, ALM)
# only nudge neutral characters and cannot reorder a run of digits, so they are removed before
# scanning but need not be refused.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Characters that may need folding: anything outside printable ASCII, tab and line breaks, except
# the letters and punctuation of ordinary Swedish text (those are NFKC-stable and visible).
_MAYBE_SPECIAL = re.compile(
    "[^\t\n\r\x20-\x7e\u00a1-\u00ac\u00ae-\u00b1\u00b4-\u00b8\u00bb\u00bf-\u00ff"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2022\u2026\u20ac]+"
)
# Default-ignorable code points that are not in category Cf (which is removed as a whole).
_IGNORABLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e"
    "\ufe0f"
)
# Hyphens that are not "-" (after NFKC, which makes U+2011 a U+2010).
_HYPHENS = frozenset("\u2010\u2011\u2012\u2043\u2212\ufe63")
# A letter that looks like a digit, next to a digit: O/o for 0, l/I for 1.
_LOOKALIKE = str.maketrans("OoIl", "0011")
_LOOKALIKE_RUN = re.compile(r"[0-9OoIl]{2,}")
# Three such letters and then digits are a registration number ("ooo000", "OLO12F"), not a
# number typed with letters.
_PLATE_SHAPED = re.compile(r"[OoIl]{3}\d{2}[\dOoIl]?")
_RUN_CHARS = frozenset("0123456789OoIl")
_LOOKALIKE_LETTERS = frozenset("OoIl")
_NUMBER_AFTER = re.compile(r"[ \-/.]?\d")
_NUMBER_BEFORE = re.compile(r"\d[ \-/.]?\Z")


def bidi_controls(text: str) -> list[str]:
    """The distinct bidi embedding/override/isolate characters in `text`, in order of first use."""
    found: list[str] = []
    for char in text:
        if char in BIDI_CONTROLS and char not in found:
            found.append(char)
    return found


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    """One base character with its combining marks, folded as the module docstring says."""
    out = []
    for char in unicodedata.normalize("NFKC", cluster):
        category = unicodedata.category(char)
        if char in "\t\n\r":
            out.append(char)
        elif category in ("Cf", "Cc") or char in _IGNORABLE:
            continue
        elif category == "Zs":
            out.append(" ")
        elif category in ("Zl", "Zp"):
            out.append("\n")
        elif category == "Nd":
            out.append(str(unicodedata.digit(char)))
        elif char in _HYPHENS:
            out.append("-")
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the folded text back to the original. `edits` are the replaced stretches
    as (folded start, folded end, original start, original end), in order."""

    edits: tuple[tuple[int, int, int, int], ...] = ()
    # The folded start of each edit, for bisect (comparing ints, not tuples).
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(edit[0] for edit in self.edits))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end), end > start."""
        return self._char(start)[0], self._char(end - 1)[1]

    def _char(self, offset: int) -> tuple[int, int]:
        """The original span of the folded character at `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return offset, offset + 1
        _, f_end, o_start, o_end = self.edits[index]
        if offset < f_end:
            return o_start, o_end
        original = o_end + (offset - f_end)
        return original, original + 1


def normalise(text: str) -> tuple[str, OffsetMap]:
    """The folded text and the map back to `text` (see the module docstring)."""
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    copied = 0  # original text up to here is in `pieces`
    shift = 0  # len(folded so far) - len(original so far)
    for run in _MAYBE_SPECIAL.finditer(text):
        start, end = run.start(), run.end()
        # A combining mark composes with the character before it ("a" + U+030A is "å").
        if start > copied and unicodedata.combining(text[start]):
            start -= 1
        index = start
        while index < end:
            cluster_end = index + 1
            while cluster_end < end and unicodedata.combining(text[cluster_end]):
                cluster_end += 1
            cluster = text[index:cluster_end]
            folded = _fold_cluster(cluster)
            if folded != cluster:
                pieces.append(text[copied:index])
                pieces.append(folded)
                f_start = index + shift
                edits.append((f_start, f_start + len(folded), index, cluster_end))
                shift += len(folded) - len(cluster)
                copied = cluster_end
            index = cluster_end
    if edits:
        pieces.append(text[copied:])
        folded_text = "".join(pieces)
    else:
        folded_text = text
    return _digit_lookalikes(folded_text), OffsetMap(tuple(edits))


def _lookalikes_next_to_digits(text: str) -> list[int]:
    """Where a digit and a lookalike letter stand side by side ("O7", "7O"): the starts of what
    a search for a digit next to O, o, I or l would find, worked out from the runs of digits."""
    hits = []
    for start, end in digit_runs(text):
        if start and text[start - 1] in "OoIl":
            hits.append(start - 1)
        if text[end : end + 1] in _LOOKALIKE_LETTERS:
            hits.append(end - 1)
    found: list[int] = []
    for hit in hits:  # in order; two-character matches never overlap
        if not found or hit >= found[-1] + 2:
            found.append(hit)
    return found


def _digit_lookalikes(text: str) -> str:
    """O/o → 0 and l/I → 1 inside digit runs, same length so offsets do not move: "O70-123 45
    67", "O7O-512", "2OO". Letters that belong to a word next to the run stay letters ("Polo10",
    "10lit", the plate "NDO37X")."""
    folds: list[tuple[int, int]] = []  # in order, never overlapping
    done = 0
    for start in _lookalikes_next_to_digits(text):
        if start < done:
            continue
        while start and text[start - 1] in _RUN_CHARS:
            start -= 1
        match = _LOOKALIKE_RUN.match(text, start)
        if match is None:
            continue
        done = match.end()
        run = match.group()
        digits = sum(char.isdigit() for char in run)
        if run.isdigit() or digits == 0 or _PLATE_SHAPED.fullmatch(run):
            continue
        start, end = match.start(), match.end()
        if start and text[start - 1].isalpha():
            start += len(run) - len(run.lstrip("OoIl"))
        if end < len(text) and text[end].isalpha():
            end -= len(run) - len(run.rstrip("OoIl"))
        near_digits = _NUMBER_AFTER.match(text, end) or _NUMBER_BEFORE.search(
            text, max(0, start - 2), start
        )
        if end - start < 2 or (digits < 2 and not near_digits):
            continue
        folds.append((start, end))
    if not folds:
        return text
    pieces, copied = [], 0
    for start, end in folds:
        pieces += [text[copied:start], text[start:end].translate(_LOOKALIKE)]
        copied = end
    pieces.append(text[copied:])
    return "".join(pieces)
