"""Prints the de-identification guard's quality and speed figures (issue 11).

Run: `.venv/bin/python bench/deidentify_quality.py [--write] [--show-heldout-misses]`

Quality, for each labelled set separately (tests/corpus/evaluate.py says how a label counts as
caught): recall per kind with its target, the share of clean texts blocked, warned, and warned
about a name. The misses are printed for the development, seen held-out (v1–v10) and regression
sets; the blind held-out set (v11) prints aggregates only, unless `--show-heldout-misses` is
given (once, for the final report: whoever reads its misses can no longer call it held out).

Speed, after `warm()` as each gunicorn worker does before its first request: the median,
minimum and maximum of several runs for a 5 000-character text, for one million characters (MB/s
and characters/s, on the clock and in CPU time), and for 50 000 and 100 000 characters of
hostile input (the ratio shows whether time grows linearly).

`--write` replaces the guard's section of BENCHMARKS.md (between `<!-- guard:begin -->` and
`<!-- guard:end -->`); the rest of that file belongs to bench/load.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from corpus.evaluate import (  # noqa: E402
    HELDOUT_VERSION,
    SEEN_HELDOUT,
    Score,
    heldout_files,
    load_jsonl,
    load_set,
    score,
)

from forms_service.deidentify import BLOCK, SEVERITY, scan, warm  # noqa: E402

BLOCK_TARGET = 0.995
NAME_TARGET = 0.95
CLEAN_BLOCK_TARGET = 0.01
CLEAN_NAME_WARN_TARGET = 0.10
SPEED_MS_TARGET = 10.0
SPEED_MBS_TARGET = 1.0
ALL_SETS = ("dev", "heldout", *SEEN_HELDOUT, "redteam", "regression")
BEGIN, END = "<!-- guard:begin -->", "<!-- guard:end -->"


def _target(kind: str) -> str:
    if SEVERITY.get(kind) == BLOCK:
        return f"≥ {BLOCK_TARGET:.1%}"
    return f"≥ {NAME_TARGET:.0%}" if kind == "name" else "-"


def _meets(kind: str, recall: float) -> str:
    if SEVERITY.get(kind) == BLOCK:
        return "ok" if recall >= BLOCK_TARGET else "BELOW"
    if kind == "name":
        return "ok" if recall >= NAME_TARGET else "BELOW"
    return ""


def quality_table(title: str, result: Score) -> list[str]:
    """The Markdown table and clean-text lines for one set."""
    lines = [
        f"### {title}",
        "",
        "| kind | severity | n | caught | recall | target | |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    order = sorted(result.kinds.items(), key=lambda item: (SEVERITY.get(item[0], ""), item[0]))
    for kind, r in order:
        lines.append(
            f"| {kind} | {SEVERITY.get(kind, '?')} | {r.total} | {r.caught} | {r.recall:.1%} "
            f"| {_target(kind)} | {_meets(kind, r.recall)} |"
        )
    block_kinds = [r for k, r in result.kinds.items() if SEVERITY.get(k) == BLOCK]
    total = sum(r.total for r in block_kinds)
    got = sum(r.caught for r in block_kinds)
    lines += [
        f"| **all block kinds** | block | {total} | {got} | {got / total if total else 1:.1%} "
        "| | |",
        "",
        f"- clean texts: {result.clean_total}; blocked: {len(result.clean_blocked)} "
        f"(**{result.clean_block_rate:.1%}**, target ≤ {CLEAN_BLOCK_TARGET:.0%})",
        f"- clean texts with any warning: {result.clean_warned} ({result.clean_warn_rate:.1%}); "
        f"with a name warning: {len(result.clean_name_warned)} "
        f"(**{result.clean_name_warn_rate:.1%}**, target ≤ {CLEAN_NAME_WARN_TARGET:.0%})",
        f"- warnings on clean texts by kind: {dict(sorted(result.warn_kinds_on_clean.items()))}",
        f"- texts reported as unchecked (a detector crashed): {result.unchecked}",
        "",
    ]
    return lines


def misses(result: Score) -> list[str]:
    lines = []
    for kind, r in sorted(result.kinds.items()):
        for sample_id, missed in r.misses:
            lines.append(f"  missed {kind:20} {sample_id}: {missed!r}")
    for sample_id, shown in result.clean_blocked:
        lines.append(f"  clean text blocked    {sample_id}: {shown}")
    for sample_id, shown in result.clean_name_warned:
        lines.append(f"  clean text name warn  {sample_id}: {shown}")
    return lines


def quality(show_heldout_misses: bool, wanted: set[str]) -> list[str]:
    out: list[str] = []
    sets = [
        ("Development set (`tests/corpus/dev.jsonl`, tuned on)", _load("dev", wanted), True),
        (
            f"Held-out set {HELDOUT_VERSION} (`tests/corpus/heldout/`, never tuned on)",
            _load("heldout", wanted),
            show_heldout_misses,
        ),
        *(
            (
                f"Seen held-out set {name[len('heldout_') :]} (`tests/corpus/{name}/`, its misses "
                "were printed: tuned on)",
                _load(name, wanted),
                True,
            )
            for name in SEEN_HELDOUT
        ),
        (
            "Red-team set (`tests/corpus/redteam/`, deliberate dodges, tuned on, not held to "
            "the targets)",
            _load("redteam", wanted),
            True,
        ),
        (
            "Regression set (the first edition's generated corpus)",
            _load("regression", wanted),
            True,
        ),
    ]
    names = ["dev", "heldout", *SEEN_HELDOUT, "redteam", "regression"]
    for name, (title, samples, show) in zip(names, sets, strict=True):
        if name not in wanted:
            continue
        if not samples:
            print(f"\n{title}: no texts (not on this branch yet)")
            continue
        result = score(samples)
        table = quality_table(title, result)
        print("\n" + "\n".join(table))
        if show:
            print("\n".join(misses(result)) or "  no misses")
        out += table
        if name == "heldout" or name in SEEN_HELDOUT:
            for path in heldout_files(name):
                part = score(load_jsonl(path))
                line = _summary_line(path.name, part)
                print(line)
                out += [line]
            out += [""]
    return out


def _load(name: str, wanted: set[str]) -> list:
    return load_set(name) if name in wanted else []


def _summary_line(name: str, result: Score) -> str:
    block = [r for k, r in result.kinds.items() if SEVERITY.get(k) == BLOCK]
    worst = min(block, key=lambda r: r.recall, default=None)
    worst_kind = next((k for k, r in result.kinds.items() if r is worst), "-")
    names = result.kinds.get("name")
    return (
        f"- `{name}`: lowest block recall {worst.recall if worst else 1:.1%} ({worst_kind}), "
        f"names {names.recall if names else 1:.1%}, clean blocked {result.clean_block_rate:.1%}, "
        f"clean name-warned {result.clean_name_warn_rate:.1%}"
    )


def text_of_length(length: int) -> str:
    """Realistic text: the first development set's and the regression set's texts (clean and
    not), repeated. The same text in every round, so that speed figures compare (dev2, added
    later, is denser in identifiers than case text is)."""
    dev = load_jsonl(ROOT / "tests" / "corpus" / "dev.jsonl")
    parts = [s.text for s in dev] + [s.text for s in load_set("regression")]
    text, index, size = [], 0, 0
    while size < length:
        text.append(parts[index % len(parts)])
        size += len(text[-1]) + 1
        index += 1
    return " ".join(text)[:length]


def timed_both(function: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Clock and CPU seconds of each of `runs` calls."""
    clock, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        clock.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return clock, cpu


