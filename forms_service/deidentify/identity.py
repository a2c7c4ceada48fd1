"""Personnummer and samordningsnummer (block), and date-shaped numbers that fail the check digit
(warn: probably a mistyped personnummer).

A number is a personnummer when its digits, whatever separates them, are a valid date (day + 60
for a samordningsnummer) followed by four digits that pass the Luhn check: "850101-1236",
"19850101 1236", "85.01.01-1236", "85-01-01-1236", "850101/1236", "850101--1236",
"850101-12 36", "590 330-2072", glued to a word ("pnr850101-1236"). Split forms count too: a
birth date in one place and "sista fyra 1236", "slutsiffror 1236" or "resten av numret är
-1236" in another, or a date written out and a dash and the four digits soon after it ("7
november 1985 (-2103)"); the four digits are what identifies, so they are blocked.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date

from .findings import Finding, finding
from .windows import (
    cue_windows,
    digit_runs,
    matches_at,
    matches_at_cues,
    matches_at_runs,
    run_positions,
)

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASHES_AND_PLUS = frozenset("-+\u2010\u2011\u2012\u2013\u2014\u2212")
_PNR = re.compile(
    r"(?=\d)(?<!\d)(?<!\d[.,:])"
    r"(?:(?P<century>1[89]|20) ?)?(?P<yy>\d\d)(?P<s>[ ./\-]?)(?P<mm>\d\d)(?P=s)(?P<dd>\d\d)"
    rf"(?P<sep>[ \t]{{0,2}}\n?[ \t]{{0,2}}[{_DASHES}+./_:\\]{{1,2}}\n?[ \t]{{0,2}}|[ \t\n]{{1,2}}|)"
    r"(?P<tail>\d\d(?: ?\d\d))"
    # Nor the year that starts a second date: "2025-06-02–2025-06-04" is a range of dates.
    rf"(?!\d)(?![.,:]\d)(?![{_DASHES}]\d\d[{_DASHES}]\d\d)"
)
# The usual writings, the only ones where a failed check digit is worth a warning.
_CANONICAL_SEPARATORS = {"", "-", "+", " ", "–", " - "}
# "sista fyra 1236", "slutsiffror: 1236", "de fyra sista siffrorna är 1236", "slutar på 1236".
_LAST_FOUR_CUE = (
    r"(?:(?:de\s+)?(?:fyra|4)\s+sista|sista\s+(?:fyra|4)|sista\s+siffr\w*|sista\s+delen"
    r"|slutsiffr\w*|kontrollsiffr\w*|slutar\s+(?:\w+\s+){0,3}?på"
    r"|slutet\s+(?:på|av)\s+(?:person)?numret"
    r"|resten\s+av\s+(?:person|samordnings)?numret|(?:fyra|4)\s+sista)"
)
_LAST_FOUR = re.compile(
    # The leading lookahead (the first letters of the cues) lets the regex engine skip prose.
    rf"(?=[dfs4kr])(?<![\w]){_LAST_FOUR_CUE}"
    # An abbreviation's dot does not end the gap: "Sista fyra enl. pass: 2840".
    r"(?P<gap>(?:[^.!?\n\d]|\.(?=[ \u00a0][a-zåäö])){0,60}?)"
    r"(?P<four>-?\d{4}|\d\d \d\d|\d \d \d \d)"
    r"(?!\d)(?![ ]?(?:kr|:-))",
    re.IGNORECASE,
)
# A bare "sista …"/"resten …" with four digits close after, when the text speaks of a birth date
# or personnummer ("född 1985-01-01, sista: 1236").
_BARE_LAST = re.compile(
    r"(?<![\w])(?:sista|resten|slutet|slut)[^.!?\n\d]{0,15}?(?P<four>\d{4})(?!\d)"
    r"(?![ ]?(?:kr|:-|%))",
    re.IGNORECASE,
)
# A payment card the last four digits belong to ("kortet", "Visa-kortet", "Mastercard"; not the
# verb "visa", nor "kort sagt").
_A_CARD = re.compile(
    r"(?<![\wåäö])(?:(?i:\w*kort(?:et|ets|nr|nummer|numret)?|\w*card|amex|maestro)|Visa|VISA)"
    r"(?![\wåäö])(?! sagt)"
)
_BIRTH_CUE = re.compile(r"(?i:född|f\.\s?\d|fd\b|pnr|personn|födelse|samordningsn)")
# "…, 1236 (de fyra sista)": the digits before their cue (not a year: "född 1979, slutsiffror …").
_FOUR_BEFORE_CUE = re.compile(
    r"(?=\d)(?<![\d\-])(?P<four>(?!19\d\d|20[0-2]\d)\d{4})(?!\d)[^.!?\n\d]{0,20}?" + _LAST_FOUR_CUE,
    re.IGNORECASE,
)
# A personnummer cue and the digits after it, in any grouping: "pnr 850 101 1236".
_CUED = re.compile(
    r"(?=[pPsSrRiI])(?i:(?<![\w])(?:pnr|p-nr|pers\.?\s?nr|personnr|personnummer|personnumret|samnr|"
    r"samordningsnr|samordningsnummer|reservnr|reservnummer|res\.nr|id-nr|id-nummer)\.?:?\s?)"
    r"(?P<number>\d(?:[ .\-/]?\d){9,11}|\d{6,8}[\- ]?[A-Za-z]{1,2}\d{2,3})(?![\d])"
)
# Six date digits (eight with the century) split elsewhere than between year, month and day,
# then a dash or plus and the last four: "590 330-2072", "5903 30-2072", "198209 26-3105"
# (checked as a date and with Luhn).
_ODD_GROUPS = re.compile(
    rf"(?=\d)(?<![\d.,:])(?P<date>\d{{1,7}} \d{{1,7}})[ ]?[{_DASHES}+](?P<four>\d{{4}})"
    r"(?!\d)(?![.,:]\d)"
)
# A birth date written out and the last four digits with a dash soon after it: "född 7 november
# 1985 (-2103 enligt domen)", "1985-11-07, -2103", "f. 700808 (-4381)" (not a year: "1 mars
# 2019 (-2023)", nor an amount: "12 maj 2024 (-3415 kr)").
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [("januari", "jan"), ("februari", "feb"), ("mars", "mar"), ("april", "apr"), ("maj",),
         ("juni", "jun"), ("juli", "jul"), ("augusti", "aug"), ("september", "sep", "sept"),
         ("oktober", "okt"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DATE_THEN_FOUR = re.compile(
    r"(?=\d)(?<![\d.,:\-])(?:(?P<day>\d{1,2})\.?\s(?P<month>[a-zA-ZåäöÅÄÖ]{3,9})\.?\s"
    r"(?P<year>(?:19|20)\d\d)|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    r"|(?P<compact>(?:19|20)?\d{6})(?![\d\-]))"
    rf"[^.!?\n\d]{{0,20}}?(?<![\w{_DASHES}])[{_DASHES}](?P<four>(?!19\d\d|20[0-3]\d)\d{{4}})"
    r"(?!\d)(?![.,:]\d)(?![ ]?(?:kr|:-|%))"
)
# Every cued number starts with one of these (case-folded): the pattern is tried only there.
_CUED_CUES = ("pnr", "p-nr", "pers", "samnr", "samordningsn", "reservn", "res.nr", "id-n")
# A reserve number (reservnummer), given by health care to people without a personnummer:
# a birth date and letters where the last four digits would be ("19850101-T123", "850101-RX12").
_RESERVE = re.compile(
    r"(?=\d)(?<![\d\w])(?:1[89]|20)?\d{6}[\-+ ]?(?:[A-Z]\d{3}|[A-Z]{2}\d{2})(?![\w])"
)


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, its two digits added


def luhn_ok(digits: str) -> bool:
    total = sum(map(int, digits[-1::-2])) + sum(_DOUBLED[int(c)] for c in digits[-2::-2])
    return total % 10 == 0


def _valid_date(year: int, month: int, day: int) -> bool:
    """A date up to today, or one the calendar lacks but a month has room for ("860229", "850431"):
    a personnummer typed wrong or made up for a form is blocked as the real kind would be."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        return date(year, month, day) <= date.today()
    except ValueError:
        return date(year, month, 1) <= date.today()


