"""The knowledge site: strict build, Zensical build, navigation, and no third-party resources."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _mkdocs_config() -> dict:
    # mkdocs.yml may hold !!python tags in future; the safe loader plus a permissive fallback.
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects


def _nav_files(nav) -> list[str]:
    files: list[str] = []
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                files.extend(_nav_files(value) if isinstance(value, list) else [value])
        elif isinstance(item, list):
            files.extend(_nav_files(item))
        else:
            files.append(item)
    return [f for f in files if f.endswith(".md")]


def test_strict_build_prints_no_warning(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_zensical_builds_the_same_configuration(tmp_path):
    """Zensical, Material's successor, must keep building our mkdocs.yml unchanged."""
    for name in ("docs", "overrides", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run(
        [str(zensical), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "Operation Norrsken" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_every_page_in_the_nav_exists_and_is_built(built_site):
    files = _nav_files(_mkdocs_config()["nav"])
    assert "index.md" in files
    for file in files:
        assert (ROOT / "docs" / file).is_file(), file
        stem = file.removesuffix(".md").removesuffix("index")
        built = stem + ("index.html" if not stem or stem.endswith("/") else "/index.html")
        assert (built_site / built).is_file(), built


def test_site_is_swedish_and_has_our_own_404(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in index
    page_404 = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Sidan finns inte" in page_404


def test_footer_links_to_accessibility_and_personal_data(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="tillganglighet/"' in index
    assert 'href="personuppgifter/"' in index


class _ResourceCollector(HTMLParser):
    """Collects every URL a browser would fetch by itself (not links a reader clicks)."""

    FETCHING: ClassVar[dict[str, str]] = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
        "track": "src",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.FETCHING and attributes.get(self.FETCHING[tag]):
            self.urls.append(attributes[self.FETCHING[tag]])
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower()
            if rel != "canonical":
                self.urls.append(attributes["href"])
        for name in ("srcset", "poster", "background"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if attributes.get("style") and "url(" in attributes["style"]:
            self.urls.extend(re.findall(r"url\(([^)]*)\)", attributes["style"]))


def _is_other_host(url: str) -> bool:
    url = url.strip("'\" ")
    if url.startswith("data:"):
        return False
    parsed = urlparse(url)
    return bool(parsed.netloc) or url.startswith("//")


def test_built_html_loads_nothing_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        collector = _ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.name}: {u}" for u in collector.urls if _is_other_host(u)]
    assert offenders == []


def test_built_css_loads_nothing_from_another_host(built_site):
    offenders = []
    for sheet in built_site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*([^)]*?)\s*\)", css):
            if _is_other_host(url):
                offenders.append(f"{sheet.name}: {url}")
        offenders += [
            f"{sheet.name}: @import" for _ in re.findall(r"@import\s+url\(\s*['\"]?https?:", css)
        ]
    assert offenders == []


@pytest.mark.parametrize("template", sorted((ROOT / "forms_service" / "templates").rglob("*.html")))
def test_service_templates_load_nothing_from_another_host(template):
    collector = _ResourceCollector()
    collector.feed(template.read_text(encoding="utf-8"))
    assert [u for u in collector.urls if _is_other_host(u)] == []


def test_configuration_has_no_third_party_features():
    config = _mkdocs_config()
    theme = config["theme"]
    assert theme["language"] == "sv"
    assert theme["font"] == "false"
    assert "repo_url" not in config
    assert "analytics" not in config.get("extra", {})
    plugin_names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "offline" not in plugin_names and "social" not in plugin_names
    search = next(p for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["search"]["lang"] == "sv"
