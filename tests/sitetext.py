"""Reading the built knowledge site as text: pages, blocks, the "Kontrollera" markers, citations.

Shared by the content and legal-anchor tests. A *block* is a paragraph, list item, table cell,
heading or definition; its text is split into what is inside a `<span class="kontrollera">` marker
and what is outside it, so a test can tell a checked statement from one shown as unverified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LEGAL = ROOT / "legal" / "LEGAL.md"

BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}
SKIPPED_TAGS = {"script", "style", "svg", "template"}


@dataclass
class Block:
    outside: str = ""  # text outside any kontrollera marker (marker text replaced by " … ")
    inside: list[str] = field(default_factory=list)  # the text of each kontrollera marker


@dataclass
class Article:
    blocks: list[Block]
    text: str  # every visible word of the article, for counting
    links: list[str]


class _ArticleParser(HTMLParser):
    """Collects the blocks of Material's `<article>`, leaving out hidden tags, the "Senast
    uppdaterad" aside and the ¶ permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.marker_depth = 0
        self.span_stack: list[bool] = []
        self.block_stack: list[Block] = []
        self.blocks: list[Block] = []
        self.words: list[str] = []
        self.links: list[str] = []
        self.marker_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "article":
            self.in_article += 1
            return
        if not self.in_article:
            return
        if self.skip or tag in SKIPPED_TAGS or "hidden" in attributes:
            self.skip += 1
            return
        if "md-source-file" in classes or "headerlink" in classes:
            self.skip += 1
            return
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "span":
            is_marker = "kontrollera" in classes
            self.span_stack.append(is_marker)
            if is_marker:
                self.marker_depth += 1
                self.marker_text = ""
        if tag in BLOCK_TAGS:
            self.block_stack.append(Block())

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self.in_article -= 1
            return
        if not self.in_article:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag == "span" and self.span_stack and self.span_stack.pop():
            self.marker_depth -= 1
            if self.block_stack:
                self.block_stack[-1].inside.append(self.marker_text)
                self.block_stack[-1].outside += " … "
        if tag in BLOCK_TAGS and self.block_stack:
            block = self.block_stack.pop()
            block.outside = re.sub(r"\s+", " ", block.outside).strip()
            self.blocks.append(block)

    def handle_data(self, data):
        if not self.in_article or self.skip:
            return
        self.words.append(data)
        if self.marker_depth:
            self.marker_text += data
        elif self.block_stack:
            self.block_stack[-1].outside += data


def read_article(html: str) -> Article:
    parser = _ArticleParser()
    parser.feed(html)
    return Article(parser.blocks, " ".join(parser.words), parser.links)


def count_words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-:]\w+)*", text))


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


def site_pages() -> list[str]:
    """Every page in the site navigation as a URL path ("/", "/samtycke/", "/exempel/")."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=yaml.BaseLoader)  # noqa: S506 - builds no objects
    urls = []
    for file in _nav_files(config["nav"]):
        path = file.removesuffix(".md").removesuffix("index")
        urls.append("/" + (path + "/" if path and not path.endswith("/") else path))
    return urls


def built_page(built_site: Path, url: str) -> str:
    return (built_site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


# --- Citations -------------------------------------------------------------------------------

_PARAGRAPH = r"\d+(?: [a-z](?![\wåäö]))?"
CITATION = re.compile(
    rf"(?:\b(?P<pre>OSL|SoL)\s+)?(?P<chapter>\d+) kap\. "
    rf"(?P<paragraphs>{_PARAGRAPH}(?:(?:, | och | eller ){_PARAGRAPH}|–(?:{_PARAGRAPH}|[a-z]\b))*)"
    r" §§?"
)
LAW_NAMES = {
    "OSL": "OSL",
    "offentlighets- och sekretesslagen": "OSL",
    "SoL": "SoL",
    "socialtjänstlagen": "SoL",
    "brottsbalken": "BrB",
    "BrB": "BrB",
    "rättegångsbalken": "RB",
    "förvaltningslagen": "FL",
    "dataskyddslagen": "DSL",
}
_LAW = re.compile(r"\b(" + "|".join(re.escape(name) for name in LAW_NAMES) + r")\b")


def _expand(paragraphs: str) -> list[str]:
    """ "18 c, 21 eller 23" -> ["18 c", "21", "23"]; "1–8" -> 1..8; "14 b–c" -> 14 b, 14 c."""
    result: list[str] = []
    for part in re.split(r", | och | eller ", paragraphs):
        if "–" not in part:
            result.append(part)
            continue
        first, last = part.split("–")
        if re.fullmatch(r"\d+", first) and re.fullmatch(r"\d+", last):
            result += [str(n) for n in range(int(first), int(last) + 1)]
        elif re.fullmatch(r"[a-z]", last) or re.fullmatch(r"\d+ [a-z]", last):
            number, letter = first.split(" ") if " " in first else (first, "a")
            end = last[-1]
            result += [f"{number} {chr(c)}" for c in range(ord(letter), ord(end) + 1)]
        else:
            result += [first, last]
    return result


def citations(text: str, default_law: str | None = None) -> list[tuple[str | None, str, str]]:
    """(law, chapter, paragraph) for every "N kap. M §" in one block of text.

    The law is the one named right before ("OSL 10 kap."), or right after the citation before the
    next one ("10 kap. 18 c § OSL"), else the last law named earlier in the block, else the default.
    """
    found = []
    for match in CITATION.finditer(text):
        law = LAW_NAMES.get(match.group("pre") or "")
        if not law:
            after = re.split(r"\d+ kap\.", text[match.end() : match.end() + 40])[0]
            named = _LAW.search(after)
            law = LAW_NAMES[named.group(1)] if named else None
        if not law:
            earlier = _LAW.findall(text[: match.start()])
            law = LAW_NAMES[earlier[-1]] if earlier else default_law
        for paragraph in _expand(match.group("paragraphs")):
            found.append((law, match.group("chapter"), paragraph))
    return found


_SECTION_LAW = {"1": "OSL", "2": "SoL", "3": "SoL"}


def checked_citations() -> set[tuple[str | None, str, str]]:
    """Every paragraph LEGAL.md cites as checked: lines marked UNVERIFIED do not count."""
    known: set[tuple[str | None, str, str]] = set()
    section_law = None
    for line in LEGAL.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\d+)\.", line)
        if heading:
            section_law = _SECTION_LAW.get(heading.group(1))
        if line.startswith("|"):
            # A table row: only the cells that are not marked UNVERIFIED count.
            line = "|".join(cell for cell in line.split("|") if "UNVERIFIED" not in cell)
        elif "UNVERIFIED" in line:
            continue
        known.update(citations(line, section_law))
    return known
