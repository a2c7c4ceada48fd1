"""The guard's quality on the labelled development and regression sets (figures printed by
bench/deidentify_quality.py, which also scores the held-out set). The targets are the issue's.
The held-out set is not asserted here: a failing assertion would print its texts."""

from __future__ import annotations

import pytest
from corpus.evaluate import Label, Sample, caught, load_set, score

from forms_service.deidentify import BLOCK, SEVERITY, Finding


@pytest.fixture(scope="module", params=["dev", "regression"])
def result(request):
    return request.param, score(load_set(request.param))


def test_the_development_set_is_large_enough():
    samples = load_set("dev")
    assert sum(len(s.labels) for s in samples) >= 400
    assert sum(not s.labels for s in samples) >= 250


def test_no_text_of_either_set_makes_a_detector_crash(result):
    name, figures = result
    assert figures.unchecked == 0, name


def test_every_block_kind_is_caught_at_least_99_5_percent(result):
    name, figures = result
    for kind, kind_score in figures.kinds.items():
        if SEVERITY.get(kind) == BLOCK:
            assert kind_score.recall >= 0.995, (name, kind, kind_score.misses)


def test_at_least_95_percent_of_names_are_flagged(result):
    name, figures = result
    assert figures.kinds["name"].recall >= 0.95, (name, figures.kinds["name"].misses)


def test_at_most_1_percent_of_clean_texts_are_blocked(result):
    name, figures = result
    assert figures.clean_block_rate <= 0.01, (name, figures.clean_blocked)


def test_at_most_10_percent_of_clean_texts_get_a_name_warning(result):
    name, figures = result
    assert figures.clean_name_warn_rate <= 0.10, (name, figures.clean_name_warned)


def test_a_label_counts_as_caught_only_with_the_severity_its_kind_needs():
    label = Label("phone", ((10, 20),))
    warning = Finding("name", "warn", 12, 18, "")
    block = Finding("phone", "block", 18, 25, "")
    assert not caught(label, [warning])
    assert caught(label, [block])
    assert caught(Label("name", ((10, 20),)), [warning])
    split = Label("personnummer", ((40, 44), (10, 20)))  # the value, then an "also" part
    assert caught(split, [Finding("personnummer", "block", 15, 16, "")])


def test_clean_texts_count_separately_from_labelled_ones():
    samples = [
        Sample("a", "Ring 112.", ()),
        Sample("b", "Ring Tommy.", (Label("name", ((5, 10),)),)),
    ]
    figures = score(samples)
    assert figures.clean_total == 1
    assert figures.kinds["name"].total == 1


def test_the_red_team_set_makes_no_detector_crash_and_keeps_its_floor():
    """The red-teamer's deliberate dodges (tests/corpus/redteam/) are not held to 99.5 % per
    kind; the figure reached when they were added (94 % of block-kind identifiers) is a floor
    that a later change must not lower."""
    figures = score(load_set("redteam"))
    assert figures.unchecked == 0
    block = [r for kind, r in figures.kinds.items() if SEVERITY.get(kind) == BLOCK]
    caught_all = sum(r.caught for r in block)
    assert caught_all / sum(r.total for r in block) >= 0.94
    assert figures.clean_blocked == []
