"""The guard on addresses, postcodes and registration numbers (issue 11, items 1 and 3): rural
"Village NNN" addresses and every street writing found; road numbers, law references, rooms and
figures per municipality left alone. Examples here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Villages and farms of Jämtlands län (data/jamtland_localities.txt), any case.
        ("Hon bor i Bakvattnet 14 med hundarna.", "Bakvattnet 14"),
        ("Paret hyr en gård, Glösa 210 A, sedan i våras.", "Glösa 210 A"),
        ("Folkbokförd på Sörviken 9.", "Sörviken 9"),
        ("MÅLSÄGANDE BOR PÅ HOTAGSFORS 7, STRÖMSUND.", "HOTAGSFORS 7"),
        ("hon bor på vallbo 31 och han i ånn 12", "vallbo 31"),
        ("Samråd hos kvinnan, Storåbränna 12.", "Storåbränna 12"),
        # A village that is also a word, after an address cue.
        ("Hon bor i Hallen 12 sedan en vecka.", "Hallen 12"),
        # Any capitalised name that is not an ordinary word (a village not on the list).
        ("Flyttade till Gåsnäsbyn 41 B i november.", "Gåsnäsbyn 41 B"),
        ("Stugan ligger vid Tjärnåsen 118, långt från vägen.", "Tjärnåsen 118"),
    ],
)
def test_rural_addresses_are_blocked(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Bor på Furuvägen 3 B, lgh 1201.", "Furuvägen 3 B, lgh 1201"),
        ("Bor på furuvägen 3 sedan juni.", "furuvägen 3"),
        ("Adress: Kyrkg. 14, Sveg.", "Kyrkg. 14"),
        ("Adress: Storg 7 i Hammerdal.", "Storg 7"),
        ("Lägenheten på Drottningg. 22 A.", "Drottningg. 22 A"),
        ("Hon bor på Furuvägen nr 3.", "Furuvägen nr 3"),
        ("Hon bor på storgatan nummer 12.", "storgatan nummer 12"),
        ("Hon bor på Furuvägen3, högst upp.", "Furuvägen3"),
        ("Hon bor på 3 Furuvägen sedan maj.", "3 Furuvägen"),
        ("Skriven på Norra Strandgatan 40.", "Norra Strandgatan 40"),
        ("Post c/o Lindén, Box 412.", "c/o Lindén"),
    ],
)
def test_m5_street_addresses_in_every_writing_are_blocked(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    "text",
    [
        "Hon pendlar längs riksväg 87 och länsväg 321, ibland E45.",
        "Riksväg 87 var avstängd i två dagar.",
        "Enligt 5 kap. 11 § SoL ska nämnden verka för stöd.",
        "Samrådet hölls i rum 4, plan 3, hus 12 på sjukhuset.",
        "Ärenden per kommun: Östersund 31, Krokom 9, Åre 7, Strömsund 6, Bräcke 5.",
        "Hon har varit i Hallen 3 gånger i år och i Åre 2 veckor.",
        "Storsjöyran 2025 var orolig, liksom Valborg 2024.",
        "Kvinnan har bott i Ytterån sedan 2019 och i Brunflo i 2 år.",
        "Hon vill ha samråd vecka 12 eller v. 14.",
        "Mötet flyttas till Mars 14 kl. 13.",
        "Han kör en Volvo 240 och hon en Saab 900.",
        "Stesolid 10 mg vid behov enligt läkaren.",
    ],
)
def test_roads_laws_rooms_figures_and_products_are_not_addresses(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Skriven på 836 31 Lit.", "836 31"),
        ("Skriven på 83631 Lit.", "83631"),
        ("SKRIVEN PÅ 83631 LIT.", "83631"),
        ("Postnummer 83631, resten vet vi inte.", "83631"),
        ("Adress SE-836 31.", "SE-836 31"),
    ],
)
def test_postcodes_with_and_without_space_are_blocked(text, postcode):
    assert blocks(text, postcode)


@pytest.mark.parametrize(
    "plate",
    ["KLM 47T", "KLM47T", "klm 47t", "klm47t", "KLM-473", "KLM.473", "KLM  473", "K L M 47 T"],
)
def test_registration_numbers_in_any_case_and_spacing_are_blocked(plate):
    assert blocks(f"Bilen {plate} står på gården.", plate)


def test_a_registration_number_glued_to_its_cue_is_blocked():
    assert blocks("Polisen: regnrKLM47T och regnr:KLM473.", "KLM47T")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A village or farm name that is also a word, with no cue: its place-name ending decides.
        ("Myrbacken 6, köket är varmt.", "Myrbacken 6"),
        ("Heden 4 blir samrådsplatsen.", "Heden 4"),
        ("Plats: Lugnet 7, övervåningen.", "Lugnet 7"),
        ("Samråd utanför Tallåsen 22 i kväll.", "Tallåsen 22"),
        ("hos mamma i viken 12 sedan i går", "viken 12"),
        ("Hon bor på Björkgärdet 5 E.", "Björkgärdet 5 E"),
    ],
)
def test_place_names_that_are_also_words_are_addresses_with_a_number(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Skriven på 836-31 Lit.", "836-31"),
        ("Adress SE83631 Lit.", "SE83631"),
        ("Skriven i 83631 brunflo.", "83631"),
        ("Adress: Furuvägen 3, 83631.", "83631"),
    ],
)
def test_postcodes_with_a_dash_glued_or_after_an_address_are_blocked(text, postcode):
    assert blocks(text, postcode)


def test_a_five_digit_number_elsewhere_is_not_a_postcode():
    assert blocked("Kommunen hade 12345 invånare och 40000 besökare.") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Lugnet 7, övervåningen", "Lugnet 7"),  # a meeting-place field that is an address
        ("Fastigheten Gärde 2:14 ägs av mannen.", "Gärde 2:14"),  # property designation
        ("Han äger Storbacken 1:234 sedan 2019.", "Storbacken 1:234"),
    ],
)
def test_a_field_that_starts_with_an_address_and_property_designations_are_blocked(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    "text",
    ["Samråd i Åre 14:30.", "Kvartal 1: 12 ärenden.", "Samråd nr 47 hölls i Brunflo."],
)
def test_times_and_numbered_things_at_a_line_start_are_not_addresses(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A locality of two words (data/jamtland_localities.txt).
        ("Hon har flyttat ut till Storsjö kapell 27 med barnen.", "Storsjö kapell 27"),
        # An ordinary word and a number, confirmed by the postcode or "i <locality>" after it.
        ("Hon fyllde i formuläret: Kvarnen 8, 831 48 Östersund.", "Kvarnen 8"),
        ("Avsändare: Mejeriet 31, 831 52 Östersund.", "Mejeriet 31"),
        ("Polisen åkte till Byn 14 i Hackås efter larmet.", "Byn 14"),
    ],
)
def test_two_word_localities_and_places_confirmed_by_what_follows_are_addresses(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    "text",
    [
        "Möte i Rum 12 i Östersund, sedan Buss 45 i Krokom.",
        "Vi ses Vecka 12 i Åre.",
        "Plats 2 i Östersund är bokad för samrådet.",
        "Hon pendlar från Östersund, 64000 invånare, till Krokom.",
        "Mötet i Krokom, 83500 kr i kostnad, betalades av kommunen.",
    ],
)
def test_numbered_things_and_figures_before_a_locality_are_not_addresses(text):
    assert blocked(text) == []


def test_a_bare_postcode_after_a_locality_and_a_comma_is_blocked():
    assert blocks("Han har en stuga nära Bispgården, 84050, sedan i vintras.", "84050")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Han har en stuga i Stig (Stig 14) dit han åker.", "Stig 14"),
        ("Hon flyttade till Alma i våras, Alma 22 är gården.", "Alma 22"),
    ],
)
def test_a_first_name_the_text_uses_as_a_place_is_an_address_with_a_number(text, address):
    assert ("address", address) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stygn med Prolene 5-0 i ansiktet.",
        "Apgar 8-9-10 efter förlossningen.",
        "Insulin Levemir 18 E till natten.",
        "Escitalopram 10 mg och Mirtazapin 15 mg till kvällen.",
        "Sumatriptan 50 vid behov, Desloratadin 5 dagligen.",
        "GCS 14 vid ankomst, NEWS 3.",
    ],
)
def test_medicines_scores_and_suture_sizes_before_a_number_are_not_addresses(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Hon har flyttat till Lilla Torget 3 i Hammarstrand.", "Lilla Torget 3"),
        ("Han bor på Södra Långa Gatan 15.", "Södra Långa Gatan 15"),
        ("Adress: Gamla Vägen 27, Bräcke", "Gamla Vägen 27"),
    ],
)
def test_a_street_named_in_two_words_is_an_address(text, address):
    assert ("address", address) in found(text)


def test_a_two_word_street_never_starts_with_a_preposition_or_a_road_type():
    assert ("address", "Vid Vägen 14") not in found("Vid Vägen 14 svänger man vänster.")
    assert blocked("Riksväg 87 var stängd.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kampanjen Orange Day 25 november nådde många.",
        "Målet vid tingsrätten, mål T 1244-26, är vilandeförklarat.",
        "Hallen tre gånger i veckan, tjugo personer per gång.",
    ],
)
def test_dates_court_cases_and_counted_words_are_not_addresses(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hålls i Socialförvaltningens lokaler, Köpmangatan 21, plan 3.",
        "Skicka till Region Jämtland Härjedalen, Box 871, 831 28 Östersund.",
        "Ansökan skickas till Länsstyrelsen Jämtlands län, 831 86 Östersund.",
    ],
)
def test_an_authoritys_own_address_named_before_it_is_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Senast känd adress: Hagens väg 14, Lit", "Hagens väg 14"),
        ("Adress: Brunflo Gata 3 (osäker)", "Brunflo Gata 3"),
        ("Hon bor på Tandsbyns gård 7 med maken.", "Tandsbyns gård 7"),
    ],
)
def test_a_street_written_as_a_name_and_vag_gata_or_gard_is_an_address(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Vi ses i Krokoms kommunhus, mötesrum Offerdal 2, kl. 10.",
        "Han har permission från anstalten Östragård 3-5 maj.",
        "Bilen stod på väg 87 vid Ammer.",
    ],
)
def test_rooms_named_after_places_date_ranges_and_road_numbers_are_not_addresses(text):
    assert blocked(text) == []
