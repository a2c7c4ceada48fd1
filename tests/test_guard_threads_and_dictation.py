"""The guard on e-mail threads, protected housing and hurried or dictated texts, from the
development set dev25 (issue 11): a plate after "bil e" (the Swedish "är", not the road E), a
plate whose O reads as a zero, a phone number dictated in words and digits mixed, a handle on a
platform "under namnet …", a farm's name (not a place it is near); and what stays allowed: a
form's placeholders for an identity number, a jour's general number, a listed first name given
as a display name (a name, warned of, not a handle). Examples here are in no corpus."""

from __future__ import annotations

from guardhelpers import blocked, blocks, found, warns_name


def test_a_plate_after_bil_e_is_blocked():
    assert blocks("hans bil e KLM 442 o hennes e en röd golf", "KLM 442")


def test_a_plate_whose_o_was_read_as_a_zero_is_blocked():
    assert blocks("nej bilen e TXO418 den står vid macken", "TXO418")


def test_a_phone_number_dictated_in_words_and_digits_is_blocked():
    text = "ring mig på noll sju tre 5 5 2 åtta åtta noll ett jag e hennes faster"
    assert blocks(text, "noll sju tre 5 5 2 åtta åtta noll ett")


def test_a_handle_given_under_namnet_on_a_platform_is_blocked():
    assert blocks('Han skriver på Kik under namnet "fjallvarg_jmt" varje kväll.', "fjallvarg_jmt")
    assert blocks('Han finns på Kik under namnet "nattugglan" nu.', "nattugglan")


def test_a_listed_first_name_as_a_display_name_is_a_name_warning_not_a_block():
    text = "Han säljer på Marketplace under namnet 'Göran Lund' och svarar snabbt."
    assert blocked(text) == []
    assert warns_name(text, "Göran")


def test_a_place_a_farm_is_near_is_not_its_name():
    assert blocked("Hon bor ensam på en gård utanför Hammarvallen sedan i somras.") == []


def test_a_forms_placeholders_and_a_jours_general_number_are_not_blocked():
    assert blocked("Pnr: ÅÅMMDD-XXXX / Reg.nr: saknas / Tel: –") == []
    assert blocked("Kvinnojouren (jourens allmänna nr 063-51 22 40) har kontakt med henne.") == []
    assert [kind for kind, _ in found("tack habibi hörs imon inshallah") if kind == "name"] == []


def test_a_zero_and_digits_in_a_list_of_scores_are_no_dictated_phone_number():
    assert blocked("Skattningen gav noll, 1, 2, 3, 4, 5 och 6 poäng på de sju frågorna.") == []
