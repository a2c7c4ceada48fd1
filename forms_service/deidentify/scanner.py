"""The orchestrator: runs every detector on the normalised text, resolves overlaps, maps offsets
back, and fails closed."""

from __future__ import annotations

import bisect
import gc
import logging
import re
from collections.abc import Callable, Iterator
from operator import attrgetter

from . import (
    accounts,
    addresses,
    circumstances,
    contact,
    documents,
    handles,
    harmless,
    identity,
    names,
    nordic,
    phones,
    places,
    windows,
)
from .findings import BLOCK, RANK, Finding, finding
from .normalise import OffsetMap, normalise

logger = logging.getLogger("forms_service.deidentify")

DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    identity.find_personnummer,
    documents.find_id_documents,
    nordic.find_nordic_numbers,
    contact.find_email,
    contact.find_urls,
    handles.find_social_handles,
    accounts.find_accounts,
    contact.find_ip_addresses,
    phones.find_phones,
    places.find_plates,
    addresses.find_addresses,
    places.find_postcodes,
    circumstances.find_dates,
    circumstances.find_ages,
    circumstances.find_workplaces,
    names.find_names,
)


_START_END = attrgetter("start", "end")


def _resolve_overlaps(candidates: list[Finding], text: str = "") -> list[Finding]:
    """Keep the strongest of overlapping candidates: block before warn, then precedence, then
    the longer span. Candidates that overlap nothing else are kept as they are; each group of
    overlapping ones is settled on its own (a choice in one group cannot affect another)."""
    ordered = sorted((f for f in candidates if f.end > f.start), key=_START_END)
    kept: list[Finding] = []
    group: list[Finding] = []
    group_end = -1
    for candidate in ordered:
        if group and candidate.start >= group_end:
            kept += _strongest(group, text)
            group = []
        group.append(candidate)
        group_end = max(group_end, candidate.end) if len(group) > 1 else candidate.end
    kept += _strongest(group, text)
    return kept


_MADE_OF_NAMES = ("email", "social_handle", "url")


def _strongest(group: list[Finding], text: str) -> list[Finding]:
    """The candidates of one group of overlapping ones that are kept, sorted by start."""
    if len(group) == 1:
        return group
    ordered = sorted(
        group, key=lambda f: (f.severity != BLOCK, RANK[f.kind], -(f.end - f.start), f.start)
    )
    starts: list[int] = []
    kept: list[Finding] = []
    for candidate in ordered:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            # A name that runs into an address made of it keeps the part before: "Ayan Warsame
            # ayan.w [at] yahoo …" still warns about the name.
            following = kept[index]
            if candidate.kind != "name" or following.kind not in _MADE_OF_NAMES:
                continue
            end = following.start
            while end > candidate.start and text[end - 1 : end].isspace():
                end -= 1
            if end - candidate.start < 2:
                continue
            candidate = candidate._replace(end=end)
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept


def _map_back(findings: list[Finding], offsets: OffsetMap) -> list[Finding]:
    if not offsets.edits:
        return findings
    starts, edits = offsets.starts, offsets.edits
    first, last = starts[0], len(starts) - 1
    mapped = []
    for f in findings:
        if f.end <= first:  # wholly before the first edit: the offsets are the original ones
            mapped.append(f)
            continue
        # The usual case: the finding lies between two edits, so both ends move by the same
        # shift (what OffsetMap.span works out, without a second search).
        index = bisect.bisect_right(starts, f.start) - 1
        if index >= 0 and (index == last or f.end <= starts[index + 1]):
            _, f_end, _, o_end = edits[index]
            if f.start >= f_end:
                shift = o_end - f_end
                mapped.append(
                    f
                    if not shift
                    else Finding(f.kind, f.severity, f.start + shift, f.end + shift, f.message)
                )
                continue
        start, end = offsets.span(f.start, f.end)
        same = start == f.start and end == f.end
        mapped.append(f if same else Finding(f.kind, f.severity, start, end, f.message))
    return mapped


def _forget_earlier_texts() -> None:
    """Drop what the detectors share about a text (the harmless-number mask, the case-folded
    text, where cue words and runs of digits are): each is worked out once per scan, never
    reused for the next text, so that the cost of a scan, and the speed benchmark, is that of
    a new text (the benchmark scans the same text several times)."""
    harmless.mask.cache_clear()
    windows.forget_texts()


def _detect(text: str) -> list[Finding]:
    """Every detector's candidates, in offsets of `text`."""
    _forget_earlier_texts()
    normalised, offsets = normalise(text)
    candidates: list[Finding] = []
    for detector in DETECTORS:
        candidates.extend(detector(normalised))
    return _map_back(candidates, offsets)


# A right-to-left override makes the browser show its text reversed, up to the next pop
# (U+202C), isolate end or line break: "\u202e76 54 321-070\u202c" is seen as "070-123 45 67".
_OVERRIDDEN = re.compile("\u202e([^\u202c\u2069\n]*)")


def _as_displayed(text: str) -> list[Finding]:
    """Block findings in the text as a browser displays right-to-left overrides: whatever the
    coordinator would read is checked, whatever the form refuses (normalise.bidi_controls).
    Each overridden stretch is checked reversed, with some text on either side for context."""
    found = []
    for match in _OVERRIDDEN.finditer(text):
        start, end = match.span(1)
        left, right = max(0, start - 40), min(len(text), end + 40)
        shown = text[left:start] + text[start:end][::-1] + text[end:right]
        segment = (match.start(), min(end + 1, len(text)))
        for f in _detect(shown):
            f_start, f_end = f.start + left, f.end + left
            if f.severity == BLOCK and f_start < segment[1] and f_end > segment[0]:
                found.append(finding(f.kind, min(segment[0], f_start), max(segment[1], f_end)))
    return found


def scan(text: str) -> list[Finding]:
    """All findings in `text`, sorted by start, never overlapping. Never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        candidates = _detect(text)
        if "\u202e" in text:
            candidates += _as_displayed(text)
        return _resolve_overlaps(candidates, text)
    except Exception as exc:  # fail closed: an unchecked text is never accepted
        # Only the exception type: its message or traceback could quote the text.
        logger.error(
            "De-identification scan failed (%s); text reported as unchecked", type(exc).__name__
        )
        return [finding("unchecked", 0, len(text))]


# A text that sends every detector down its slow first path: the word lists, compound analysis
# and place names are built on first use (about half a second), which `warm` moves out of the
# first request a worker serves.
WARM_UP_TEXT = (
    "Anna Svensson, 19850101-1234, bor på Storgatan 12, 831 30 Östersund, tel 070-123 45 67, "
    "anna@example.se, https://example.se, @anna, 192.168.0.1, konto 1234-12 34567, bil ABC 123. "
    "Hon är 45 år, född 3 maj 1985, arbetar på Krokoms skola och träffade Tommy i Åre."
)


def warm() -> None:
    """Build the guard's lazily loaded word lists and patterns now (gunicorn.conf.py calls this
    in each worker before it serves a request), then put everything built so far beyond the
    cyclic garbage collector: the word lists live as long as the process, and each full
    collection that walked them cost a scan of a long text about 60 ms (issue 11)."""
    scan(WARM_UP_TEXT)
    gc.freeze()


def in_context(text: str, finding: Finding, width: int = 40) -> tuple[str, str, str]:
    """(text before, the finding, text after), cut to `width` characters on each side."""
    before = text[max(0, finding.start - width) : finding.start]
    after = text[finding.end : finding.end + width]
    if finding.start - width > 0:
        before = "…" + before
    if finding.end + width < len(text):
        after = after + "…"
    return before, text[finding.start : finding.end], after
