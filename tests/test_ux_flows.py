"""The coordinator's and the submitter's workflows end to end over HTTP, without dead ends
(issue 13, ux-review.md §3–§7)."""

from __future__ import annotations

import email
import email.policy
import re

from coordhelpers import login
from flowhelpers import (
    audit_details,
    change,
    plan,
    post_form,
    row,
    submitted,
    upcoming_meeting_id,
)
from formhelpers import send_request, status_link, submit_consent, valid_consent, valid_request


def test_issue13_2_declined_request_leaves_the_agenda_and_the_submitter_sees_why(app, coordinator):
    submitter, reference, link = submitted(app)
    meeting_id = plan(app, coordinator, reference)
    assert "Samråd</dt>" in submitter.get(link).get_data(as_text=True)
    response = change(
        coordinator,
        reference,
        status="avbojd",
        decline_reason="malgrupp",
        comment="Ärendet gäller inte våld i nära relation. Kontakta familjerätten.",
    )
    assert response.status_code == 303
    meeting = coordinator.get(f"/samordnare/moten/{meeting_id}").get_data(as_text=True)
    assert reference not in meeting
    printed = printed_agenda(coordinator, meeting_id)
    assert reference not in printed and "Kvinna i 40-årsåldern" not in printed
    assert ("samordnare1", str(meeting_id), f"{reference} borttagen (avböjd)") in audit_details(
        app, "meeting_changed"
    )
    status = submitter.get(link).get_data(as_text=True)
    assert "Avböjd" in status
    assert "Kontakta familjerätten." in status, "the reason written for the submitter"
    assert "Samråd</dt>" not in status, "the meeting is no longer shown"
    assert "Utanför målgruppen" not in status, "the statistics category stays internal"


def test_issue13_2_withdrawn_request_leaves_the_agenda_audited(app, coordinator):
    submitter, reference, link = submitted(app)
    meeting_id = plan(app, coordinator, reference)
    post_form(submitter, link, link, steg="aterkalla")
    assert row(app, reference).status == "aterkallad"
    printed = printed_agenda(coordinator, meeting_id)
    assert reference not in printed
    assert ("inlamnare", str(meeting_id), f"{reference} borttagen (återkallad)") in audit_details(
        app, "meeting_changed"
    )
    assert "Samråd</dt>" not in submitter.get(link).get_data(as_text=True)


def test_issue13_9_request_page_confirms_each_save_and_separates_message_from_note(
    app, coordinator
):
    _submitter, reference, _link = submitted(app)
    path = f"/samordnare/forfragan/{reference}"
    page = coordinator.get(path).get_data(as_text=True)
    assert 'data-conditional="status=avbojd"' in page, "decline reason only when declining"
    assert "Skäl till att förfrågan avböjs (om du avböjer)" in page, "labelled without JS"
    assert page.count("<textarea") == 2, "one text for the submitter, one internal note"
    assert "Meddelande till inlämnaren" in page and "aldrig för inlämnaren" in page
    after = change(coordinator, reference, status="under_bedomning", comment="Vi återkommer.")
    shown = coordinator.get(after.headers["Location"]).get_data(as_text=True)
    assert 'class="banner banner--success" role="alert"' in shown
    assert "Status ändrad till under bedömning." in shown
    assert "Meddelandet visas nu på inlämnarens statussida." in shown
    again = coordinator.get(path).get_data(as_text=True)
    assert "banner--success" not in again, "shown once"
    note = post_form(coordinator, path, f"{path}/anteckning", **{"note-text": "Ring polisen."})
    assert "Den interna anteckningen är sparad." in coordinator.get(
        note.headers["Location"]
    ).get_data(as_text=True)
    komplettering = change(coordinator, reference, status="komplettering", comment="Vilken risk?")
    assert komplettering.status_code == 303
    history = coordinator.get(path).get_data(as_text=True).split("<h2>Historik</h2>")[1]
    assert history.count("Vilken risk?") == 1, "a komplettering is logged once"
    empty = change(coordinator, reference)
    assert "Välj en ny status eller skriv ett meddelande till inlämnaren." in empty.get_data(
        as_text=True
    )


