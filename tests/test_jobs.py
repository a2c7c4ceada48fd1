"""Scheduled jobs (forms_service/services/jobs.py and expiry.py): run by the timer or by hand,
once per period across app servers, never inside a web request."""

from __future__ import annotations

import pytest
from coordhelpers import create_account, start_clock
from formhelpers import make_request, send_request, status_link, valid_request
from sqlalchemy import select

from forms_service.db import get_session
from forms_service.models import Coordinator, Meeting, SamradRequest
from forms_service.services import jobs


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


def _cli(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _finished_request(app, clock, days_later: int = 91) -> str:
    """A declined request, and the clock moved on (text is due for deletion after 90 days)."""
    reference = make_request(app)
    with app.app_context():
        from forms_service import workflow

        record = get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )
        record.decline_reason = "malgrupp"
        workflow.change_status(record, "under_bedomning", actor="kim")
        workflow.change_status(record, "avbojd", actor="kim")
        get_session().commit()
    clock.advance(days=days_later)
    return reference


def _case_text(app, reference):
    with app.app_context():
        return get_session().scalar(
            select(SamradRequest.case_description).where(SamradRequest.reference == reference)
        )


def test_web_requests_no_longer_run_the_retention_purge(make_app, clock):
    app = make_app(TESTING=False)
    reference = _finished_request(app, clock)
    client = app.test_client()
    for path in ("/formular/samrad", "/healthz", "/samordnare/logga-in"):
        assert client.get(path).status_code == 200
    assert _case_text(app, reference) is not None, "a page view must not purge"
    assert "Gallrat: 1 förfrågningar" in _cli(app, "jobs", "purge")
    assert _case_text(app, reference) is None


def test_run_due_runs_each_job_once_per_day_and_status_shows_it(app, clock):
    output = _cli(app, "jobs", "run-due")
    assert "purge: Gallrat:" in output
    assert "meetings: Nya ordinarie samråd: 6." in output
    assert "expire-links: Avslutade länkar:" in output
    with app.app_context():
        assert len(get_session().scalars(select(Meeting)).all()) == 6

    again = _cli(app, "jobs", "run-due")
    assert again.count("inte dags än") == 3
    assert "senast 2026-11-23T08:00:00+00:00\tinte dags" in _cli(app, "jobs", "status")

    clock.advance(days=1)
    assert _cli(app, "jobs", "run-due").count("inte dags än") == 0


def test_a_job_run_by_hand_runs_even_when_not_due(app, clock):
    _cli(app, "jobs", "run-due")
    app.config["RETENTION_REQUEST_DAYS"] = 0
    reference = _finished_request(app, clock, days_later=0)
    assert "purge: inte dags än" in _cli(app, "jobs", "run-due")
    assert _case_text(app, reference) is not None
    assert "Gallrat: 1 förfrågningar" in _cli(app, "purge")  # an administrator can run it now
    assert _case_text(app, reference) is None


def test_a_second_run_skips_while_another_server_holds_the_job_lock(app, clock):
    reference = _finished_request(app, clock)
    engine = app.extensions["engine"]
    with jobs.job_lock(engine, "purge") as held:
        assert held
        with jobs.job_lock(engine, "purge") as second:
            assert second is False, "the lock is exclusive"
        busy = _cli(app, "jobs", "purge")
        assert "körs redan av en annan process; hoppar över" in busy
        assert _case_text(app, reference) is not None
        due = _cli(app, "jobs", "run-due")
        assert "purge: körs redan" in due and "meetings: Nya ordinarie samråd" in due
        with jobs.job_lock(engine, "meetings") as other_job:
            assert other_job, "each job has its own lock"
    assert "Gallrat: 1 förfrågningar" in _cli(app, "jobs", "purge")
    assert _case_text(app, reference) is None


def test_a_failing_job_does_not_stop_the_others_and_fails_the_run(app, clock, monkeypatch):
    def broken(_now):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setitem(jobs.JOBS, "purge", jobs.Job("purge", jobs.JOBS["purge"].every, broken, ""))
    result = app.test_cli_runner().invoke(args=["jobs", "run-due"])
    assert result.exit_code != 0
    assert "Misslyckades: purge" in result.output
    assert "meetings: Nya ordinarie samråd: 6." in result.output
    with app.app_context():
        assert jobs.last_run("purge") is None and jobs.last_run("meetings") is not None


# --- Expiry of links -------------------------------------------------------------------------


def test_expired_status_link_stays_dead_even_if_its_lifetime_is_raised_later(app, clock):
    client = app.test_client()
    old_link = status_link(send_request(client, valid_request()).get_data(as_text=True))
    clock.advance(days=181)
    new_link = status_link(
        send_request(client, valid_request(submission_key="b" * 32)).get_data(as_text=True)
    )
    assert "Länken har slutat gälla" in client.get(old_link).get_data(as_text=True)

    app.config["STATUS_TOKEN_MAX_AGE_DAYS"] = 1000
    assert client.get(old_link).status_code == 200, "without the job a raised limit revives it"
    app.config["STATUS_TOKEN_MAX_AGE_DAYS"] = 180

    assert "1 statuslänkar" in _cli(app, "jobs", "expire-links")
    app.config["STATUS_TOKEN_MAX_AGE_DAYS"] = 1000
    page = client.get(old_link)
    assert page.status_code == 404 and "Länken har slutat gälla" in page.get_data(as_text=True)
    assert client.get(new_link).status_code == 200, "a link within its lifetime still works"
    assert "0 statuslänkar" in _cli(app, "jobs", "expire-links"), "each record once"
    with app.app_context():
        rows = get_session().execute(select(SamradRequest.created_at, SamradRequest.updated_at))
        assert all(created == updated for created, updated in rows), "housekeeping is no change"


def test_expired_enrolment_link_is_removed_and_answers_like_an_unknown_link(app, clock):
    expired = create_account(app, "kim")
    clock.advance(hours=73)
    current = create_account(app, "alex")
    unknown = app.test_client().get("/samordnare/aktivera/" + "x" * 43)

    assert "1 aktiveringslänkar" in _cli(app, "jobs", "expire-links")
    with app.app_context():
        accounts = {a.username: a for a in get_session().scalars(select(Coordinator))}
        assert accounts["kim"].enrolment_token_hash is None
        assert accounts["kim"].enrolment_expires_at is None
        assert accounts["alex"].enrolment_token_hash is not None
    response = app.test_client().get(expired)
    assert response.status_code == unknown.status_code == 404
    assert response.get_data() == unknown.get_data()
    assert app.test_client().get(current).status_code == 200
    listing = _cli(app, "coordinator", "list")
    assert "kim\taktiveringslänken har gått ut" in listing
    assert "alex\tväntar på aktivering" in listing
