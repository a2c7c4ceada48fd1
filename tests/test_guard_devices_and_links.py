"""The guard on what digital violence leaves in a case text, and on numbers given in odd
places, from the development set dev19 (issue 11): a device named after its owner with the
name after it, a link on a country's domain, an IP address after "server", a phone number
after "beslut:", a landline whose groups are parted by a spaced dash, a local number with its
area code given apart, a house number that reads as a year before a postcode; and platforms,
products and loanwords that are nobody's name or handle. Examples here are in no corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


def test_a_device_named_with_its_owners_name_after_it_warns_about_the_name():
    assert ("name", "Amira") in found("Enheter i routern: iPhone-Amira 192.168.0.14 och en TV.")


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Fejkprofilen länkar till linktr.ee/jonna.privat enligt skärmdumpen.", "linktr.ee"),
        ("Länken wykop.pl/ludzie/tomek_jmt skickades i chatten.", "wykop.pl"),
        ("Han har satt DNS till sin egen server 94.130.18.207 hemma.", "94.130.18.207"),
        ("Numret står i polisens beslut: 073-512 40 88, ring inte.", "073-512 40 88"),
        ("Hon ringde från grannens telefon (0640 – 21 1 12) i natt.", "0640 – 21 1 12"),
        ("Förbudsperson: Klövsjö 2018, 840 32 Klövsjö.", "Klövsjö 2018"),
    ],
)
def test_links_addresses_and_numbers_in_odd_places_are_blocked(text, identifier):
    assert blocks(text, identifier)


@pytest.mark.parametrize(
    "text",
    [
        "Förövaren har installerat en VPN-server (WireGuard) på routern, en Asus RT-AC86U.",
        "Sonen (19) utsatt för sextortion på Discord, polisanmälan gjord.",
        "Instruktioner finns på support.apple.com för att lämna en familjegrupp.",
        "Version 4.12.0.3 av appen och iOS 17.4.1.2 var installerade.",
    ],
)
def test_products_loanwords_and_public_support_pages_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hot kom via Discord och Steam bland unga män.",
        "Han läser hennes meddelanden via WhatsApp Web.",
        "Rundorna synkas till Garmin Connect, profilen var offentlig.",
        "Hon hittade en Tile i bilen, inte en AirTag.",
        "Hon hade en Netgear-router och en ZyXEL-switch.",
    ],
)
def test_platforms_and_products_are_not_warned_as_names(text):
    assert [kind for kind, _ in found(text) if kind == "name"] == []


def test_a_local_number_with_its_area_code_given_apart_is_blocked():
    text = "Pappans hemtelefon är 21185 (Strömsund, riktnr 0670), ring inte dit."
    assert blocks(text, "21185") and blocks(text, "0670")


def test_an_area_code_with_a_year_or_a_count_near_it_is_not_a_number():
    assert blocked("Riktnr 0696 gäller hela kommunen; 2025 kom 12 förfrågningar.") == []
