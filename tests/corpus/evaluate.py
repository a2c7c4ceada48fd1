"""Scores the guard on labelled case text (shared by the tests and bench/deidentify_quality.py).

Six sets, always scored separately:

* **dev** — `tests/corpus/dev.jsonl` and `tests/corpus/dev2/` … `dev27/*.jsonl`, written
  independently of the guard (dev2: hard identifiers and hard clean texts; dev3: realistic mixed
  texts and a red-teamer's writings; dev4 and dev5: attacks on the kinds with the fewest
  examples; dev6: economic violence, and rural homes and names; dev7: health care, and the
  samråd's own long notes; dev8: police and court documents, and chat messages; dev9: clean texts
  that follow the rules, and forms, tables and Unicode; dev10: names of many origins, and the
  most ordinary texts; dev11: identity numbers, and the north and west of the county; dev12: the
  other parties of the samråd; dev13: money and accounts, and where people live and where
  professionals meet; dev14: clean texts dense with numbers, and pasted text; dev15: identity
  numbers in hurried text, notes on economic control, and texts that follow the rules; dev16:
  honour-related violence, young adults and social media, older adults in the north and west;
  dev17: accounts and identity numbers in economic assistance, debt counselling and health care,
  in tables and forms; dev18: identity numbers of newly arrived women, economic abuse, and
  the samråd's parties writing to the coordinator; dev19: where people live, digital violence,
  and judgements and restraining orders; dev20: the north and Sámi families, hurried
  submitters who break the rules, and the samråd's own routines; dev21: LSS and elder care,
  the night shift, and work across languages; dev22: young adults at school, economic violence
  from debt counselling, digital violence and forensic notes; dev23: honour-related violence and
  LGBTQ+ people, phone messages and annual-report figures, homes and numbers across the
  Norwegian border; dev24: money and giros in income support, young adults' accounts online,
  psychiatric and addiction care; dev25: e-mail threads, protected housing and charge sheets,
  hurried and dictated texts and forms pasted field by field; dev26: addresses and identity
  numbers pasted from registers and letters, home visits in the villages; dev27: the night
  shift writing fast, court and enforcement papers, young adults' lives online);
  the guard may be tuned on it.
* **heldout** — `tests/corpus/heldout/*.jsonl`, written the same way and never looked at while
  developing: the honest figure. Its misses are printed only on explicit request.
* **heldout_v1** … **heldout_v10** — `tests/corpus/heldout_v1/` … `heldout_v10/`: earlier
  held-out sets whose misses were printed, so they are seen sets now, scored like the development
  set.
* **redteam** — `tests/corpus/redteam/*.jsonl`, deliberate dodges by a red-teamer (numbers in
  words, letters for digits, spaces inside words, commas for dots): scored and printed like the
  development set, but not held to the 99.5 % per kind that the tests ask of it; a floor for
  later rounds.
* **regression** — the first edition's generated corpus (`positives.jsonl`, `clean_texts.txt`):
  written in the detectors' own shapes, so it only guards against regressions.

The labelled format (JSON Lines: text, identifiers with kind, value, optional occurrence and
"also" parts) is described in `tests/corpus/heldout/SPEC.md`. A labelled identifier counts as
caught when a finding of the required severity (block for block kinds, at least a warning for
names, dates, ages and workplaces) overlaps its `value`, or one of its `also` parts, at its
occurrence in the text. A clean text is one with no labelled identifier.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from forms_service.deidentify import BLOCK, SEVERITY, scan

HERE = Path(__file__).resolve().parent
SEEN_HELDOUT = (
    "heldout_v1",
    "heldout_v2",
    "heldout_v3",
    "heldout_v4",
    "heldout_v5",
    "heldout_v6",
    "heldout_v7",
    "heldout_v8",
    "heldout_v9",
    "heldout_v10",
)
# Which blind set tests/corpus/heldout/ holds now (the benchmark names it so).
HELDOUT_VERSION = "v11"
SETS = ("dev", "regression", "heldout", *SEEN_HELDOUT, "redteam")


@dataclass(frozen=True)
class Label:
    kind: str
    spans: tuple[tuple[int, int], ...]  # the value first, then its `also` parts

    def shown(self, text: str) -> str:
        return " … ".join(text[start:end] for start, end in self.spans)


@dataclass(frozen=True)
class Sample:
    id: str
    text: str
    labels: tuple[Label, ...]


def _occurrence(text: str, value: str, n: int) -> tuple[int, int]:
    start = -1
    for _ in range(n):
        start = text.find(value, start + 1)
        if start < 0:
            raise ValueError(f"{value!r} does not occur {n} times")
    return start, start + len(value)


def _sample_from_row(row: dict) -> Sample:
    text = row["text"]
    labels = []
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for item in row["identifiers"]:
        # Without "occurrence", repeated labels of the same value are its 1st, 2nd … occurrence.
        seen[(item["kind"], item["value"])] += 1
        n = item.get("occurrence", seen[(item["kind"], item["value"])])
        spans = [_occurrence(text, item["value"], n)]
        spans += [_occurrence(text, part, 1) for part in item.get("also", [])]
        labels.append(Label(item["kind"], tuple(spans)))
    return Sample(row.get("id", ""), text, tuple(labels))


def load_jsonl(path: Path) -> list[Sample]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [_sample_from_row(row) for row in rows]


def load_regression() -> list[Sample]:
    """The first edition's generated positives (one label each) and clean texts."""
    samples = []
    lines = (HERE / "positives.jsonl").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(filter(str.strip, lines)):
        row = json.loads(line)
        label = Label(row["kind"], ((row["start"], row["end"]),))
        samples.append(Sample(f"R{index:04}", row["text"], (label,)))
    for index, text in enumerate(load_clean_texts()):
        samples.append(Sample(f"C{index:04}", text, ()))
    return samples


