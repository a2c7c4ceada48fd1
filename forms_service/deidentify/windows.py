"""Where a detector needs to look, and what several detectors share about one text.

A pattern run only in stretches around cue words or digits skips prose at the speed of str.find
instead of trying a regex at every position. The case-folded text and the runs of digits are
worked out once per text and shared by every detector that needs them (each is cached for the
few texts a scan handles at a time).

Cue words are found by one Aho–Corasick pass (pyahocorasick) over the case-folded text for every
cue any detector has asked for: a str.find per cue costs about 0.8 ms per megabyte, and the
detectors ask for some 130 cues, where the one pass costs about 16 ms."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain

import ahocorasick


def merged(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) stretches joined, cut to the text's length."""
    windows: list[list[int]] = []
    for start, end in sorted(spans):
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(start, min(end, length)) for start, end in windows]


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """The case-folded text (cached: several detectors look for cue words in it)."""
    lower = text.casefold()
    made_from = _BLANKED.get(id(text))
    if made_from is not None and made_from[0] is text and len(lower) == len(text):
        _BLANKED[id(lower)] = (lower, folded(made_from[1]))
    return lower


# Texts made from another by blanking stretches of it (harmless.mask), by id, with the text
# each was made from: their cue words are found from the other's pass (see cue_starts).
_BLANKED: dict[int, tuple[str, str]] = {}


def note_blanked(blanked: str, original: str) -> None:
    """`blanked` is `original` with some stretches replaced by spaces (same length)."""
    if blanked is not original:
        _BLANKED[id(blanked)] = (blanked, original)


class _CueAutomaton:
    """One automaton for every cue word asked for so far. A call with a cue it does not know yet
    (only while the first texts are scanned: `deidentify.warm()` does that at start-up) builds a
    new automaton with it; the old one stays valid for the threads still using it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.known: frozenset[str] = frozenset()
        self.automaton = ahocorasick.Automaton()

    def knowing(self, cues: Iterable[str]) -> ahocorasick.Automaton:
        if not self.known.issuperset(cues):
            with self._lock:
                known = self.known.union(cues)
                automaton = ahocorasick.Automaton()
                for cue in known:
                    automaton.add_word(cue, cue)
                automaton.make_automaton()
                self.automaton, self.known = automaton, known
        return self.automaton


_CUES = _CueAutomaton()


@lru_cache(maxsize=8)
def _cue_starts(lower: str, automaton: ahocorasick.Automaton) -> dict[str, list[int]]:
    """Where every cue the automaton knows starts in `lower`, overlapping ones included, in
    increasing order per cue (cached: each detector asks for its own cues in the same text)."""
    starts: dict[str, list[int]] = {}
    for end, cue in automaton.iter(lower):
        starts.setdefault(cue, []).append(end - len(cue) + 1)
    return starts


def cue_starts(lower: str, cues: tuple[str, ...]) -> list[list[int]]:
    """For each cue word, where it starts in `lower` (the case-folded text, for cue words). In
    a text made by blanking stretches of another, the other's pass is read and each place
    checked, which gives the same places as a pass of its own at a fraction of the cost."""
    automaton = _CUES.knowing(cues)
    made_from = _BLANKED.get(id(lower))
    if made_from is not None and made_from[0] is lower:
        starts = _cue_starts(made_from[1], automaton)
        return [[p for p in starts.get(cue, []) if lower.startswith(cue, p)] for cue in cues]
    starts = _cue_starts(lower, automaton)
    return [starts.get(cue, []) for cue in cues]


def cue_windows(text: str, cues: tuple[str, ...], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of `text` around every occurrence of the (case-folded) cue words. If folding
    changed the text's length ("ß" becomes "ss"), offsets in the folded text would not be
    offsets in `text`, so the whole text is one window."""
    lower = folded(text)
    if len(lower) != len(text):
        return [(0, len(text))] if any(cue in lower for cue in cues) else []
    spans = [
        (max(0, position - before), position + len(cue) + after)
        for cue, positions in zip(cues, cue_starts(lower, cues), strict=True)
        for position in positions
    ]
    return [(start, _word_end(text, end)) for start, end in merged(spans, len(text))]


def forget_texts() -> None:
    """Drop every text the caches above and below hold (the case-folded text, where the cue
    words and the runs of digits are, the literal words found): each is worked out once per
    scan and never reused for the next text."""
    for cached in (folded, _cue_starts, digit_runs, _run_starts_by_length, literal_spans):
        cached.cache_clear()
    _BLANKED.clear()


def _word_end(text: str, end: int) -> int:
    """`end`, moved on to the end of the word it falls in: a pattern cannot see past a window's
    end, so a word cut there would look whole ("id-handlin|g" read as a user name)."""
    limit = min(len(text), end + 40)
    while end < limit and text[end].isalnum():
        end += 1
    return end


