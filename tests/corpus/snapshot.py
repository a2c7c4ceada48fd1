"""A record of exactly what the guard finds on every development and regression text, so that a
change meant only to make the guard faster can be shown to change nothing it finds.

Each text is scanned as written and in three variants that take other paths through the guard:
in capitals, in lower case, and with Unicode spacing (every space a narrow no-break space, a
zero-width space after every hyphen), which exercises the folding and the offsets mapped back.

    .venv/bin/python tests/corpus/snapshot.py           # compare with the recorded findings
    .venv/bin/python tests/corpus/snapshot.py --write   # record them (after a deliberate change)

`tests/test_guard_snapshot.py` runs the comparison in the test suite. A change that is meant to
alter what the guard finds rewrites the record in the same commit, and its diff shows what moved.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from corpus.evaluate import load_set  # noqa: E402
from forms_service.deidentify import scan  # noqa: E402

RECORD = HERE / "findings_snapshot.jsonl"
SETS = ("dev", "regression")


def variants(text: str) -> dict[str, str]:
    return {
        "as-written": text,
        "upper": text.upper(),
        "lower": text.lower(),
        "unicode": text.replace(" ", "\u202f").replace("-", "-\u200b"),
    }


def current() -> dict[str, list[list]]:
    """ "set/id/variant" → [[kind, start, end], …] for every text and variant."""
    record = {}
    for name in SETS:
        for sample in load_set(name):
            for variant, text in variants(sample.text).items():
                found = [[f.kind, f.start, f.end] for f in scan(text)]
                record[f"{name}/{sample.id}/{variant}"] = found
    return record


def recorded() -> dict[str, list[list]]:
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return dict(json.loads(line) for line in lines if line.strip())


def differences(old: dict[str, list[list]], new: dict[str, list[list]]) -> list[str]:
    out = []
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            out.append(f"{key}: recorded {old.get(key)}, now {new.get(key)}")
    return out


def write(record: dict[str, list[list]]) -> None:
    lines = [json.dumps([key, value], ensure_ascii=False) for key, value in record.items()]
    RECORD.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the current findings")
    args = parser.parse_args()
    now = current()
    if args.write:
        write(now)
        print(f"recorded {len(now)} scans in {RECORD}")
        return
    changed = differences(recorded(), now)
    print("\n".join(changed) or f"all {len(now)} scans as recorded")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
