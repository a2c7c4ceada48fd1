"""The threat model and the README point at real files and real tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        names |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return names


def test_threat_model_cites_existing_files_and_tests():
    text = (ROOT / "THREAT-MODEL.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:forms_service|tests|bench|deploy)/[\w/.\-]+)`", text):
        assert (ROOT / path).exists(), path
    names = _test_names()
    for cited in re.findall(r"`(?:[\w/.]+::)?(test_\w+\*?)`", text):
        if cited.endswith("*"):
            assert any(n.startswith(cited[:-1]) for n in names), cited
        else:
            assert cited in names, cited


def test_benchmarks_document_the_command():
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "bench/load.py" in text and "bench/deidentify_quality.py" in text