def printed_agenda(coordinator, meeting_id) -> str:
    """The printable agenda (an audited export, so a POST from the meeting page)."""
    path = f"/samordnare/moten/{meeting_id}"
    response = post_form(coordinator, path, f"{path}/dagordning")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _mail_on(app, port) -> None:
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_STARTTLS=0,
        COORDINATOR_EMAIL="samordnare@example.se",
        BASE_URL="https://norrsken.example",
    )


def test_issue13_3_submitter_answers_a_komplettering_on_the_status_page(
    app, coordinator, smtp_server
):
    port, inbox = smtp_server
    submitter, reference, link = submitted(app)
    change(coordinator, reference, status="under_bedomning")
    change(coordinator, reference, status="komplettering", comment="Vilken risk ser du?")
    _mail_on(app, port)
    page = submitter.get(link).get_data(as_text=True)
    assert "Svara samordnaren" in page and 'name="svar-text"' in page
    refused = post_form(submitter, link, link, steg="svara", **{"svar-text": "Hon 850101-1236."})
    assert "<mark>850101-1236</mark>" in refused.get_data(as_text=True), "guarded"
    assert row(app, reference).status == "komplettering" and inbox.messages == []
    answer = "Risken gäller hot om våld när hon lämnar bostaden."
    sent = post_form(submitter, link, link, steg="svara", **{"svar-text": answer})
    assert sent.status_code == 303
    shown = submitter.get(link).get_data(as_text=True)
    assert "Ditt svar är skickat till samordnaren." in shown and answer in shown
    assert row(app, reference).status == "under_bedomning"
    assert 'name="svar-text"' not in shown, "nothing more to answer"
    coordinator_page = coordinator.get(f"/samordnare/forfragan/{reference}").get_data(as_text=True)
    assert "Svar från inlämnaren" in coordinator_page and answer in coordinator_page
    with app.app_context():
        from sqlalchemy import text

        from forms_service.db import get_session

        stored = get_session().execute(text("SELECT text FROM request_event")).scalars().all()
        assert stored and all("hot om våld" not in (value or "") for value in stored), "encrypted"
    assert len(inbox.messages) == 1
    parsed = email.message_from_string(inbox.messages[0], policy=email.policy.default)
    notice = parsed.get_content()
    assert parsed["To"] == "samordnare@example.se" and reference in parsed["Subject"]
    assert "hot om våld" not in notice and "Risken" not in notice


def test_issue13_4_coordinator_sends_a_new_link_and_the_old_one_stops(
    app, coordinator, account, clock, smtp_server
):
    port, inbox = smtp_server
    submitter, reference, old_link = submitted(app)
    path = f"/samordnare/forfragan/{reference}"
    refused = post_form(coordinator, path, f"/samordnare/lank/{reference}/skicka")
    assert refused.status_code == 409 and "E-post är inte påslagen" in refused.get_data(
        as_text=True
    )
    assert "Förfrågan " + reference in submitter.get(old_link).get_data(as_text=True)
    clock.advance(days=100)  # the link is sent long after the request came in
    login(coordinator, account, clock)
    _mail_on(app, port)
    sent = post_form(coordinator, path, f"/samordnare/lank/{reference}/skicka")
    assert sent.status_code == 303
    assert "En ny statuslänk är skickad" in coordinator.get(path).get_data(as_text=True)
    assert len(inbox.messages) == 1
    parsed = email.message_from_string(inbox.messages[0], policy=email.policy.default)
    assert parsed["To"] == "handlaggare@krokom.example.se"
    mail = parsed.get_content()
    new_link = re.search(r"https://norrsken\.example(/formular/status/\S+)", mail).group(1)
    assert "Länken fungerar inte" in submitter.get(old_link).get_data(as_text=True)
    assert f"Förfrågan {reference}" in submitter.get(new_link).get_data(as_text=True)
    assert "Kvinna" not in mail and "0640" not in mail
    clock.advance(days=100)  # the request is older than a link's lifetime, the new link is not
    login(coordinator, account, clock)
    assert _expire_links(app, clock) == 0
    assert f"Förfrågan {reference}" in submitter.get(new_link).get_data(as_text=True)
    assert ("samordnare1", reference, "till e-post i tjänsten") in audit_details(app, "link_sent")