def _kind(match: re.Match[str]) -> str | None:
    yy, mm, dd = int(match["yy"]), int(match["mm"]), int(match["dd"])
    years = [int(match["century"]) * 100 + yy] if match["century"] else [1900 + yy, 2000 + yy]
    if any(_valid_date(year, mm, dd) for year in years):
        return "personnummer"
    if 61 <= dd <= 91 and any(_valid_date(year, mm, dd - 60) for year in years):
        return "samordningsnummer"
    return None


def valid_digits(digits: str) -> bool:
    """Ten or twelve digits that are a personnummer or samordningsnummer: a date and Luhn."""
    ten = digits[-10:]
    return _date_part_valid(digits[:-4]) and luhn_ok(ten)


def _date_part_valid(digits: str) -> bool:
    """YYMMDD or YYYYMMDD (day + 60 for a samordningsnummer) is a date up to today."""
    if len(digits) == 8:
        if digits[:2] not in ("18", "19", "20"):
            return False
        years = [int(digits[:4])]
        digits = digits[2:]
    elif len(digits) == 6:
        years = [1900 + int(digits[:2]), 2000 + int(digits[:2])]
    else:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    return any(_valid_date(year, month, day) for year in years)


def find_personnummer(text: str) -> Iterator[Finding]:
    for match in matches_at_runs(_PNR, text, shortest=2):
        if match["century"] and match["s"] == "-" and match["sep"].strip() in ("", "/"):
            # "2025-11-03 1430": a date and a time, not "19790423-3181"; "Händelsenr
            # 2025-11-26 / 0412": a date and a serial number.
            continue
        kind = _kind(match)
        if kind is None:
            continue
        ten = f"{match['yy']}{match['mm']}{match['dd']}{match['tail'].replace(' ', '')}"
        if luhn_ok(ten):
            yield finding(kind, match.start(), match.end())
        elif match["s"] == "" and match["sep"] in _CANONICAL_SEPARATORS:
            yield finding("personnummer_like", match.start(), match.end())
    yield from _last_four(text)
    yield from _unusual_writings(text)
    yield from _spaced_twelve(text)
    yield from _pasted_and_spaced(text)
    for match in matches_at_cues(_CUED, text, _CUED_CUES):
        number = match["number"]
        digits = re.sub(r"\D", "", number)
        if any(c.isalpha() for c in number) or (len(digits) in (10, 12) and valid_digits(digits)):
            kind = "samordningsnummer" if int(digits[-6:-4]) > 60 else "personnummer"
            yield finding(kind, match.start("number"), match.end("number"))
    # A reserve number's digits are a run of six or eight (with the century).
    for match in matches_at_runs(_RESERVE, text, lengths=(6, 8)):
        if _date_part_valid(re.match(r"\d+", match.group()).group()):
            yield finding("personnummer", match.start(), match.end())


