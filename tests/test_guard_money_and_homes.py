"""The guard on money and homes, from the development set dev13 (issue 11): giro numbers given
on a form, a company's own giro, debt collectors' references, date ranges, a bank's or a
jour's public line, property designations after a village, and a house number given apart from
its street. Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Plusgiro till hans enskilda firma: 4481-2207, registrerad på henne.", "4481-2207"),
        ("Bankgiro för firman (hennes namn): 5120-3384", "5120-3384"),
    ],
)
def test_a_giro_number_given_after_a_colon_is_blocked_though_its_check_digit_is_wrong(text, number):
    assert blocks(text, number)


@pytest.mark.parametrize(
    "text",
    [
        "Hyran betalas till Krokomsbostäder, bankgiro 5310-1104, av socialtjänsten.",
        "Skulden ligger hos Intrum, referens 4410 2290 1183, sedan mars.",
        "Lånen togs ut 2024-11-03–2024-11-09 via en app.",
        "Hon ringde Handelsbankens spärrtjänst 08-701 10 11 med oss.",
        "Kvinnojouren har jourtelefon 0640-555 12 dygnet runt.",
        "Jourens nummer är 0690-411 22 om hon vill prata.",
        "Bussen från Östersund 9:15 är framme i Gäddede vid lunch.",
    ],
)
def test_a_companys_giro_references_date_ranges_public_lines_and_timetables_are_not_blocked(
    text,
):
    assert blocked(text) == []


def test_an_account_at_a_bank_named_before_a_comma_is_still_blocked():
    assert blocks("Lönen går till Nordea, kontonr 3300 1207 55 991.", "3300 1207 55 991")


def test_a_private_landline_named_as_his_is_still_blocked():
    assert blocks("Hans nummer är 0690-411 22 enligt henne.", "0690-411 22")


@pytest.mark.parametrize(
    ("text", "designation"),
    [
        ("Mannens syster (Myrviken 2:31) kan ta emot henne.", "Myrviken 2:31"),
        ("Han har flyttat till Kövra 1:44, det är fastighetsbeteckningen.", "Kövra 1:44"),
    ],
)
def test_a_property_designation_after_a_village_is_an_address_not_a_time(text, designation):
    assert blocks(text, designation)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("De bor på Kvarnvägen i Hallen. Huset har nummer 7 B, längst in.", "7 B"),
        ("Hon hyr på Skolgatan i Sveg, porten har nr 14.", "14"),
        ("Hon bor i röda huset mitt emot skolan i Rätan.", "huset mitt emot skolan i Rätan"),
    ],
)
def test_a_house_number_apart_from_its_street_and_the_way_to_a_house_are_addresses(text, part):
    assert blocks(text, part)


def test_a_house_number_without_a_street_before_it_is_not_blocked():
    assert blocked("Huset har nummer 12 på ritningen.") == []


@pytest.mark.parametrize(
    "text",
    [
        "BoS hjälper henne att bestrida skulderna hos Kronofogden.",
        "Skulden hos Svea Inkasso är bestridd.",
    ],
)
def test_budget_and_debt_counselling_and_a_debt_collector_are_not_names(text):
    assert [part for kind, part in found(text) if kind == "name"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon fick hjälp av Brottsofferjouren Jämtland (063-51 22 80) med ansökan.",
        "Kontakta Kriminalvården (0660-29 84 10) inför permissionen.",
        "Tingsrättens växel 08-561 831 45 kopplar till notarien.",
        "Socialtjänsten Krokom, Box 34, 835 21 Krokom. Besöksadress Offerdalsvägen 8.",
        "Samrådet hålls i kommunens lokaler på Köpmangatan 21, plan 2.",
        "Vi träffas i Regionens mottagning på Biblioteksgatan 3 i morgon.",
        "Formuläret fungerar i Firefox 128 men inte i Safari 16.",
        "Vapenlicens för Blaser 93 och en Beretta 690.",
        "Pat uppger att sambon stack honom i armen med en kniv.",
    ],
)
def test_organisations_own_lines_and_addresses_products_and_verbs_are_left_alone(text):
    assert [kind for kind, _ in found(text) if kind != "date"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ring hennes syster (063-12 77 41) i kväll.", "063-12 77 41"),
        ("Mannens arbetsgivare, en åkeri i Lit (0642-123 87), vet inget.", "0642-123 87"),
        ("Nya numret: noll sju två – åtta åtta ett – fyrtio tolv.", "noll sju två"),
    ],
)
def test_a_persons_number_in_parentheses_and_a_spoken_number_with_dashes_are_blocked(text, number):
    assert blocks(text, number)


def test_an_address_where_someone_lives_near_an_authoritys_premises_is_still_blocked():
    assert blocks("Hon bor nära kommunens lokaler på Köpmangatan 21.", "Köpmangatan 21")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hon bor i Kövra, nr 41, närmast vägen.", "Kövra, nr 41"),
        ("Inloggningen kom från ip-adressen 94,234,19,201 enligt banken.", "94,234,19,201"),
    ],
)
def test_a_village_with_the_word_for_a_number_and_an_ip_with_commas_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Östersund, nummer 3 i kön till familjerätten.",
        "Adressen ändrades tre gånger: 12,5,3,4 procent av ärendena.",
        "Loggen visar 112,45,67,89 sekunder per steg.",
    ],
)
def test_a_town_with_a_queue_number_and_number_lists_are_not_blocked(text):
    assert blocked(text) == []


def test_an_ordinary_word_with_a_house_number_after_a_word_for_living_is_an_address():
    # "järpe" is a bird, but after "bor" it names where someone lives, and 112 is no emergency.
    assert blocks("Hennes bror bor i Oviken, Järpe 112, med sin familj.", "Järpe 112")


def test_the_emergency_number_after_a_word_for_living_elsewhere_stays_harmless():
    assert blocked("Hon bor i Hallen. Ring 112 om han kommer.") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Hennes kontonr 921.337.405-2 står på lönebeskedet.", "921.337.405-2"),
        ("Nytt ktonr 6112 - 552 330 187 i Handelsbanken.", "552 330 187"),
        ("kto 8105-9 944 201 376-2 (Swedbank), hans", "944 201 376-2"),
    ],
)
def test_an_account_with_dots_between_its_groups_or_after_kto_is_blocked_whole(text, number):
    found_accounts = [part for kind, part in found(text) if kind == "account_number"]
    assert any(number in part for part in found_accounts)


def test_a_date_after_the_word_for_account_is_a_date_not_an_account():
    assert blocked("Kontot tömdes, kontot 2025.03.14 var tomt.") == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Post hämtas i låda 22, Stora Blåsjön, av sonen.", "låda 22"),
        ("Hans mejl är m.a.t.t.i.a.s.88@hotmail.com enligt henne.", "m.a.t.t.i.a.s.88@hotmail.com"),
    ],
)
def test_a_mailbox_at_the_road_and_an_address_with_a_dot_after_every_letter_are_blocked(text, part):
    assert blocks(text, part)
