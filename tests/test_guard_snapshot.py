"""The guard finds exactly what tests/corpus/findings_snapshot.jsonl records on every development
and regression text (as written, in capitals, in lower case, with Unicode spacing): a change
made for speed must not change a single finding. A change meant to alter the findings rewrites
the record (`.venv/bin/python tests/corpus/snapshot.py --write`) in the same commit."""

from __future__ import annotations

from corpus.snapshot import current, differences, recorded


def test_every_corpus_text_gives_the_recorded_findings():
    changed = differences(recorded(), current())
    assert not changed, "\n".join(changed[:20])
