"""The guard on the north of the county and on the samråd's own routines, from the development
set dev20 (issue 11): a Norwegian account number, a birth date in digits with the last four
after a comma, a fäbod by a mountain, Sámi and Norwegian place names, a week's plan with the
days as headings, a lift's letter, and the samråd's function mailbox. Examples here are in no
corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


def test_a_norwegian_account_number_is_blocked():
    assert blocks(
        "Pengarna gick till hans konto i Nordli: 3207.18.44915, enligt utdraget.", "3207.18.44915"
    )


def test_a_birth_date_in_digits_and_the_last_four_after_a_comma_are_blocked():
    text = "Misstänkt: NILSSON, ARNE / Född: 1953-02-14, 1006 / Tel saknas"
    assert blocks(text, "1953-02-14, 1006")


def test_a_birth_date_and_a_year_after_it_are_not_blocked():
    assert blocked("Hon är född: 1953-02-14, 2019 flyttade hon till Hoting.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon bor på fäbod vid Oldfjället sommartid och i Gäddede vintertid.",
        "Sametinget 0980-780 30 kan förmedla kontakt med samebyn.",
        "Samråd med Lierne, Røyrvik och Namsskogan om gränsärenden.",
        "Samebyarna Ohredahke och Njaarke har bidragit med kunskap.",
        "Frågor till funktionsbrevlådan samrad.vnr@krokom.se, inte till enskilda.",
    ],
)
def test_mountains_public_lines_neighbours_samebyar_and_a_function_mailbox_are_not_blocked(text):
    assert blocked(text) == []
    assert [kind for kind, _ in found(text) if kind == "name"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Veckans plan\nMån: styrgrupp 13.00\nOns: utbildning\nTor: ledig fm\nFre: samråd",
        "Ta hiss B. Kontoret ligger på plan 4.",
        "Bostad via Strömsundshem är sökt.",
    ],
)
def test_day_headings_a_lifts_letter_and_a_housing_company_are_not_warned_as_names(text):
    assert [kind for kind, _ in found(text) if kind == "name"] == []


def test_tor_as_a_name_in_a_plan_without_other_day_headings_is_still_warned_about():
    assert ("name", "Tor") in found("Tor: ring mig när du kan, /Lena")


def test_a_name_found_in_capitals_is_found_again_as_names_are_written():
    text = "Misst (BERGQVIST, MAX 19900101-0000?) slog henne. Max tfn saknas."
    assert ("name", "Max") in found(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Hon bor hos honom, ul. Mickiewicza 22/5, 60-101 Poznań, sedan i våras.",
            "ul. Mickiewicza 22/5",
        ),
        ("Gård: Ope 2047, Brunflo.", "Ope 2047"),
    ],
)
def test_a_street_abroad_after_its_marker_and_a_farm_numbered_past_any_year_are_addresses(
    text, address
):
    assert blocks(text, address)


@pytest.mark.parametrize(
    "text",
    [
        "Hon ska flytta till egen lgh 2027 enligt planen.",
        "Funktionsbrevlådan overformyndaren@ragunda.se nås vardagar.",
        "Tel till vår jour: 0640-122 48, dygnet runt.",
    ],
)
def test_a_year_after_lgh_a_guardianship_mailbox_and_our_own_jour_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bokningsbekräftelse nr 88213-B. Tolk på plats kl 10.",
        "Tolk (ukr.) via Semantix, klienten kommer från Odesa.",
        "Nästa samråd tors v. 19 kl 10.",
        "Misst har fortfarande nyckel; polisens K-nr saknas.",
    ],
)
def test_a_bookings_letter_interpreters_cities_weekdays_and_police_shorthand_are_no_names(text):
    assert [kind for kind, _ in found(text) if kind == "name"] == []
