"""The de-identification guard: what it finds, what it leaves alone, and that it never breaks."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from corpus.evaluate import load_set, score
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_service.deidentify import BLOCK, WARN, Finding, in_context, luhn_ok, scan


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]


# --- Block kinds, in the writings the issue names -------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "850101-1236",
        "8501011236",
        "19850101-1236",
        "198501011236",
        "850101+1236",
        "850101 1236",
        "850101–1236",
    ],
)
def test_personnummer_in_every_common_writing_is_blocked(written):
    text = f"Kvinnan har personnummer {written} enligt journalen."
    assert kinds(text) == [("personnummer", written)]
    assert scan(text)[0].severity == BLOCK


def test_samordningsnummer_is_day_plus_sixty():
    assert luhn_ok("8501611233")
    text = "Samordningsnummer 850161-1233 finns i ärendet."
    assert kinds(text) == [("samordningsnummer", "850161-1233")]


def test_a_date_shaped_number_failing_luhn_is_a_warning_not_a_block():
    text = "Numret 850101-1234 stod på lappen."
    findings = scan(text)
    assert [(f.kind, f.severity) for f in findings] == [("personnummer_like", WARN)]


def test_a_number_that_is_not_a_date_is_not_a_personnummer():
    assert [k for k, _ in kinds("Ärendenummer 123456-7890 i vårt system.")] != ["personnummer"]


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "0701234567",
        "+46 70 123 45 67",
        "0046 70 123 45 67",
        "063-12 34 56",
        "08-123 456 78",
        "+47 912 34 567",
        "+44 20 7946 0958",
    ],
)
def test_phone_numbers_are_blocked(phone):
    text = f"Hon nås på {phone} på dagarna."
    assert kinds(text) == [("phone", phone)]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Mejla anna.svensson@example.se senast fredag.", "email", "anna.svensson@example.se"),
        ("Hon bor på Storgatan 12 B sedan i höstas.", "address", "Storgatan 12 B"),
        ("Adress Rådhusgatan 4, lgh 1102 i centrum.", "address", "Rådhusgatan 4, lgh 1102"),
        ("Post skickas c/o Nilsson tills vidare.", "address", "c/o Nilsson"),
        ("Postadress 831 30 Östersund.", "postcode", "831 30 Östersund"),
        ("Skriven på SE-831 30 sedan tidigare.", "postcode", "SE-831 30"),
        ("Bilen ABC 123 står utanför.", "registration_number", "ABC 123"),
        ("Bilen ABC12D står utanför.", "registration_number", "ABC12D"),
        (
            "Se https://www.facebook.com/profil.123 för bilderna.",
            "url",
            "https://www.facebook.com/profil.123",
        ),
        ("Han skriver på facebook.com/mannen99 varje dag.", "url", "facebook.com/mannen99"),
        ("Inloggning från 192.168.1.44 i natt.", "ip_address", "192.168.1.44"),
        ("Inloggning från 2001:db8::1 i natt.", "ip_address", "2001:db8::1"),
        (
            "Pengarna gick till 8327-9, 123 456 789-0 i går.",
            "account_number",
            "8327-9, 123 456 789-0",
        ),
        ("Betala till BG 5050-1055 enligt kravet.", "account_number", "BG 5050-1055"),
        ("Plusgiro 4711-3 används.", "account_number", "Plusgiro 4711-3"),
        (
            "IBAN SE45 5000 0000 0583 9825 7466 uppgavs.",
            "account_number",
            "SE45 5000 0000 0583 9825 7466",
        ),
    ],
)
def test_block_kinds_are_found_with_their_exact_span(text, kind, found):
    findings = scan(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings if f.severity == BLOCK] == [
        (kind, found)
    ]


def test_an_iban_with_a_wrong_checksum_is_not_an_iban():
    assert ("account_number", "SE46 5000 0000 0583 9825 7466") not in kinds(
        "Numret SE46 5000 0000 0583 9825 7466 är fel."
    )


# --- Warn kinds -------------------------------------------------------------------------------


def test_names_are_warnings_and_allowlisted_organisations_and_places_are_not():
    text = (
        "Hon har berättat för Anna på Kvinnojouren i Östersund att Tommy slår henne. "
        "Region Jämtland Härjedalen och Polisen deltar, liksom Socialtjänsten i Krokoms kommun."
    )
    assert [(k, t) for k, t in kinds(text)] == [("name", "Anna"), ("name", "Tommy")]
    assert all(f.severity == WARN for f in scan(text))


def test_a_listed_name_at_sentence_start_is_a_warning_but_an_everyday_word_is_not():
    assert kinds("Fatima berättar att hon är rädd.") == [("name", "Fatima")]
    assert kinds("Per telefon går det bra. Hans bror vet inget.") == []


@pytest.mark.parametrize("written", ["12 mars", "2026-03-12", "12/3", "12.3.2026", "3:e april"])
def test_exact_dates_are_warnings(written):
    assert kinds(f"Det hände {written} i hemmet.") == [("date", written)]


def test_vague_times_and_age_ranges_are_not_flagged():
    text = (
        "Kvinna i 40-årsåldern, 35–45 år, har bott i länet sedan 2019. Våldet har pågått i tre år "
        "och blev värre i våras. Samråd önskas vecka 12, gärna kl. 13.00. Skulden är 5 000 kr. "
        "Enligt 10 kap. 18 c § OSL kan uppgifter lämnas. Riskbedömning enligt SARA:SV och FREDA."
    )
    assert scan(text) == []


def test_an_exact_age_is_a_warning():
    assert kinds("Kvinnan är 34 år och bor ensam.") == [("age", "34 år")]


def test_named_school_is_a_warning_but_a_generic_school_is_not():
    assert kinds("Barnen går på Lugnviksskolan.") == [("workplace", "Lugnviksskolan")]
    assert kinds("Barnen går i förskolan och grundskolan.") == []


# --- Shape of the result -------------------------------------------------------------------


def test_findings_are_sorted_do_not_overlap_and_slice_to_the_match():
    text = "Anna (850101-1236) bor på Storgatan 12, tel 070-123 45 67, anna@example.se, 12 mars."
    findings = scan(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for first, second in itertools.pairwise(findings):
        assert first.end <= second.start
    assert {f.kind for f in findings} >= {"personnummer", "address", "phone", "email", "date"}
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.message
        assert text[finding.start : finding.end].strip() == text[finding.start : finding.end]


def test_invisible_characters_cannot_hide_a_personnummer():
    text = "Nummer 850101\u200b-1236 står i anteckningen."
    findings = scan(text)
    assert [f.kind for f in findings] == ["personnummer"]
    assert text[findings[0].start : findings[0].end] == "850101\u200b-1236"


def test_full_width_digits_cannot_hide_a_personnummer():
    text = "Nummer ８５０１０１-１２３６ står i anteckningen."
    assert [f.kind for f in scan(text)] == ["personnummer"]


def test_context_shows_the_finding_with_text_around_it():
    text = "Bakgrund: kvinnan har personnummer 850101-1236 och två barn."
    before, found, after = in_context(text, scan(text)[0], width=12)
    assert (before, found, after) == ("…ersonnummer ", "850101-1236", " och två bar…")


def test_empty_and_non_string_input_give_no_findings():
    assert scan("") == []
    assert scan(None) == []  # type: ignore[arg-type]


# --- Quality on the labelled corpus (figures printed by bench/deidentify_quality.py) ---------


@pytest.fixture(scope="module")
def corpus_result():
    return score(load_set("regression"))


def test_corpus_is_large_enough(corpus_result):
    assert sum(r.total for r in corpus_result.kinds.values()) >= 400
    assert corpus_result.clean_total >= 150


def test_every_block_kind_has_recall_of_at_least_99_percent(corpus_result):
    for kind, result in corpus_result.kinds.items():
        if kind in {"name", "date", "personnummer_like"}:
            continue
        assert result.recall >= 0.99, (kind, result.misses)


def test_at_least_90_percent_of_names_are_flagged(corpus_result):
    assert corpus_result.kinds["name"].recall >= 0.90


def test_at_most_2_percent_of_clean_texts_are_blocked(corpus_result):
    assert corpus_result.clean_block_rate <= 0.02, corpus_result.clean_blocked


# --- Robustness --------------------------------------------------------------------------------

# The deadlines below are not speed targets (bench/ measures speed); they are bounds generous
# enough that only catastrophic regex backtracking (minutes, not milliseconds) could exceed them.
ROBUST = settings(
    max_examples=200,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)


def _assert_well_formed(text: str, findings: list[Finding]) -> None:
    previous_end = 0
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.start >= previous_end
        assert finding.severity in (BLOCK, WARN)
        previous_end = finding.end


@ROBUST
@given(st.text())
def test_any_unicode_text_is_scanned_without_error(text):
    _assert_well_formed(text, scan(text))


@ROBUST
@given(
    st.text(
        alphabet=st.sampled_from("0123456789 -+./:@,()\n\u00a0\u2013"), min_size=0, max_size=3000
    )
)
def test_digit_and_punctuation_soup_is_scanned_without_error(text):
    _assert_well_formed(text, scan(text))


@settings(max_examples=12, deadline=timedelta(seconds=20))
@given(
    st.sampled_from(
        ["1", " ", "1 ", "12-", "A", "Abc ", "a@", ".", "-", "070", "Storgatan 1 ", "@a."]
    ),
    st.integers(min_value=50_000, max_value=100_000),
)
def test_100000_characters_of_repetition_finish(unit, length):
    text = (unit * (length // len(unit) + 1))[:length]
    _assert_well_formed(text, scan(text))


def test_a_failing_detector_fails_closed(monkeypatch):
    import forms_service.deidentify.scanner as guard

    def broken(_text):
        raise RuntimeError("boom")

    monkeypatch.setattr(guard, "DETECTORS", (broken,))
    findings = scan("helt vanlig text")
    assert [(f.kind, f.severity, f.start, f.end) for f in findings] == [
        ("unchecked", BLOCK, 0, len("helt vanlig text"))
    ]
