"""The guard on e-mail addresses, URLs, handles and IP addresses (issue 11, items 1 and 3):
every writing found, public sites and the machine's own addresses never blocked. Examples here
are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    "written",
    [
        "minna.holm@telia.com",
        "minna.holm @ telia.com",
        "minna . holm @ telia . com",
        "minna.holm at telia punkt com",
        "minna.holm AT telia DOT com",
        "minna.holm(at)telia.com",
        "minna.holm[at]telia[dot]com",
        "minna.holm [snabel-a] telia punkt com",
        "minna(punkt)holm(snabel)telia(punkt)com",
        "minna.holm snabel-a telia punkt se",
        "minna.holm@@telia.com",
        "minna_h på gmail",
    ],
)
def test_e_mail_addresses_written_to_dodge_a_parser_are_blocked(written):
    text = f"Skriv till {written} om tiden."
    assert blocks(text, written)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/minna.holm.12",
        "instagram.com/minnaholm_",
        "www.hitta.se/minna-holm/brunflo",
        "polisen.se/aktuellt/handelser/2025/oktober/misshandel-brunflo",
    ],
)
def test_urls_are_blocked(url):
    assert blocks(f"Se {url} för bilderna.", url)


def test_public_services_home_pages_are_not_blocked():
    text = "Läs på 1177.se, www.kvinnofridslinjen.se och https://polisen.se/ om kontaktförbud."
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Han kallar sig @fjallbruden_88 på TikTok.", "@fjallbruden_88"),
        ("Inloggning från 81.232.10.77 i natt.", "81.232.10.77"),
        ("Inloggning från 2a02:aa1:101:7c3e::19 i natt.", "2a02:aa1:101:7c3e::19"),
    ],
)
def test_handles_and_ip_addresses_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Han heter tobbe_jmt på snap.", "tobbe_jmt"),
        ("Snap: sanna.k07, hon svarar där.", "sanna.k07"),
        ("Användarnamnet fjällräv88 syns i chatten.", "fjällräv88"),
        ("Instagram-kontot lillemy.brunflo är hennes.", "lillemy.brunflo"),
        ("Kontakt via insta@tobbe_jmt.", "@tobbe_jmt"),
        ("Hon har @åsa_lind på TikTok.", "@åsa_lind"),
    ],
)
def test_handles_without_at_or_with_swedish_letters_are_blocked(text, handle):
    assert blocks(text, handle)


def test_platform_names_and_words_after_them_are_not_handles():
    text = "Hon är aktiv på Instagram och Snap men han har installerat en app på telefonen."
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Han skriver till henne på Instagram (tova.lind_92) varje natt.", "tova.lind_92"),
        ("Kontakt via Snapchat (mirrestor7) enligt dottern.", "mirrestor7"),
    ],
)
def test_a_handle_in_brackets_after_its_platform_is_blocked(text, handle):
    assert blocks(text, handle)


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Exmannens mejl: tobbe.lund77 (på hotmail), enligt henne.", "tobbe.lund77 (på hotmail"),
        ("Hon skriver från majsan1982 på gmail numera.", "majsan1982 på gmail"),
        ("adress i mejlen: stina_n [hos outlook]", "stina_n [hos outlook"),
    ],
)
def test_a_user_name_with_its_provider_in_brackets_is_an_email(text, email):
    assert ("email", email) in found(text)


@pytest.mark.parametrize(
    "text",
    ["Hon svarar på mail om det gäller tider.", "Han fick 3 mejl (på gmail) igår."],
)
def test_a_word_before_a_provider_is_not_an_email(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Han spelar med henne på discord, namnet är vargtass#0412.", "vargtass#0412"),
        ("Snapchat: Fjallmyran skickar bilder varje natt.", "Fjallmyran"),
        ("Hon heter ”Norrskenstjej” på Yubo.", "Norrskenstjej"),
        ("happypancake: skogsbo_71", "skogsbo_71"),
    ],
)
def test_discord_tags_and_capitalised_handles_after_their_platform_are_blocked(text, handle):
    assert ("social_handle", handle) in found(text)


@pytest.mark.parametrize(
    "address",
    ["solros@hotmail.com", "maria@krokom.se", "anna.lind@ostersund.se", "bjorn@harjedalen.se",
     "kontakt77@bergs.se", "stjarnan@gmail.com"],
)  # fmt: skip
def test_a_persons_mailbox_or_a_consumer_address_is_blocked(address):
    assert blocked(f"Hennes adress är {address} enligt henne.") == [address]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Snapchat – myrstack77 skickar bilder.", "myrstack77"),
        ("på tiktok heter han renen_fran_ope", "renen_fran_ope"),
        ("Insta (låst konto): fjallsippa.92", "fjallsippa.92"),
        ("hon kallar sig @@tjaderhona", "@@tjaderhona"),
        ("användarnamn på Flashback: Storsjoodjuret", "Storsjoodjuret"),
        ("hon finns på snap som ”Ripan”", "Ripan"),
    ],
)
def test_handles_shaped_like_user_names_near_their_platform_are_blocked(text, handle):
    assert ("social_handle", handle) in found(text)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Han skriver på reddit som u/fjallraven_jmt.", "u/fjallraven_jmt"),
        ("Sonen spelar med honom på Steam (namn: VargKungen).", "VargKungen"),
        ("tiktok (lägg till @ själv): renskotaren_", "renskotaren_"),
        ("på Discord heter han sn0wk1ng", "sn0wk1ng"),
    ],
)
def test_reddit_users_camel_case_and_mixed_handles_are_blocked(text, handle):
    assert blocks(text, handle)


def test_product_and_platform_names_near_a_platform_are_not_handles():
    assert blocked("Hon la ut filmen på YouTube och TikTok från sin iPhone.") == []


def test_a_defanged_link_written_in_capitals_is_blocked():
    assert blocks("LÄNK I ANMÄLAN: HXXPS://WWW.FACEBOOK.COM/ANNIKA.HOLM.79", "FACEBOOK.COM")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "skriv till m i r j a m . h @ o u t l o o k . c o m så svarar hon",
            "m i r j a m . h @ o u t l o o k . c o m",
        ),
        ("Hans adress: j o n t e 8 4 @ g m a i l . s e", "j o n t e 8 4 @ g m a i l . s e"),
    ],
)
def test_an_address_written_with_a_space_after_every_character_is_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Skicka kallelsen till registrator@ragunda-kommun.se senast fredag.",
        "Advokatbyråns funktionsadress: info@jamtland-advokat.se.",
        "Mötet @ 13.15 i stora salen.",
    ],
)
def test_a_shared_mailbox_on_a_hyphenated_domain_and_an_at_for_a_time_are_not_blocked(text):
    assert blocked(text) == []


def test_a_persons_address_on_a_hyphenated_domain_is_one_e_mail_address():
    assert found("Mejla henne: sara.l@advokat-norr.se") == [("email", "sara.l@advokat-norr.se")]


@pytest.mark.parametrize(
    "text",
    [
        "Systemet svarade på http-anrop mot 127.0.0.1 men inte utifrån.",
        "Tjänsten lyssnar på 0.0.0.0 och ::1 enligt IT.",
    ],
)
def test_the_machines_own_addresses_are_not_blocked(text):
    assert blocked(text) == []


def test_a_private_network_address_is_still_blocked():
    assert blocks("Routern hemma hos dem har 192.168.0.14 enligt loggen.", "192.168.0.14")


def test_an_ip_address_with_spaces_after_its_dots_is_blocked():
    assert blocks("inloggning från 81.226. 14. 77 (mobilnät)", "81.226. 14. 77")


def test_a_handle_with_a_space_after_the_at_sign_is_blocked_but_an_at_for_a_place_is_not():
    assert blocks("Han skriver från @ jonte_84 numera.", "@ jonte_84")
    assert blocked("Vi ses @ biblioteket kl 9.") == []
