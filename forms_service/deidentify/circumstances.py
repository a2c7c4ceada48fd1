"""Circumstances that can identify in a small place (warn): exact dates, exact ages, named
schools and workplaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, finding
from .windows import literal_spans, matches_at_runs

_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|febr|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
_DATE = re.compile(
    r"(?=\d)(?:(?<![\d\-])(?:19|20)\d{2}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:0?[1-9]|[12]\d|3[01])(?![\d])"
    rf"|(?<![\d\w])(?:[1-9]|[12]\d|3[01])(?::?e|:a)?[ \u00a0](?:{_MONTHS})\.?"
    r"(?:[ \u00a0](?:19|20)\d{2})?(?![\wåäö])"
    r"|(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:[\-/](?:19|20)?\d{2})?(?![\d/])"
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)?\d{2}(?![\d]|\.\d)"
    r"|(?<![\d])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d]))",
    re.IGNORECASE,
)
_NOT_DATES = {"24/7", "1/2", "1/3", "1/4", "2/3", "3/4"}
_AGE = re.compile(
    r"(?<![\d\w])(?:1[89]|[2-9]\d|1[01]\d)(?:[ \u00a0]?[\-\u2013]?[ \u00a0]?)"
    r"(?:år(?:s|ig|ing|iga|ingen)?)(?![\wåäö])",
    re.IGNORECASE,
)


def find_dates(text: str) -> Iterator[Finding]:
    # Every date starts with a run of one or two digits (the day), four (the year) or eight.
    for match in matches_at_runs(_DATE, text, lengths=(1, 2, 4, 8)):
        if match.group() not in _NOT_DATES:
            yield finding("date", match.start(), match.end())


_AGE_RANGE_BEFORE = re.compile(
    r"(?:\d[ \u00a0]?[\-\u2013\u2014][ \u00a0]?|\b(?:över|under|cirka|ca\.?|runt|drygt|knappt|"
    r"nästan|minst|högst|kring|omkring|ungefär|mellan|till)[ \u00a0]+)$",
    re.IGNORECASE,
)


def find_ages(text: str) -> Iterator[Finding]:
    for match in matches_at_runs(_AGE, text, lengths=(2, 3)):
        # "18–20 år" or "över 75 år" is the vague kind of age we ask people to write.
        if _AGE_RANGE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        yield finding("age", match.start(), match.end())


_SCHOOL = re.compile(
    r"(?<![\wåäö])[A-ZÅÄÖa-zåäö][a-zåäöé\-]{2,40}"
    r"(?:skolan|skola|förskolan|förskola|gymnasiet|gymnasium|fritids|fritidsgården)(?![\wåäö])"
    r"|(?<![\wåäö])[A-ZÅÄÖ][a-zåäöé]{2,30}s[ \u00a0](?:skola|förskola|gymnasium|skolan|sågverk|"
    r"fabrik|bageri|hotell|camping|verkstad|gård|lanthandel|pizzeria|frisör|åkeri)(?![\wåäö])"
)
_GENERIC_SCHOOLS = {
    "skolan",
    "skola",
    "förskolan",
    "förskola",
    "grundskolan",
    "grundskola",
    "gymnasiet",
    "gymnasium",
    "gymnasieskolan",
    "gymnasieskola",
    "högskolan",
    "högskola",
    "folkhögskolan",
    "folkhögskola",
    "särskolan",
    "anpassade",
    "fritids",
    "fritidsgården",
    "sfi-skolan",
    "vuxenskolan",
    "mellanstadieskolan",
    "lågstadieskolan",
    "högstadieskolan",
    "körskolan",
    "bilskolan",
    "kulturskolan",
    "musikskolan",
    "grundsärskolan",
    "dagskolan",
    "sommarskolan",
    "resursskolan",
    "friskolan",
    "kommunala",
    "internatskolan",
    "hemskolan",
}


# The words a named school or workplace ends with: the pattern runs only around them.
_WORKPLACE_WORDS = (
    "skol", "gymnas", "fritids", "sågverk", "fabrik", "bageri", "hotell", "camping", "verkstad",
    "gård", "lanthandel", "pizzeria", "frisör", "åkeri",
)  # fmt: skip


def find_workplaces(text: str) -> Iterator[Finding]:
    windows: list[list[int]] = []
    for anchor_start, anchor_end in literal_spans(text, _WORKPLACE_WORDS):
        start, end = max(0, anchor_start - 45), anchor_end + 12
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from _workplaces_in(text, start, min(end, len(text)))


def _workplaces_in(text: str, start: int, end: int) -> Iterator[Finding]:
    for match in _SCHOOL.finditer(text, start, end):
        if match.group().casefold() not in _GENERIC_SCHOOLS:
            yield finding("workplace", match.start(), match.end())
