"""The guard's cost is bounded (security review H1): text that failed its length check is never
scanned, the guard's total work per request is capped, the findings shown are capped, and refused
submissions count toward their own per-client limit. `bench/large_post.py` measures the time a
250 KB post takes."""

from __future__ import annotations

import re

import pytest
from formhelpers import (
    continue_request,
    count,
    csrf_token,
    send_request,
    submit_consent,
    valid_consent,
    valid_request,
)

from forms_service import guarded_forms
from forms_service.models import ConsentRecord, SamradRequest

HUGE = "0701234567 " * 23_000  # about 250 KB of digit runs: the guard's most expensive input


@pytest.fixture
def scanned(monkeypatch):
    """The lengths of every text the guard is asked to scan."""
    lengths: list[int] = []
    real = guarded_forms.scan

    def recording(text):
        lengths.append(len(text))
        return real(text)

    monkeypatch.setattr(guarded_forms, "scan", recording)
    return lengths


@pytest.mark.parametrize("field", ["case_description", "question", "acute_reason", "other_actors"])
def test_h1_text_over_its_length_limit_is_never_scanned(app, client, scanned, field):
    data = valid_request(kind="akut", **{"acute_reason": "Hon är rädd i kväll.", field: HUGE})
    response = continue_request(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Skriv högst" in page
    assert HUGE[:2000] in page, "the text is kept in the form"
    assert scanned and max(scanned) <= 4000
    assert count(app, SamradRequest) == 0


def test_h1_the_change_button_and_the_final_send_never_scan_over_length_text(app, client, scanned):
    token = csrf_token(client)
    client.post(
        "/formular/samrad",
        data={**valid_request(case_description=HUGE), "andra": "question", "csrf_token": token},
    )
    send_request(client, valid_request(case_description=HUGE))
    submit_consent(client, valid_consent(other_parties=HUGE, original_case_reference=HUGE))
    assert max(scanned, default=0) <= 4000
    assert count(app, SamradRequest) == 0 and count(app, ConsentRecord) == 0


def test_h1_live_check_refuses_text_longer_than_the_longest_field_without_scanning(client, scanned):
    token = csrf_token(client)
    response = client.post("/formular/granska", data={"csrf_token": token, "text": "x" * 4001})
    assert response.status_code == 400
    assert scanned == []


def test_h1_the_guards_total_work_per_request_is_capped_and_fails_closed(app):
    from forms_service.forms import NoteForm

    openings = ("Första", "Andra", "Tredje", "Fjärde", "Femte", "Sjätte")
    texts = [f"{opening} anteckningen. " + "Hon mår bättre. " * 120 for opening in openings]
    with app.test_request_context(method="POST"):
        results = []
        for text in texts:  # six 2 000-character fields in one request
            form = NoteForm(meta={"csrf": False}, data={"text": text[:2000]})
            results.append(guarded_forms.run_guard([form.text], set()))
    assert results[0].passed and results[1].passed
    refused = [r for r in results if not r.passed]
    assert refused, "beyond the budget nothing passes unchecked"
    kinds = {f.finding.kind for r in refused for _, f in r.blocking}
    assert kinds == {"unchecked"}


def test_h1_findings_shown_per_field_are_capped(app, client):
    numbers = ". ".join(f"Ring 070-{index:03d} 45 67" for index in range(120, 180))  # 60 findings
    response = continue_request(client, valid_request(case_description=numbers))
    page = response.get_data(as_text=True)
    assert len(re.findall(r'<li class="finding[ "]', page)) == guarded_forms.MAX_SHOWN_FINDINGS
    assert "och 40 uppgifter till" in page
    assert count(app, SamradRequest) == 0


def _forty_names() -> str:
    from importlib import resources

    data = resources.files("forms_service.deidentify").joinpath("data")
    listed = data.joinpath("first_names.txt").read_text("utf-8")
    names = [line.strip() for line in listed.splitlines() if line and not line.startswith("#")]
    return "Vi har pratat med " + ", ".join(names[:40]) + "."


def test_h1_hidden_confirmations_are_kept_so_a_long_list_can_be_worked_through(app):
    """With more warnings than are shown, the user confirms the shown ones and the next ones
    appear; confirmations not shown ride along as hidden fields."""
    from forms_service.forms import NoteForm

    with app.test_request_context(method="POST"):
        form = NoteForm(meta={"csrf": False}, data={"text": _forty_names()})
        first = guarded_forms.run_guard([form.text], set())
        shown = first.visible("text")
        assert len(shown) == guarded_forms.MAX_SHOWN_FINDINGS
        confirmed = {item.key for item in shown}
        second = guarded_forms.run_guard([form.text], confirmed)
        assert not any(item.key in confirmed for item in second.visible("text"))
        assert set(second.hidden_confirmations("text")) == confirmed


def test_h1_refused_submissions_count_toward_their_own_limit(make_app):
    app = make_app(REFUSED_SUBMIT_RATE_LIMIT="3/hour")
    client = app.test_client()
    for _ in range(3):
        assert send_request(client, valid_request(question=None)).status_code == 200
    response = send_request(client, valid_request(question=None))
    assert response.status_code == 429
    assert "För många försök" in response.get_data(as_text=True)
    other = app.test_client()
    for _ in range(3):
        assert submit_consent(other, valid_consent(method=None)).status_code == 200
    assert submit_consent(other, valid_consent(method=None)).status_code == 429


def test_h1_the_refused_limit_is_kept_per_client(make_app):
    app = make_app(REFUSED_SUBMIT_RATE_LIMIT="2/hour")
    noisy, quiet = app.test_client(), app.test_client()
    noisy.environ_base["REMOTE_ADDR"] = "192.0.2.1"
    quiet.environ_base["REMOTE_ADDR"] = "192.0.2.2"
    for _ in range(3):
        send_request(noisy, valid_request(question=None))
    assert "Förfrågan är skickad" in send_request(quiet, valid_request()).get_data(as_text=True)
