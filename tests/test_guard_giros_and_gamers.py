"""The guard on giro numbers and on young adults' accounts online, from the development set
dev24 (issue 11): a giro number in the lines after its cue or in a table headed "BG/PG", one
corrected after another, a small firm's giro (a listed company's or authority's stays allowed),
user names listed after an @handle, after "ig", "tt" or a game's account name, in quotes after
a platform, a phone number with an em dash, a trailer's short plate, the last four spaced out;
and what stays allowed: Discord's "@everyone", a hashtag before a platform, a compound with a
platform's name, a bank's clearing series, a card's last four, a lab sample number, insurance
numbers, a person and an age before a locality. Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


def test_a_giro_number_on_a_line_after_its_cue_is_blocked():
    text = "Jag har fått hyresvärdens bankgiro nu. Det står:\n\n264-1108\n\nMvh Stina"
    assert blocks(text, "264-1108")


def test_a_giro_number_in_a_table_headed_bg_pg_is_blocked():
    text = "| Mottagare | BG/PG | Belopp |\n| Privat hyresvärd | 4417-2302 | 3 100 |"
    assert blocks(text, "4417-2302")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Hyran går till bg 512-2338 (nej, 5544-1182 enligt nya avin).", "5544-1182"),
        ("hyresvärdens bg är 5122338, inte 5122383, jag skrev fel.", "5122383"),
    ],
)
def test_a_giro_number_corrected_after_another_is_blocked(text, number):
    assert blocks(text, number)


def test_a_small_firms_giro_is_blocked_but_a_listed_companys_is_not():
    assert blocks("Hyresvärd är Lits Småhus AB, bankgiro 512-2338, sedan i våras.", "512-2338")
    assert blocked("Hyran betalas till Östersundshem, bankgiro 5544-1182, som vanligt.") == []


def test_authorities_giros_named_between_cue_and_number_are_not_blocked():
    text = "Myndigheternas bankgiro (Skatteverket 5050-1055, Kronofogden 5052-5898) går bra."
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        (
            "Han har två konton: @mats.bakom, @matte_jmt och mats.andra99, alla blockade.",
            "mats.andra99",
        ),
        ("hans ig är kalle.fjallet (utan e) och tt samma med 7: kalle.fjallet7", "kalle.fjallet"),
        ("Hans Epic-namn är ”FrostWolfJmt” och han spelar varje kväll.", "FrostWolfJmt"),
        ("Han skriver på Instagram från ”p.0hlin.22” nu, tidigare från ett annat.", "p.0hlin.22"),
        (
            "Hon säljer via Tradera (säljarnamn: fjallfynd_jmt) men han svarar köparna.",
            "fjallfynd_jmt",
        ),
    ],
)
def test_user_names_listed_abbreviated_and_quoted_are_blocked(text, handle):
    assert blocks(text, handle)


@pytest.mark.parametrize(
    "text",
    [
        "Han skrev @everyone i serverns chatt, och moderatorn pingade @here efteråt.",
        'Hon lägger upp "#selfcare" på Instagram efter varje gräl.',
        'Han säger att det är "för Snap-streaken" när han sitter med telefonen.',
        "Banken: Handelsbanken. Clearing 6000-serie, kontot avslutas i mars.",
        "Han använde hennes kort (slutsiffror 5521) i en webbutik.",
        "U-tox: positiv. Provnr 25-33817 skickat till lab.",
        "Hemförsäkring hos Folksam, försäkringsnr 2210-448 117, betalas av kommunen.",
        "Tjej 22, Östersund. Pojkvännen har tagit hennes bilnycklar.",
        "Kvinna 41, Krokom, och man 45, Åre, i samma ärende.",
    ],
)
def test_mentions_hashtags_compounds_series_cards_samples_and_descriptions_are_not_blocked(text):
    assert blocked(text) == []


def test_a_phone_number_written_with_an_em_dash_is_blocked():
    assert blocks(
        "Han ringde från ett nytt nummer: 0703—55 21 08, hon svarade inte.", "0703—55 21 08"
    )


def test_a_trailers_short_plate_after_the_word_for_it_is_blocked():
    assert blocks("Bilen har nummerplåt fkr228 och släpet KXT 07, båda hans.", "KXT 07")


def test_the_last_four_digits_spaced_out_are_blocked():
    text = "Hon är född 3 april 2004, sista fyra 2 3 8 1 enligt jouren."
    assert blocks(text, "2 3 8 1")


def test_games_and_a_place_in_lapland_are_not_warned_as_names():
    text = "Han spelar Fortnite och Roblox, och hon vill flytta till Tärnaby."
    assert [kind for kind, _ in found(text) if kind == "name"] == []
