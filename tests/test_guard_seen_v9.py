"""The guard on what the blind set v9 missed, printed once for the report of the round it
judged (2026-12-01), when it became a seen set (issue 11): a giro whose owner is named right
before its cue word ("Hennes bankgiro …") though its check digit is wrong, and a user name
given after a platform's name and a comma. Examples here are in no corpus."""

from __future__ import annotations

from guardhelpers import blocked, blocks


def test_a_giro_its_owner_names_before_the_cue_is_blocked_though_its_check_digit_is_wrong():
    text = "Hans bankgiro för föreningen han säger att han driver är 5123-3345, enligt henne."
    assert blocks(text, "5123-3345")


def test_a_user_name_after_a_platform_and_a_comma_is_blocked():
    text = "Exet har en TikTok, nattfjarilen, där han lägger upp filmer om henne."
    assert blocks(text, "nattfjarilen")


def test_platforms_listed_with_commas_are_not_blocked():
    assert blocked("Hon har TikTok, Snapchat och Instagram, men alla är privata nu.") == []
    assert blocked("hon har tiktok, snapchat, xbox och steam men inga öppna konton") == []
