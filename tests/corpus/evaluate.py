"""Loads the labelled corpus and measures the guard on it (shared by tests and bench/).

A positive sample counts as caught when a finding overlaps the labelled identifier with at least
the severity its kind demands: a block kind must be blocked, a warn kind at least warned about.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from forms_service.deidentify import BLOCK, SEVERITY, scan

HERE = Path(__file__).resolve().parent


def load_positives() -> list[dict]:
    lines = (HERE / "positives.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_clean_texts() -> list[str]:
    raw = (HERE / "clean_texts.txt").read_text(encoding="utf-8")
    texts = []
    for chunk in raw.split("\n---\n"):
        kept = "\n".join(line for line in chunk.splitlines() if not line.startswith("#")).strip()
        if kept and kept != "---":
            texts.append(kept)
    return texts


@dataclass
class KindResult:
    total: int = 0
    caught: int = 0
    exact_kind: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 0.0


@dataclass
class Evaluation:
    kinds: dict[str, KindResult]
    clean_total: int
    clean_with_block: list[str]
    clean_with_warn: int
    warn_kinds_on_clean: dict[str, int]

    @property
    def clean_block_rate(self) -> float:
        return len(self.clean_with_block) / self.clean_total

    @property
    def clean_warn_rate(self) -> float:
        return self.clean_with_warn / self.clean_total


def evaluate() -> Evaluation:
    kinds: dict[str, KindResult] = defaultdict(KindResult)
    for sample in load_positives():
        result = kinds[sample["kind"]]
        result.total += 1
        start, end = sample["start"], sample["end"]
        overlapping = [f for f in scan(sample["text"]) if f.start < end and f.end > start]
        strong_enough = [
            f for f in overlapping if f.severity == BLOCK or SEVERITY[sample["kind"]] != BLOCK
        ]
        if strong_enough:
            result.caught += 1
        else:
            result.misses.append(sample["text"][start:end])
        if any(f.kind == sample["kind"] for f in overlapping):
            result.exact_kind += 1

    clean = load_clean_texts()
    with_block, with_warn, warn_kinds = [], 0, defaultdict(int)
    for text in clean:
        findings = scan(text)
        if any(f.severity == BLOCK for f in findings):
            with_block.append(text)
        warns = [f for f in findings if f.severity != BLOCK]
        if warns:
            with_warn += 1
        for f in warns:
            warn_kinds[f.kind] += 1
    return Evaluation(dict(kinds), len(clean), with_block, with_warn, dict(warn_kinds))
