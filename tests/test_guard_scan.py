"""The shape of the guard's answer, the kinds without a family file (accounts, dates, ages,
workplaces), and failing closed — while a crash in a detector still makes a test fail."""

from __future__ import annotations

import gc
import itertools

import pytest
from guardhelpers import found

import forms_service.deidentify.scanner as scanner
from forms_service.deidentify import (
    BLOCK,
    KIND_LABELS,
    MESSAGES,
    SEVERITY,
    Finding,
    in_context,
    scan,
)


def test_findings_are_sorted_do_not_overlap_and_slice_to_what_was_typed():
    text = "Lina (810619-2271) bor på Granvägen 7, tel 072-644 18 30, lina@telia.se, 12 mars."
    findings = scan(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for first, second in itertools.pairwise(findings):
        assert first.end <= second.start
    assert {f.kind for f in findings} >= {"address", "phone", "email", "date"}
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.message == MESSAGES[finding.kind]
        assert finding.label == KIND_LABELS[finding.kind]
        assert finding.severity == SEVERITY[finding.kind]
        assert text[finding.start : finding.end].strip() == text[finding.start : finding.end]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Lönen går till 8105-9, 944 221 736-4 i Swedbank.", "8105-9, 944 221 736-4"),
        ("Betala till bankgiro 5412-7789 enligt kravet.", "5412-7789"),
        ("Plusgiro 77 41 02-6 tillhör mannen.", "77 41 02-6"),
        ("Konto 6231 712 408 119 i Handelsbanken.", "6231 712 408 119"),
    ],
)
def test_account_numbers_are_blocked(text, account):
    assert any(kind == "account_number" and account in part for kind, part in found(text))


def test_an_iban_with_a_wrong_checksum_is_one_only_when_it_is_all_digits():
    """A code with letters in it needs the check digits to be an IBAN; a country's code and
    sixteen digits or more is an account typed with a digit wrong, and still names it."""
    assert ("account_number", "GB29 NWBK 6016 1331 9268 18") not in found(
        "Koden GB29 NWBK 6016 1331 9268 18 är fel."
    )
    assert ("account_number", "SE46 5000 0000 0583 9825 7466") in found(
        "Numret SE46 5000 0000 0583 9825 7466 är fel."
    )


@pytest.mark.parametrize("written", ["14 mars", "2025-03-14", "14/3", "14.3.2025", "3:e maj"])
def test_exact_dates_are_warnings(written):
    assert found(f"Det hände {written} i hemmet.") == [("date", written)]


def test_an_exact_age_is_a_warning_but_an_age_range_is_not():
    assert found("Kvinnan är 37 år och bor ensam.") == [("age", "37 år")]
    assert found("Kvinnan är i 30-årsåldern, mellan 35–40 år, och över 18 år.") == []


def test_a_named_school_is_a_warning_but_a_generic_school_is_not():
    assert found("Barnen går på Fyrvalla­skolan.")[0][0] == "workplace"
    assert found("Barnen går i förskolan och grundskolan.") == []


def test_context_shows_the_finding_with_text_around_it():
    text = "Bakgrund: kvinnan har telefon 072-644 18 30 och två barn."
    before, what, after = in_context(text, scan(text)[0], width=12)
    assert (before, what, after) == ("…har telefon ", "072-644 18 30", " och två bar…")


def test_empty_and_non_string_input_give_no_findings():
    assert scan("") == []
    assert scan(None) == []  # type: ignore[arg-type]


def test_a_failing_detector_fails_closed(monkeypatch):
    def broken(_text):
        raise RuntimeError("boom")

    monkeypatch.setattr(scanner, "DETECTORS", (broken,))
    assert [(f.kind, f.severity, f.start, f.end) for f in scan("helt vanlig text")] == [
        ("unchecked", BLOCK, 0, len("helt vanlig text"))
    ]


def test_code_review_4_1_a_crashing_detector_makes_the_property_check_fail(monkeypatch):
    """The checks in test_guard_properties.py refuse an "unchecked" finding, so a detector that
    raises on some text (the code review made the name detector raise on Cyrillic) fails them."""
    from test_guard_properties import assert_checked_and_well_formed

    original = scanner.DETECTORS

    def crashes_on_cyrillic(text):
        if any("\u0400" <= char <= "\u04ff" for char in text):
            raise ValueError("Cyrillic")
        return iter(())

    monkeypatch.setattr(scanner, "DETECTORS", (*original, crashes_on_cyrillic))
    text = "Kvinnan pratar med Ольга om våldet."
    with pytest.raises(AssertionError, match="a detector raised"):
        assert_checked_and_well_formed(text, scan(text))


def test_a_scan_starts_from_nothing_the_previous_text_left_in_the_caches():
    """Every per-text cache is emptied before a scan: otherwise the speed benchmark, which
    scans one text several times, would time the later runs with the cue words, runs of
    digits and literal words of the first already found, and a worker would keep the last
    texts it checked in memory longer than it must."""
    from forms_service.deidentify import harmless, windows

    per_text = (
        harmless.mask,
        windows.folded,
        windows._cue_starts,
        windows.digit_runs,
        windows._run_starts_by_length,
        windows.literal_spans,
    )
    scan("Konto 8327-9, 914 123 456-7, tel 070-123 45 67, Storgatan 12, kl 14, dnr 2026/12.")
    assert all(cached.cache_info().currsize for cached in per_text)
    assert windows._BLANKED  # the masked text, noted as made from the text
    scanner._forget_earlier_texts()
    assert [cached.cache_info().currsize for cached in per_text] == [0] * len(per_text)
    assert not windows._BLANKED


def test_warming_a_worker_puts_the_word_lists_beyond_the_garbage_collector():
    """gunicorn's workers call warm() before their first request: the word lists it builds
    live as long as the worker, so they are frozen out of the cyclic collector, whose every
    full collection would otherwise walk them in the middle of a scan."""
    gc.unfreeze()
    try:
        scanner.warm()
        assert gc.get_freeze_count() > 0
        assert scan("Ring 070-123 45 67.")  # still scans after the freeze
    finally:
        gc.unfreeze()