def load_clean_texts() -> list[str]:
    raw = (HERE / "clean_texts.txt").read_text(encoding="utf-8")
    texts = []
    for chunk in raw.split("\n---\n"):
        kept = "\n".join(line for line in chunk.splitlines() if not line.startswith("#")).strip()
        if kept and kept != "---":
            texts.append(kept)
    return texts


def heldout_files(name: str = "heldout") -> list[Path]:
    """The files of the blind held-out set, or of a seen one ("heldout_v1", "heldout_v2")."""
    return sorted((HERE / name).glob("*.jsonl"))


def load_set(name: str) -> list[Sample]:
    if name == "dev":
        files = [HERE / "dev.jsonl", *sorted(HERE.glob("dev[0-9]*/*.jsonl"))]
        return [sample for path in files for sample in load_jsonl(path)]
    if name == "regression":
        return load_regression()
    if name == "heldout" or name in SEEN_HELDOUT or name == "redteam":
        return [sample for path in heldout_files(name) for sample in load_jsonl(path)]
    raise ValueError(name)


@dataclass
class KindScore:
    total: int = 0
    caught: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (sample id, what was missed)

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 1.0


@dataclass
class Score:
    kinds: dict[str, KindScore]
    clean_total: int
    clean_blocked: list[tuple[str, str]]  # (sample id, what was blocked)
    clean_warned: int
    clean_name_warned: list[tuple[str, str]]  # (sample id, the words warned about)
    warn_kinds_on_clean: dict[str, int]
    unchecked: int  # texts where a detector crashed (must be 0)

    @property
    def clean_block_rate(self) -> float:
        return len(self.clean_blocked) / self.clean_total if self.clean_total else 0.0

    @property
    def clean_warn_rate(self) -> float:
        return self.clean_warned / self.clean_total if self.clean_total else 0.0

    @property
    def clean_name_warn_rate(self) -> float:
        return len(self.clean_name_warned) / self.clean_total if self.clean_total else 0.0


def caught(label: Label, findings: Iterable) -> bool:
    need_block = SEVERITY.get(label.kind) == BLOCK
    for finding in findings:
        if need_block and finding.severity != BLOCK:
            continue
        if any(finding.start < end and finding.end > start for start, end in label.spans):
            return True
    return False


def score(samples: list[Sample]) -> Score:
    kinds: dict[str, KindScore] = defaultdict(KindScore)
    clean_total, clean_warned, unchecked = 0, 0, 0
    clean_blocked: list[tuple[str, str]] = []
    clean_name_warned: list[tuple[str, str]] = []
    warn_kinds: dict[str, int] = defaultdict(int)
    for sample in samples:
        findings = scan(sample.text)
        unchecked += any(f.kind == "unchecked" for f in findings)
        for label in sample.labels:
            result = kinds[label.kind]
            result.total += 1
            if caught(label, findings):
                result.caught += 1
            else:
                result.misses.append((sample.id, label.shown(sample.text)))
        if sample.labels:
            continue
        clean_total += 1
        blocks = [f for f in findings if f.severity == BLOCK]
        if blocks:
            shown = ", ".join(f"{f.kind}: {sample.text[f.start : f.end]!r}" for f in blocks)
            clean_blocked.append((sample.id, shown))
        warns = [f for f in findings if f.severity != BLOCK]
        clean_warned += bool(warns)
        for f in warns:
            warn_kinds[f.kind] += 1
        names = [sample.text[f.start : f.end] for f in warns if f.kind == "name"]
        if names:
            clean_name_warned.append((sample.id, ", ".join(names)))
    return Score(
        dict(kinds),
        clean_total,
        clean_blocked,
        clean_warned,
        clean_name_warned,
        dict(warn_kinds),
        unchecked,
    )