def _last_four(text: str) -> Iterator[Finding]:
    """The last four digits given apart from the birth date ("sista fyra 1236")."""
    windows = cue_windows(text, ("sista", "slut", "kontroll", "resten"), 40, 90)
    if not windows:
        return
    patterns = [_LAST_FOUR, _FOUR_BEFORE_CUE]
    if _BIRTH_CUE.search(text):
        patterns.append(_BARE_LAST)
    for start, end in windows:
        for pattern in patterns:
            for match in pattern.finditer(text, start, end):
                four = match["four"]
                if pattern is _BARE_LAST and 1900 <= int(four) <= 2099:
                    continue  # "sista gången 2024" is a year
                if pattern is _LAST_FOUR and (
                    _A_CARD.search(match["gap"])
                    or _A_CARD.search(text, max(0, match.start() - 20), match.start())
                ):
                    continue  # "sista fyra på Mastercard: 4417", "kort (slutsiffror 3492)"
                yield finding("personnummer", match.start("four"), match.end("four"))


# A personnummer with a space after every digit: "8 9 0 7 2 2 - 0 8 4 5".
_SPACED_DIGITS = re.compile(r"(?<!\d)(?<!\d )(?:\d ){5,7}\d(?: ?[\-+] ?| )\d(?: \d){3}(?![\d]| \d)")
# A birth date in words after "född" and the last four after a comma: "född den 16 november 1998,
# 4343" (the date alone needs no dash when "född" says what follows).
_BORN_THEN_FOUR = re.compile(
    r"(?i:född|f\.)[^.!?\n\d]{0,12}(?P<day>\d{1,2})\.?\s(?P<month>[a-zA-ZåäöÅÄÖ]{3,9})\.?\s"
    r"(?P<year>(?:19|20)\d\d)[,;:]?\s(?P<four>(?!19\d\d|20[0-3]\d)\d{4})(?!\d)(?![.,:]\d)"
    r"(?![ ]?(?:kr|:-|%))"
)
# The same with the date in digits and the last four after a comma: "Född: 1953-10-08, 1350",
# "f. 1979-01-14, nr 3573" (Luhn-checked, so a short word may stand between).
_BORN_DIGITS_THEN_FOUR = re.compile(
    r"(?i:född|f\.)[^.!?\n\d]{0,12}(?P<date>(?:19|20)\d\d(?P<s>[\-.])\d\d(?P=s)\d\d)"
    # "född 1990.07.03 (s.f. 4813)": "s.f." for slutsiffror, the last four.
    r"(?:[,;:]\s|\s\()(?:(?i:nr|nummer|s\.f\.|sf|slutsiffror)\.?:?\s)?"
    r"(?P<four>(?!19\d\d|20[0-3]\d)\d{4})(?!\d)(?![.,:]\d)(?![ ]?(?:kr|:-|%))"
)


