"""Where the de-identification guard spends its time: prints the top costs.

Run: `.venv/bin/python bench/profile_guard.py [--chars 1000000] [--top 25]`

On the benchmark's realistic text (bench/deidentify_quality.py `text_of_length`), it prints
the CPU time (`time.process_time`, so that other work on a shared machine counts less) of each
stage of `scan()` — the Unicode folding, the harmless-number mask, the runs of digits and the
case-folded text the detectors share, every detector, resolving overlaps — as the minimum of
five runs, and then the functions with the most time of their own under cProfile. It
measures; the figures to report come from bench/deidentify_quality.py.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from bench.deidentify_quality import text_of_length  # noqa: E402
from forms_service.deidentify import harmless, normalise, scan, scanner, windows  # noqa: E402


def cpu(function: Callable[[], object], runs: int = 5) -> float:
    """The least CPU time of `runs` calls, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def stages(text: str) -> list[tuple[str, float]]:
    """CPU time of each stage of scan() on `text`."""
    folded, _ = normalise.normalise(text)
    out = [("normalise (Unicode folding)", cpu(lambda: normalise.normalise(text)))]
    out.append(("harmless.mask", cpu(lambda: (harmless.mask.cache_clear(), harmless.mask(folded)))))
    masked = harmless.mask(folded)  # the detectors share the cached mask, as in scan()
    for name, shared in [
        ("windows.digit_runs", windows.digit_runs),
        ("windows.folded", windows.folded),
    ]:
        out.append((name, cpu(lambda f=shared: (f.cache_clear(), f(folded), f(masked)))))
    candidates = []
    for detector in scanner.DETECTORS:
        name = f"{detector.__module__.rsplit('.', 1)[-1]}.{detector.__name__}"
        out.append((name, cpu(lambda d=detector: list(d(folded)))))
        candidates += list(detector(folded))
    out.append(("resolve overlaps", cpu(lambda: scanner._resolve_overlaps(candidates))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000, help="length of the text")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    args = parser.parse_args()
    text = text_of_length(args.chars)
    scan(text)  # load the word lists, compile the patterns, fill the caches
    whole = cpu(lambda: scan(text))
    print(f"scan() of {len(text):,} characters: {whole * 1000:.1f} ms CPU (least of 5 runs)\n")
    print(f"{'stage':40} {'CPU ms':>9} {'share':>6}")
    for name, seconds in sorted(stages(text), key=lambda item: -item[1]):
        print(f"{name:40} {seconds * 1000:9.1f} {seconds / whole:6.0%}")
    profile = cProfile.Profile()
    profile.runcall(scan, text)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print("\ncProfile, by own time (regex scans count toward the function that iterates them):")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
