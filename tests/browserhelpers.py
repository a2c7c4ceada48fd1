"""Helpers for driving the service in a real browser as its users would."""

from __future__ import annotations

import re
import time

import pyotp

CLEAN_CASE = (
    "Kvinna i 40-årsåldern som under flera år utsatts för psykiskt och fysiskt våld av sin sambo. "
    "Två barn i skolåldern bor i hushållet."
)
QUESTION = "Hur kan vi samordna skydd och stöd när hon planerar att lämna?"
PASSWORD = "Norrsken lyser över Storsjön"


def fill_request_form(page, case_description: str = CLEAN_CASE) -> None:
    page.fill("#submitter_name", "Kim Handläggare")
    page.select_option("#submitter_organisation", "krokom")
    page.fill("#submitter_unit", "Vuxenenheten")
    page.fill("#submitter_phone", "0640-161 00")
    page.fill("#submitter_email", "handlaggare@krokom.example.se")
    for name, value in [
        ("municipality", "krokom"),
        ("basis", "avidentifierat"),
        ("kind", "planerande"),
        ("children", "ja"),
        ("police_report", "nej"),
        ("risk_assessment", "ja"),
        ("participation", "video"),
    ]:
        page.check(f"input[name={name}][value={value}]")
    for name, value in [
        ("purposes", "behov"),
        ("violence_forms", "psykiskt"),
        ("contexts", "mans_vald"),
        ("parties_requested", "polisen"),
    ]:
        page.check(f"input[name={name}][value={value}]")
    page.fill("#case_description", case_description)
    page.fill("#question", QUESTION)


def create_coordinator(live_app, username: str) -> str:
    result = live_app.test_cli_runner().invoke(args=["coordinator", "add", username])
    assert result.exit_code == 0, result.output
    return re.search(r"(/samordnare/aktivera/\S+)", result.output).group(1)


def enrol_in_browser(page, base_url: str, link: str) -> str:
    """Enrol through the real page; returns the TOTP secret read off it."""
    page.goto(base_url + link)
    assert page.locator(".qr svg").count() == 1
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.fill("#new_password", PASSWORD)
    page.fill("#new_password_again", PASSWORD)
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("button:has-text('Aktivera kontot')")
    assert page.locator("h1").inner_text() == "Kontot är aktiverat"
    return secret


def login_in_browser(page, base_url: str, username: str, secret: str) -> None:
    page.goto(base_url + "/samordnare/logga-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Fortsätt')")
    # The enrolment used the current 30-second step; a used step is refused, so the login uses
    # the next step's code (the server accepts one step of clock skew).
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))
    page.click("button:has-text('Logga in')")
    assert page.locator("h1").inner_text() == "Förfrågningar"
