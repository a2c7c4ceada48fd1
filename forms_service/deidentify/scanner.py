"""The orchestrator: runs every detector on the normalised text, resolves overlaps, maps offsets
back, and fails closed."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterator

from . import accounts, circumstances, contact, identity, names, places
from .findings import BLOCK, RANK, Finding, finding
from .normalise import strip_invisible

logger = logging.getLogger("forms_service.deidentify")

DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    identity.find_personnummer,
    contact.find_email,
    contact.find_urls,
    contact.find_social_handles,
    accounts.find_accounts,
    contact.find_ip_addresses,
    contact.find_phones,
    places.find_plates,
    places.find_addresses,
    places.find_postcodes,
    circumstances.find_dates,
    circumstances.find_ages,
    circumstances.find_workplaces,
    names.find_names,
)


def _resolve_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping candidates: block before warn, then precedence, then
    the longer span. Kept spans are held sorted, so each overlap check is a binary search."""
    ordered = sorted(
        candidates,
        key=lambda f: (f.severity != BLOCK, RANK[f.kind], -(f.end - f.start), f.start),
    )
    starts: list[int] = []
    kept: list[Finding] = []
    for candidate in ordered:
        if candidate.end <= candidate.start:
            continue
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept


def _map_back(findings: list[Finding], positions: list[int] | None) -> list[Finding]:
    if positions is None:
        return findings
    mapped = []
    for f in findings:
        start = positions[f.start]
        end = positions[f.end - 1] + 1
        mapped.append(Finding(f.kind, f.severity, start, end, f.message))
    return mapped


def scan(text: str) -> list[Finding]:
    """All findings in `text`, sorted by start, never overlapping. Never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        normalised, positions = strip_invisible(text)
        candidates: list[Finding] = []
        for detector in DETECTORS:
            candidates.extend(detector(normalised))
        return _map_back(_resolve_overlaps(candidates), positions)
    except Exception as exc:  # fail closed: an unchecked text is never accepted
        # Only the exception type: its message or traceback could quote the text.
        logger.error(
            "De-identification scan failed (%s); text reported as unchecked", type(exc).__name__
        )
        return [finding("unchecked", 0, len(text))]


def has_blocking(findings: list[Finding]) -> bool:
    return any(f.severity == BLOCK for f in findings)


def in_context(text: str, finding: Finding, width: int = 40) -> tuple[str, str, str]:
    """(text before, the finding, text after), cut to `width` characters on each side."""
    before = text[max(0, finding.start - width) : finding.start]
    after = text[finding.end : finding.end + width]
    if finding.start - width > 0:
        before = "…" + before
    if finding.end + width < len(text):
        after = after + "…"
    return before, text[finding.start : finding.end], after
