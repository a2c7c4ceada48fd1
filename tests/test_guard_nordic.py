"""The guard on the neighbours' personal identity numbers (issue 11): Norway's fødselsnummer and
D-nummer after a word for it, Finland's henkilötunnus by its check character, Denmark's CPR
number after "CPR". Examples here are in no corpus; their check digits are right."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Mannen är norsk, fødselsnummer 15037840022, bor i Meråker.", "15037840022"),
        ("Norskt fnr 230991 40186 enligt NAV-brevet.", "230991 40186"),
        ("Hennes norska D-nummer 52017640097 står i kontraktet.", "52017640097"),
        ("Finsk personbeteckning 220472-143L, folkbokförd i Uleåborg.", "220472-143L"),
        ("Sambon har en finsk hetu: 050899-2177.", "050899-2177"),
        ("Han har dansk CPR-nr 120381-2241 sedan tiden i Köpenhamn.", "120381-2241"),
    ],
)
def test_a_neighbouring_countrys_personal_identity_number_is_blocked(text, number):
    assert blocks(text, number)


@pytest.mark.parametrize(
    "text",
    [
        "Fakturanummer 15037840022 betalades i mars.",
        "Beställning 220472-1433 skickades till leverantören.",
    ],
)
def test_eleven_digits_without_a_word_for_them_and_an_order_number_are_not_blocked(text):
    assert blocked(text) == []
