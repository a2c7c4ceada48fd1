"""The guard on homes and numbers across the Norwegian border, on money and on school and
forensic texts, from the development sets dev22 and dev23 (issue 11): Norwegian phone numbers
without "+47" and postcodes of four digits, a farm's name given outright, a business's Swish
number, a giro said to be someone's, a village address confirmed by the locality after it;
and what stays allowed: school subjects and their levels, a card's last four, a log line's
event, a product's "@", technical terms shaped like plates, people-search sites' home pages.
Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Kontaktperson på krisesenteret, tlf 72 81 44 90, ringer oss i morgon.", "72 81 44 90"),
        ("Hans nya norska mobil: 934 12 507 (enligt kvinnan).", "934 12 507"),
        ("Hon har ett norskt nummer nu, 4812 3377, som han inte känner till.", "4812 3377"),
    ],
)
def test_a_norwegian_phone_number_after_a_phone_word_is_blocked(text, number):
    assert blocks(text, number)


@pytest.mark.parametrize(
    "text",
    [
        "Telias kundtjänst 90 200 kontaktades om abonnemanget.",
        "Fakturanummer på påminnelsen från elbolaget: 55 12 00 98, och OCR 55120098.",
        "Ring 112 vid fara, annars polisen på 114 14.",
        "Numret i kön var 12 och samtalet tog 14 minuter.",
    ],
)
def test_short_service_numbers_and_counts_near_a_phone_word_are_not_blocked(text):
    assert blocked(text) == []


def test_a_norwegian_postcode_after_a_street_and_number_is_blocked():
    text = "Mannen bor nu på Vollanvegen 8, 7340 Oppdal, hos sin mor."
    assert blocks(text, "7340 Oppdal")


def test_a_year_after_a_numbered_record_is_no_postcode():
    assert blocked("Se Protokoll 3, 2025 Krokom, punkt 4 om rutiner.") == []


def test_a_farm_named_outright_after_the_word_for_it_is_blocked():
    text = "Hon flyttar till svägerskan, gården heter Øvre Haugen, strax utanför Meråker."
    assert blocks(text, "Øvre Haugen")


def test_a_business_swish_number_later_in_the_sentence_is_blocked():
    text = "Han tar betalt via företagsswish för sin firma, 123 611 04 27, och hon står som ägare."
    assert blocks(text, "123 611 04 27")


def test_a_giro_said_to_be_someones_is_blocked_though_its_check_digit_is_wrong():
    text = "Det finns ett bankgiro i hennes namn, 5123-3345, som mannen har öppnat."
    assert blocks(text, "5123-3345")


def test_a_village_word_and_number_with_a_locality_after_a_comma_is_an_address():
    assert blocks("Familjen bor i Skolhuset 2, Kälarne, sedan i våras.", "Skolhuset 2")


def test_a_village_address_glued_to_its_postcode_is_blocked():
    assert blocks("Folkbokförd på Vallsta 12,83594 Aspås enligt SPAR.", "Vallsta 12")
    # With no space before the town either, as a form's fields pasted together come out.
    assert blocks("Kuvertet gick till Tallstigen 4,84092Rätan i fredags.", "Tallstigen 4")


@pytest.mark.parametrize(
    "text",
    [
        "Krokom 19, Åre 14 och Berg 3 förfrågningar under året.",
        "Hon har prov i Matematik 2 och Engelska 6 nästa vecka, sedan Historia 1b.",
        "Eleven läser SFI, studieväg 3, kurs D, på eftermiddagarna.",
        "Utbildningen hölls i Ragunda och Bräcke. 45 deltagare kom, utvärdering 4,5.",
        "Kortet är spärrat, sista fyra på Visa-kortet: 8821.",
        "10:14:02 WARN password_changed source=app, enligt loggen var det hon själv.",
        "Routern är en Sagemcom F@st 3890 från operatören.",
        "Filens hash (SHA-256) och krypteringen (AES 256) dokumenterades.",
        "Se hitta.se och ratsit.se om vilka uppgifter som syns, och imy.se om klagomål.",
        "Återbetalningen ska gå till FK:s bankgiro 5051-6822 enligt beslutet.",
    ],
)
def test_counts_school_subjects_cards_logs_products_and_public_sites_are_not_blocked(text):
    assert blocked(text) == []


def test_a_link_to_a_persons_page_on_a_people_search_site_is_blocked():
    text = "Hennes adress syns på www.ratsit.se/Anna-Svensson-Ostersund/abc123, tyvärr."
    assert blocks(text, "www.ratsit.se/Anna-Svensson-Ostersund/abc123")


def test_a_birth_date_then_nr_and_the_last_four_is_blocked():
    assert blocks("Registrerat på mannen (f. 1985-03-02, nr 1233) enligt Klarna.", "1233")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Pappan har skapat kontot fjallgubben#0 på Discord för att hitta henne.", "fjallgubben#0"),
        ("Han skriver på forumet under nicket Snöugglan och hänger ut henne.", "Snöugglan"),
    ],
)
def test_a_migrated_discord_name_and_a_nick_are_blocked(text, handle):
    assert blocks(text, handle)


def test_creditors_gambling_sites_and_an_abbreviations_genitive_are_not_warned_as_names():
    text = (
        "Skulder hos Lindorff och Hoist Finance, spel på Unibet och Svenska Spel. Se Brå:s rapport."
    )
    assert [kind for kind, _ in found(text) if kind == "name"] == []


def test_a_birth_date_and_the_last_four_are_blocked_beside_the_verb_visa_or_kort_sagt():
    assert blocks("Kort sagt: sista fyra 1233 har hon lämnat till FK.", "1233")
    assert blocks("Hon kunde visa sista fyra 1233 för handläggaren.", "1233")


def test_a_visiting_address_is_an_offices_only_when_an_authority_is_named_before_it():
    # "vårdnad" holds the stem of "vårdcentral", which the quick check before the patterns reads
    assert blocks("Ärendet gäller vårdnad. Besöksadress Storgatan 12, Östersund.", "Storgatan 12")
    assert blocked("Socialtjänsten, besöksadress Rådhusgatan 44, Östersund.") == []
