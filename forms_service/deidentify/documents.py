"""Numbers of identity documents (block): a passport's, an LMA card's (the asylum seeker's card),
a driving licence's or an id card's. Each is issued to one person, who carries it, and leads to
them as surely as a personnummer does, so it is blocked after the word that names it:
"passnummer 88012345", "passet nr AB1234567", "LMA-kort 12-345678-9", "körkortsnummer
123456789". Migrationsverket's dossier number is its case number, and like every authority's
case number it is left alone (harmless.py): it is how a consent's place is referred to.

Only after such a word: a number alone says nothing of what it is, and "pass" also means a
shift, so after a bare "pass" or "passet" only a passport's own shape counts (eight or nine
digits, or one or two letters and six to eight digits), never a time range ("pass 0700-1500",
which harmless.py masks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import harmless
from .findings import Finding, finding
from .windows import matches_at_cues

_NAMED = (
    r"(?i:passnummer|passnumret|passnr|pass-nr|pass[ \u00a0]nr|pass[ \u00a0]nummer"
    r"|lma-kort(?:et|ets)?|lma-kortsnummer|lma-nummer|lma-nr|lma"
    r"|körkortsnummer|körkortsnr|körkort[ \u00a0]nr|id-kortsnummer|id-kortsnr|id-kort[ \u00a0]nr"
    r"|id-handlingsnummer)"
)
# At least six digits, in groups or not, perhaps after a letter or three: "12-345678-9", "987 654
# 32", "AB1234567".
_NUMBER = r"(?P<number>(?=(?:[A-Z \-]*\d){6})[A-Z]{0,3}[ \-]?\d(?:[ \-]?[0-9A-Z]){4,14})(?![\w\-])"
_DOCUMENT = re.compile(
    rf"(?<![\wåäö]){_NAMED}\.?(?:[ \u00a0]?(?:nr|nummer)\.?)?[ \u00a0]{{0,2}}:?[ \u00a0]{{0,2}}"
    + _NUMBER
)
# After a bare "pass"/"passet" (a passport, or a shift): only a passport's own shape.
_PASSPORT = re.compile(
    r"(?<![\wåäö])(?i:pass|passet|passets|passport)(?:[ \u00a0](?i:nr|nummer)\.?)?"
    r"[ \u00a0]{1,2}:?[ \u00a0]?"
    r"(?P<number>[A-Z]{1,2}\d{6,8}|\d{8,9})(?![\w\-])"
)
_CUES = ("pass", "lma", "körkort", "id-kort", "id-handling")


def find_id_documents(text: str) -> Iterator[Finding]:
    masked = harmless.mask(text)
    for pattern in (_DOCUMENT, _PASSPORT):
        for match in matches_at_cues(pattern, masked, _CUES):
            yield finding("id_document", match.start("number"), match.end("number"))
