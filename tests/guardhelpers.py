"""Helpers for the guard's tests: what a scan found, and valid identity numbers to hide in text."""

from __future__ import annotations

from forms_service.deidentify import BLOCK, luhn_ok, scan


def found(text: str) -> list[tuple[str, str]]:
    """(kind, the text found) for every finding."""
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]


def blocked(text: str) -> list[str]:
    """The text of every blocking finding."""
    return [text[f.start : f.end] for f in scan(text) if f.severity == BLOCK]


def blocks(text: str, part: str) -> bool:
    """Is `part` of `text` covered by a blocking finding?"""
    start = text.index(part)
    end = start + len(part)
    return any(f.severity == BLOCK and f.start < end and f.end > start for f in scan(text))


def warns_name(text: str, part: str) -> bool:
    """Is `part` of `text` covered by a name warning (or something stronger)?"""
    start = text.index(part)
    end = start + len(part)
    return any(
        (f.kind == "name" or f.severity == BLOCK) and f.start < end and f.end > start
        for f in scan(text)
    )


def with_check_digit(nine: str) -> str:
    """The ten digits YYMMDDNNN + the Luhn check digit that makes them a valid personnummer."""
    for digit in "0123456789":
        if luhn_ok(nine + digit):
            return nine + digit
    raise AssertionError(nine)
