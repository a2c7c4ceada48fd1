"""Real-browser checks of the usability findings (issue 13, ux-review.md): what a person sees on
a screen, a phone, or a scanner pointed at the screen."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from browserhelpers import (
    create_coordinator,
    enrol_in_browser,
    fill_consent_form,
    fill_request_form,
    login_in_browser,
)
from PIL import Image

pytestmark = pytest.mark.browser


def _decode_qr(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("width", [1280, 320])
def test_issue13_1_enrolment_qr_code_scans_to_the_shown_secret(
    browser, live_app, live_server, width
):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server + create_coordinator(live_app, f"qr{width}"))
    shown = page.locator("code.secret").inner_text()
    assert all(len(group) == 4 for group in shown.split()), shown
    decoded = _decode_qr(page.locator(".qr").screenshot())
    context.close()
    assert len(decoded) == 1, "the QR code as shown on screen can be scanned"
    uri = urlparse(decoded[0])
    assert uri.scheme == "otpauth"
    assert parse_qs(uri.query)["secret"] == [shown.replace(" ", "")]
    assert uri.path.endswith(f"qr{width}")


def _fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_issue13_7_confirmation_pages_fit_a_320px_phone(browser, live_server):
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(live_server + "/formular/samrad")
    fill_request_form(page)
    page.click("button:has-text('Fortsätt')")
    page.check("#declaration")
    page.click("button:has-text('Skicka förfrågan')")
    assert page.locator("h1").inner_text() == "Förfrågan är skickad"
    assert _fits(page), "the request confirmation with its long status link"
    page.goto(live_server + "/formular/samtycke")
    fill_consent_form(page)
    page.click("button:has-text('Fortsätt')")
    page.locator("button:has-text('Registrera samtycket')").wait_for()  # the check page loaded
    assert _fits(page), "the consent check page"
    page.click("button:has-text('Registrera samtycket')")
    page.locator(".panel").wait_for()
    assert _fits(page), "the consent confirmation"
    context.close()


def test_issue13_10_consent_dates_do_not_depend_on_the_browser_language(browser, live_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(live_server + "/formular/samtycke")
    assert page.locator("input[type=date]").count() == 0
    assert page.locator("#valid_from").input_value().isdigit(), "today's day is filled in"
    fill_consent_form(page)
    page.click("button:has-text('Fortsätt')")
    assert page.locator("h1").inner_text() == "Kontrollera samtycket innan du registrerar det"
    page.click("button:has-text('Registrera samtycket')")
    assert page.locator("h1").inner_text() == "Samtycket är registrerat"
    context.close()


def test_issue13_6_timeout_warning_before_the_idle_timeout_keeps_the_session(
    page, live_app, live_server
):
    secret = enrol_in_browser(page, live_server, create_coordinator(live_app, "timeout"))
    login_in_browser(page, live_server, "timeout", secret)
    page.clock.install()
    page.goto(live_server + "/samordnare/moten")
    dialog = page.locator("#timeout-dialog")
    assert not dialog.is_visible()
    page.clock.run_for(27 * 60 * 1000)
    assert not dialog.is_visible(), "not before the last two minutes"
    page.clock.run_for(2 * 60 * 1000)
    assert dialog.is_visible()
    assert "Du loggas snart ut" in dialog.inner_text()
    with page.expect_response("**/samordnare/fortsatt") as renewed:
        page.click("button:has-text('Fortsätt vara inloggad')")
    assert renewed.value.status == 204
    page.wait_for_function("() => !document.getElementById('timeout-dialog').open")
    page.goto(live_server + "/samordnare/moten")
    assert page.locator("h1").inner_text() == "Samråd"
    assert page.csp_and_script_errors == []
