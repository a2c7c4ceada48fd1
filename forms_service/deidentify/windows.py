"""Where a detector needs to look, and what several detectors share about one text.

A pattern run only in stretches around cue words or digits skips prose at the speed of str.find
instead of trying a regex at every position. The case-folded text and the runs of digits are
worked out once per text and shared by every detector that needs them (each is cached for the
few texts a scan handles at a time)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache


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
    return text.casefold()


def cue_windows(text: str, cues: tuple[str, ...], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of `text` around every occurrence of the (case-folded) cue words. If folding
    changed the text's length ("ß" becomes "ss"), offsets in the folded text would not be
    offsets in `text`, so the whole text is one window."""
    lower = folded(text)
    if len(lower) != len(text):
        return [(0, len(text))] if any(cue in lower for cue in cues) else []
    spans = []
    for cue in cues:
        position = lower.find(cue)
        while position >= 0:
            spans.append((max(0, position - before), position + len(cue) + after))
            position = lower.find(cue, position + 1)
    return merged(spans, len(text))


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
    positions = set()
    for cue in cues:
        position = lower.find(cue)
        while position >= 0:
            positions.add(position)
            position = lower.find(cue, position + 1)
    return sorted(positions)


def run_positions(
    text: str, shortest: int = 1, lengths: tuple[int, ...] = (), back: tuple[int, ...] = (0,)
) -> list[int]:
    """`back` characters before the first digit of every run of digits of at least `shortest`
    digits (or of one of these `lengths`), in order."""
    runs = digit_runs(text)
    if lengths:
        starts = [start for start, end in runs if end - start in lengths]
    else:
        starts = [start for start, end in runs if end - start >= shortest]
    if back == (0,):
        return starts
    return sorted({start - k for start in starts for k in back if start >= k})


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
    overlapping), by str.find. No word may begin another ("skol" and "skola" would need the
    alternation's order). Cached: phones.py and streets.py ask for the same numbers in words."""
    found = []
    for word in words:
        position = text.find(word)
        while position >= 0:
            found.append((position, position + len(word)))
            position = text.find(word, position + 1)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return tuple(spans)