def test_issue13_4_a_consent_link_lives_as_long_as_the_consent(app, client, clock):
    page = submit_consent(
        client, valid_consent(valid_from="2026-11-23", valid_until="2027-11-22")
    ).get_data(as_text=True)
    link = status_link(page)
    assert "minst till och med 22 november 2027" in page
    clock.advance(days=300)  # longer than STATUS_TOKEN_MAX_AGE_DAYS (180)
    _expire_links(app, clock)  # the scheduled job leaves a live consent's link alone
    assert "Registrera att samtycket är återkallat" in client.get(link).get_data(as_text=True)
    clock.advance(days=65)  # past the consent's last day and the ordinary lifetime
    assert "Länken har slutat gälla" in client.get(link).get_data(as_text=True)
    assert _expire_links(app, clock) == 1, "and then ends it for good"


def test_issue13_4_coordinator_registers_a_withdrawal_reported_by_phone(app, coordinator, client):
    page = submit_consent(client, valid_consent()).get_data(as_text=True)
    reference, link = re.search(r'class="reference">([^<]+)<', page).group(1), status_link(page)
    listing = coordinator.get("/samordnare/samtycken").get_data(as_text=True)
    assert reference in listing and "Gäller" in listing
    path = f"/samordnare/samtycke/{reference}"
    confirm = post_form(coordinator, path, path, steg="bekrafta").get_data(as_text=True)
    assert f"Har personen återkallat samtycke {reference}?" in confirm
    assert "Återkallat" not in coordinator.get(path).get_data(as_text=True)
    done = post_form(coordinator, path, path, steg="aterkalla")
    assert "Återkallelsen är registrerad" in coordinator.get(done.headers["Location"]).get_data(
        as_text=True
    )
    assert ("samordnare1", reference, "anmält till samordnaren") in audit_details(
        app, "consent_withdrawn"
    )
    assert "Samtycket är återkallat" in client.get(link).get_data(as_text=True)


def _expire_links(app, clock) -> int:
    from forms_service.services import expiry

    with app.app_context():
        return expiry.expire_links(clock.current).status_links


def _answer(response) -> tuple:
    headers = {k: v for k, v in response.headers.items() if k.lower() != "date"}
    return response.status_code, headers, response.get_data()


def test_m6_submitter_ends_their_link_and_it_answers_exactly_like_an_unknown_link(app, coordinator):
    submitter, reference, link = submitted(app)
    confirm = post_form(submitter, link, link, steg="avsluta_bekrafta").get_data(as_text=True)
    assert "Vill du avsluta statuslänken" in confirm
    ended = post_form(submitter, link, link, steg="avsluta").get_data(as_text=True)
    assert "Statuslänken är avslutad" in ended
    with app.test_request_context():
        from forms_service import tokens

        never_issued = tokens.make_token("request", "0" * 32, tokens.new_nonce())
    revoked = _answer(app.test_client().get(link))
    unknown = _answer(app.test_client().get(f"/formular/status/{never_issued}"))
    garbage = _answer(app.test_client().get("/formular/status/inte-en-lank"))
    assert revoked == unknown == garbage
    assert revoked[0] == 404
    assert ("inlamnare", reference, "av inlämnaren") in audit_details(app, "link_revoked")