def timed(function: Callable[[], object], runs: int) -> list[float]:
    """Clock seconds of each of `runs` calls."""
    return timed_both(function, runs)[0]


def _spread(timings: list[float], scale: float = 1.0, digits: int = 1) -> str:
    values = [t * scale for t in timings]
    return (
        f"median **{statistics.median(values):.{digits}f}** "
        f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}, {len(values)} runs)"
    )


def speed() -> list[str]:
    short = text_of_length(5000)
    warm()  # as each gunicorn worker does before its first request (gunicorn.conf.py)
    short_timings = timed(lambda: scan(short), 50)
    long_text = text_of_length(1_000_000)
    long_timings, long_cpu = timed_both(lambda: scan(long_text), 5)
    megabytes = len(long_text.encode("utf-8")) / 1e6
    mbs = [megabytes / t for t in long_timings]
    cpu_mbs = [megabytes / t for t in long_cpu]
    chars = [len(long_text) / t for t in long_timings]
    lines = [
        "### Speed",
        "",
        f"- 5 000 characters: {_spread(short_timings, 1000)} ms "
        f"(target median ≤ {SPEED_MS_TARGET:.0f} ms)",
        f"- 1 000 000 characters ({megabytes:.2f} MB of UTF-8): "
        f"{_spread(long_timings, 1, 2)} s; throughput median "
        f"**{statistics.median(mbs):.2f} MB/s** (min {min(mbs):.2f}, max {max(mbs):.2f}), "
        f"median **{statistics.median(chars) / 1e6:.2f} M characters/s** "
        f"(target median ≥ {SPEED_MBS_TARGET:.0f} MB/s)",
        f"- the same runs in CPU time (`time.process_time`, which leaves out what the machine "
        f"gave to other work meanwhile; the target is judged on the clock time above): median "
        f"**{statistics.median(cpu_mbs):.2f} MB/s** "
        f"(min {min(cpu_mbs):.2f}, max {max(cpu_mbs):.2f})",
        "",
        "Hostile input (median of 3 runs in ms; time for 100 000 characters over time for "
        "50 000 should stay near 2 for linear growth):",
        "",
        "| input | 50 000 chars | 100 000 chars | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, unit in [
        ("digits", "1"),
        ("spaces", " "),
        ("digits and spaces", "12 "),
        ("punctuation", ".-/@:"),
        ("capitalised words", "Abc "),
        ("capitalised word + number", "Abc 12 "),
        ("letters O and l", "Ol"),
        ("zero-width spaces", "1\u200b"),
        ("combining marks", "a\u0301"),
        ("e-mail shapes", "a.b at c punkt "),
        ("giro numbers after a cue", "Bankgiro: 5577-3019 "),
        ("capitals after a role word", "VITTNE: BÄCK, MAJ, "),
    ]:
        half = statistics.median(timed(lambda u=unit: scan((u * 50_000)[:50_000]), 3))
        full = statistics.median(timed(lambda u=unit: scan((u * 100_000)[:100_000]), 3))
        lines.append(f"| {label} | {half * 1000:.0f} | {full * 1000:.0f} | {full / half:.1f} |")
    lines.append("")
    print("\n" + "\n".join(lines))
    return lines


