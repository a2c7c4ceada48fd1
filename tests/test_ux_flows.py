"""The coordinator's and the submitter's workflows end to end over HTTP, without dead ends
(issue 13, ux-review.md §3–§7)."""

from __future__ import annotations

from flowhelpers import audit_details, change, plan, post_form, row, submitted


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
    printed = coordinator.get(f"/samordnare/moten/{meeting_id}/dagordning").get_data(as_text=True)
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
    printed = coordinator.get(f"/samordnare/moten/{meeting_id}/dagordning").get_data(as_text=True)
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
