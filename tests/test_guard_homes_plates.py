"""The guard on rural homes named without a street (farms, fäbodar, cabins, the way to a house),
Norwegian streets, vehicle models and registration numbers (issue 11, items 1 and 3). Examples
here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocked, blocks, found


@pytest.mark.parametrize(
    "text",
    [
        "Mötet är på avd 102 och sedan i sal 212.",
        "Enligt BUP 123 i journalen.",
        "Hon tar tabl 100 mg.",
        "Under och 123 andra ord.",
    ],
)
def test_words_and_abbreviations_before_numbers_are_not_plates(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Bilen VIQ 471 står utanför.", "VIQ 471"),
        ("Bilen KLM 47 T står utanför.", "KLM 47 T"),
        ("Han kör en norsk bil, EK 45120.", "EK 45120"),
    ],
)
def test_plates_with_any_letters_spaced_or_foreign_are_blocked(text, plate):
    assert blocks(text, plate)


def test_a_lower_case_plate_is_a_plate_even_if_its_letters_spell_a_name():
    assert blocks("Han kör kim 123 nu.", "kim 123")


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        # Capitalised letters, only after a vehicle cue ("bilnr", "bil (", "i bil").
        ("Bilnr. Gkw-317 enligt vittnet, en röd kombi.", "Gkw-317"),
        ("Han har spårat hennes bil (tak 48c) med en app.", "tak 48c"),
        ("Hon såg honom i bil Rmp55d utanför skolan.", "Rmp55d"),
        # Lower-case words in brackets after "bil".
        ("Det satt en sändare under hans bil (nej 71k).", "nej 71k"),
        # Letters that look like digits are a plate's letters, not a number typed with letters.
        ("Grannen skrev upp bilen: olo735.", "olo735"),
        ("Skylten var OOO21C enligt kameran.", "OOO21C"),
    ],
)
def test_capitalised_bracketed_and_digit_like_plates_are_blocked(text, plate):
    assert blocks(text, plate)


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hålls i Rum 123 på vårdcentralen.",
        "Se Kap 12b i handboken om samråd.",
        "Hon har Ssk 24h-kontakt via Mob 112-appen.",
    ],
)
def test_a_capitalised_word_and_a_number_without_a_vehicle_cue_is_not_a_plate(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hon bor på Kyrkgatan sextiotvå, lägenhet tre.", "Kyrkgatan sextiotvå"),
        ("Adress: Tandsbyn nr trettioåtta", "Tandsbyn nr trettioåtta"),
        ("Han bor på Tallvägen, nummer 9 sedan i våras.", "Tallvägen, nummer 9"),
        ("Gården ligger vid Gamla Riksvägen 41.", "Gamla Riksvägen 41"),
        ("hon har flyttat till prästg atan? nej: skol gatan 7", "skol gatan 7"),
        ("Hans bil har norskt skilt, skilt BR 40217.", "BR 40217"),
        ("Bilen har reg bKp48S enligt grannen.", "bKp48S"),
    ],
)
def test_worded_spaced_and_foreign_addresses_and_plates_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Kommunen har placerat henne på Hallen 215.", "Hallen 215"),
        ("Hon skrivs ut från sjukhuset till Storgatan 4.", "Storgatan 4"),
        ("Hon bor nära polishuset, Storgatan 12.", "Storgatan 12"),
        ("Kommunen placerade henne, Myrvik 14.", "Myrvik 14"),
        ("Kvinnojouren, Tallvägen 8, har plats i helgen.", "Tallvägen 8"),
        ("Paret driver gården Norrgården i Ovikens socken.", "Norrgården"),
        ("Även fäbodnamnet Storvallen nämndes.", "Storvallen"),
    ],
)
def test_a_persons_address_near_an_authority_a_shelter_and_a_named_farm_are_blocked(text, part):
    assert blocks(text, part)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        # A plate cue with two words between it and the plate.
        ("Bilen med skylt nr. NOG 418 stod utanför hela kvällen.", "NOG 418"),
        # Short and foreign plates right after a word that names a plate.
        ("Husvagnen (reg. TPX 41) står hos hans bror.", "TPX 41"),
        ("Han kom i en bil med finska skyltar (KZU-7) enligt grannen.", "KZU-7"),
        ("Skylten: HJB 9, en fyrhjuling.", "HJB 9"),
    ],
)
def test_plates_after_a_cue_further_off_and_short_or_foreign_plates_after_one_are_blocked(
    text, plate
):
    assert blocks(text, plate)


@pytest.mark.parametrize(
    "text",
    [
        "Region Jämtland Härjedalen, HC 12 har öppet i dag.",
        "Skylten vid LSS 9 § saknas enligt boendet.",
    ],
)
def test_short_letter_and_number_codes_without_a_plate_cue_are_not_blocked(text):
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Han drar en Hobby 495 efter bilen när han åker till fjällen.",
        "Sambon har en Ski-Doo Summit 850 och en Can-Am Outlander 570.",
        "De åkte i hans Nissan Navara 2020 till Trondheim.",
        "Han har köpt en Adria 613 och bor i den på campingen.",
    ],
)
def test_a_vehicle_model_and_its_number_is_not_an_address(text):
    assert [kind for kind, _ in found(text) if kind == "address"] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Hon har tagit Volvon till Kövra 31 där systern bor.", "Kövra 31"),
        ("Han har en Toyota, bor på Svartsjöbränna 5.", "Svartsjöbränna 5"),
    ],
)
def test_an_address_near_a_vehicle_is_still_blocked(text, address):
    assert blocks(text, address)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # A farm and its village, in each writing.
        ("Hon bor numera på Västergården i Rödön hos sin bror.", "Västergården i Rödön"),
        ("Adress enligt henne: Backgården, Föllinge.", "Backgården, Föllinge"),
        ("Paret driver Nybacka gård, Oviken, tillsammans.", "Nybacka gård, Oviken"),
        ("Post till Lillgården Hackås 12 efter flytten.", "Lillgården Hackås 12"),
        # A fäbod or säter where someone lives, and a cabin or kåta by a named place.
        ("Hon bor sommartid på Anderssätern med barnen.", "Anderssätern"),
        ("Mannen bor i fiskestugan vid Hotagsfors sedan i våras.", "fiskestugan vid Hotagsfors"),
        # The way to a house in a village.
        ("De bor i röda huset bakom skolan i Kälarne.", "huset bakom skolan i Kälarne"),
        (
            "Hon bor i lägenheten ovanför pizzerian i Gäddede.",
            "lägenheten ovanför pizzerian i Gäddede",
        ),
        # A Norwegian street.
        ("Pappan bor i Norge, Dronningens gate 5, Trondheim.", "Dronningens gate 5"),
    ],
)
def test_farms_fabods_cabins_directions_and_norwegian_streets_where_someone_lives_are_blocked(
    text, part
):
    assert blocks(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Hon bor i Hallen och jobbar i Östersund.",
        "Familjen har en sommarstuga vid Storsjön och en i Åre.",
        "Hon bor i huset bredvid sin mamma sedan separationen.",
        "Han bor i lägenheten ovanför, enligt Polisen.",
        "Samrådet hölls på gården vid kyrkan.",
    ],
)
def test_a_village_alone_a_cabin_by_a_big_lake_and_a_house_by_a_person_are_not_blocked(text):
    assert blocked(text) == []


def test_a_villages_only_road_and_a_number_in_the_village_is_an_address():
    assert blocks("Hon sover hos en väninna, Gatan 7 i Rossön.", "Gatan 7")


def test_a_box_in_lower_case_with_a_postcode_after_it_is_an_address():
    assert blocks("skicka till box 445 83122 östersund", "box 445")
    assert blocked("vi har en box 12 st kvar i förrådet") == []


def test_a_postcode_split_in_the_wrong_place_before_a_village_is_blocked():
    assert blocks("Hon bor på Åsarna 41, 84 031 Åsarna enligt folkbokföringen.", "84 031 Åsarna")


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Han kör en svart Toyota Hilux, kbn 482, sedan i somras.", "kbn 482"),
        ("Bilen var en röd Saab (och 312) enligt grannen.", "och 312"),
    ],
)
def test_a_plate_right_after_a_car_make_or_model_is_blocked(text, plate):
    assert blocks(text, plate)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Han bor i Norge nu, Prinsens veg 14, Steinkjer.", "Prinsens veg 14"),
        ("Adressen är Fjellvegen 112, 7870 Grong.", "Fjellvegen 112"),
        ("Släpet har norsk plåt, och tilhenger ZN 4417 står hos honom.", "ZN 4417"),
    ],
)
def test_norwegian_streets_and_a_norwegian_trailers_plate_are_blocked(text, part):
    assert blocks(text, part)


def test_a_cost_centre_is_not_an_address():
    assert blocked("Faktureras kostnadsställe Kst 4410, projekt 7702.") == []


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Han kör en vit Saab, reg K L M 3 0 8, som står vid affären.", "K L M 3 0 8"),
        ("Bilen har skyltarna R T K 55 1 enligt grannen.", "R T K 55 1"),
        ("Bil: D P V 612 (svart).", "D P V 612"),
    ],
)
def test_a_plate_spelled_out_letter_by_letter_is_blocked_though_it_ends_in_k_v_or_e(text, plate):
    # "K", "V" and "E" before a number are cues for police case numbers, weeks and roads.
    assert blocks(text, plate)


def test_a_police_case_number_week_and_road_after_a_single_letter_stay_harmless():
    text = "Ärende K 448210-25 gäller v 12. Hon kör E 14 till Åre."
    assert blocked(text) == []