def write(section: list[str]) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    body = "\n".join(section).rstrip() + "\n"
    path.write_text(f"{before}{BEGIN}\n\n{body}\n{END}{after}", encoding="utf-8")
    print(f"\nWrote the guard section of {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    parser.add_argument(
        "--show-heldout-misses",
        action="store_true",
        help="also print the held-out misses (only for the final report; never tune after it)",
    )
    parser.add_argument("--no-speed", action="store_true", help="quality figures only")
    parser.add_argument(
        "--sets",
        default=",".join(ALL_SETS),
        help="which labelled sets to score, comma-separated (while developing: "
        f"dev,{','.join(SEEN_HELDOUT)},redteam,regression)",
    )
    args = parser.parse_args()
    wanted = set(args.sets.split(","))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = [
        "## The de-identification guard",
        "",
        f"Measured {started} on {_cores()} cores (load average {_load_average()} when it "
        "started: other work on the machine slows the speed figures) with "
        "`.venv/bin/python bench/deidentify_quality.py --write`.",
        "",
    ]
    if args.write and (args.no_speed or wanted != set(ALL_SETS)):
        parser.error("--write needs every set and the speed figures")
    section += quality(args.show_heldout_misses, wanted)
    if not args.no_speed:
        section += speed()
    if args.write:
        write(section)


def _load_average() -> str:
    import os

    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
