"""The public telephone numbers of data/public_numbers.txt (112, 114 14, 1177, 020-50 50 50,
116 006 …): never blocked, in any spacing. harmless.py masks them in text; phones.py asks
whether a number it parsed is one."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def numbers() -> frozenset[str]:
    data = resources.files(__package__).joinpath("data", "public_numbers.txt")
    found = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.add(line.split()[0])
    return frozenset(found)


@cache
def pattern() -> re.Pattern[str]:
    """Each public number with any spacing or dashes between its digits: "020-50 50 50"."""
    alternatives = []
    for number in sorted(numbers(), key=len, reverse=True):
        alternatives.append(r"[ \-]?".join(number))
    return re.compile(r"(?:" + "|".join(alternatives) + r")(?![\d]|[ \-]\d)")


def is_public(digits: str) -> bool:
    return digits in numbers() or digits.lstrip("0") in numbers()
