"""Contact details: phone numbers, e-mail addresses, URLs, social-media handles, IP addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from phonenumbers import Leniency, PhoneNumberMatcher

from .findings import Finding, finding

# Anything a phone number can be written as: a digit run of at least six characters, with the
# separators people use. The matcher runs only in a window around each such run, so prose
# without numbers costs almost nothing, and every part of a long text is checked.
_PHONE_CANDIDATE = re.compile(r"[+(]?\d[\d \u00a0().\-/\u2013]{4,30}\d")
_PHONE_MARGIN = 8


def find_phones(text: str) -> Iterator[Finding]:
    """Phone numbers, as found by the phonenumbers library (every Swedish and foreign numbering
    plan), looked for only around digit runs."""
    windows: list[list[int]] = []
    for match in _PHONE_CANDIDATE.finditer(text):
        start, end = max(0, match.start() - _PHONE_MARGIN), match.end() + _PHONE_MARGIN
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    seen: set[tuple[int, int]] = set()
    for start, end in windows:
        window = text[start:end]
        for match in PhoneNumberMatcher(window, "SE", leniency=Leniency.VALID, max_tries=500):
            span = (start + match.start, start + match.end)
            if span not in seen:
                seen.add(span)
                yield finding("phone", *span)


# ---------------------------------------------------------------------------------------------
# E-mail, URL, social handles, IP addresses

_EMAIL = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]{1,64}\s?(?:@|\(at\)|\[at\])\s?[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,24}(?![\w])",
)
_URL = re.compile(
    r"(?<![\w@/.])(?:(?:https?|ftp)://[^\s<>\"]{1,2000}|www\.[^\s<>\"]{1,2000}|"
    r"(?:[A-Za-z0-9\-]{1,63}\.){1,8}(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be)"
    r"(?:/[^\s<>\"]{0,2000})?)(?![\w@])",
    re.IGNORECASE,
)
_SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?![\w@])")
_IPV4 = re.compile(
    r"(?=\d)(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\d]|\.\d)"
)
_IPV6_CANDIDATE = re.compile(
    r"(?=[0-9A-Fa-f]{0,4}:)(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def _strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"”":
        end -= 1
    return end


_AT_SIGN = re.compile(r"@|\(at\)|\[at\]")


def find_email(text: str) -> Iterator[Finding]:
    """E-mail addresses, searched only near each @ (or "(at)"): long texts with few addresses
    stay cheap. Nearby windows are merged so that no character is scanned twice."""
    windows: list[list[int]] = []
    for at in _AT_SIGN.finditer(text):
        start, end = max(0, at.start() - 70), at.end() + 600
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        for match in _EMAIL.finditer(text, start, min(end, len(text))):
            yield finding("email", match.start(), match.end())


def find_urls(text: str) -> Iterator[Finding]:
    for match in _URL.finditer(text):
        end = _strip_trailing_punctuation(text, match.start(), match.end())
        # "t.ex" or "bl.a" are not domains: the domain pattern needs a known top-level domain.
        yield finding("url", match.start(), end)


def find_social_handles(text: str) -> Iterator[Finding]:
    if "@" not in text:
        return
    for match in _SOCIAL_HANDLE.finditer(text):
        end = _strip_trailing_punctuation(text, match.start(), match.end())
        if end - match.start() > 2:
            yield finding("social_handle", match.start(), end)


def find_ip_addresses(text: str) -> Iterator[Finding]:
    for match in _IPV4.finditer(text):
        yield finding("ip_address", match.start(), match.end())
    if "::" in text or text.count(":") >= 3:
        for match in _IPV6_CANDIDATE.finditer(text):
            try:
                ipaddress.IPv6Address(match.group())
            except ValueError:
                continue
            yield finding("ip_address", match.start(), match.end())