def test_m6_coordinator_revokes_the_links_of_a_record_audited(app, coordinator, client):
    submitter, reference, link = submitted(app)
    path = f"/samordnare/forfragan/{reference}"
    done = post_form(coordinator, path, f"/samordnare/lank/{reference}/sparra")
    assert "Statuslänken är spärrad" in coordinator.get(done.headers["Location"]).get_data(
        as_text=True
    )
    assert "Länken fungerar inte" in submitter.get(link).get_data(as_text=True)
    page = submit_consent(client, valid_consent()).get_data(as_text=True)
    consent_reference, consent_link = (
        re.search(r'class="reference">([^<]+)<', page).group(1),
        status_link(page),
    )
    consent_path = f"/samordnare/samtycke/{consent_reference}"
    post_form(coordinator, consent_path, f"/samordnare/lank/{consent_reference}/sparra")
    assert "Länken fungerar inte" in client.get(consent_link).get_data(as_text=True)
    assert [d[1] for d in audit_details(app, "link_revoked")] == [reference, consent_reference]


def test_issue13_5_acute_guidance_on_the_form_and_confirmation_from_configuration(app, client):
    form = client.get("/formular/samrad").get_data(as_text=True)
    assert "Samråd är inte en väg för nödlägen." in form and "<strong>112</strong>" in form
    assert "inställningen ACUTE_CONTACT" in form, "a visible placeholder until it is set"
    app.config["ACUTE_CONTACT"] = "063-14 30 00, vardagar 8–17"
    form = client.get("/formular/samrad").get_data(as_text=True)
    assert "<strong>063-14 30 00, vardagar 8–17</strong>" in form
    assert "ACUTE_CONTACT" not in form
    done = send_request(
        client, valid_request(kind="akut", acute_reason="Hon vågar inte gå hem i kväll.")
    ).get_data(as_text=True)
    assert "Förfrågan är skickad" in done
    assert "<strong>112</strong>" in done and "063-14 30 00" in done


def test_issue13_11_a_meeting_cannot_be_marked_held_before_it_starts(
    app, coordinator, account, clock
):
    _submitter, reference, _link = submitted(app)
    meeting_id = plan(app, coordinator, reference)
    path = f"/samordnare/moten/{meeting_id}"
    page = coordinator.get(path).get_data(as_text=True)
    assert "Markera samrådet som genomfört" not in page
    assert "kan markeras som genomfört när det har börjat, 25 november 2026 kl. 09.00" in page
    early = post_form(coordinator, path, f"{path}/genomfort")
    assert early.status_code == 409
    assert "Samrådet har inte börjat ännu." in early.get_data(as_text=True)
    assert row(app, reference).status == "planerad"
    assert not [d for d in audit_details(app, "meeting_changed") if "genomfört" in (d[2] or "")]
    clock.advance(days=2, hours=1)
    login(coordinator, account, clock)
    assert "Markera samrådet som genomfört" in coordinator.get(path).get_data(as_text=True)
    assert post_form(coordinator, path, f"{path}/genomfort").status_code == 303
    assert row(app, reference).status == "genomford"
    assert audit_details(app, "meeting_changed")[-1][2] == "genomfört, 1 ärende"


