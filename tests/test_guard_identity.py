"""The guard on personnummer and samordningsnummer, in every writing (issue 11, item 1) — and the
numbers that only look like them. Examples here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found, with_check_digit

from forms_service.deidentify import BLOCK, WARN, luhn_ok, scan

PNR = with_check_digit("790423318")  # 790423-318x
TEN = PNR
DASHED = f"{PNR[:6]}-{PNR[6:]}"


@pytest.mark.parametrize(
    "written",
    [
        DASHED,
        TEN,
        f"19{DASHED}",
        f"19{TEN}",
        f"{PNR[:6]}+{PNR[6:]}",
        f"{PNR[:6]} {PNR[6:]}",
        f"{PNR[:6]}–{PNR[6:]}",
        f"{PNR[:2]}.{PNR[2:4]}.{PNR[4:6]}-{PNR[6:]}",
        f"{PNR[:2]}-{PNR[2:4]}-{PNR[4:6]}-{PNR[6:]}",
        f"19{PNR[:2]}.{PNR[2:4]}.{PNR[4:6]}-{PNR[6:]}",
        f"{PNR[:6]}/{PNR[6:]}",
        f"{PNR[:6]}_{PNR[6:]}",
        f"{PNR[:6]}:{PNR[6:]}",
        f"{PNR[:6]}--{PNR[6:]}",
        f"{PNR[:6]} - {PNR[6:]}",
        f"{PNR[:6]}.{PNR[6:]}",
        f"{PNR[:2]} {PNR[2:4]} {PNR[4:6]}-{PNR[6:]}",
        f"{PNR[:6]}-{PNR[6:8]} {PNR[8:]}",
    ],
)
def test_personnummer_in_every_writing_is_blocked(written):
    text = f"Uppgivet personnummer {written} enligt socialtjänstens akt."
    assert found(text) == [("personnummer", written)]


@pytest.mark.parametrize("cue", ["pnr", "personnr", "Personnummer:", "PNR", "pnr:", "pers.nr"])
def test_m5_personnummer_glued_to_a_cue_word_is_blocked(cue):
    text = f"Enligt remissen {cue}{DASHED} och inget mer."
    assert blocks(text, DASHED)


def test_samordningsnummer_is_day_plus_sixty_in_any_writing():
    number = with_check_digit("880274123")  # 880274-123x: 14 February + 60
    for written in (
        f"{number[:6]}-{number[6:]}",
        f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:]}",
        f"samnr{number[:6]}/{number[6:]}",
    ):
        text = f"Har bara {written} från Migrationsverket."
        assert [k for k, _ in found(text)] == ["samordningsnummer"], written


@pytest.mark.parametrize(
    "text",
    [
        "Född 1979-04-23, sista fyra 3181 enligt henne.",
        "Hon är född 23 april 1979 och slutsiffrorna är 3181.",
        "f. 790423. De fyra sista siffrorna, om polisen frågar, är 3181.",
        "Kvinnan född 790423 – resten av personnumret är -3181.",
        "Samordningsnumret börjar på 880274 och slutar på 1234.",
        "Sista 4: 3181, född -79.",
    ],
)
def test_split_personnummer_last_four_are_blocked(text):
    four = "1234" if "1234" in text else "3181"
    assert blocks(text, four)


def test_a_date_shaped_number_failing_the_check_digit_is_only_a_warning():
    wrong = PNR[:9] + str((int(PNR[9]) + 1) % 10)
    assert not luhn_ok(wrong)
    text = f"Numret {wrong[:6]}-{wrong[6:]} stod på lappen."
    assert [(f.kind, f.severity) for f in scan(text)] == [("personnummer_like", WARN)]


@pytest.mark.parametrize(
    "text",
    [
        "Ärendenummer 123456-7890 i vårt system.",
        "Anmälan upprättad 2025-11-03 14:20 av inre befäl.",
        "Händelsen 2025-11-03 0930 enligt larmcentralen (tid utan kolon).",
        "Diarienr 2025-001843 hos Bräcke kommun.",
        "Polisens ärende 5000-K214563-25 är kopplat till K 874412-25.",
        "Hon har sista fyra veckorna haft kontakt med jouren.",
        "Hyran för de sista fyra månaderna är 4 500 kr.",
        "Sista dagen är 2026-01-31.",
    ],
)
def test_numbers_that_only_look_like_a_personnummer_are_not_blocked(text):
    assert blocked(text) == []


def test_personnummer_block_has_block_severity():
    assert {f.severity for f in scan(f"Pnr {DASHED}.")} == {BLOCK}


@pytest.mark.parametrize(
    "written",
    [
        f"{PNR[:3]} {PNR[3:6]} {PNR[6:]}",  # three-three-four, after a cue
        f"{PNR[:2]}.{PNR[2:6]}.{PNR[6:]}",
        f"19 {PNR[:6]}-{PNR[6:]}",
        f"{PNR[:6]}-\n{PNR[6:]}",
    ],
)
def test_m5_personnummer_in_odd_groupings_after_a_cue_is_blocked(written):
    assert blocks(f"Pnr {written} i remissen.", written)


@pytest.mark.parametrize("reserve", ["19790423-T318", "790423-RX31"])
def test_a_health_care_reserve_number_is_blocked(reserve):
    assert blocks(f"Inskriven med reservnummer {reserve} på akuten.", reserve)


def test_a_personnummer_read_aloud_is_blocked():
    assert PNR == "7904233181"
    spoken = "sjuttionio noll fyra tjugotre trettioett åttioett"  # 79 0 4 23 31 81
    assert blocks(f"Hon läste upp numret: {spoken}.", spoken)
    # Number words that do not make a valid personnummer are left alone.
    assert (
        blocked("Det var tjugotre, trettioett eller fyrtiotvå personer, sjuttionio i fjol.") == []
    )


def test_the_last_four_before_their_cue_are_blocked_but_a_birth_year_is_not():
    assert blocks("Hon uppgav 3181 (de fyra sista) och född 1979.", "3181")
    assert blocked("Hon är född 1979, slutsiffrorna vet vi inte.") == []


def test_a_bare_sista_with_four_digits_after_a_birth_date_is_blocked():
    assert blocks("Hon är född 1979-04-23, sista: 3181.", "3181")
    assert blocked("Sista gången 2024 var hon där, född 1979.") == []


def test_a_personnummer_grouped_oddly_is_blocked():
    digits = with_check_digit("770914238")
    for written in (
        f"{digits[:3]} {digits[3:6]}-{digits[6:]}",
        f"{digits[:4]} {digits[4:6]}-{digits[6:]}",
    ):
        text = f"Pat. uppger {written} vid inskrivningen."
        assert blocks(text, written), written


def test_a_birth_date_written_out_and_the_last_four_after_it_are_blocked():
    four = with_check_digit("681203457")[6:]
    assert blocks(f"Mannen är född 3 december 1968 (-{four} enl. dom).", f"-{four}")
    four = with_check_digit("920430118")[6:]
    assert blocks(f"Född 1992-04-30, -{four} enligt journalen.", f"-{four}")


def test_a_date_and_a_year_range_after_it_are_not_a_personnummer():
    assert blocked("Hon var anställd från 1 mars 2019 (-2023) på förskolan.") == []
    amount = with_check_digit("240512341")[6:]
    assert blocked(f"Den 12 maj 2024 (-{amount} kr) drogs pengar från kontot.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Pat f. 630412 (-3588), två barn.",
        "född 19630412, slutsiffror -3588 enligt journalen",
        "F 911017 … -2468 enl. FK",
    ],
)
def test_a_compact_birth_date_and_its_last_four_after_a_dash_are_blocked(text):
    assert any(kind in ("personnummer", "samordningsnummer") for kind, _ in found(text))


def test_a_compact_date_and_a_dashed_number_failing_luhn_are_not_blocked():
    assert blocked("Beslut 630412 (-3587 kr i avdrag).") == []


@pytest.mark.parametrize(
    "text",
    [
        "pnr: 7 8 0 5 1 4 - 3 9 2 7 (med mellanrum)",
        "Personnummer 197805\n14-3927 enligt remissen",
        "Hon är född den 17 september 2002, 5512, och bor kvar.",
    ],
)
def test_spaced_pasted_and_born_then_last_four_personnummer_are_blocked(text):
    assert any(kind == "personnummer" for kind, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "Möte 2024\n10 deltagare kom.",
        "född 3 maj 2001, 2023 flyttade hon hit.",
        "1 2 3 4 5 6 7 8 9 0 i tabellen",
    ],
)
def test_line_broken_numbers_years_and_counting_are_not_personnummer(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hon är f. 71.03.14, pnr-slut 8826 enligt FK.",
        "samnr 780574 … 3924 (resten i journalen)",
        "Hans samordningsnummer börjar 780574, de fyra sista återkommer jag med.\nTillägg: 3924",
    ],
)
def test_a_birth_date_with_its_last_four_after_a_dot_date_an_ellipsis_or_later_is_blocked(text):
    assert any(kind in ("personnummer", "samordningsnummer") for kind, _ in found(text))


def test_the_last_four_given_in_another_sentence_after_slutar_are_blocked():
    text = "Hon är född den 3 mars 1999. Enligt domen slutar hennes personnummer på 4415."
    assert any(kind == "personnummer" for kind, _ in found(text))


def test_a_personnummer_of_twelve_digits_grouped_by_spaces_is_blocked():
    assert blocks("Rubrik i faxet: 19 790 423 3181 (hennes)", "19 790 423 3181")
    assert blocked("År 2019 12 deltagare, 2020 15 deltagare.") == []


@pytest.mark.parametrize("date_part", ["870229", "930230", "790431", "19910631"])
def test_a_personnummer_whose_date_the_calendar_lacks_is_still_blocked(date_part):
    # A number typed wrong or made up for a form ("29 February" in a year with none) is blocked
    # as the real kind would be: its check digit is right, and so is every other part.
    number = with_check_digit(date_part[-6:] + "238")
    written = (date_part[:2] if len(date_part) == 8 else "") + f"{number[:6]}-{number[6:]}"
    assert blocks(f"Mannens pnr är {written} enligt hans egen uppgift.", written)


def test_a_number_with_a_thirteenth_month_or_day_32_is_no_personnummer():
    for date_part in ("871329", "870132"):
        number = with_check_digit(date_part + "238")
        assert blocked(f"Fakturanr {number[:6]}-{number[6:]} betalades.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Handläggaren skrev personnumret delat: ”{date}” överst och ”-{four}” i sista stycket.",
        "Numret står uppdelat i remissen, {date} på ena sidan och {four} på den andra.",
    ],
)
def test_a_personnummer_the_text_says_was_written_split_is_blocked(text):
    number = with_check_digit("020917452")
    text = text.format(date=number[:6], four=number[6:])
    assert blocks(text, number[:6]) and blocks(text, number[6:])


def test_a_split_date_and_four_digits_failing_the_check_digit_are_not_blocked():
    number = with_check_digit("020917452")
    wrong = number[6:9] + str((int(number[9]) + 1) % 10)
    assert blocked(f"Kostnaden delat på två: beslut {number[:6]}, {wrong} kr var.") == []
