"""The knowledge site's content: links, anchors, page metadata and key facts from the sources."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICE_PATHS = {"/formular/samrad", "/formular/samtycke", "/formular/samtycke/blankett"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.title = ""
        self.description = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "title":
            self._in_title = True
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _pages(built_site: Path) -> dict[str, _Page]:
    pages = {}
    for path in built_site.rglob("*.html"):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        url = "/" + str(path.relative_to(built_site)).replace("index.html", "")
        pages[url] = page
    return pages


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = _pages(built_site)
    broken = []
    for url, page in pages.items():
        for href in page.links:
            parsed = urlparse(href)
            if parsed.scheme in ("http", "https", "mailto", "tel") or not href:
                continue
            target = urljoin(url, href)
            path, _, fragment = target.partition("#")
            path = unquote(path)
            if path in SERVICE_PATHS:
                continue
            if path not in pages and path + "/" not in pages:
                if not (built_site / path.lstrip("/")).exists():
                    broken.append(f"{url} -> {href}")
                continue
            if fragment and fragment not in pages.get(path, pages.get(path + "/")).ids:
                broken.append(f"{url} -> {href} (anchor)")
    assert broken == []


def test_service_links_point_to_routes_that_exist(app, built_site):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert rules >= SERVICE_PATHS


def test_every_page_has_a_title_description_and_last_updated_date(built_site):
    for url, page in _pages(built_site).items():
        if url in ("/404.html",) or url.startswith("/search"):
            continue
        html = (
            built_site / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))
        ).read_text(encoding="utf-8")
        assert page.title.strip() and "Operation Norrsken" in page.title, url
        assert page.description and len(page.description) > 30, url
        assert page.description != (
            "Kunskapsstöd för yrkesverksamma om samråd för vuxna våldsutsatta i Jämtlands län"
        ), f"{url} uses the site default description"
        assert re.search(r"Senast uppdaterad: .*\d{4}", html), url


@pytest.mark.parametrize(
    ("page", "facts"),
    [
        (
            "om",
            [
                "1 mars",
                "sex månader",
                "Tillsammans mot våld",
                "psykiskt, fysiskt, sexuellt",
                "artikel 3 och 19",
                "2015–2020",
                "2021",
                "2024",
            ],
        ),
        (
            "samradet",
            [
                "varje vecka på fast tid i Östersund",
                "telefon eller video",
                "akut samråd",
                "Planerande",
                "Konsulterande",
                "Uppföljande",
                "hemkommunen",
            ],
        ),
        (
            "parter",
            [
                "20 procent",
                "Team våld i nära relationer",
                "4 gånger per år",
                "brottsoffer- och",
                "Centrum mot våld",
            ],
        ),
        (
            "samtycke",
            ["12 kap. 2 §", "återkallas när som helst", "/formular/samtycke/blankett", "Tolk"],
        ),
        ("avidentifiering", ["ärendets karaktär", "Före", "Efter", "indirekt"]),
        (
            "sekretess",
            [
                "Senast granskad",
                "26 kap. 1 §",
                "25 kap. 1 §",
                "35 kap. 1 §",
                "10 kap. 18 c §",
                "10 kap. 27 §",
                "19 kap. 1 §",
                "kontrollera",
                "polisens kontakt med åklagare",
            ],
        ),
        ("barn", ["artikel 3", "artikel 19", "2020", "19 kap. 1 §"]),
        ("tillganglighet", ["Digg", "WCAG 2.1", "Kända brister"]),
        ("personuppgifter", ["en enda kaka", "90 dagar", "identifierar"]),
    ],
)
def test_pages_state_the_facts_from_the_sources(built_site, page, facts):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    for fact in facts:
        assert fact.casefold() in text.casefold() or fact in html, (page, fact)


def test_faq_has_at_least_twelve_questions(built_site):
    html = (built_site / "fragor" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h3 id=", html)) >= 12


def test_contact_details_come_from_configuration_and_are_marked_as_placeholders(built_site):
    html = (built_site / "kontakt" / "index.html").read_text(encoding="utf-8")
    assert "Samordnaren för Operation Norrsken" in html
    assert "platshållare" in html
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert not re.search(r"\b0\d{1,3}-\d", article), "no invented phone number"


def test_process_diagram_has_a_text_alternative(built_site):
    html = (built_site / "samradet" / "index.html").read_text(encoding="utf-8")
    svg = html.split("<svg", 2)[2] if html.count("<svg") > 1 else html
    assert 'role="img"' in html and '<title id="flode-titel">' in html
    assert '<desc id="flode-beskrivning">' in html
    assert svg


def test_no_page_names_a_person(built_site):
    seeds_people = ["Liselott", "Elin Ring", "Hans Svensson", "Ingela"]
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for name in seeds_people:
            assert name not in html, (path, name)


def test_legal_page_only_cites_paragraphs_from_the_checked_facts(built_site):
    legal = ROOT.parent / "shared" / "LEGAL.md"
    html = (built_site / "sekretess" / "index.html").read_text(encoding="utf-8")
    cited = set(re.findall(r"(\d+ kap\. \d+(?: [a-z])? §)", re.sub(r"<[^>]+>", "", html)))
    assert cited
    if legal.exists():
        source = legal.read_text(encoding="utf-8")
        for citation in cited:
            chapter, paragraph = re.match(r"(\d+) kap\. (\d+(?: [a-z])?) §", citation).groups()
            assert re.search(rf"{chapter} kap\. {paragraph}", source), citation
