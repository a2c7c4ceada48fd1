"""Unicode tricks cannot hide an identifier (issue 11, item 2; security review M5): the guard
folds the text (NFKC, format characters removed, every space a space, O/l in digit runs) and
marks what the user typed, in the original offsets. Examples here are in neither corpus."""

from __future__ import annotations

import pytest
from guardhelpers import blocks, with_check_digit

from forms_service.deidentify import bidi_controls, scan
from forms_service.deidentify.normalise import normalise

PNR = with_check_digit("810619227")
DASHED = f"{PNR[:6]}-{PNR[6:]}"


@pytest.mark.parametrize(
    ("disguised", "why"),
    [
        (f"{PNR[:6]}\u200b-{PNR[6:]}", "zero-width space"),
        (f"{PNR[:3]}\u2063{PNR[3:6]}-{PNR[6:]}", "invisible separator U+2063"),
        (f"{PNR[:6]}\u00ad-{PNR[6:]}", "soft hyphen"),
        (f"{PNR[:6]}\u034f-{PNR[6:]}", "combining grapheme joiner"),
        (f"{PNR[:6]}\ufe0f-{PNR[6:]}", "variation selector"),
        (f"{PNR[:6]}\u200e-{PNR[6:]}", "left-to-right mark"),
        (f"{PNR[:6]}\u2009{PNR[6:]}", "thin space"),
        (f"{PNR[:6]}\u202f{PNR[6:]}", "narrow no-break space"),
        (f"{PNR[:6]}\u3000{PNR[6:]}", "ideographic space"),
        ("".join(chr(0xFF10 + int(d)) for d in PNR), "full-width digits"),
        ("".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in PNR), "superscript digits"),
        ("".join("⓪①②③④⑤⑥⑦⑧⑨"[int(d)] for d in PNR), "circled digits"),
        ("".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in PNR), "Arabic-Indic digits"),
        (DASHED.replace("0", "O").replace("1", "l"), "letters O and l for 0 and 1"),
    ],
)
def test_m5_unicode_tricks_cannot_hide_a_personnummer(disguised, why):
    text = f"Uppgift: {disguised} enligt journalen."
    findings = [f for f in scan(text) if f.kind == "personnummer"]
    assert findings, why
    # The finding marks exactly what the user typed.
    assert text[findings[0].start : findings[0].end] == disguised, why


def test_m5_right_to_left_override_cannot_show_a_phone_number_the_guard_did_not_read():
    # Displayed by a browser as "Hon nås på 070-512 33 81 och bor på Storgatan 12."
    text = "Hon nås på \u202e18 33 215-070\u202c och bor på \u202e21 natagrotS\u202c."
    assert blocks(text, "\u202e18 33 215-070\u202c")
    assert blocks(text, "\u202e21 natagrotS\u202c")


def test_bidi_controls_lists_the_characters_the_forms_refuse():
    assert bidi_controls("vanlig text, 070-123 45 67") == []
    text = "a\u202eb\u2066c\u202cd\u202e"
    assert bidi_controls(text) == ["\u202e", "\u2066", "\u202c"]
    # Implicit marks only nudge neutral characters; they are removed, not refused.
    assert bidi_controls("a\u200eb\u200fc") == []


def test_offsets_map_back_through_expansions_and_compositions():
    text = "A\u0308 ﷺ x ８５ ①"  # "Ä" composed, one character expanding to many, digits
    folded, offsets = normalise(text)
    assert folded.startswith("Ä ")
    assert folded.endswith("x 85 1")
    start = folded.index("85")
    assert text[slice(*offsets.span(start, start + 2))] == "８５"
    assert text[slice(*offsets.span(0, 1))] == "A\u0308"


def test_plain_text_is_not_copied():
    text = "Helt vanlig svensk text med åäö, – och ”citat”."
    folded, offsets = normalise(text)
    assert folded is text
    assert offsets.edits == ()
