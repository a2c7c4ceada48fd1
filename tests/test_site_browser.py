"""The knowledge site in a real browser at phone and desktop widths (issue 13 item 11, ux
review §2): no sideways scrolling at 320 CSS px (WCAG 1.4.10), the samråd steps readable on a phone
and fitting their boxes on a desktop, tables in the body text size, the forms in the navigation."""

from __future__ import annotations

import pytest
from sitetext import site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="sv-SE", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_every_site_page_fits_a_320_px_screen_without_sideways_scrolling(phone, live_server):
    too_wide = {}
    for path in [*site_pages(), "/finns-inte/"]:
        phone.goto(live_server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}


_STEPS = """() => [...document.querySelectorAll('ol.norrsken-flode > li')].map(li => {
    const box = li.getBoundingClientRect();
    const inner = [...li.querySelectorAll('*')].map(e => e.getBoundingClientRect());
    return {
        fontSize: parseFloat(getComputedStyle(li.querySelector('a')).fontSize),
        left: box.left, right: box.right, top: box.top,
        overflow: li.scrollWidth > li.clientWidth || li.scrollHeight > li.clientHeight,
        outside: inner.some(r => r.left < box.left - 0.5 || r.right > box.right + 0.5),
        text: li.innerText.trim(),
    };
})"""


def test_samrad_steps_are_readable_and_stacked_on_a_phone(phone, live_server):
    phone.goto(live_server + "/samradet/")
    steps = phone.evaluate(_STEPS)
    assert len(steps) == 6
    assert steps[0]["text"].startswith("Steg 1")
    for step in steps:
        assert step["fontSize"] >= 12, step
        assert not step["overflow"] and not step["outside"], step
        assert step["left"] >= 0 and step["right"] <= PHONE["width"], step
    tops = [step["top"] for step in steps]
    assert tops == sorted(tops) and len(set(tops)) == 6, "one step per row, in order"


def test_samrad_steps_fit_their_boxes_on_a_desktop(desktop, live_server):
    desktop.goto(live_server + "/samradet/")
    steps = desktop.evaluate(_STEPS)
    assert len(steps) == 6
    for step in steps:
        assert step["fontSize"] >= 12, step
        assert not step["overflow"] and not step["outside"], step
    assert len({step["top"] for step in steps}) == 2, "two rows of three on a wide screen"


@pytest.mark.parametrize("path", ["/samradet/", "/parter/", "/avidentifiering/"])
def test_tables_use_the_body_text_size(desktop, live_server, path):
    desktop.goto(live_server + path)
    sizes = desktop.evaluate(
        """() => ({
            cell: parseFloat(getComputedStyle(document.querySelector('article td')).fontSize),
            body: parseFloat(getComputedStyle(document.querySelector('article p')).fontSize),
        })"""
    )
    assert sizes["cell"] >= sizes["body"], sizes


def test_the_navigation_leads_to_the_forms(desktop, live_server):
    desktop.goto(live_server + "/sekretess/")
    desktop.click("nav.md-nav--primary a.md-nav__link[href='/formular/samtycke']")
    assert desktop.locator("h1").first.inner_text().startswith("Registrera")


def test_tags_are_not_shown_above_the_heading(desktop, live_server):
    desktop.goto(live_server + "/samtycke/")
    assert desktop.locator("article nav.md-tags").count() == 1
    assert not desktop.locator("article nav.md-tags").is_visible()
    assert desktop.locator("article h1").inner_text().rstrip("¶") == "Samtycke"
