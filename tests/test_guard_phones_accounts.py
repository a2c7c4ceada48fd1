"""The guard on phone numbers and account numbers (issue 11, items 1 and 3): every writing
found; public numbers, switchboards, an authority's own giro numbers and times never blocked.
Examples here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    "phone",
    [
        "072-644 18 30",
        "0726441830",
        "072 644 18 30",
        "+46 72 644 18 30",
        "0046 72 644 18 30",
        "(0640) 312 45",
        "0647-512 88",
        "08-441 27 90",
        "+358 40 123 4567",
        "072.644.18.30",
        "072_644_18_30",
    ],
)
def test_phone_numbers_are_blocked(phone):
    text = f"Hon nås på {phone} efter skolan."
    assert found(text) == [("phone", phone)]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Ring tel0726441830 helst.", "0726441830"),
        ("mobilnr:0726441830 (hennes)", "0726441830"),
        ("Nås på O72-644 18 3O sent.", "O72-644 18 3O"),
        ("Nås på 072\u2009644\u200918\u200930 sent.", "072\u2009644\u200918\u200930"),
        ("Nås på 072\u2063644 18 30 sent.", "072\u2063644 18 30"),
    ],
)
def test_m5_phone_numbers_glued_or_disguised_are_blocked(text, phone):
    assert blocks(text, phone)


def test_a_phone_number_read_aloud_is_blocked():
    text = "Hon sa numret högt: noll sju två, sex fyra fyra, arton, trettio."
    assert blocks(text, "noll sju två")


def test_the_rest_of_a_split_phone_number_is_blocked():
    text = "Numret börjar 072-644. Resten av numret är 18 30, ring efter fem."
    assert blocks(text, "18 30")


@pytest.mark.parametrize(
    "text",
    [
        "Vid akut fara: 112. Polisen nås på 114 14, Vårdguiden på 1177.",
        "Kvinnofridslinjen 020-50 50 50, även skrivet 020 505050 eller 020-505050.",
        "Brottsofferjouren 116 006 har öppet på vardagar.",
        "Försäkringskassan 0771-524 524 och Migrationsverket 0771-235 235.",
        "Samtal kl. 09.15–10.45, därefter 13.00 - 14.30 och pass 0700-1500.",
        "Händelsen inträffade 2025-10-18 23 enligt polisen.",
        "Polisens ärende 5000-K304118-25, tidigare K 229871-24.",
        "Dnr SN 2025/0417, OCR 5521 8870 1234 på fakturan.",
        "Enligt 10 kap. 18 c § OSL och 4 kap. 1 § SoL (2001:453).",
        "Hon åker längs E14 och riksväg 87, sedan länsväg 344.",
        "Region Jämtland Härjedalens växel 063-15 30 00 kan koppla vidare.",
        "Ring 0640-455 80, det är kommunhusets växel, och be om vuxenenheten.",
        "Jourens nummer 0680-411 90 = kvinnojourens växel.",
    ],
)
def test_public_numbers_times_and_references_are_never_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Handläggare på frivården, direktnr 010-482 61 57.",
        "Kontakt: inspektör Berg 010 482 61 57 (dagtid)",
        "Ring hennes handläggare på +46 10 482 61 57.",
    ],
)
def test_a_direct_line_on_an_organisations_010_number_is_blocked(text):
    assert blocks(text, "482 61 57")


@pytest.mark.parametrize(
    "text",
    [
        "Kriminalvårdens växel 010-162 30 00 svarar dygnet runt.",
        "Giftinformationscentralen 010-456 67 00 vid förgiftning.",
    ],
)
def test_an_organisations_010_switchboard_is_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Facebook: Marketplace används för att sälja saker.",
        "Snapchat: Hon får bilder från honom på nätterna.",
        "Ärende #2231 i Treserva gäller samma person.",
    ],
)
def test_platform_parts_pronouns_and_numbered_cases_are_not_handles(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Lönen går in på Handelsbanken 6152 387 114 902.", "6152 387 114 902"),
        ("Han har flyttat pengar till Swedbank 8214-9, 934 551 207-3.", "934 551 207-3"),
        ("Ta bort: ICA-banken: 9270 418 22 93", "9270 418 22 93"),
        ("Han använder hennes kort 5520 4123 4598 7652 på nätet.", "5520 4123 4598 7652"),
        ("hans lönekonto 8901-3 445 778 912", "445 778 912"),
    ],
)
def test_an_account_named_by_its_bank_and_a_card_number_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "SEB 2024 hade kontor i Östersund.",
        "Kortet spärrades 2025, ärende 5520 4123 4598 7653 hos banken.",
    ],
)
def test_a_year_after_a_bank_and_a_long_number_failing_luhn_are_not_accounts(text):
    assert "account_number" not in blocked(text)


@pytest.mark.parametrize(
    "address",
    ["registrator@regionjh.se", "socialtjansten@krokom.se", "ifo.mottagning@are.se",
     "kvinnofrid@ostersund.se"],
)  # fmt: skip
def test_an_organisations_shared_mailbox_is_not_blocked(address):
    assert blocked(f"Skicka underlaget till {address} senast fredag.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon har snap och insta, t.ex. bilder från helgen.",
        "Han hotade på snap, polisanmälan K123456-25 är gjord.",
        "Bilderna från Instagram ligger i bilaga rapport_2024.pdf.",
    ],
)
def test_abbreviations_case_numbers_and_files_near_a_platform_are_not_handles(text):
    assert "social_handle" not in [kind for kind, _ in found(text)]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Loggen visar 81[.]227[.]40[.]16 vid inloggningen.", "81[.]227[.]40[.]16"),
        ("ip enligt IT: 93 . 184 . 21 . 6", "93 . 184 . 21 . 6"),
        ("Sms från 076-18 44 29 (en siffra fattas på lappen).", "076-18 44 29"),
        ("Han gav nr e 073 – 41 77 302 till skolan.", "073 – 41 77 302"),
        ("Numret börjar 072-61 och resten är 30 817.", "30 817"),
        ("nås på nollsjuttiotre – 51 20 664", "nollsjuttiotre – 51 20 664"),
        ("Lönen går till DK5000400440116243 varje månad.", "DK5000400440116243"),
        ("På kvittot stod 72619904418720 och hans namn.", "72619904418720"),
        ("Hon använder hotmail-adressen stina_k_88 fortfarande.", "stina_k_88"),
        ("Länk: hxxps://www.instagram.com/jmt.tjej.04", "instagram.com/jmt.tjej.04"),
        ("instagram punkt com/fjallflicka.99 enligt dottern", "fjallflicka.99"),
    ],
)
def test_defanged_mistyped_half_spoken_and_glued_contact_details_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Läs mer på www.socialstyrelsen.se/vald och regionjh.se/barn.",
        "Han kommer om 10 dagar och hon vill inte träffa honom.",
        "Vägen E 45 mot Sveg var stängd, även E14.",
        "Nationella kompetensteamet nås på 010-223 57 60.",
        "Hennes hotmail är avstängt sedan 2024.",
    ],
)
def test_public_topic_pages_words_before_numbers_and_roads_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hennes norska mejl: kari.nord krøllalfa online punktum no", "kari.nord"),
        ("Sähköposti: aino.k ät gmail piste com", "aino.k"),
        ("IBAN: SE45-5000-0000-0583-9825-7466 enligt banken", "SE45-5000-0000-0583-9825-7466"),
        ("Fakturan: e-faktura till 5118-2213 varje månad", "5118-2213"),
        ("Han har PlusGirot 482211-6 som insamling.", "482211-6"),
        ("Tabell: Bankgiro | 5402-7716", "5402-7716"),
        ("ip loggad 90.231.\n18.40 i natt", "90.231.\n18.40"),
        ("MISSTÄNKT TEL: 46738814402.", "46738814402"),
        ("Hon har flera konton: ”fjall_ripa”, ”ripan.official” på Instagram.", "fjall_ripa"),
        ("På Flashback skriver han under aliaset Kaxasgubben.", "Kaxasgubben"),
        ("Han följer henne på Pinterest som jmtjagaren.", "jmtjagaren"),
    ],
)
def test_nordic_dodges_dashed_iban_paid_to_giro_broken_ip_and_handles_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Journalsystemet (version 4.12.0.3) låg nere i natt.",
        "Se avsnitt 5.3.2.1 i rutinen.",
        "Skannat: samtyckesblankett_2025-03-14.pdf och Samtycke_K842211-25.pdf",
        "ärendenr: 5000-k342118-26 (gemener i systemet)",
        "Han skrev på Facebook kl.9 i morse.",
    ],
)
def test_versions_sections_files_case_numbers_and_abbreviations_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Bankgiro för hyran är ändrat till hans firma: 5104-2216.", "5104-2216"),
        ("Pengarna gick till hans plusgirokonto 60 41 17-3.", "60 41 17-3"),
        ("Han bor på campingen, tfn 0693-172 40 (campingens reception).", "0693-172 40"),
        ("Hennes mobil 070-318 22 64, växeln vet om det.", "070-318 22 64"),
    ],
)
def test_giro_numbers_after_their_name_and_numbers_that_lead_to_a_person_are_blocked(text, part):
    assert blocks(text, part)


def test_an_organisations_switchboard_named_as_such_is_not_blocked():
    assert blocked("Ring hälsocentralen (tel 0640-177 00 växel) och fråga efter kuratorn.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon har fått numret till Frivården 0690-151 000 av oss.",
        "Nås via Brottsofferjouren, tel. 0650-172 000 dagtid.",
        "Familjerätten: 063-17 2000, öppet måndag till torsdag.",
    ],
)
def test_an_organisations_number_ending_in_000_right_after_its_name_is_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # A direct line does not end in 000; a number after a place may be anyone's.
        ("Frivården 0690-151 026, fråga efter handläggaren.", "0690-151 026"),
        ("Hon bor numera i Hammarstrand 0696-110 000 enligt mamman.", "0696-110 000"),
        ("Frivården har hans nya nummer, han svarar på 0690-151 000.", "0690-151 000"),
    ],
)
def test_a_direct_line_or_a_number_not_right_after_an_organisation_is_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Pappan nås på 0612-33 112 om kvällarna.", "0612-33 112"),
        ("nytt nr +46 63 55 1177 sedan i våras", "+46 63 55 1177"),
        ("Mormor: 0920 41 114 14", "0920 41 114 14"),
    ],
)
def test_a_public_numbers_digits_at_the_end_of_a_longer_number_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Plusgirot (se bif. kopia, ej hennes) är 4471207-3 enligt banken.", "4471207-3"),
        ("Bankgirot som hyran ska till, resp. el.bolaget, är 5163-9904.", "5163-9904"),
    ],
)
def test_a_giro_number_after_abbreviations_in_the_same_sentence_is_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hennes syster nås på tel 52 18 40 (Krokom) på kvällarna.", "52 18 40"),
        ("Mejla hans ombud: ombud@berglundjuridik.se", "ombud@berglundjuridik.se"),
        ("Hon skriver från ett nytt konto, Vita Rosen 77, på Messenger.", "Vita Rosen 77"),
    ],
)
def test_a_local_number_a_firms_mailbox_named_after_a_person_and_a_display_name_are_blocked(
    text, part
):
    assert blocks(text, part)


def test_a_number_in_a_table_and_a_count_are_not_phones():
    assert blocked("Antalet ökade från 6 till 11; nr 12 34 56 i tabellen är radnummer.") == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # A phone number split by one line break (a pasted signature).
        ("Hälsningar\nKarin\n070 318\n22 64", "070 318\n22 64"),
        # A Nordic neighbour's number with its country code but no "+", named as such.
        ("Han har ett danskt nummer också: 45 21 43 65 87.", "45 21 43 65 87"),
        ("Mamman bor i Finland, 358 50 412 3321.", "358 50 412 3321"),
    ],
)
def test_a_phone_split_by_a_line_break_or_a_neighbours_number_without_plus_is_blocked(text, part):
    assert blocks(text, part)


def test_two_numbers_on_separate_lines_are_two_numbers_and_a_year_below_is_not_one():
    assert found("tel 070-318 22 64\n073-912 44 05") == [
        ("phone", "070-318 22 64"),
        ("phone", "073-912 44 05"),
    ]
    assert blocked("Växel 063-14 30 00\n\n2025 flyttade hon.") == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # Two spaces after the clearing number's comma.
        ("Han tar pengarna från 8327-9,  914 223 118-4 varje månad.", "8327-9,  914 223 118-4"),
        # A long number later in the same sentence as "konto".
        ("Kontot (enl. banken hans) är nr 6152 – 483 221 907.", "6152 – 483 221 907"),
        ("Hennes konto som han tömt: clnr 3300, sedan 7412 0883 12.", "7412 0883 12"),
    ],
)
def test_accounts_with_loose_spacing_or_later_in_the_sentence_than_konto_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Kontot spärrades 2025-03-01 kl 14.30 av banken.",
        "På kontot fanns 12 500 kr, sedan 3 000 kr.",
        "Hon har eget konto nu; ring henne på 070-318 22 64.",
    ],
)
def test_dates_amounts_and_phones_near_konto_are_not_accounts(text):
    assert [kind for kind, _ in found(text) if kind == "account_number"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Betalning till Kronofogdens bankgiro 5050-7888 med OCR enligt brevet.",
        "Enligt Försäkringskassans plusgiro 4 12 31-2 ska återbetalningen göras.",
    ],
)
def test_an_authoritys_own_giro_named_by_its_owner_is_not_blocked(text):
    assert blocked(text) == []


def test_a_persons_giro_named_by_its_owner_is_blocked():
    assert blocks("Pengarna gick till hans bankgiro 5050-7888.", "5050-7888")


def test_a_phone_number_with_non_breaking_hyphens_is_blocked():
    assert blocks("Direktnummer 0640\u201112 34 56 (dagtid).", "0640\u201112 34 56")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "hans nr: nollsjuttitre tvåhundrafemtio trettiofyra sextiosju",
            "nollsjuttitre tvåhundrafemtio trettiofyra sextiosju",
        ),
        (
            "ring noll sjutti tre, fyrahundratolv, åttiotvå nitti",
            "noll sjutti tre, fyrahundratolv, åttiotvå nitti",
        ),
    ],
)
def test_a_phone_number_read_aloud_in_glued_and_colloquial_number_words_is_blocked(text, part):
    assert blocks(text, part)


def test_number_words_that_make_no_phone_number_are_not_blocked():
    assert blocked("hon sa noll, sen sjuttio gånger till, sen inget mer") == []


def test_a_record_code_with_bg_in_it_is_not_a_giro_number():
    assert blocked("Beslagsprotokoll 2024-5000-BG20931 finns i förundersökningen.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kvinnojouren i Ås, tel 0640–17 20 40 (jourtelefon, publik).",
        '{"kommun": "Berg", "andel_akuta": "26 %"}',
        "E-post: x@x.x (maskerad)",
        "Socialkontorets växel 0690–250 00, fråga efter samordnaren.",
    ],
)
def test_a_shelters_public_line_an_export_key_a_masked_address_and_a_switchboard_are_not_blocked(
    text,
):
    assert blocked(text) == []


def test_a_number_with_a_zero_too_many_before_its_area_code_is_blocked():
    assert blocks("Tel (felskrivet i blanketten): 00640 17 23 55", "00640 17 23 55")


def test_giro_numbers_listed_after_a_cued_one_are_blocked():
    text = "Han betalar till bg 5050-1055 (hyran), 5330-7112 och 6214-9042 varje månad."
    assert blocks(text, "5330-7112") and blocks(text, "6214-9042")


def test_a_switchboard_named_inside_parentheses_after_its_organisation_is_not_blocked():
    assert blocked("Ring 0693-455 00 (Bräcke kommun, växel) och fråga efter jouren.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kvinnojouren i Ragunda (tel 0696-100 00 enligt hemsidan) tar emot.",
        "Socialjouren Jämtland 063-14 10 00 nås efter kl 17.",
    ],
)
def test_an_organisations_number_ending_in_000_after_its_name_of_several_words_is_not_blocked(
    text,
):
    assert blocked(text) == []


def test_a_bank_account_with_a_dot_after_the_clearing_number_is_blocked():
    assert blocks("Handelsbanken 6152.483 221 907 enligt utdraget", "6152.483 221 907")