# Every character as one byte (what Latin-1 cannot hold becomes "?", so offsets stay), then
# digits as 1 and everything else as 0: each run of 1 is found by two bytes.find calls (memchr),
# where a regex for digits must test every character and build a match object per run.
_DIGIT_BYTES = bytes(1 if chr(code).isdigit() and code < 128 else 0 for code in range(256))


@lru_cache(maxsize=8)
def digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every run of digits, for normalised text, whose only digits are 0–9
    (normalise.py folds every other script's digits). Cached: most detectors start from them."""
    find = text.encode("latin-1", "replace").translate(_DIGIT_BYTES).find
    runs = []
    start = find(1)
    while start >= 0:
        end = find(0, start)
        if end < 0:
            runs.append((start, len(text)))
            break
        runs.append((start, end))
        start = find(1, end)
    return tuple(runs)


def number_windows(text: str, before: int, after: int) -> list[tuple[int, int]]:
    """Stretches around every run of digits."""
    spans = [(max(0, start - before), end + after) for start, end in digit_runs(text)]
    return merged(spans, len(text))


def matches_at(
    pattern: re.Pattern[str], text: str, positions: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, when its matches can only start at these positions
    (in increasing order): the pattern is tried only there, and never inside a match it found."""
    consumed = 0
    for position in positions:
        if position < consumed:
            continue
        match = pattern.match(text, position)
        if match is not None:
            consumed = match.end()
            yield match


def cue_positions(text: str, cues: tuple[str, ...]) -> list[int] | None:
    """Where each (case-folded) cue word starts, in order; None if case folding changed the
    text's length ("ß" becomes "ss"), so that offsets in the folded text would not fit `text`."""
    lower = folded(text)
    if len(lower) != len(text):
        return None
    return sorted({position for positions in cue_starts(lower, cues) for position in positions})


def run_positions(
    text: str, shortest: int = 1, lengths: tuple[int, ...] = (), back: tuple[int, ...] = (0,)
) -> list[int]:
    """`back` characters before the first digit of every run of digits of at least `shortest`
    digits (or of one of these `lengths`), in order."""
    by_length = _run_starts_by_length(text)
    if lengths:
        wanted = [by_length[n] for n in lengths if n in by_length]
    else:
        wanted = [starts for n, starts in by_length.items() if n >= shortest]
    # Each list is in order: one needs no sorting, several are merged (Timsort finds the runs).
    starts = list(wanted[0]) if len(wanted) == 1 else sorted(chain.from_iterable(wanted))
    if back == (0,):
        return starts
    return sorted({start - k for start in starts for k in back if start >= k})


@lru_cache(maxsize=8)
def _run_starts_by_length(text: str) -> dict[int, list[int]]:
    """Where each run of digits starts, by its length (cached: many detectors ask, each for
    runs of some lengths)."""
    by_length: dict[int, list[int]] = {}
    for start, end in digit_runs(text):
        by_length.setdefault(end - start, []).append(start)
    return by_length


def matches_at_cues(
    pattern: re.Pattern[str], text: str, cues: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match starts with one of
    the (case-folded) cue words."""
    positions = cue_positions(text, cues)
    return pattern.finditer(text) if positions is None else matches_at(pattern, text, positions)


def matches_at_found(
    pattern: re.Pattern[str], text: str, anchors: tuple[re.Pattern[str], ...]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match starts where one of
    the `anchors` matches the case-folded text. Each anchor begins with a literal ("at",
    ".se"), which the regex engine finds at C speed; its own conditions (a word boundary
    before "at") leave far fewer positions to try than every occurrence of the literal."""
    lower = folded(text)
    if len(lower) != len(text):
        return pattern.finditer(text)
    positions = sorted({match.start() for anchor in anchors for match in anchor.finditer(lower)})
    return matches_at(pattern, text, positions)


def matches_at_runs(
    pattern: re.Pattern[str],
    text: str,
    shortest: int = 1,
    lengths: tuple[int, ...] = (),
    back: tuple[int, ...] = (0,),
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose matches all start `back`
    characters before the first digit of a run of digits (see run_positions)."""
    return matches_at(pattern, text, run_positions(text, shortest, lengths, back))


@lru_cache(maxsize=8)
def literal_spans(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """What a regex alternation of these literal words finds in `text` (left to right, never
    overlapping), by the cue automaton. No word may begin another ("skol" and "skola" would need
    the alternation's order). Cached: phones.py and streets.py ask for the same numbers in words.
    The words are in lower case: where `text` folds to the same length, they are found in the
    pass over the folded text and each place checked in `text`, as a pass of its own would."""
    lower = folded(text)
    source = lower if len(lower) == len(text) else text
    found = [
        (position, position + len(word))
        for word, positions in zip(words, cue_starts(source, words), strict=True)
        for position in positions
        if source is text or text.startswith(word, position)
    ]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return tuple(spans)
