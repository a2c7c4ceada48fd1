"""The guard on what the blind set v10 missed, printed once for the report of the round it
judged (2026-12-01), when it became a seen set (issue 11): a property designation named as a
crime scene with its locality after it, a Stockholm square with its floor ("2 tr"), a birth date
with dots and the last four after "s.f." — and the prosecution authority's case number, which
was blocked as a registration number. Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found, with_check_digit


def test_a_property_designation_with_its_locality_after_a_comma_is_an_address():
    assert blocks("Brottsplats: Skog 4:17, Bräcke (enligt anmälan).", "Skog 4:17")


def test_a_town_and_a_clock_time_before_a_locality_are_no_address():
    assert blocked("Vi ses i Östersund 8:40, Krokom tar nästa möte.") == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "Sonen bor i Göteborg sedan 2021 (Järntorgsplan 3, 2 tr, 413 04 Göteborg).",
            "Järntorgsplan 3",
        ),
        ("Adressen är Torgplan 12 2 tr enligt hyresavtalet.", "Torgplan 12"),
    ],
)
def test_a_street_and_number_before_the_floor_are_an_address(text, part):
    assert blocks(text, part)


def test_a_birth_date_with_dots_and_the_last_four_after_sf_are_blocked():
    text = "Målsägande: född 1987.11.23 (s.f. {four}), bor i Krokom."
    four = with_check_digit("871123228")[6:]
    assert any(kind == "personnummer" for kind, _ in found(text.format(four=four)))


@pytest.mark.parametrize(
    "text",
    [
        "När kontakten sker via barnets mobil? Åklagaren (AM-61734-26) bedömer att det är brott.",
        "Enligt åklagaren, ärende AM 91422-25, är barnets mobil beslagtagen.",
    ],
)
def test_the_prosecution_authoritys_case_number_is_not_blocked(text):
    assert blocked(text) == []
