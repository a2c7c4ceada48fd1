"""The knowledge site's content: links, anchors, page metadata and key facts from the sources."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from sitetext import read_article

from forms_service import deidentify
from forms_service.deidentify.lexicon import is_listed_name

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
                "Enligt planen skulle samråden börja under våren 2021",  # review m1
                "9 oktober 2020",  # review m2
                "2024-08-29",
                "specialiserade stödtjänster till kvinnor",  # review m6
            ],
        ),
        (
            "samradet",
            [
                "varje vecka på fasta tider i Östersund",  # review m21
                "telefon eller video",
                "akut samråd",
                "Planerande",
                "Konsulterande",
                "Uppföljande",
                "människohandel för sexuella ändamål",  # review M6: the whole target group
                "socialtjänst som är ansvarig i ärendet",  # review M1
                "Alla som är med när ärendet tas upp måste omfattas av samtycket",  # review M2
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
            [
                "12 kap. 2 §",
                "återkallas när som helst",
                "/formular/samtycke/blankett",
                "Tolk",
                'inte heller "avidentifierat"',  # review S1
                "till skydd för hen själv",  # review S2
                "vad polisen kan behöva göra",  # review S3
                "12 kap. 2 § andra stycket OSL",  # review M3
                "formulärtjänstens eget val",  # review M8
                "utskriftsversion",  # review M9
            ],
        ),
        ("avidentifiering", ["ärendets karaktär", "Före", "Efter", "indirekt"]),
        (
            "sekretess",
            [
                "Senast juridiskt granskad: 30 november 2026",
                "26 kap. 1 §",
                "25 kap. 1 §",
                "35 kap. 1 §",
                "10 kap. 18 c §",
                "10 kap. 27 §",
                "19 kap. 1 §",
                "kontrollera",
                "polisens kontakt med åklagare",
                "Den gäller inte när personen säger nej",  # review M5
                "lagen (1982:316)",  # review m8
                "SFS 2025:1508",  # review m9
            ],
        ),
        (
            "barn",
            [
                "artikel 3",
                "artikel 19",
                "2020",
                "19 kap. 1 §",
                "bevittnat våld eller andra övergrepp av eller mot en närstående",  # review m10
                "personer som har fyllt 18 år",  # review m11
                "40 kap. 7 g §",
            ],
        ),
        ("tillganglighet", ["Digg", "WCAG 2.1", "Kända brister", "ingen egen myndighet"]),
        (
            "personuppgifter",
            ["en enda kaka", "90 dagar", "pseudonymiserade personuppgifter", "artikel 9"],
        ),
        ("fragor", ["lägst ett års fängelse", "inte heller avidentifierat"]),  # review M4, S1
        ("parter", ["Hemkommun och vistelsekommun", "ideell förening är ingen myndighet"]),
        ("akut", ["112", "10 kap. 18 c §", "socialjour", "akut samråd", "Skydd medan du väntar"]),
        ("polisens-sekretess", ["35 kap. 1 §", "35 kap. 2 §", "10 kap. 27 §", "Polisanmälan"]),
        ("skyddat-boende", ["26 kap. 14 c §", "15 kap. 7 §", "9 kap. 6 §"]),
        ("riskbedomning", ["FREDA", "SARA:SV", "PATRIARK", "12 kap. 2 §", "10 kap. 18 c §"]),
        ("uppfoljning", ["avsnitt 14.2", "30 juni 2023", "delta och bidra i uppföljningen"]),
        ("efter-samradet", ["avsnitt 14.1", "11 kap. OSL", "Uppföljande samråd"]),
        ("forfragan", ["Ärendets karaktär", "Frågeställning", "[personnummer]", "[namn]"]),
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


def test_process_steps_are_text_linking_to_their_sections(built_site):
    """The six steps are a list of links, not a picture of text (issue 13, ux review §2)."""
    html = (built_site / "samradet" / "index.html").read_text(encoding="utf-8")
    steps = html.split('<ol class="norrsken-flode"', 1)[1].split("</ol>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', steps)
    assert len(targets) == 6
    assert "<svg" not in steps
    ids = _pages(built_site)["/samradet/"].ids
    assert all(target in ids for target in targets)


def test_no_page_names_a_person(built_site):
    seeds_people = ["Liselott", "Elin Ring", "Hans Svensson", "Ingela"]
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for name in seeds_people:
            assert name not in html, (path, name)


EXAMPLE_PAGES = ["exempel", "exempel/halsocentral", "exempel/polisen", "exempel/heder"]


@pytest.mark.parametrize("page", [*EXAMPLE_PAGES, "forfragan", "avidentifiering", "akut"])
def test_examples_contain_nothing_that_looks_like_a_real_identifier(built_site, page):
    """Worked and 'bad' examples use placeholders such as [namn], never real-looking data."""
    text = read_article((built_site / page / "index.html").read_text(encoding="utf-8")).text
    findings = deidentify.scan(text)
    found = [(f.severity, text[f.start : f.end]) for f in findings]
    assert [match for severity, match in found if severity == deidentify.BLOCK] == []
    assert [match for _, match in found if is_listed_name(match.casefold())] == []
    assert not re.search(r"\d{6}[-+]?\d{4}|\b07\d[- ]?\d", text), "no personnummer or mobile number"


def test_target_group_page_lists_each_page_once(built_site):
    """Issue 13 item 11: "Sidor per målgrupp" sorts the pages; it does not repeat every page."""
    html = (built_site / "malgrupper" / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    listing = article.split("</h1>", 1)[1]
    links = re.findall(r'<a href="([^"#]+)"', listing.split("Varje sida står bara", 1)[1])
    pages = [link for link in links if not link.startswith(("http", "/formular"))]
    assert len(pages) == len(set(pages)), "a page is listed under more than one group"
    groups = re.findall(r'<h2 id="[^"]*">\s*<span class="md-tag">([^<]+)', listing)
    assert [g.strip() for g in groups] == [
        "alla verksamheter",
        "hälso- och sjukvård",
        "polis",
        "socialtjänst",
    ]
    sections = dict(zip(groups, re.split(r"<h2 id=", listing)[1:], strict=True))
    assert "exempel/halsocentral/" in sections["hälso- och sjukvård"]
    assert "polisens-sekretess/" in sections["polis"] and "exempel/polisen/" in sections["polis"]
    assert "exempel/heder/" in sections["socialtjänst"]
    assert "samtycke/" in sections["alla verksamheter"]


def test_tags_are_not_shown_above_the_heading(built_site):
    """The target-group tags sort the pages; they are not chips read out before every H1."""
    tagged = 0
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for nav in re.findall(r'<nav class="md-tags"[^>]*>', html):
            tagged += 1
            assert "hidden" in nav, path
    assert tagged >= 20


def test_every_page_links_to_the_forms_in_the_navigation(built_site):
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for form in ("/formular/samrad", "/formular/samtycke", "/formular/samtycke/blankett"):
            assert f'href="{form}" class="md-nav__link"' in html, (path, form)


def test_contact_page_does_not_contradict_the_service_schedule(built_site):
    """The service schedules the weekly samråd (MEETING_WEEKDAY/MEETING_TIME); the site names no
    weekday or time of its own and says where the time for a case is shown."""
    html = (built_site / "kontakt" / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", article)
    weekdays = r"måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
    assert not re.search(rf"\b({weekdays})\b|\b\d{{1,2}}[:.]\d{{2}}\b", text, re.IGNORECASE)
    assert "fasta tider" in text and "statussidan" in text
    assert "styrgrupp" not in text, (
        "review m14: the agreement gives the steering group no such task"
    )
    assert text.index("Kontaktuppgifter") < text.index("Senast uppdaterad")