# The date part, a "…" where the writer left something out, and the last four: "58.01.03 … 7762",
# "801178 … 1864".
_ELLIPSIS = re.compile(
    r"(?<![\d.])(?P<date>(?:19|20)?\d{6}|\d\d\.\d\d\.\d\d)[ \u00a0]?(?:…|\.\.\.)[ \u00a0]?"
    r"[\-\u2013]?(?P<four>\d{4})(?!\d)"
)


# Words saying that the last four come apart from the birth date: later, or because the number
# was written split ("skrev personnumret delat: ”990630” … ”-1180”").
_LATER_CUES = ("fyra sista", "sista fyra", "slutsiffr", "resten av", "återkomm", "delat",
               "uppdelat")  # fmt: skip


def _inside(windows: list[tuple[int, int]], position: int) -> bool:
    index = bisect_left(windows, (position + 1,)) - 1
    return index >= 0 and windows[index][0] <= position < windows[index][1]


def _four_given_later(text: str) -> Iterator[Finding]:
    """A birth date now and the last four later ("börjar 801178 – de fyra sista får jag återkomma
    med. … EDIT: 1864"): when the text says the rest comes later, each date-shaped run of six
    digits and each run of four after it (within 200 characters) are tried together."""
    windows = cue_windows(text, _LATER_CUES, 200, 200)
    if not windows:
        return
    runs = digit_runs(text)
    for index, (start, end) in enumerate(runs):
        if end - start != 6 or not _inside(windows, start):
            continue
        if not _date_part_valid(text[start:end]):
            continue
        for four_start, four_end in runs[index + 1 :]:
            if four_start - end > 200:
                break
            four = text[four_start:four_end]
            plausible = len(four) == 4 and not four.startswith(("19", "20"))
            if plausible and valid_digits(text[start:end] + four):
                yield finding(_kind_of(text[start:end]), start, end)
                yield finding(_kind_of(text[start:end]), four_start, four_end)
                break


def _spaced_starts(text: str) -> list[int]:
    """Single digits that three more single digits follow, one space apart ("8 9 0 7 …")."""
    return [
        start
        for start, end in digit_runs(text)
        if end == start + 1
        and text[start + 1 : start + 8 : 2] == "    "
        and text[start + 2 : start + 8 : 2].isdigit()
    ]


