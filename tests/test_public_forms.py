"""The public side: requests for samråd and consent records, as a professional would use them."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

import pytest
from formhelpers import (
    continue_request,
    count,
    csrf_token,
    only,
    reference_in,
    send_request,
    status_link,
    submit_consent,
    valid_consent,
    valid_request,
)

from forms_service.db import get_session
from forms_service.models import ConsentRecord, RequestEvent, SamradRequest, utcnow
from forms_service.services import submissions

# --- A complete, valid request -----------------------------------------------------------------


def test_valid_request_reaches_check_page_then_is_stored_with_a_working_status_link(app, client):
    check = continue_request(client, valid_request())
    assert check.status_code == 200
    page = check.get_data(as_text=True)
    assert "Kontrollera dina svar" in page
    assert "Kvinna i 40-årsåldern" in page
    assert count(app, SamradRequest) == 0, "nothing is stored before the final send"

    done = send_request(client, valid_request())
    assert done.status_code == 200
    page = done.get_data(as_text=True)
    assert "Förfrågan är skickad" in page
    reference = reference_in(page)
    assert re.fullmatch(r"F-[A-HJ-NP-Y]{2}[2-9]{2}-[A-HJ-NP-Y]{2}[2-9]{2}", reference)

    stored = only(app, SamradRequest)
    assert stored.reference == reference
    assert stored.status == "ny"
    assert stored.municipality == "krokom" and stored.parties_requested == ["polisen", "region"]
    assert stored.declaration_version
    assert stored.created_at.tzinfo is not None

    status = client.get(status_link(page))
    assert status.status_code == 200
    assert reference in status.get_data(as_text=True)
    assert "Ny" in status.get_data(as_text=True)


def test_references_are_random_not_sequential(app):
    with app.app_context():
        references = {submissions.new_reference("F") for _ in range(200)}
    assert len(references) == 200
    for reference in references:
        assert not set(reference) & set("IOQZ01")


def test_a_consent_reference_is_accepted_in_any_writing():
    assert submissions.normalise_reference("s km47 tr92", "S") == "S-KM47-TR92"
    assert submissions.normalise_reference("KM47TR92", "S") == "S-KM47-TR92"
    assert submissions.normalise_reference("S-KM47-TR9", "S") is None
    assert submissions.normalise_reference("'; DROP TABLE x", "S") is None


def test_change_button_on_check_page_returns_to_the_form_with_everything_kept(client):
    data = valid_request()
    response = client.post(
        "/formular/samrad", data={**data, "andra": "question", "csrf_token": csrf_token(client)}
    )
    page = response.get_data(as_text=True)
    assert "Förfrågan om samråd" in page
    assert "Hur kan vi samordna skydd" in page
    assert re.search(r'<textarea id="question"[^>]*autofocus', page)


def test_double_submission_creates_one_request(app, client):
    page = client.get("/formular/samrad").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([0-9a-f]{32})"', page).group(1)
    first = send_request(client, valid_request(submission_key=key))
    second = send_request(client, valid_request(submission_key=key))
    assert count(app, SamradRequest) == 1
    assert reference_in(first.get_data(as_text=True)) == reference_in(second.get_data(as_text=True))


def test_send_without_declaration_shows_check_page_with_error_and_stores_nothing(app, client):
    response = send_request(client, valid_request(), declaration=False)
    page = response.get_data(as_text=True)
    assert "Bekräfta att du har tagit bort allt som kan identifiera personen" in page
    assert "Kvinna i 40-årsåldern" in page
    assert count(app, SamradRequest) == 0


# --- Required fields ---------------------------------------------------------------------------

REQUIRED = [
    ("submitter_name", "Skriv ditt namn."),
    ("submitter_organisation", "Välj din organisation."),
    ("submitter_unit", "Skriv din enhet eller funktion."),
    ("submitter_phone", "Skriv ditt telefonnummer i tjänsten."),
    ("submitter_email", "Skriv din e-postadress i tjänsten."),
    ("municipality", "Välj personens hemkommun."),
    ("basis", "Välj om ärendet dras med samtycke eller avidentifierat."),
    ("kind", "Välj vilken sorts samråd som behövs."),
    ("purposes", "Välj minst ett syfte."),
    ("violence_forms", "Välj minst en form av våld."),
    ("contexts", "Välj minst ett sammanhang."),
    ("children", "Välj om det finns barn i hushållet."),
    ("police_report", "Välj om en polisanmälan är gjord."),
    ("risk_assessment", "Välj om en riskbedömning är gjord."),
    ("case_description", "Beskriv ärendets karaktär."),
    ("question", "Skriv frågeställningen till samrådet."),
    ("parties_requested", "Välj minst en part."),
    ("participation", "Välj hur du deltar."),
]


@pytest.mark.parametrize(("field", "message"), REQUIRED)
def test_each_missing_required_field_is_reported_at_the_field_and_input_is_kept(
    app, client, field, message
):
    for step in (continue_request, send_request):
        response = step(client, valid_request(**{field: None}))
        page = response.get_data(as_text=True)
        assert f'<a href="#{field}">{message}</a>' in page, "listed in the error summary"
        assert f'id="{field}-error"' in page, "shown at the field"
        assert page.count(message) == 2
        assert "<title>Fel: " in page
        assert "Kvinna i 40-årsåldern som under flera år" in page or field == "case_description"
        assert "Kim Handläggare" in page or field == "submitter_name"
    assert count(app, SamradRequest) == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"submitter_organisation": "annan"},
            "submitter_organisation_other",
            "Skriv namnet på din organisation.",
        ),
        ({"kind": "akut"}, "acute_reason", "Beskriv varför ärendet inte kan vänta."),
        (
            {"basis": "samtycke"},
            "consent_reference",
            "Skriv referensen till det registrerade samtycket.",
        ),
        (
            {"submitter_email": "inte-en-adress"},
            "submitter_email",
            "Skriv en e-postadress i formatet namn@organisation.se.",
        ),
        (
            {"submitter_phone": "12"},
            "submitter_phone",
            "Ange ditt telefonnummer i tjänsten med riktnummer, till exempel 063-14 30 00.",
        ),
        ({"municipality": "stockholm"}, "municipality", None),
    ],
)
def test_conditional_and_format_errors(app, client, changes, field, message):
    page = continue_request(client, valid_request(**changes)).get_data(as_text=True)
    assert f'id="{field}-error"' in page
    if message:
        assert message in page
    assert count(app, SamradRequest) == 0


# --- The de-identification guard in every free-text field --------------------------------------

BLOCKED = {
    "personnummer": "850101-1236",
    "samordningsnummer": "850161-1233",
    "phone": "070-123 45 67",
    "email": "anna.svensson@example.se",
    "address": "Storgatan 12 B",
    "postcode": "831 30 Östersund",
    "registration_number": "ABC 123",
    "url": "www.facebook.com/anna.s",
    "ip_address": "192.168.10.20",
    "account_number": "8327-9, 123 456 789-0",
}
FREE_TEXT = {
    "case_description": {},
    "question": {},
    "acute_reason": {"kind": "akut"},
    "other_actors": {},
}


@pytest.mark.parametrize("kind", sorted(BLOCKED))
@pytest.mark.parametrize("field", sorted(FREE_TEXT))
def test_identifier_in_any_free_text_field_is_refused_and_nothing_is_stored(
    app, client, kind, field
):
    identifier = BLOCKED[kind]
    text = f"Kvinnan i ärendet, se {identifier} i journalen, behöver stöd."
    data = valid_request(**FREE_TEXT[field], **{field: text})
    if field == "acute_reason":
        data.setdefault("acute_reason", text)
    for step in (continue_request, send_request):
        page = step(client, data).get_data(as_text=True)
        assert "Det finns problem som du behöver rätta" in page
        assert f"<mark>{identifier}</mark>" in page, "the finding is quoted in context"
        assert f'href="#{field}"' in page
        assert "Kontrollera dina svar" not in page
    assert count(app, SamradRequest) == 0


def test_name_warning_must_be_confirmed_before_the_request_is_accepted(app, client):
    text = "Kvinnan har berättat för Tommy på boendet att hon är rädd."
    data = valid_request(case_description=text)
    page = continue_request(client, data).get_data(as_text=True)
    assert "<mark>Tommy</mark>" in page
    assert "Kontrollera dina svar" not in page
    key = re.search(r'name="bekrafta" value="([^"]+)"', page).group(1)
    assert key.startswith("case_description:name:")

    page = continue_request(client, {**data, "bekrafta": key}).get_data(as_text=True)
    assert "Kontrollera dina svar" in page
    assert f'name="bekrafta" value="{key}"' in page, "the confirmation travels to the send step"

    page = send_request(client, {**data, "bekrafta": key}).get_data(as_text=True)
    assert "Förfrågan är skickad" in page
    assert only(app, SamradRequest).warnings_confirmed == 1


def test_a_confirmation_does_not_carry_over_to_a_different_word(app, client):
    first = continue_request(client, valid_request(case_description="Hon pratar med Tommy."))
    key = re.search(r'name="bekrafta" value="([^"]+)"', first.get_data(as_text=True)).group(1)
    changed = valid_request(case_description="Hon pratar med Rickard.", bekrafta=key)
    page = send_request(client, changed).get_data(as_text=True)
    assert "<mark>Rickard</mark>" in page
    assert count(app, SamradRequest) == 0


def test_dates_and_ages_need_one_confirmation_per_kind_and_field(app, client):
    text = (
        "Våldet började 3 mars 2025 och upprepades 12 april 2025. Hon är 45 år, sambon 52 år. "
        "Hon nämner Tommy och Rickard."
    )
    data = valid_request(case_description=text)
    page = continue_request(client, data).get_data(as_text=True)
    for quoted in ("3 mars 2025", "12 april 2025", "45 år", "52 år", "Tommy", "Rickard"):
        assert f"<mark>{quoted}</mark>" in page, quoted
    keys = re.findall(r'name="bekrafta" value="([^"]+)"', page)
    # One box for the dates, one for the ages, and still one per name.
    assert sorted(k.split(":")[1] for k in keys) == ["age", "date", "name", "name"]
    assert "case_description:date" in keys and "case_description:age" in keys
    assert "datumen ”3 mars 2025”, ”12 april 2025”" in page

    names_only = [k for k in keys if ":name:" in k]
    page = continue_request(client, {**data, "bekrafta": names_only}).get_data(as_text=True)
    assert "Kontrollera dina svar" not in page, "dates and ages are not yet confirmed"

    page = continue_request(client, {**data, "bekrafta": keys}).get_data(as_text=True)
    assert "Kontrollera dina svar" in page
    page = send_request(client, {**data, "bekrafta": keys}).get_data(as_text=True)
    assert "Förfrågan är skickad" in page
    assert only(app, SamradRequest).warnings_confirmed == 4


# --- Consent records and requests brought with consent -----------------------------------------


def test_valid_consent_record_is_stored_without_any_identity_field(app, client):
    page = submit_consent(client, valid_consent()).get_data(as_text=True)
    assert "Samtycket är registrerat" in page
    reference = reference_in(page)
    stored = only(app, ConsentRecord)
    assert stored.reference == reference.strip()
    assert stored.parties == ["polisen", "region", "krokom"]
    columns = {c.name for c in ConsentRecord.__table__.columns}
    assert not columns & {"person_name", "personnummer", "name", "address", "phone"}
    assert client.get(status_link(page)).status_code == 200


def test_consent_form_has_no_field_for_the_persons_identity(client):
    page = client.get("/formular/samtycke").get_data(as_text=True)
    names = set(re.findall(r'name="([^"]+)"', page)) - {"webbadress"}  # the honeypot
    assert not {n for n in names if re.search(r"personnummer|pnr|person_name|adress", n)}


def test_blankett_is_printable_and_has_no_inputs(client):
    page = client.get("/formular/samtycke/blankett").get_data(as_text=True)
    assert "Personnummer: …" in page
    assert "<input" not in page and "<textarea" not in page and "<form" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": (date.today() + timedelta(days=400)).isoformat()}, "högst 12 månader"),
        (
            {
                "valid_until": (date.today() - timedelta(days=1)).isoformat(),
                "valid_from": (date.today() - timedelta(days=30)).isoformat(),
            },
            "redan passerat",
        ),
        ({"valid_from": "2027-02-31"}, "Gäller från måste vara ett riktigt datum."),
        ({"valid_from": "2027--3"}, "Gäller från måste innehålla en månad."),
        ({"valid_from": "27-3-3"}, "Året i gäller från måste ha fyra siffror"),
        ({"told_can_withdraw": None}, "kan återkallas"),
        ({"parties": None}, "Välj minst en part som samtycket omfattar."),
        ({"original_case_reference": "850101-1236"}, "Ta bort personnumret"),
    ],
)
def test_invalid_consent_is_refused_with_a_clear_message(app, client, changes, message):
    page = submit_consent(client, valid_consent(**changes)).get_data(as_text=True)
    assert message in page
    assert "Samtycket är registrerat" not in page
    assert count(app, ConsentRecord) == 0


def _register_consent(client, **changes) -> str:
    return reference_in(submit_consent(client, valid_consent(**changes)).get_data(as_text=True))


# One answer for every consent that cannot be used (security review L5): the page never tells
# whether the reference exists, whether it was withdrawn, when it ends or what it covers.
CONSENT_REFUSED = "Samtycket kan inte användas för den här förfrågan."


def test_request_with_a_valid_consent_is_linked_to_it(app, client):
    reference = _register_consent(client)
    data = valid_request(basis="samtycke", consent_reference=reference.lower().replace("-", " "))
    assert "Förfrågan är skickad" in send_request(client, data).get_data(as_text=True)
    request = only(app, SamradRequest)
    with app.app_context():
        request = get_session().get(SamradRequest, request.id)
        assert request.consent.reference == reference


def test_unknown_consent_reference_is_refused(app, client):
    page = continue_request(
        client, valid_request(basis="samtycke", consent_reference="S-KM47-TR92")
    ).get_data(as_text=True)
    assert CONSENT_REFUSED in page


def test_withdrawn_consent_is_refused(app, client):
    reference = _register_consent(client)
    with app.app_context():
        submissions.withdraw_consent(submissions.find_consent_by_reference(reference))
    page = continue_request(
        client, valid_request(basis="samtycke", consent_reference=reference)
    ).get_data(as_text=True)
    assert CONSENT_REFUSED in page and "återkallat" not in page
    assert count(app, SamradRequest) == 0


def test_expired_consent_is_refused(app, client):
    reference = _register_consent(client)
    with app.app_context():
        consent = submissions.find_consent_by_reference(reference)
        consent.valid_from = date.today() - timedelta(days=100)
        consent.valid_until = date.today() - timedelta(days=1)
        get_session().commit()
    page = continue_request(
        client, valid_request(basis="samtycke", consent_reference=reference)
    ).get_data(as_text=True)
    assert CONSENT_REFUSED in page and "gällde till och med" not in page


def test_consent_not_covering_a_requested_party_is_refused(app, client):
    reference = _register_consent(client, parties=["region", "krokom"])
    page = continue_request(
        client, valid_request(basis="samtycke", consent_reference=reference)
    ).get_data(as_text=True)
    assert CONSENT_REFUSED in page


def test_m1_consent_need_not_cover_the_home_municipality(app, client):
    """Site-content review M1: the coordinator decides who takes part (avsnitt 12) and the
    responsible social services take part only where there is such a case (avsnitt 10.3), so a
    consent limited to the police and the region is enough when only they are asked for."""
    reference = _register_consent(client, parties=["polisen", "region"])
    response = continue_request(
        client, valid_request(basis="samtycke", consent_reference=reference, municipality="krokom")
    )
    page = response.get_data(as_text=True)
    assert "Kontrollera dina svar" in page
    assert "omfattar inte" not in page


def test_m1_consent_must_still_cover_every_party_asked_for(app, client):
    reference = _register_consent(client, parties=["polisen"])
    page = continue_request(
        client,
        valid_request(basis="samtycke", consent_reference=reference, parties_requested=["region"]),
    ).get_data(as_text=True)
    # One answer for every consent that cannot be used (security review L5): which party is
    # missing is not told on the form.
    assert CONSENT_REFUSED in page and "omfattar inte" not in page


def test_m8_the_12_month_limit_is_labelled_as_the_services_own_choice(client):
    page = client.get("/formular/samtycke").get_data(as_text=True)
    assert "formulärtjänstens eget val, inte ett krav i lag" in page
    refused = submit_consent(
        client, valid_consent(valid_until=(date.today() + timedelta(days=400)).isoformat())
    ).get_data(as_text=True)
    assert "formulärtjänstens eget val" in refused and "högst 12 månader" in refused
    blankett = client.get("/formular/samtycke/blankett").get_data(as_text=True)
    assert "formulärtjänsten godtar högst 12 månader" in blankett


def test_m9_the_printable_form_is_a_print_version_not_the_parties_form(client):
    page = client.get("/formular/samtycke/blankett").get_data(as_text=True)
    assert "utskriftsversion" in page.casefold()
    assert "inte parternas fastställda samtyckesblankett" in page
    assert "den blankett som samordnaren tillhandahåller" in page


def test_s2_the_printable_form_says_consent_covers_only_the_persons_own_information(client):
    page = client.get("/formular/samtycke/blankett").get_data(as_text=True)
    assert "Samtycket gäller bara uppgifter om dig" in page
    assert "De som du inte godkänner är inte med när ditt ärende tas upp" in page


def test_consent_withdrawal_through_its_status_link(app, client):
    page = submit_consent(client, valid_consent()).get_data(as_text=True)
    link = status_link(page)
    token = csrf_token(client, link)
    confirm = client.post(link, data={"csrf_token": token, "steg": "bekrafta"})
    assert "Har personen återkallat samtycke" in confirm.get_data(as_text=True)
    assert only(app, ConsentRecord).withdrawn_at is None
    done = client.post(link, data={"csrf_token": token, "steg": "aterkalla"})
    assert done.status_code == 303
    assert "Samtycket är återkallat" in client.get(link).get_data(as_text=True)
    assert only(app, ConsentRecord).withdrawn_at is not None


# --- Status links -----------------------------------------------------------------------------


def _sent_request_link(client) -> str:
    return status_link(send_request(client, valid_request()).get_data(as_text=True))


def test_request_withdrawal_needs_a_confirm_step_and_is_recorded(app, client):
    link = _sent_request_link(client)
    token = csrf_token(client, link)
    confirm = client.post(link, data={"csrf_token": token, "steg": "bekrafta"})
    assert "Vill du återkalla förfrågan" in confirm.get_data(as_text=True)
    assert only(app, SamradRequest).status == "ny"
    client.post(link, data={"csrf_token": token, "steg": "aterkalla"})
    assert "Återkallad" in client.get(link).get_data(as_text=True)
    with app.app_context():
        request = get_session().query(SamradRequest).one()
        assert request.status == "aterkallad" and request.ended_at is not None
        event = get_session().query(RequestEvent).one()
        assert (event.from_status, event.to_status, event.actor) == (
            "ny",
            "aterkallad",
            "inlamnare",
        )


def test_tampered_token_shows_a_clear_page_and_no_data(client):
    link = _sent_request_link(client)
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = client.get(tampered)
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Länken fungerar inte" in page
    assert "F-" not in page and "Kvinna" not in page


def test_expired_token_shows_that_the_link_has_expired(app, client):
    link = _sent_request_link(client)
    app.config["STATUS_TOKEN_MAX_AGE_DAYS"] = -1
    page = client.get(link).get_data(as_text=True)
    assert "Länken har slutat gälla" in page


def test_revoked_token_no_longer_opens_the_request(app, client):
    link = _sent_request_link(client)
    with app.app_context():
        submissions.rotate_link(get_session().query(SamradRequest).one())
        get_session().commit()
    page = client.get(link).get_data(as_text=True)
    assert "Länken fungerar inte" in page


def test_a_consent_token_does_not_open_a_request(app, client):
    page = submit_consent(client, valid_consent()).get_data(as_text=True)
    consent_token = status_link(page).rsplit("/", 1)[-1]
    assert "Länken fungerar inte" in client.get(f"/formular/status/{consent_token}").get_data(
        as_text=True
    )


def test_coordinator_message_is_shown_on_the_status_page(app, client):
    link = _sent_request_link(client)
    with app.app_context():
        request = get_session().query(SamradRequest).one()
        get_session().add(
            RequestEvent(
                request=request,
                kind="message",
                actor="samordnare",
                text="Kan du beskriva risken närmare?",
                created_at=utcnow(),
            )
        )
        get_session().commit()
    assert "Kan du beskriva risken närmare?" in client.get(link).get_data(as_text=True)


# --- Security baseline ------------------------------------------------------------------------


def test_post_without_csrf_token_is_refused(app, client):
    response = client.post("/formular/samrad/skicka", data={**valid_request(), "declaration": "y"})
    assert response.status_code == 400
    assert "Av säkerhetsskäl" in response.get_data(as_text=True)
    assert count(app, SamradRequest) == 0


def test_filled_honeypot_is_refused_and_nothing_is_stored(app, client):
    response = send_request(client, valid_request(webbadress="http://spam.example"))
    assert response.status_code == 400
    assert count(app, SamradRequest) == 0
    response = submit_consent(client, valid_consent(webbadress="spam"))
    assert response.status_code == 400
    assert count(app, ConsentRecord) == 0


def test_submission_rate_limit_gives_a_swedish_429(make_app):
    app = make_app(SUBMIT_RATE_LIMIT="2/hour")
    client = app.test_client()
    for index in range(2):
        page = send_request(client, valid_request(submission_key=f"{index:032d}"))
        assert page.status_code == 200
    response = send_request(client, valid_request(submission_key="9" * 32))
    assert response.status_code == 429
    assert "För många försök" in response.get_data(as_text=True)
    assert count(app, SamradRequest) == 2


def test_refused_attempts_do_not_use_up_the_submission_limit(make_app):
    app = make_app(SUBMIT_RATE_LIMIT="1/hour")
    client = app.test_client()
    for _ in range(3):
        assert send_request(client, valid_request(question=None)).status_code == 200
    assert "Förfrågan är skickad" in send_request(client, valid_request()).get_data(as_text=True)


def test_status_lookups_are_rate_limited(make_app):
    app = make_app(STATUS_RATE_LIMIT="3/hour")
    client = app.test_client()
    for _ in range(3):
        client.get("/formular/status/nonsense")
    assert client.get("/formular/status/nonsense").status_code == 429


def test_rate_limit_key_is_an_hmac_not_the_address(app):
    from forms_service.security import client_key

    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        key = client_key()
    assert "203.0.113.9" not in key and len(key) == 32


@pytest.mark.parametrize(
    "path", ["/formular/samrad", "/formular/samtycke", "/formular/samtycke/blankett"]
)
def test_form_pages_are_never_cached_and_send_no_referrer(client, path):
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_status_page_is_never_cached(client):
    response = client.get(_sent_request_link(client))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_no_identifier_or_token_reaches_the_log(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    text = "Kvinnan 850101-1236 har ringt från 070-123 45 67 om Tommy."
    continue_request(client, valid_request(case_description=text))
    page = send_request(client, valid_request()).get_data(as_text=True)
    link = status_link(page)
    client.get(link)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the access log should have written something"
    for secret in (
        "850101-1236",
        "070-123 45 67",
        "Tommy",
        link.rsplit("/", 1)[-1],
        "40-årsåldern",
    ):
        assert secret not in logged


def test_no_ip_address_or_user_agent_is_stored_with_a_submission(app, client):
    client.post(
        "/formular/samrad/skicka",
        data={**valid_request(), "declaration": "y", "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": "198.51.100.77", "HTTP_USER_AGENT": "Spårbar/1.0"},
    )
    with app.app_context():
        row = get_session().query(SamradRequest).one()
        values = " ".join(str(getattr(row, c.name)) for c in SamradRequest.__table__.columns)
    assert "198.51.100.77" not in values and "Spårbar" not in values


def test_case_text_is_encrypted_in_the_database(app, client, tmp_path):
    from sqlalchemy import text

    send_request(client, valid_request())
    with app.extensions["engine"].connect() as connection:
        raw = connection.execute(
            text("SELECT case_description, question, submitter_email FROM samrad_request")
        ).one()
    for value in raw:
        assert value.startswith("gAAAA"), "stored as a Fernet token"
    assert "40-årsåldern" not in " ".join(raw)
    if app.extensions["engine"].dialect.name == "sqlite":
        app.extensions["engine"].dispose()
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("test.db*"))
        assert stored, "the SQLite file should exist"
        for secret in ("40-årsåldern".encode(), b"samordna skydd", b"handlaggare@krokom"):
            assert secret not in stored


# --- Hostile input -----------------------------------------------------------------------------


def test_ten_thousand_characters_give_a_clear_error_and_keep_the_text(app, client):
    long_text = "Hon beskriver kontroll och hot. " * 320
    response = continue_request(client, valid_request(case_description=long_text))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Skriv högst 4000 tecken." in page
    assert long_text.strip()[:200] in page
    assert count(app, SamradRequest) == 0


def test_control_characters_give_a_clear_error(app, client):
    response = continue_request(client, valid_request(question="Fråga\x00 med\x07 styrtecken"))
    assert response.status_code == 200
    assert "otillåtna styrtecken" in response.get_data(as_text=True)
    response = send_request(client, valid_request(submitter_name="Kim\x1b[31m"))
    assert "otillåtna styrtecken" in response.get_data(as_text=True)
    assert count(app, SamradRequest) == 0


def test_script_in_input_is_shown_escaped(client):
    payload = '<script>alert("x")</script>'
    page = continue_request(client, valid_request(question=payload)).get_data(as_text=True)
    assert payload not in page
    assert "&lt;script&gt;" in page


def test_request_body_over_the_limit_gets_a_swedish_413(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1000)
    client = app.test_client()
    response = client.post("/formular/samrad", data={"case_description": "x" * 5000})
    assert response.status_code == 413
    assert "för stort" in response.get_data(as_text=True)


# --- Live hints -------------------------------------------------------------------------------


def test_live_check_returns_findings_as_json(client):
    token = csrf_token(client)
    response = client.post(
        "/formular/granska", data={"csrf_token": token, "text": "Ring 070-123 45 67 eller Anna."}
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    findings = response.get_json()["findings"]
    assert [(f["kind"], f["text"], f["severity"]) for f in findings] == [
        ("phone", "070-123 45 67", "block"),
        ("name", "Anna", "warn"),
    ]


def test_live_check_requires_csrf_and_is_rate_limited(make_app):
    app = make_app(CHECK_RATE_LIMIT="2/minute")
    client = app.test_client()
    assert client.post("/formular/granska", data={"text": "x"}).status_code == 400
    token = csrf_token(client)
    for _ in range(2):
        assert (
            client.post("/formular/granska", data={"csrf_token": token, "text": "x"}).status_code
            == 200
        )
    assert (
        client.post("/formular/granska", data={"csrf_token": token, "text": "x"}).status_code == 429
    )


def test_form_pages_load_the_hint_script_from_our_own_host(client):
    page = client.get("/formular/samrad").get_data(as_text=True)
    assert '<script src="/static/js/form.js" defer></script>' in page
    assert "<script>" not in page
    assert client.get("/static/js/form.js").status_code == 200


def test_forms_work_over_https_without_a_referer(app, client):
    """Our no-referrer policy means browsers send no Referer; the CSRF check must not need one."""
    base = "https://norrsken.example"
    page = client.get("/formular/samrad", base_url=base).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/formular/samrad/skicka",
        base_url=base,
        data={**valid_request(), "declaration": "y", "csrf_token": token},
    )
    assert "Förfrågan är skickad" in response.get_data(as_text=True)
