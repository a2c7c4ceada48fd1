"""Real-browser journeys (headless Chromium from Debian, driven by Playwright)."""

from __future__ import annotations

import re

import pytest
from browserhelpers import (
    QUESTION,
    create_coordinator,
    enrol_in_browser,
    fill_request_form,
    login_in_browser,
)

pytestmark = pytest.mark.browser

SEARCHES = [
    ("samtycke", "/samtycke/"),
    ("samtycket", "/samtycke/"),
    ("återkalla", "/samtycke/"),
    ("förbehåll", "/samtycke/"),
    ("avidentifiera", "/avidentifiering/"),
    ("avidentifierat", "/avidentifiering/"),
    ("sekretess", "/sekretess/"),
    ("samordnaren", "/parter/"),
    ("hemkommun", "/parter/"),
    ("akut", "/akut/"),
    ("barn", "/barn/"),
    ("orosanmälan", "/barn/"),
    ("skyddat boende", "/skyddat-boende/"),
    ("polisanmälan", "/polisens-sekretess/"),
]


def _search(page, base_url: str, term: str) -> list[str]:
    page.goto(base_url + "/")
    page.click("input[data-md-component='search-query']")
    # Typed key by key: the theme's search listens to keyboard input, not to a set value.
    page.keyboard.type(term, delay=30)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(l => new URL(l.href).pathname)"
    )


@pytest.mark.parametrize(("term", "expected"), SEARCHES)
def test_swedish_search_finds_the_right_page_first(page, live_server, term, expected):
    results = _search(page, live_server, term)
    assert results and results[0] == expected, results[:3]


def test_professional_searches_for_consent_and_reaches_the_request_form(page, live_server):
    _search(page, live_server, "samtycke")
    page.click(".md-search-result__item > a >> nth=0")
    assert page.locator("h1").inner_text().rstrip("¶") == "Samtycke"
    page.goto(live_server + "/")
    page.click("a:has-text('Skicka förfrågan om samråd') >> nth=0")
    assert page.locator("h1").inner_text() == "Förfrågan om samråd"
    assert page.csp_and_script_errors == []


def _submit_journey(page, live_server):
    """A personnummer is refused, removed; a name warning is confirmed; answers are checked;
    the request is sent and its status link opened. Works with and without JavaScript."""
    page.goto(live_server + "/formular/samrad")
    fill_request_form(
        page, case_description="Kvinnan 850101-1236 har berättat för Tommy om våldet."
    )
    page.click("button:has-text('Fortsätt')")

    summary = page.locator(".error-summary")
    assert "Personnummer" in summary.inner_text()
    assert page.locator(".finding mark").first.inner_text() == "850101-1236"
    assert page.input_value("#question") == QUESTION, "everything else is kept"
    assert page.input_value("#submitter_name") == "Kim Handläggare"
    assert page.is_checked("input[name=violence_forms][value=psykiskt]")

    page.fill("#case_description", "Kvinnan har berättat för Tommy om våldet i hemmet.")
    page.click("button:has-text('Fortsätt')")
    assert "Tommy" in page.locator(".error-summary").inner_text()
    page.check("input[name=bekrafta]")
    page.click("button:has-text('Fortsätt')")

    assert page.locator("h1").inner_text() == "Kontrollera dina svar innan du skickar"
    page.check("#declaration")
    page.click("button:has-text('Skicka förfrågan')")
    assert page.locator("h1").inner_text() == "Förfrågan är skickad"
    reference = page.locator(".reference").inner_text()
    page.click("#status-link")
    assert page.locator("h1").inner_text() == f"Förfrågan {reference}"
    assert "Ny" in page.locator(".tag").first.inner_text()
    return reference


def test_social_worker_journey_with_javascript(page, live_server):
    _submit_journey(page, live_server)
    assert page.csp_and_script_errors == []


def test_social_worker_journey_without_javascript(page_without_js, live_server):
    _submit_journey(page_without_js, live_server)


def test_live_hints_show_findings_while_typing(page, live_server):
    page.goto(live_server + "/formular/samrad")
    page.fill("#question", "Ring henne på 070-123 45 67.")
    page.locator("#question").blur()
    hint = page.locator("#question-live .finding")
    hint.wait_for(timeout=10_000)
    assert "070-123 45 67" in hint.inner_text() and "Telefonnummer" in hint.inner_text()
    counter = page.locator("#question-count").inner_text()
    assert re.match(r"Du har \d+ tecken kvar\.", counter)
    assert page.csp_and_script_errors == []


