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


def fill_consent_form(page) -> None:
    page.fill("#submitter_name", "Kim Handläggare")
    page.select_option("#submitter_organisation", "krokom")
    page.fill("#submitter_unit", "Vuxenenheten")
    page.fill("#submitter_phone", "0640-161 00")
    page.fill("#submitter_email", "handlaggare@krokom.example.se")
    for value in ("polisen", "region", "krokom"):
        page.check(f"input[name=parties][value={value}]")
    page.check("input[name=information_kinds][value=vald]")
    fill_consent_dates(page)
    page.check("input[name=method][value=skriftligt]")
    page.select_option("#original_kept_by", "krokom")
    page.fill("#original_case_reference", "IFO 2026/123")
    for name in ("told_how_samrad_works", "told_who_takes_part", "told_can_withdraw"):
        page.check(f"#{name}")


def fill_consent_dates(page) -> None:
    """Today, and six months on, in the date fields as they are on the page."""
    from datetime import date, timedelta

    start, end = date.today(), date.today() + timedelta(days=180)
    for name, day in (("valid_from", start), ("valid_until", end)):
        page.fill(f"#{name}", str(day.day))
        page.fill(f"#{name}-manad", str(day.month))
        page.fill(f"#{name}-ar", str(day.year))


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
