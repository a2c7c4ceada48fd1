"""axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium: zero violations on every site
page and on every service page in each of its states, on a desktop and at 320 CSS px, where no
service page may scroll sideways either (WCAG 1.4.10 reflow; issue 13 item 7)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserhelpers import (
    create_coordinator,
    enrol_in_browser,
    fill_consent_form,
    fill_request_form,
    login_in_browser,
)
from sitetext import site_pages

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every page in the site navigation (read from mkdocs.yml, so a new page is never forgotten),
# plus the Swedish 404 page.
SITE_PAGES = [*site_pages(), "/finns-inte/"]

_axe = Axe()


WIDTHS = [1280, 320]


def assert_accessible(page, state: str) -> None:
    result = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert result.violations_count == 0, f"{state}:\n{result.generate_report()}"
    if "/formular/" in page.url or "/samordnare/" in page.url:
        assert_no_sideways_scroll(page, state)


def assert_no_sideways_scroll(page, state: str) -> None:
    """The page fits its viewport's width: nothing makes it scroll sideways."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
    )
    assert widths[0] <= widths[1], f"{state}: {widths[0]} px wide in {widths[1]} px: {wide}"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(request, page):
    page.set_viewport_size({"width": request.param, "height": 800})
    return page


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_has_no_violations(page, live_server, path):
    page.goto(live_server + path)
    assert_accessible(page, path)


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_has_no_violations_at_320_px(browser, live_server, path):
    """Issue 13: also at phone width, where wide tables and long words could overflow."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 640})
    phone = context.new_page()
    phone.goto(live_server + path)
    assert_accessible(phone, f"{path} at 320 px")
    context.close()


def test_request_form_in_every_state(sized_page, live_server):
    page = sized_page
    page.goto(live_server + "/formular/samrad")
    assert_accessible(page, "empty request form")
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "request form with required-field errors")
    fill_request_form(page, case_description="Kvinnan 850101-1236 pratar med Tommy.")
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "request form with guard findings")
    page.fill("#case_description", "Kvinnan pratar med Tommy om våldet.")
    page.click("button:has-text('Fortsätt')")
    page.check("input[name=bekrafta]")
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "check answers")
    page.click("button:has-text('Skicka förfrågan')")
    assert_accessible(page, "check answers without declaration")
    page.check("#declaration")
    page.click("button:has-text('Skicka förfrågan')")
    assert_accessible(page, "confirmation")
    page.click("#status-link")
    assert_accessible(page, "status")
    status_url = page.url
    page.click("button:has-text('Återkalla förfrågan')")
    assert_accessible(page, "withdraw confirm step")
    page.goto(status_url)
    page.click("button:has-text('Avsluta länken')")
    assert_accessible(page, "end link confirm step")
    page.click("button:has-text('Ja, avsluta länken')")
    assert_accessible(page, "link ended")
    page.goto(status_url)
    assert_accessible(page, "ended link")


def test_consent_pages_in_every_state(sized_page, live_server):
    page = sized_page
    page.goto(live_server + "/formular/samtycke")
    assert_accessible(page, "empty consent form")
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "consent form with errors")
    fill_consent_form(page)
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "consent check answers")
    page.click("button:has-text('Registrera samtycket')")
    assert_accessible(page, "consent confirmation")
    page.click("#status-link")
    assert_accessible(page, "consent status")
    page.goto(live_server + "/formular/samtycke/blankett")
    assert_accessible(page, "blankett")
    page.goto(live_server + "/formular/status/ogiltig")
    assert_accessible(page, "invalid status link")


def test_coordinator_pages_in_every_state(sized_page, browser, live_app, live_server):
    page = sized_page
    submitter = browser.new_context(locale="sv-SE").new_page()
    submitter.goto(live_server + "/formular/samrad")
    fill_request_form(submitter)
    submitter.click("button:has-text('Fortsätt')")
    submitter.check("#declaration")
    submitter.click("button:has-text('Skicka förfrågan')")
    reference = submitter.locator(".reference").inner_text()
    submitter.context.close()

    page.goto(live_server + "/samordnare/logga-in")
    assert_accessible(page, "login")
    page.click("button:has-text('Fortsätt')")
    assert_accessible(page, "login with error")
    username = f"axe{page.viewport_size['width']}"
    link = create_coordinator(live_app, username)
    page.goto(live_server + link)
    assert_accessible(page, "enrolment")
    secret = enrol_in_browser(page, live_server, link)
    login_in_browser(page, live_server, username, secret)
    assert_accessible(page, "queue")
    page.goto(live_server + "/samordnare/moten")
    page.click("button:has-text('Skapa kommande samråd')")
    assert_accessible(page, "meetings after creating the weekly ones")
    page.goto(live_server + "/samordnare/")
    page.click(f"a:has-text('{reference}')")
    assert_accessible(page, "request")
    page.select_option("#status", "under_bedomning")
    page.click("button:has-text('Spara ändringen')")
    page.select_option("#meeting", index=1)
    page.click("button:has-text('Planera in')")
    page.click("main a[href^='/samordnare/moten/'] >> nth=0")
    assert_accessible(page, "meeting")
    page.click("button:has-text('Dagordning för utskrift')")
    assert_accessible(page, "agenda")
    _komplettering_states(page, browser, live_server)
    for path, state in [
        ("/samordnare/samtycken", "consents"),
        ("/samordnare/moten", "meetings"),
        ("/samordnare/statistik", "statistics"),
        ("/samordnare/statistik/arsrapport", "annual report"),
        ("/samordnare/logg", "audit log"),
        ("/samordnare/konto", "account"),
    ]:
        page.goto(live_server + path)
        assert_accessible(page, state)


def _komplettering_states(page, browser, live_server) -> None:
    """The coordinator asks for more; the submitter's status page with its answer form."""
    submitter = browser.new_context(
        locale="sv-SE", viewport=page.viewport_size, java_script_enabled=True
    ).new_page()
    submitter.goto(live_server + "/formular/samrad")
    fill_request_form(submitter)
    submitter.click("button:has-text('Fortsätt')")
    submitter.check("#declaration")
    submitter.click("button:has-text('Skicka förfrågan')")
    reference = submitter.locator(".reference").inner_text()
    submitter.click("#status-link")
    page.goto(live_server + f"/samordnare/forfragan/{reference}")
    page.select_option("#status", "under_bedomning")
    page.click("button:has-text('Spara ändringen')")
    assert_accessible(page, "request with a success banner")
    page.select_option("#status", "komplettering")
    page.click("button:has-text('Spara ändringen')")
    assert_accessible(page, "request with an error (komplettering without text)")
    page.select_option("#status", "komplettering")
    page.fill("#comment", "Vilken risk ser du?")
    page.click("button:has-text('Spara ändringen')")
    submitter.reload()
    assert_accessible(submitter, "status asking for komplettering")
    submitter.click("button:has-text('Skicka svaret')")
    assert_accessible(submitter, "komplettering answer with an error")
    submitter.context.close()