def test_conditional_questions_appear_only_when_they_apply(page, live_server):
    page.goto(live_server + "/formular/samrad")
    assert not page.is_visible("#consent_reference")
    page.check("input[name=basis][value=samtycke]")
    assert page.is_visible("#consent_reference")
    assert not page.is_visible("#acute_reason")
    page.check("input[name=kind][value=akut]")
    assert page.is_visible("#acute_reason")


def test_coordinator_journey_from_enrolment_to_printed_agenda(page, browser, live_app, live_server):
    submitter = browser.new_context(locale="sv-SE").new_page()
    reference = _submit_journey(submitter, live_server)
    status_url = submitter.url

    link = create_coordinator(live_app, "journey")
    secret = enrol_in_browser(page, live_server, link)
    login_in_browser(page, live_server, "journey", secret)

    page.click(".site-header__nav a:has-text('Samråd')")
    page.click("button:has-text('Skapa kommande samråd')")
    assert page.locator("main table tbody tr").count() >= 6
    page.click(".site-header__nav a:has-text('Kö')")
    page.click(f"a:has-text('{reference}')")
    assert page.locator("h1").inner_text() == f"Förfrågan {reference}"
    page.select_option("#status", "under_bedomning")
    page.click("button:has-text('Spara ändringen')")
    assert "Under bedömning" in page.locator(".tag").first.inner_text()

    page.select_option("#meeting", index=1)
    page.click("button:has-text('Planera in')")
    assert "Planerad" in page.locator(".tag").first.inner_text()

    page.click("main a[href^='/samordnare/moten/'] >> nth=0")
    page.click("button:has-text('Dagordning för utskrift')")
    page.emulate_media(media="print")
    assert reference in page.locator("main").inner_text()
    assert page.locator(".site-header__nav").evaluate("n => getComputedStyle(n).display") == "none"
    assert page.locator(".no-print").first.evaluate("n => getComputedStyle(n).display") == "none"
    page.emulate_media(media="screen")

    submitter.goto(status_url)
    assert "Planerad" in submitter.locator(".tag").first.inner_text()
    assert "Östersund" in submitter.locator("main").inner_text()
    submitter.context.close()
    assert page.csp_and_script_errors == []


def _active(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; return {
            tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(), name: e.name || '',
            text: (e.innerText || '').trim(), value: e.value || '', checked: !!e.checked,
            summary: e.hasAttribute('data-error-summary') }; }"""
    )


TEXTS = {
    "submitter_name": "Kim Handläggare",
    "submitter_unit": "Vuxenenheten",
    "submitter_phone": "0640-161 00",
    "submitter_email": "handlaggare@krokom.example.se",
    "case_description": "Kvinna i 40-årsåldern som utsätts för psykiskt våld.",
    "question": "Hur samordnar vi stödet?",
}


RADIO_CHOICES = {"basis": "avidentifierat"}


def _keyboard_walk(page, finish: str, limit: int = 200) -> None:
    """Tab through the page; type, Space or Arrow as each control needs; Enter on `finish`."""
    groups_done: set[str] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = _active(page)
        if element["tag"] == "button" and element["text"] == finish:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        if element["tag"] in ("input", "textarea") and element["type"] in (
            "text",
            "email",
            "tel",
            "textarea",
            "",
        ):
            if element["name"] in TEXTS and not element["value"]:
                page.keyboard.type(TEXTS[element["name"]])
        elif element["tag"] == "select" and not element["value"]:
            page.keyboard.press("ArrowDown")
        elif element["type"] in ("radio", "checkbox") and element["name"] not in groups_done:
            if not element["checked"]:
                page.keyboard.press("Space")
            wanted = RADIO_CHOICES.get(element["name"])
            for _ in range(10):  # arrow keys move the choice within a radio group
                if wanted is None or _active(page)["value"] == wanted:
                    break
                page.keyboard.press("ArrowDown")
            groups_done.add(element["name"])
    raise AssertionError(f"never reached the {finish!r} button")


def test_request_form_can_be_completed_with_the_keyboard_only(page, live_server):
    page.goto(live_server + "/formular/samrad")
    _keyboard_walk(page, "Fortsätt")
    assert page.locator("h1").inner_text() == "Kontrollera dina svar innan du skickar"
    _keyboard_walk(page, "Skicka förfrågan")
    assert page.locator("h1").inner_text() == "Förfrågan är skickad"


def test_focus_moves_to_the_error_summary_and_focus_is_visible(page, live_server):
    page.goto(live_server + "/formular/samrad")
    page.focus("#submitter_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _active(page)["summary"], "focus is on the error summary"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
