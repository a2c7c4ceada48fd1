"""Normalisation before scanning: characters that would hide an identifier from the detectors
are removed, and offsets are mapped back to the original text."""

from __future__ import annotations

import re

# personnummer must not hide it); offsets are mapped back to the original text.

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def strip_invisible(text: str) -> tuple[str, list[int] | None]:
    if not _INVISIBLE.search(text):
        return text, None
    kept: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if not _INVISIBLE.match(char):
            kept.append(char)
            positions.append(index)
    positions.append(len(text))
    return "".join(kept), positions
