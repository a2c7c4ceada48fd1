"""The guard on what the development set dev27 showed (issue 11): text written fast on the night
shift, court and enforcement papers, and young adults' lives online — and the clean texts of
the same kind that must pass. Examples here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


def test_an_account_number_after_kto_with_the_clearing_read_out_between_is_blocked():
    text = "Mannen öppnade ett kto åt henne, hon läste upp: åtta tre två sju-nio, 812 440 179-3."
    assert blocks(text, "812 440 179-3")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hon bor i Kälarne, blått hus bakom skolan, husnr 17 på grinden.", "17"),
        ("Husnummer: 6B enligt grannen, byn vet han inte namnet på.", "6B"),
    ],
)
def test_a_house_number_named_as_one_is_blocked(text, part):
    assert blocks(text, part)


def test_a_street_after_the_word_rum_is_still_an_address():
    assert blocks("Nytt rum: Tallvägen 31 rum 4, korridor B.", "Tallvägen 31")
    # A room named after a place stays a room.
    assert blocked("Samrådet hålls i mötesrum Ragunda 1 på tisdag.") == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("På Roblox heter hon 'fjallrav77x' och där skriver han till henne.", "fjallrav77x"),
        ("Snap: mira-ostis, IG: privat sedan i somras.", "mira-ostis"),
    ],
)
def test_user_names_on_game_servers_and_with_a_hyphen_are_blocked(text, handle):
    assert blocks(text, handle)


@pytest.mark.parametrize(
    "text",
    [
        "Hon hittade honom på Snapchat: snap-namnet var borttaget när vi tittade.",
        "Hon spelar Valorant varje kväll och har rank Silver 3, det är hennes andrum.",
        "Händelsenr 2026-03-14 / 2288 hos RLC, patrull framme 23.10.",
    ],
)
def test_a_platform_word_a_game_rank_and_a_police_event_number_are_not_blocked(text):
    assert blocked(text) == []


def test_a_name_before_its_identity_number_or_set_equal_to_a_name_is_warned():
    assert ("name", "Viola") in found("Viola pnr 020817-4428 bor kvar hos mamman i Bräcke.")
    assert ("name", "Nisse") in found("Nisse = Nils Ragnarsson, hennes f.d. sambo.")
    # "Hans tel" is "his phone": no one named Hans.
    assert ("name", "Hans") not in found("Hans tel är avstängd sedan i helgen.")