def _pasted_and_spaced(text: str) -> Iterator[Finding]:
    """A personnummer broken by a line break in a paste ("198407\n10-0406"), or with a space
    after every digit: blocked when the digits joined pass the date and Luhn checks."""
    # Runs of digits a line break ends (found from the shared runs, not by a scan of the text).
    for start, position in digit_runs(text):
        if text[position : position + 1] == "\n":
            joined = text[start:position] + text[position + 1 : position + 16]
            match = _PNR.match(joined)
            if (
                match
                and match.end() > position - start
                and _kind(match)
                and luhn_ok(
                    f"{match['yy']}{match['mm']}{match['dd']}{match['tail'].replace(' ', '')}"
                )
            ):
                yield finding(_kind(match), start, start + match.end() + 1)
    for match in matches_at(_SPACED_DIGITS, text, _spaced_starts(text)):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) in (10, 12) and valid_digits(digits):
            yield finding(_kind_of(digits[-10:-4]), match.start(), match.end())
    yield from _four_given_later(text)
    for start, end in cue_windows(text, ("…", "..."), 16, 12):
        for match in _ELLIPSIS.finditer(text, start, end):
            digits = match["date"].replace(".", "")[-6:] + match["four"]
            if valid_digits(digits):
                yield finding(_kind_of(digits[:6]), match.start(), match.end())
    for start, end in cue_windows(text, ("född", "f."), 0, 50):
        for match in _BORN_THEN_FOUR.finditer(text, start, end):
            month = _MONTH_NUMBERS.get(match["month"].casefold())
            yymmdd = f"{match['year'][2:]}{month or 0:02}{int(match['day']):02}"
            if month and valid_digits(yymmdd + match["four"]):
                yield finding("personnummer", match.start("day"), match.end())
        for match in _BORN_DIGITS_THEN_FOUR.finditer(text, start, end):
            digits = re.sub(r"\D", "", match["date"][2:]) + match["four"]
            if valid_digits(digits):
                yield finding(_kind_of(digits[:6]), match.start("date"), match.end())


def _unusual_writings(text: str) -> Iterator[Finding]:
    """A personnummer grouped oddly ("590 330-2072") or given as a birth date written out and
    the last four digits after it ("7 november 1985 (-2103)"): blocked only when the date is
    valid and the ten digits pass the Luhn check."""
    fours = _dashed_fours(text)
    if not fours:
        return
    for match in matches_at(_ODD_GROUPS, text, _runs_before(text, fours, 14)):
        date_digits = match["date"].replace(" ", "")
        if len(date_digits) == 8 and date_digits.startswith(("19", "20")):
            date_digits = date_digits[2:]
        if len(date_digits) == 6 and valid_digits(date_digits + match["four"]):
            yield finding(_kind_of(date_digits), match.start(), match.end())
    for match in matches_at(_DATE_THEN_FOUR, text, _runs_before(text, fours, 45)):
        if match["iso"]:
            yymmdd = match["iso"][2:].replace("-", "")
        elif match["compact"]:
            yymmdd = match["compact"][-6:]
        else:
            month = _MONTH_NUMBERS.get(match["month"].casefold())
            if month is None:
                continue
            yymmdd = f"{match['year'][2:]}{month:02}{int(match['day']):02}"
        if valid_digits(yymmdd + match["four"]):
            yield finding("personnummer", match.start(), match.end())


# Twelve digits with the century, grouped any way by single spaces: "19 850 101 1236" (checked
# as a date and with Luhn).
_SPACED_TWELVE = re.compile(r"(?:19|20)\d{0,2}(?: \d{1,4}){2,5}(?!\d| \d)")


def _spaced_twelve(text: str) -> Iterator[Finding]:
    starts = [
        start
        for start in run_positions(text, lengths=(2, 3, 4))
        if text.startswith(("19", "20"), start) and text[start - 1 : start] not in "-+"
    ]
    for match in matches_at(_SPACED_TWELVE, text, starts):
        digits = match.group().replace(" ", "")
        if len(digits) == 12 and valid_digits(digits):
            yield finding(_kind_of(digits[2:8]), match.start(), match.end())


def _dashed_fours(text: str) -> list[int]:
    """Where each run of exactly four digits with a dash or plus right before it starts: both
    unusual writings end in one, so the patterns are tried only shortly before these."""
    return [
        start
        for start, end in digit_runs(text)
        if end - start == 4 and start and text[start - 1] in _DASHES_AND_PLUS
    ]


def _runs_before(text: str, fours: list[int], reach: int) -> list[int]:
    """The starts of the runs of digits at most `reach` characters before one of `fours`."""
    starts = [start for start, _ in digit_runs(text)]
    found: set[int] = set()
    for four in fours:
        found.update(starts[bisect_left(starts, four - reach) : bisect_left(starts, four)])
    return sorted(found)


def _kind_of(date_digits: str) -> str:
    return "samordningsnummer" if int(date_digits[-2:]) > 60 else "personnummer"