def test_issue13_11_make_run_matches_the_base_url_to_the_port_unless_configured(tmp_path):
    import os
    import shutil
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    shutil.copy(root / "Makefile", tmp_path / "Makefile")
    env = {k: v for k, v in os.environ.items() if k != "NORRSKEN_BASE_URL"}

    def base_url(**extra) -> str:
        result = subprocess.run(
            ["make", "-s", "base-url", "PORT=8211"],
            cwd=tmp_path,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert base_url() == "http://127.0.0.1:8211"
    assert base_url(NORRSKEN_BASE_URL="https://norrsken.example") == "https://norrsken.example"
    (tmp_path / ".env").write_text("NORRSKEN_BASE_URL=http://127.0.0.1:9000\n")
    assert base_url() == "http://127.0.0.1:9000"
    run = (root / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert 'NORRSKEN_BASE_URL="$$($(MAKE) -s --no-print-directory base-url)"' in run
    readme = (root / "README.md").read_text()
    assert "make run PORT=8211" in readme


def test_issue13_11_cli_prints_links_with_the_configured_base_url(make_app):
    app = make_app(BASE_URL="http://127.0.0.1:8211/")
    output = app.test_cli_runner().invoke(args=["coordinator", "add", "kim"]).output
    assert "http://127.0.0.1:8211/samordnare/aktivera/" in output


def test_minor_audit_log_reads_as_words_and_dates(app, coordinator):
    _submitter, reference, _link = submitted(app)
    plan(app, coordinator, reference)
    page = coordinator.get("/samordnare/logg").get_data(as_text=True)
    assert "ny → under bedömning" in page and "under_bedomning" not in page
    assert "planerad till samråd 25 november 2026 kl. 09.00" in page
    assert not re.search(r"samråd \d+<", page), "no meeting ids"


def test_issue13_10_consent_form_has_a_check_answers_step(app, client):
    data = valid_consent()
    form_step = post_form(client, "/formular/samtycke", "/formular/samtycke", **data)
    page = form_step.get_data(as_text=True)
    assert "Kontrollera samtycket innan du registrerar det" in page
    assert "<li>Polisen, Polisområde Jämtland</li>" in page, "each party on its own line"
    with app.app_context():
        from sqlalchemy import func, select

        from forms_service.db import get_session
        from forms_service.models import ConsentRecord

        assert get_session().scalar(select(func.count()).select_from(ConsentRecord)) == 0
    back = post_form(client, "/formular/samtycke", "/formular/samtycke", andra="parties", **data)
    back_page = back.get_data(as_text=True)
    assert "Registrera samtycke</h1>" in back_page
    assert re.search(r'id="parties"[^>]*autofocus', back_page), "focus on what is changed"
    assert 'name="valid_until-ar" value="' in back_page, "the dates are kept"
    done = submit_consent(client, data).get_data(as_text=True)
    assert "Samtycket är registrerat" in done


def test_issue13_10_coordinator_dates_are_three_fields_and_times_are_text(app, coordinator):
    path = "/samordnare/moten"
    page = coordinator.get(path).get_data(as_text=True)
    assert 'type="date"' not in page and 'type="time"' not in page
    assert 'name="day-dag"' in page and 'name="day-manad"' in page and 'name="day-ar"' in page
    half = post_form(coordinator, path, path, **{"day-dag": "24", "day-ar": "2026"})
    assert "Datum måste innehålla en månad." in half.get_data(as_text=True)
    created = post_form(
        coordinator,
        path,
        path,
        **{"day-dag": "24", "day-manad": "11", "day-ar": "2026"},
        start_time="13.30",
        place="Östersund",
    )
    assert created.status_code == 303
    meeting = coordinator.get(created.headers["Location"]).get_data(as_text=True)
    assert "Samråd 24 november 2026 kl. 13.30" in meeting
    for listing in ("/samordnare/", "/samordnare/logg", "/samordnare/statistik"):
        shown = coordinator.get(listing).get_data(as_text=True)
        assert 'type="date"' not in shown and "-manad" in shown, listing
    filtered = coordinator.get(
        "/samordnare/?received_from-dag=1&received_from-manad=1&received_from-ar=2030"
    ).get_data(as_text=True)
    assert "0 förfrågningar" in filtered


def test_issue13_6_text_typed_before_the_idle_timeout_survives_a_new_login(
    app, coordinator, account, clock
):
    from coordhelpers import csrf_for

    from forms_service.models import SavedForm

    meeting_id = upcoming_meeting_id(coordinator)
    path = f"/samordnare/moten/{meeting_id}"
    token = csrf_for(coordinator, path)
    clock.advance(minutes=31)
    notes = "Polisen tar kontakt med socialtjänsten i veckan. Uppföljning om två veckor."
    lost = coordinator.post(f"{path}/anteckningar", data={"csrf_token": token, "notes-text": notes})
    assert lost.status_code == 303
    assert lost.headers["Location"].endswith(f"/samordnare/logga-in?next={path}")
    login_page = coordinator.get(lost.headers["Location"]).get_data(as_text=True)
    assert "Du loggades ut efter 30 minuter utan aktivitet." in login_page
    assert "Det du hade skrivit är sparat" in login_page
    with app.app_context():
        from sqlalchemy import select, text

        from forms_service.db import get_session

        raw = get_session().execute(text("SELECT data FROM saved_form")).scalars().all()
        assert len(raw) == 1 and "Polisen" not in raw[0], "kept encrypted"
    back = login(coordinator, account, clock, next_page=path)
    assert back.headers["Location"] == path, "back to the same page"
    restored = coordinator.get(path).get_data(as_text=True)
    assert notes in restored and "Det du skrev innan du loggades ut är återställt" in restored
    saved = post_form(coordinator, path, f"{path}/anteckningar", **{"notes-text": notes})
    assert saved.status_code == 303
    assert "Anteckningarna är sparade." in coordinator.get(path).get_data(as_text=True)
    with app.app_context():
        assert get_session().scalars(select(SavedForm)).all() == [], "gone once saved"
    stranger = app.test_client()
    stranger.post(f"{path}/anteckningar", data={"notes-text": "x"})
    with app.app_context():
        assert get_session().scalars(select(SavedForm)).all() == [], "no session, nothing kept"


def test_minor_lost_session_shows_the_form_again_with_everything_typed(app):
    from formhelpers import CSRF

    client = app.test_client()
    data = valid_request(question="Hur samordnar vi stödet när hon flyttar?")
    lost = client.post("/formular/samrad", data={**data, "csrf_token": "from-a-lost-session"})
    page = lost.get_data(as_text=True)
    assert lost.status_code == 400
    assert "Allt du skrev finns kvar här." in page and "ladda om sidan" not in page
    assert "Hur samordnar vi stödet när hon flyttar?" in page
    again = client.post("/formular/samrad", data={**data, "csrf_token": CSRF.search(page).group(1)})
    assert "Kontrollera dina svar innan du skickar" in again.get_data(as_text=True)
    consent = client.post("/formular/samtycke/skicka", data=valid_consent())
    assert consent.status_code == 400
    assert "IFO 2026/123" in consent.get_data(as_text=True)


def test_minor_request_form_hints_wording_and_the_consent_shortcut(app, client):
    page = client.get("/formular/samrad").get_data(as_text=True)
    for hint in ("planera stöd och skydd tillsammans", "rådgöra med de andra parterna"):
        assert hint in page, "each kind of samråd has a hint"
    assert re.search(r'href="/formular/samtycke" target="_blank" rel="noopener"', page)
    assert "Det du har skrivit här finns kvar." in page
    assert "kvittot" not in page and "Står på bekräftelsesidan" in page
    # Without JavaScript the conditional questions say when they apply.
    assert 'Samtyckets referens<span class="condition-note"> (om ärendet dras med samtycke)' in page
    assert "(om samrådet är akut)</span>" in page
    assert "(om du valde Annan aktör)</span>" in page
    consent = submit_consent(client, valid_consent(parties=["polisen", "krokom"]))
    consent_ref = re.search(r'class="reference">([^<]+)<', consent.get_data(as_text=True)).group(1)
    one_missing = post_form(
        client,
        "/formular/samrad",
        "/formular/samrad",
        **valid_request(
            basis="samtycke",
            consent_reference=consent_ref.lower(),
            parties_requested=["polisen", "region"],
        ),
    ).get_data(as_text=True)
    # Security review L5: a look-up answers only "cannot be used", never which parties or dates
    # the consent has; the message names what to check, with the receipt's word for it.
    assert "Samtycket kan inte användas för den här förfrågan" in one_missing
    assert "omfattar alla parter du har valt" in one_missing and "kvittot" not in one_missing


def test_minor_check_answers_lists_values_and_the_confirmed_warnings(app, client, coordinator):
    consent = submit_consent(
        client,
        valid_consent(
            parties=["polisen", "region", "krokom"],
            valid_from="2026-11-23",
            valid_until="2027-05-01",
        ),
    )
    consent_ref = re.search(r'class="reference">([^<]+)<', consent.get_data(as_text=True)).group(1)
    data = valid_request(
        basis="samtycke",
        consent_reference=consent_ref.lower().replace("-", " "),
        case_description="Kvinnan har berättat för Tommy om våldet i hemmet.",
    )
    with app.app_context():
        from forms_service.deidentify import scan
        from forms_service.guarded_forms import _confirmation_key

        text = data["case_description"]
        keys = [_confirmation_key("case_description", f, text) for f in scan(text)]
    check = post_form(client, "/formular/samrad", "/formular/samrad", **data, bekrafta=keys)
    page = check.get_data(as_text=True)
    assert "Kontrollera dina svar" in page, re.findall(r"<li><a href=[^>]*>([^<]*)<", page)
    assert f"samtycke {consent_ref}" in page, "the reference as registered, not as typed"
    assert "<li>Klarlägga behov och vem som ansvarar för dem</li>" in page
    assert "Varningar du har bekräftat" in page
    assert "”Tommy” (möjligt namn) i Ärendets karaktär" in page
    sent = send_request(client, {**data, "bekrafta": keys}).get_data(as_text=True)
    reference = re.search(r'class="reference">([^<]+)<', sent).group(1)
    shown = coordinator.get(f"/samordnare/forfragan/{reference}").get_data(as_text=True)
    assert "”Tommy” (möjligt namn) i Ärendets karaktär" in shown, "the coordinator sees which word"


def test_minor_status_page_says_how_to_join_and_the_agenda_has_the_facts(app, coordinator):
    submitter, reference, link = submitted(app)
    meeting_id = plan(app, coordinator, reference)
    status = submitter.get(link).get_data(as_text=True)
    assert "Så deltar du</dt><dd>Per video." in status and "REMOTE_JOIN_INFO" in status
    app.config["REMOTE_JOIN_INFO"] = "Samordnaren mejlar en länk till videomötet dagen före."
    assert "mejlar en länk till videomötet" in submitter.get(link).get_data(as_text=True)
    printed = printed_agenda(coordinator, meeting_id)
    for fact in ("Former av våld", "Psykiskt våld", "Barn i hushållet", "Riskbedömning", "FREDA"):
        assert fact in printed, fact
    assert "Polisanmälan" in printed and "Inlämnaren deltar</dt><dd>Per video" in printed


def test_minor_inviting_a_party_outside_the_consent_needs_a_confirmation_first(
    app, client, coordinator
):
    consent = submit_consent(
        client,
        valid_consent(
            parties=["polisen", "krokom"], valid_from="2026-11-23", valid_until="2027-05-01"
        ),
    )
    consent_ref = re.search(r'class="reference">([^<]+)<', consent.get_data(as_text=True)).group(1)
    _submitter, reference, _link = submitted(
        app, basis="samtycke", consent_reference=consent_ref, parties_requested=["polisen"]
    )
    path = f"/samordnare/forfragan/{reference}"
    change(coordinator, reference, status="under_bedomning")
    page = coordinator.get(path).get_data(as_text=True)
    assert f"Samtycket {consent_ref} omfattar: Polisen, Polisområde Jämtland, Krokoms" in page
    meeting = str(upcoming_meeting_id(coordinator))
    refused = post_form(
        coordinator, path, f"{path}/planera", meeting=meeting, invited_parties=["krokom", "region"]
    ).get_data(as_text=True)
    assert "omfattar inte: Region Jämtland Härjedalen. Ta bort parten" in refused
    assert row(app, reference).status == "under_bedomning"
    confirmed = post_form(
        coordinator,
        path,
        f"{path}/planera",
        meeting=meeting,
        invited_parties=["krokom", "region"],
        outside_consent="y",
    )
    assert confirmed.status_code == 303 and row(app, reference).status == "planerad"
