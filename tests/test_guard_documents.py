"""The guard on numbers of identity documents (issue 11): a passport's, an LMA card's, a driving
licence's, after the word that names it; never a shift or a time range after "pass", nor
Migrationsverket's dossier number, which is its case number. Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Mannen har hennes pass, passnummer 90412277, i sin bil.", "90412277"),
        ("Passet nr SY0034412 är utfärdat i Damaskus.", "SY0034412"),
        ("Hon visade sitt LMA-kort (LMA-kort nr 5512-3390-27) för oss.", "5512-3390-27"),
        ("Körkortsnummer 770312449 står i anmälan.", "770312449"),
        ("Han har tagit hennes pass 34401287 och gömt det.", "34401287"),
    ],
)
def test_the_number_of_an_identity_document_is_blocked(text, number):
    assert ("id_document", number) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Personalen går pass 0700-1500 och kvällspass 3.",
        "Han har tagit hennes pass och LMA-kort, polisen är informerad.",
        "Hon väntar på nytt pass, handläggningstid ca 6 veckor.",
        "Migrationsverket, dnr 8.1.4-2025-318840, handlägger ansökan.",
        "Samtycket finns hos Migrationsverket under dossiernummer 31-204417.",
    ],
)
def test_a_shift_a_missing_number_and_case_numbers_are_not_blocked(text):
    assert blocked(text) == []
