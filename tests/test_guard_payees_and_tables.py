"""The guard on the money a case text names, from the development set dev17 (issue 11): an
organisation's own giro named with it, an invoice's reference a few words after "OCR", accounts
in a table's columns, a birth date given with its century and an odd space, a year after a
village someone moved to, and short weekdays and abbreviations that are no one's name.
Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found, with_check_digit


@pytest.mark.parametrize(
    "text",
    [
        "Regionen har bankgiro 5050-4417 för återbetalning av för mycket utbetald lön.",
        "Inbetalning enligt brevet: Bankgiro Kronofogden 5052-6023, märk med målnumret.",
        "Återbetalning görs till bankgiro 5330-1190 (Bräcke kommun) senast i maj.",
        "Bostadsbolagets plusgiro 48 33 12-9 står på hyresavin.",
        "Hyran går direkt till hyresvärden (Hammarstrands Bostäder AB), bankgiro 5471-2208.",
    ],
)
def test_an_organisations_giro_named_with_it_is_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Kan banken stänga bankgiro 5329-4410 som sonen öppnat i pappans namn?", "5329-4410"),
        ("Kommunen betalar ut till hennes bankgiro 5188-3302 sedan i höstas.", "5188-3302"),
        ("Han driver enskild firma; Skatteverket har hans bankgiro 5510-2281.", "5510-2281"),
        ("Swedbank har spärrat bankgiro 5623-8870, som mannen använde.", "5623-8870"),
    ],
)
def test_a_persons_giro_is_blocked_though_an_organisation_is_named_near_it(text, number):
    assert blocks(text, number)


@pytest.mark.parametrize(
    "text",
    [
        "OCR för elräkningen: 7781 2299 3301 4, förfaller den 28:e.",
        "Fakturanummer på påminnelsen från Jämtkraft: 55120098.",
        "OCR-numret på avin från kommunen: 409918273355.",
    ],
)
def test_an_invoices_reference_a_few_words_after_its_cue_is_not_blocked(text):
    assert blocked(text) == []


def test_an_account_in_the_same_sentence_as_an_invoice_reference_is_still_blocked():
    text = "OCR för hyran dras från hennes konto 8214-7, 345 812 119-2 varje månad."
    assert blocks(text, "345 812 119-2")


@pytest.mark.parametrize(
    ("text", "account"),
    [
        (
            "Konton:\n| Bank | Clearing | Kontonr |\n| Handelsbanken | 6183 | 412 448 109 |",
            "412 448 109",
        ),
        ("Bank        Clearing    Konto\nNordea      3300        8104 221 57", "8104 221 57"),
        ("Swedbank    8431-6      723 441 908-2\n(enligt kontoutdraget)", "723 441 908-2"),
    ],
)
def test_a_clearing_number_and_an_account_in_a_tables_columns_are_blocked(text, account):
    assert blocks(text, account)


def test_numbers_in_a_statistics_table_are_not_an_account():
    text = "| År | Förfrågningar | Samråd |\n| 2025 | 212 | 148 |\n| 2026 | 231 | 160 |"
    assert blocked(text) == []


def test_a_personnummer_with_its_century_and_a_space_before_the_day_is_blocked():
    number = with_check_digit("760412100")  # 7604121009
    text = f"pnr enligt id-kortet: 19{number[:4]} {number[4:6]}-{number[6:]}, tolk behövs."
    assert blocks(text, f"19{number[:4]} {number[4:6]}-{number[6:]}")


@pytest.mark.parametrize(
    "text",
    [
        "Hon bodde i Trondheim och flyttade till Hede 2019, efter skilsmässan.",
        "Familjen flyttade till Tänndalen 2023 för hans säsongsjobb.",
    ],
)
def test_a_year_after_a_village_someone_moved_to_is_not_an_address(text):
    assert blocked(text) == []


def test_a_house_number_after_a_village_someone_moved_to_is_still_an_address():
    assert blocks("Hon flyttade till Hede 19 i våras.", "Hede 19")


@pytest.mark.parametrize(
    "text",
    [
        "Mottagningen har öppet mån och tors 9–12 för drop in.",
        "Uppföljning tors nästa vecka, samma rum.",
        "Telefontid tis, tors 13–14.",
        "Msä uppger att hon inte vill medverka. IFO informerad.",
        "Hon bokade resa med Nettbuss från Östersund till Trondheim.",
        "Vi ses vid liften i Ramundberget, eller på Ramundbergets parkering.",
    ],
)
def test_short_weekdays_abbreviations_and_places_are_not_warned_as_names(text):
    assert [kind for kind, _ in found(text) if kind == "name"] == []


def test_a_name_tor_is_still_warned_about_after_a_kinship_word():
    assert ("name", "Tor") in found("Hon bor med sonen Tor, 19, i Hede.")


def test_a_giro_whose_owner_is_doubted_when_it_is_spoken_of_again_is_blocked():
    text = (
        "Stödet från föreningen gick till bankgiro 5402-7716. Vi vet inte om bankgirot "
        "är föreningens eller hans eget."
    )
    assert blocks(text, "5402-7716")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("hon har en stuga uppe på kärvsåsen 41 som han inte känner till", "kärvsåsen 41"),
        ("skjutsade henne till kvarnbacken 27 i kväll", "kvarnbacken 27"),
    ],
)
def test_a_county_village_in_lower_case_after_på_or_till_is_an_address(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    "text",
    [
        "samråd per kommun: östersund 14, krokom 3, åre 2, bräcke 1",
        "mötet hölls i hallen 2 på kommunhuset",
    ],
)
def test_figures_per_municipality_and_a_hall_in_lower_case_are_not_addresses(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "account"),
    [
        (
            "Utdraget, avskrivet:\nKonto: Lönekonto\n8214-3\n338 119 740-2\nSaldo 3 120,00",
            "338 119 740-2",
        ),
        ("acc no: 7710553921, clr 8105-9 (hans konto)", "7710553921"),
        ("Nya kontot hos Sparbanken: 8431 och sen 915238046, enligt kortet.", "915238046"),
        (
            'Hon läste kontot i telefon: "sju fyra noll två, sen ett ett åtta noll tre sex fem"',
            "sju fyra noll två, sen ett ett åtta noll tre sex fem",
        ),
        ("gamla kontot SE6180000000093345512288 ska inte användas", "SE6180000000093345512288"),
    ],
)
def test_accounts_on_lines_of_their_own_read_aloud_or_with_a_mistyped_iban_are_blocked(
    text, account
):
    assert blocks(text, account)


@pytest.mark.parametrize(
    "text",
    [
        "Avtalsnr 6630-221-4478 hos Santander, lånet är på 60 000 kr.",
        "Kvinnojourens telefon 063-12 44 80 (står på hemsidan) är bemannad dagtid.",
        "Momsregistreringsnummer SE556677889901 står på fakturan.",
        "Kontot har hon haft i tre år och fem månader.",
    ],
)
def test_contract_numbers_a_published_line_a_vat_number_and_counted_words_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Två nya ärenden i dag: ett från Ragunda och ett till (Berg), båda bordlagda.",
        "Vi träffas vid Karl XII:s torg, sedan går vi till kontoret.",
        "Hon fick PUT förra året och har kundnr 55102938 hos elbolaget.",
        "Båten, en Buster Magnum, står på hans namn.",
        "Hon har gått SFI kurs C. Nästa termin kurs D.",
    ],
)
def test_municipalities_kings_permits_number_labels_boats_and_course_letters_are_no_names(text):
    assert [kind for kind, _ in found(text) if kind == "name"] == []
