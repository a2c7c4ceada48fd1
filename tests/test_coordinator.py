"""The coordinator workspace: login security, the queue, requests, meetings, audit and retention."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pyotp
import pytest
from coordhelpers import PASSWORD, create_account, csrf_for, enrol, login, start_clock
from formhelpers import (
    count,
    make_request,
    send_request,
    status_link,
    submit_consent,
    valid_consent,
    valid_request,
)
from sqlalchemy import select

from forms_service import workflow
from forms_service.db import get_session
from forms_service.models import (
    AgendaItem,
    AuditEvent,
    ConsentRecord,
    Coordinator,
    Meeting,
    RequestEvent,
    SamradRequest,
)
from forms_service.services import submissions


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


@pytest.fixture
def account(app, clock):
    return enrol(app, app.test_client(), clock)


@pytest.fixture
def coordinator(app, account, clock):
    """A client with a full coordinator login (password and code)."""
    client = app.test_client()
    response = login(client, account, clock)
    assert response.status_code == 303
    return client


def audit_events(app, event_type=None):
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if event_type:
            query = query.where(AuditEvent.event_type == event_type)
        return list(get_session().scalars(query))


def request_row(app, reference):
    with app.app_context():
        return get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )


# --- Accounts and enrolment --------------------------------------------------------------------


def test_cli_creates_an_account_with_a_one_time_enrolment_link(app, clock):
    link = create_account(app, "Kim.S")
    assert link.startswith("/samordnare/aktivera/")
    listing = app.test_cli_runner().invoke(args=["coordinator", "list"]).output
    assert "kim.s\tväntar på aktivering" in listing
    assert [e.event_type for e in audit_events(app)] == ["account_created"]
    duplicate = app.test_cli_runner().invoke(args=["coordinator", "add", "kim.s"])
    assert duplicate.exit_code != 0


def test_enrolment_shows_a_qr_code_drawn_here_and_the_secret_as_text(app, client, clock):
    page = client.get(create_account(app)).get_data(as_text=True)
    assert "<svg" in page and "QR-kod" in page
    shown = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert all(len(group) == 4 for group in shown.split()), "the key is shown in groups of 4"
    secret = shown.replace(" ", "")
    assert len(secret) >= 16
    # A password manager learns which account the new password belongs to.
    assert re.search(r'<input type="text" name="username" value="samordnare1"[^>]*hidden>', page)
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "minst 12 tecken"),
        ("lösenord1234", "för vanligt"),
        ("samordnare1-hemligt", "användarnamnet"),
        ("aaaaaaaaaaaaaaaa", "för få olika tecken"),
    ],
)
def test_enrolment_refuses_weak_passwords(app, client, clock, password, message):
    link = create_account(app)
    page = client.get(link).get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    response = client.post(
        link,
        data={
            "csrf_token": csrf_for(client, link),
            "new_password": password,
            "new_password_again": password,
            "code": pyotp.TOTP(secret).at(clock.current),
        },
    )
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().scalar(select(Coordinator)).password_hash is None


def test_enrolment_link_works_once_and_stores_an_argon2id_hash(app, clock):
    client = app.test_client()
    enrol(app, client, clock)
    with app.app_context():
        account = get_session().scalar(select(Coordinator))
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
        assert account.enrolment_token_hash is None


# --- Login ---------------------------------------------------------------------------------------


def test_full_login_reaches_the_queue_and_is_audited(app, coordinator):
    assert coordinator.get("/samordnare/").status_code == 200
    assert [e.actor for e in audit_events(app, "login_ok")] == ["samordnare1"]


def _password_step(client, username, password):
    return client.post(
        "/samordnare/logga-in",
        data={
            "csrf_token": csrf_for(client, "/samordnare/logga-in"),
            "username": username,
            "password": password,
        },
    )


def test_wrong_password_and_unknown_user_give_the_same_generic_message(app, account, clock):
    client = app.test_client()
    wrong = _password_step(client, account.username, "fel lösenord helt").get_data(as_text=True)
    unknown = _password_step(client, "finnsinte", "fel lösenord helt").get_data(as_text=True)
    message = "Inloggningen misslyckades. Kontrollera användarnamn, lösenord och kod."
    assert message in wrong and message in unknown


def test_l6_failed_logins_for_unknown_usernames_reach_the_audit_trail(app, account, clock):
    client = app.test_client()
    for _ in range(3):
        _password_step(client, "finnsinte", "fel lösenord helt")
    failed = audit_events(app, "login_failed")
    assert [(e.actor, e.detail) for e in failed] == [(None, "okänt konto")] * 3


def test_password_alone_does_not_give_access(app, account, clock):
    client = app.test_client()
    assert _password_step(client, account.username, account.password).status_code == 303
    assert client.get("/samordnare/").status_code == 303


def test_wrong_code_is_refused_with_the_generic_message(app, account, clock):
    client = app.test_client()
    _password_step(client, account.username, account.password)
    response = client.post(
        "/samordnare/kod",
        data={"csrf_token": csrf_for(client, "/samordnare/kod"), "code": "000000"},
    )
    assert "Inloggningen misslyckades" in response.get_data(as_text=True)
    assert client.get("/samordnare/").status_code == 303


def test_a_used_code_cannot_be_used_again(app, account, clock):
    first = app.test_client()
    code = account.code(clock.current)
    _password_step(first, account.username, account.password)
    assert (
        first.post(
            "/samordnare/kod", data={"csrf_token": csrf_for(first, "/samordnare/kod"), "code": code}
        ).status_code
        == 303
    )
    second = app.test_client()
    _password_step(second, account.username, account.password)
    response = second.post(
        "/samordnare/kod", data={"csrf_token": csrf_for(second, "/samordnare/kod"), "code": code}
    )
    # Refused, and told why (ux-review §5: "vänta på nästa kod"), without counting a failure.
    assert "Vänta tills appen visar nästa kod" in response.get_data(as_text=True)
    assert second.get("/samordnare/").status_code == 303
    with app.app_context():
        assert get_session().scalar(select(Coordinator)).code_failures == 0


def test_failures_on_one_account_never_slow_another(app, account, clock):
    other_client = app.test_client()
    other = enrol(app, other_client, clock, username="samordnare2")
    attacker = app.test_client()
    for _ in range(5):
        _password_step(attacker, account.username, "fel lösenord igen")
    assert login(app.test_client(), other, clock).status_code == 303


def test_login_attempts_are_rate_limited_per_client(make_app, clock):
    app = make_app(LOGIN_RATE_LIMIT="3/15minutes")
    client = app.test_client()
    for _ in range(3):
        _password_step(client, "vem", "fel lösenord helt")
    assert _password_step(client, "vem", "fel lösenord helt").status_code == 429


def test_login_gives_a_new_session_id(app, account, clock):
    client = app.test_client()
    client.get("/samordnare/logga-in")
    before = client.get_cookie("norrsken_session").value
    login(client, account, clock)
    after = client.get_cookie("norrsken_session").value
    assert before != after


def test_idle_timeout_ends_the_session(app, coordinator, clock):
    clock.advance(minutes=29)
    assert coordinator.get("/samordnare/").status_code == 200
    clock.advance(minutes=31)
    response = coordinator.get("/samordnare/")
    assert response.status_code == 303 and "/samordnare/logga-in" in response.headers["Location"]


def test_session_activity_is_written_at_most_once_a_minute(app, coordinator, clock):
    from forms_service.models import CoordinatorSession

    def last_seen():
        with app.app_context():
            return get_session().scalar(select(CoordinatorSession.last_seen_at))

    clock.advance(seconds=30)  # login was 61 s ago (coordhelpers advance past the code step)
    assert coordinator.get("/samordnare/").status_code == 200
    seen = last_seen()
    assert seen == clock.current, "more than a minute since login: activity recorded"
    clock.advance(seconds=50)
    assert coordinator.get("/samordnare/").status_code == 200
    assert last_seen() == seen, "within the minute: nothing written"
    clock.advance(seconds=15)
    assert coordinator.get("/samordnare/").status_code == 200
    assert last_seen() == clock.current


def test_absolute_lifetime_ends_even_an_active_session(app, coordinator, clock):
    for _ in range(29):  # active every 20 minutes for 9 h 40 min
        clock.advance(minutes=20)
        assert coordinator.get("/samordnare/").status_code == 200
    clock.advance(minutes=25)
    assert coordinator.get("/samordnare/").status_code == 303


def test_logout_ends_the_session_even_for_a_copied_cookie(app, coordinator, clock):
    cookie = coordinator.get_cookie("norrsken_session").value
    response = coordinator.post(
        "/samordnare/logga-ut", data={"csrf_token": csrf_for(coordinator, "/samordnare/")}
    )
    assert "Du är utloggad" in response.get_data(as_text=True)
    thief = app.test_client()
    thief.set_cookie("norrsken_session", cookie)
    assert thief.get("/samordnare/").status_code == 303
    assert [e.event_type for e in audit_events(app, "logout")] == ["logout"]


def test_password_change_ends_all_other_sessions(app, account, clock):
    first, second = app.test_client(), app.test_client()
    login(first, account, clock)
    login(second, account, clock)
    new_password = "Ett helt annat långt lösenord"
    response = first.post(
        "/samordnare/konto",
        data={
            "csrf_token": csrf_for(first, "/samordnare/konto"),
            "current_password": account.password,
            "new_password": new_password,
            "new_password_again": new_password,
        },
    )
    assert "Lösenordet är bytt" in response.get_data(as_text=True)
    assert first.get("/samordnare/").status_code == 200
    assert second.get("/samordnare/").status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/samordnare/",
        "/\\evil.example",
        "/formular/samrad",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_our_coordinator_pages(app, account, clock, target):
    response = login(app.test_client(), account, clock, next_page=target)
    assert response.headers["Location"] == "/samordnare/"


def test_next_to_our_own_page_is_followed(app, account, clock):
    response = login(app.test_client(), account, clock, next_page="/samordnare/logg")
    assert response.headers["Location"] == "/samordnare/logg"


# --- Every route needs a full login -------------------------------------------------------------

OPEN = {"coordinator.login", "coordinator.code", "coordinator.enrol"}


def _coordinator_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/samordnare") and rule.endpoint not in OPEN:
            path = re.sub(r"<int:[^>]+>", "1", rule.rule)
            path = re.sub(r"<[^>]+>", "F-AB23-CD45", path)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def test_route_walk_anonymous_and_password_only_never_reach_a_page(app, account, clock):
    routes = list(_coordinator_routes(app))
    assert len(routes) >= 15
    anonymous = app.test_client()
    password_only = app.test_client()
    assert _password_step(password_only, account.username, account.password).status_code == 303
    app.config["WTF_CSRF_ENABLED"] = False  # so a POST is judged on login alone
    for client in (anonymous, password_only):
        for method, path in routes:
            response = client.open(path, method=method)
            assert response.status_code == 303, (method, path)
            assert "/samordnare/logga-in" in response.headers["Location"], (method, path)


def test_route_walk_full_login_reaches_every_route(app, coordinator):
    app.config["WTF_CSRF_ENABLED"] = False
    routes = sorted(_coordinator_routes(app), key=lambda route: route[1] == "/samordnare/logga-ut")
    assert routes[-1] == ("POST", "/samordnare/logga-ut"), "logout is walked last"
    for method, path in routes:
        response = coordinator.open(path, method=method)
        location = response.headers.get("Location", "")
        assert "/samordnare/logga-in" not in location, (method, path)
        assert response.status_code < 500, (method, path)


# --- The queue -----------------------------------------------------------------------------------


def _backdate(app, reference, days):
    with app.app_context():
        row = get_session().scalar(
            select(SamradRequest).where(SamradRequest.reference == reference)
        )
        row.created_at = row.created_at - timedelta(days=days)
        get_session().commit()


def test_queue_shows_acute_first_then_oldest_with_counts_and_new_marker(app, coordinator, clock):
    old = make_request(app)
    _backdate(app, old, 2)
    newer = make_request(app)
    _backdate(app, newer, 1)
    acute = make_request(app, kind="akut", acute_reason="Hot om våld i kväll.")
    finished = make_request(app)
    with app.app_context():
        row = get_session().scalar(select(SamradRequest).where(SamradRequest.reference == finished))
        workflow.change_status(row, "avbojd", actor="t", comment="x")
        get_session().commit()
    page = coordinator.get("/samordnare/").get_data(as_text=True)
    order = [m for m in re.findall(r">(F-[A-Z0-9-]+)</a>", page)]
    assert order == [acute, old, newer]
    assert "Ny: <strong>3</strong>" in page and "Avböjd: <strong>1</strong>" in page
    assert page.count('tag tag--new">Ny<') == 3
    assert "2 dagar" in page


def test_queue_filters(app, coordinator, clock):
    for _ in range(3):
        make_request(app, municipality="are")
    make_request(app, municipality="berg", basis="avidentifierat", kind="konsulterande")
    page = coordinator.get("/samordnare/?municipality=berg").get_data(as_text=True)
    assert page.count(">F-") == 1
    page = coordinator.get("/samordnare/?kind=konsulterande&municipality=are").get_data(
        as_text=True
    )
    assert "Inga förfrågningar." in page


def _queue_page(coordinator, url: str) -> tuple[list[str], str | None, str | None, str]:
    """(references on the page, next link, previous link, page text)."""
    page = coordinator.get(url).get_data(as_text=True)
    links = {
        rel: unescape(href)
        for href, rel in re.findall(r'<a href="([^"]+)" rel="(next|prev)"', page)
    }
    return re.findall(r">(F-[A-Z0-9-]+)</a>", page), links.get("next"), links.get("prev"), page


def test_queue_pages_are_keyset_pages_that_keep_the_filters(app, coordinator, clock):
    """Acute first, then oldest; each page continues exactly where the last ended, across the
    acute/non-acute boundary, forwards and backwards, with the filter kept in every link."""
    app.config["QUEUE_PAGE_SIZE"] = 2
    expected = []
    for days, kind in ((9, "akut"), (8, "akut"), (7, None), (6, None), (5, None), (4, None)):
        extra = {"kind": "akut", "acute_reason": "Hot."} if kind else {}
        reference = make_request(app, municipality="krokom", **extra)
        _backdate(app, reference, days)
        expected.append(reference)
    make_request(app, municipality="berg")  # filtered out on every page

    pages, url = [], "/samordnare/?municipality=krokom"
    while url:
        references, url, previous, text = _queue_page(coordinator, url)
        pages.append(references)
        assert url is None or "municipality=krokom" in url
        assert previous is None or "municipality=krokom" in previous
    assert pages == [expected[0:2], expected[2:4], expected[4:6]]
    assert "Sida 3 av 3" in text

    backwards, url = [], previous
    while url:
        references, _next, url, text = _queue_page(coordinator, url)
        backwards.append(references)
    assert backwards == [expected[2:4], expected[0:2]]
    assert "Sida 1 av 3" in text

    # A cursor that is not a request, or too big for the column, gives the first page.
    for cursor in ("efter=99999", "fore=abc", f"efter={2**70}"):
        assert _queue_page(coordinator, f"/samordnare/?{cursor}")[0][:2] == expected[0:2]


def test_queue_date_filter_uses_swedish_days(app, coordinator, clock):
    make_request(app)
    day = clock.current.date().isoformat()
    assert (
        coordinator.get(f"/samordnare/?received_from={day}&received_to={day}")
        .get_data(as_text=True)
        .count(">F-")
        == 1
    )
    assert "Inga förfrågningar." in coordinator.get(
        "/samordnare/?received_from=2030-01-01"
    ).get_data(as_text=True)


# --- One request ---------------------------------------------------------------------------------


def test_request_page_shows_every_field_and_writes_nothing(app, coordinator):
    reference = make_request(app, kind="akut", acute_reason="Hot om våld i kväll.")
    page = coordinator.get(f"/samordnare/forfragan/{reference}").get_data(as_text=True)
    for expected in (
        "Krokoms kommun",
        "Akut",
        "Hot om våld i kväll.",
        "Kvinna i 40-årsåldern",
        "Hur kan vi samordna skydd",
        "Kim Handläggare",
        "0640-161 00",
        "Psykiskt våld",
        "Polisen, Polisområde Jämtland",
        "FREDA",
    ):
        assert expected in page, expected
    assert audit_events(app, "request_viewed") == [], "reading is not audited (a GET never writes)"
    assert request_row(app, reference).updated_at == request_row(app, reference).created_at


def _change(coordinator, reference, **data):
    path = f"/samordnare/forfragan/{reference}"
    return coordinator.post(
        f"{path}/status", data={"csrf_token": csrf_for(coordinator, path), **data}
    )


def test_valid_status_changes_are_kept_as_events(app, coordinator):
    reference = make_request(app)
    assert _change(coordinator, reference, status="under_bedomning").status_code == 303
    assert (
        _change(
            coordinator, reference, status="komplettering", comment="Beskriv risken närmare."
        ).status_code
        == 303
    )
    row = request_row(app, reference)
    assert row.status == "komplettering"
    with app.app_context():
        events = get_session().scalars(select(RequestEvent).order_by(RequestEvent.id)).all()
        assert [(e.kind, e.from_status, e.to_status, e.actor) for e in events] == [
            ("status", "ny", "under_bedomning", "samordnare1"),
            ("status", "under_bedomning", "komplettering", "samordnare1"),
            ("message", None, None, "samordnare1"),
        ]
    changes = audit_events(app, "status_changed")
    assert [e.detail for e in changes] == [
        "ny → under_bedomning",
        "under_bedomning → komplettering",
    ]


def test_completion_message_is_shown_on_the_submitters_status_page(app, coordinator):
    submitter = app.test_client()
    page = send_request(submitter, valid_request()).get_data(as_text=True)
    link = status_link(page)
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    _change(coordinator, reference, status="under_bedomning")
    _change(coordinator, reference, status="komplettering", comment="Beskriv risken närmare.")
    status = submitter.get(link).get_data(as_text=True)
    assert "Behöver komplettering" in status and "Beskriv risken närmare." in status


@pytest.mark.parametrize("target", ["genomford", "avslutad", "komplettering", "planerad", "ny"])
def test_invalid_transitions_are_refused(app, coordinator, target):
    reference = make_request(app)
    response = _change(coordinator, reference, status=target, comment="x")
    assert response.status_code == 200
    assert request_row(app, reference).status == "ny"


def test_declining_needs_a_reason(app, coordinator):
    reference = make_request(app)
    page = _change(coordinator, reference, status="avbojd").get_data(as_text=True)
    assert "Välj varför förfrågan avböjs." in page
    assert request_row(app, reference).status == "ny"
    _change(
        coordinator,
        reference,
        status="avbojd",
        decline_reason="malgrupp",
        comment="Utanför målgruppen.",
    )
    row = request_row(app, reference)
    assert (row.status, row.decline_reason) == ("avbojd", "malgrupp")
    assert row.ended_at is not None


def test_withdrawn_request_is_shown_as_withdrawn_to_the_coordinator(app, coordinator):
    submitter = app.test_client()
    page = send_request(submitter, valid_request()).get_data(as_text=True)
    link = status_link(page)
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', submitter.get(link).get_data(as_text=True)
    ).group(1)
    submitter.post(link, data={"csrf_token": token, "steg": "aterkalla"})
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    queue = coordinator.get("/samordnare/?status=aterkallad").get_data(as_text=True)
    assert reference in queue
    assert "Återkallad" in coordinator.get(f"/samordnare/forfragan/{reference}").get_data(
        as_text=True
    )


@pytest.mark.parametrize(("kind", "field"), [("anteckning", "note-text"), ("status", "comment")])
def test_notes_and_messages_go_through_the_guard(app, coordinator, kind, field):
    reference = make_request(app)
    path = f"/samordnare/forfragan/{reference}"
    response = coordinator.post(
        f"{path}/{kind}",
        data={"csrf_token": csrf_for(coordinator, path), field: "Ring henne på 070-123 45 67."},
    )
    page = response.get_data(as_text=True)
    assert "<mark>070-123 45 67</mark>" in page
    with app.app_context():
        assert get_session().scalars(select(RequestEvent)).all() == []
    ok = coordinator.post(
        f"{path}/{kind}",
        data={"csrf_token": csrf_for(coordinator, path), field: "Avvaktar polisens bedömning."},
    )
    assert ok.status_code == 303


def test_consent_warnings_for_withdrawn_expired_and_not_covering(app, coordinator, clock):
    client = app.test_client()
    page = submit_consent(client, valid_consent(parties=["region", "krokom", "polisen"])).get_data(
        as_text=True
    )
    consent_ref = re.search(r'class="reference">([^<]+)<', page).group(1)
    with app.app_context():
        consent = submissions.find_consent_by_reference(consent_ref)
        consent_id = consent.id
    with app.app_context():
        consent = get_session().get(ConsentRecord, consent_id)
        reference = make_request(
            app, basis="samtycke", consent=consent, parties_requested=["polisen"]
        )
    path = f"/samordnare/forfragan/{reference}"
    assert "Varning om samtycket" not in coordinator.get(path).get_data(as_text=True)

    meeting_id = _plan(
        app, coordinator, reference, invited=["polisen", "krokom", "ostersund"], confirm=True
    )
    page = coordinator.get(path).get_data(as_text=True)
    assert "Samtycket omfattar inte alla inbjudna parter: Östersunds kommun." in page
    assert "Varning om samtycket" in coordinator.get(f"/samordnare/moten/{meeting_id}").get_data(
        as_text=True
    )

    with app.app_context():
        submissions.withdraw_consent(get_session().get(ConsentRecord, consent_id))
    assert f"Samtycket {consent_ref} är återkallat." in coordinator.get(path).get_data(as_text=True)

    with app.app_context():
        consent = get_session().get(ConsentRecord, consent_id)
        consent.withdrawn_at = None
        consent.valid_until = clock.current.date() - timedelta(days=1)
        get_session().commit()
    assert "gick ut" in coordinator.get(path).get_data(as_text=True)


# --- Meetings and agendas -------------------------------------------------------------------------


def _create_weekly_meetings(coordinator):
    path = "/samordnare/moten"
    return coordinator.post(
        f"{path}/skapa-kommande", data={"csrf_token": csrf_for(coordinator, path)}
    )


def _upcoming_meeting_id(app, coordinator) -> int:
    _create_weekly_meetings(coordinator)
    page = coordinator.get("/samordnare/moten").get_data(as_text=True)
    return int(re.search(r'href="/samordnare/moten/(\d+)"', page).group(1))


def _plan(app, coordinator, reference, invited=None, meeting_id=None, confirm=False) -> int:
    path = f"/samordnare/forfragan/{reference}"
    if request_row(app, reference).status == "ny":
        _change(coordinator, reference, status="under_bedomning")
    meeting_id = meeting_id or _upcoming_meeting_id(app, coordinator)
    data = {"csrf_token": csrf_for(coordinator, path), "meeting": str(meeting_id)}
    if confirm:  # parties outside the consent are invited knowingly
        data["outside_consent"] = "y"
    if invited is not None:
        data["invited_parties"] = invited
    else:
        page = coordinator.get(path).get_data(as_text=True)
        data["invited_parties"] = re.findall(
            r'name="invited_parties" value="([a-z_]+)"\s+checked', page
        )
    response = coordinator.post(f"{path}/planera", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return meeting_id


def test_weekly_meetings_are_offered_at_the_configured_slot(app, coordinator, clock):
    assert "Inga kommande samråd" in coordinator.get("/samordnare/moten").get_data(as_text=True)
    response = _create_weekly_meetings(coordinator)
    assert response.status_code == 303
    page = coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert "6 ordinarie samråd skapades." in page
    # The clock is Monday 23 November 2026, 09.00 local; the default slot is Wednesday 09.00.
    assert "25 november 2026 kl. 09.00" in page
    assert "2 december 2026 kl. 09.00" in page
    assert page.count("Ordinarie") >= 6


def test_weekly_meetings_are_created_once_whoever_asks_and_acute_ones_may_share_the_minute(
    app, coordinator, clock
):
    from sqlalchemy.exc import IntegrityError

    from forms_service.services import meetings

    with app.app_context():
        assert meetings.create_weekly_meetings(6) == 6
        assert meetings.create_weekly_meetings(6) == 0, "idempotent"
        assert meetings.create_weekly_meetings(8) == 2, "only the missing weeks"
        first = get_session().scalar(select(Meeting).order_by(Meeting.starts_at))
        get_session().add(Meeting(starts_at=first.starts_at, place="Annan", is_acute=True))
        get_session().commit()  # an acute samråd at the weekly minute is allowed
        get_session().add(Meeting(starts_at=first.starts_at, place="Östersund"))
        with pytest.raises(IntegrityError):  # a second weekly one is not
            get_session().commit()
        get_session().rollback()
        assert meetings.create_weekly_meetings(8) == 0
    assert _create_weekly_meetings(coordinator).headers["Location"].endswith("skapade=0")
    created = [e for e in audit_events(app, "meeting_changed") if "ordinarie" in e.detail]
    assert [(e.actor, e.detail) for e in created] == [
        (None, "6 ordinarie samråd skapade"),
        (None, "2 ordinarie samråd skapade"),
    ]


def test_planning_defaults_to_requested_parties_plus_home_municipality(app, coordinator):
    reference = make_request(app, municipality="are", parties_requested=["polisen"])
    meeting_id = _plan(app, coordinator, reference)
    with app.app_context():
        item = get_session().scalar(select(AgendaItem))
        assert item.invited_parties == ["polisen", "are"]
        assert item.meeting_id == meeting_id
    assert request_row(app, reference).status == "planerad"


def test_meeting_time_is_shown_on_the_submitters_status_page(app, coordinator):
    submitter = app.test_client()
    page = send_request(submitter, valid_request()).get_data(as_text=True)
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    _plan(app, coordinator, reference)
    status = submitter.get(status_link(page)).get_data(as_text=True)
    assert "Planerad" in status and "25 november 2026 kl. 09.00, Östersund" in status


def test_agenda_orders_cases_with_time_slots_and_prints_no_more_than_the_requests(app, coordinator):
    first = make_request(app)
    second = make_request(app, municipality="berg")
    meeting_id = _plan(app, coordinator, first)
    _plan(app, coordinator, second, meeting_id=meeting_id)
    page = coordinator.get(f"/samordnare/moten/{meeting_id}").get_data(as_text=True)
    assert page.index(first) < page.index(second)
    assert "kl. 09.00–09.20" in page and "kl. 09.20–09.40" in page

    with app.app_context():
        second_item = get_session().scalars(select(AgendaItem).order_by(AgendaItem.id)).all()[1]
    coordinator.post(
        f"/samordnare/moten/{meeting_id}/punkt/{second_item.id}",
        data={
            "csrf_token": csrf_for(coordinator, f"/samordnare/moten/{meeting_id}"),
            "atgard": "upp",
        },
    )
    page = coordinator.get(f"/samordnare/moten/{meeting_id}").get_data(as_text=True)
    assert page.index(second) < page.index(first)

    path = f"/samordnare/forfragan/{first}"
    coordinator.post(
        f"{path}/anteckning",
        data={"csrf_token": csrf_for(coordinator, path), "note-text": "Intern: avvakta polisen."},
    )
    meeting_path = f"/samordnare/moten/{meeting_id}"
    printed = coordinator.post(
        f"{meeting_path}/dagordning", data={"csrf_token": csrf_for(coordinator, meeting_path)}
    )
    text = printed.get_data(as_text=True)
    assert "Dagordning" in text and "Kvinna i 40-årsåldern" in text
    exports = audit_events(app, "export")
    assert [(e.object_type, e.object_ref) for e in exports] == [("samråd", str(meeting_id))]
    assert "0640-161 00" not in text and "handlaggare@krokom" not in text
    assert "Intern: avvakta polisen." not in text
    assert "@media print" in coordinator.get("/static/css/service.css").get_data(as_text=True)


def test_marking_a_meeting_held_moves_its_cases_to_genomford_and_allows_follow_up(
    app, coordinator, account, clock
):
    reference = make_request(app)
    meeting_id = _plan(app, coordinator, reference)
    path = f"/samordnare/moten/{meeting_id}"
    clock.advance(days=2, hours=1)  # Wednesday 10.00: the samråd has started
    login(coordinator, account, clock)
    coordinator.post(f"{path}/genomfort", data={"csrf_token": csrf_for(coordinator, path)})
    assert request_row(app, reference).status == "genomford"
    with app.app_context():
        assert get_session().get(Meeting, meeting_id).held_at is not None
    next_meeting = _upcoming_meeting_id(app, coordinator)
    assert next_meeting != meeting_id
    _plan(app, coordinator, reference, meeting_id=next_meeting)
    with app.app_context():
        items = get_session().scalars(select(AgendaItem).order_by(AgendaItem.id)).all()
        assert [i.is_follow_up for i in items] == [False, True]
    assert request_row(app, reference).status == "planerad"


def test_removing_a_case_from_the_agenda_returns_it_to_assessment(app, coordinator):
    reference = make_request(app)
    meeting_id = _plan(app, coordinator, reference)
    with app.app_context():
        item_id = get_session().scalar(select(AgendaItem.id))
    path = f"/samordnare/moten/{meeting_id}"
    coordinator.post(
        f"{path}/punkt/{item_id}",
        data={"csrf_token": csrf_for(coordinator, path), "atgard": "ta_bort"},
    )
    assert request_row(app, reference).status == "under_bedomning"
    assert count(app, AgendaItem) == 0


def test_saving_an_agenda_item_with_no_parties_shows_the_error_at_the_field(app, coordinator):
    """Code review, finding 5: this used to re-render fresh forms, silently saving nothing."""
    reference = make_request(app)
    meeting_id = _plan(app, coordinator, reference)
    with app.app_context():
        item = get_session().scalar(select(AgendaItem))
        item_id, invited = item.id, item.invited_parties
    path = f"/samordnare/moten/{meeting_id}"
    response = coordinator.post(
        f"{path}/punkt/{item_id}",
        data={"csrf_token": csrf_for(coordinator, path), "atgard": "spara"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Det finns problem som du behöver rätta" in page
    assert f'href="#item{item_id}-invited_parties"' in page
    assert f'id="item{item_id}-invited_parties-error"' in page and "Välj minst en part." in page
    with app.app_context():
        assert get_session().get(AgendaItem, item_id).invited_parties == invited


def test_acute_meeting_can_be_created_for_any_time(app, coordinator):
    response = coordinator.post(
        "/samordnare/moten",
        data={
            "csrf_token": csrf_for(coordinator, "/samordnare/moten"),
            "day": "2026-11-24",
            "start_time": "16:30",
            "place": "Östersund, polishuset",
        },
    )
    assert response.status_code == 303
    page = coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert "24 november 2026 kl. 16.30" in page and "Akut samråd" in page


def test_meeting_notes_go_through_the_guard(app, coordinator):
    meeting_id = _upcoming_meeting_id(app, coordinator)
    path = f"/samordnare/moten/{meeting_id}"
    page = coordinator.post(
        f"{path}/anteckningar",
        data={
            "csrf_token": csrf_for(coordinator, path),
            "notes-text": "Kvinnan, 850101-1236, deltog.",
        },
    ).get_data(as_text=True)
    assert "<mark>850101-1236</mark>" in page
    with app.app_context():
        assert get_session().get(Meeting, meeting_id).notes is None


# --- Audit trail ----------------------------------------------------------------------


def test_audit_trail_covers_actions_and_never_holds_case_text(app, coordinator):
    reference = make_request(app)
    path = f"/samordnare/forfragan/{reference}"
    coordinator.get(path)
    _change(coordinator, reference, status="under_bedomning", comment="Hemlig kommentar här.")
    coordinator.post(
        f"{path}/anteckning",
        data={"csrf_token": csrf_for(coordinator, path), "note-text": "Hemlig anteckning här."},
    )
    _change(coordinator, reference, comment="Hemligt meddelande här.")
    _plan(app, coordinator, reference)
    types = {e.event_type for e in audit_events(app)}
    assert {
        "account_created",
        "account_enrolled",
        "login_ok",
        "status_changed",
        "note_added",
        "message_sent",
    } <= types
    for event in audit_events(app):
        joined = " ".join(str(x) for x in (event.actor, event.object_ref, event.detail))
        for secret in ("Hemlig", "Kvinna", "40-årsåldern", PASSWORD, "0640"):
            assert secret not in joined
    page = coordinator.get("/samordnare/logg?event_type=note_added").get_data(as_text=True)
    assert (
        '<td data-label="Händelse">Anteckning tillagd</td>' in page
        and '<td data-label="Händelse">Förfrågan visad</td>' not in page
    )


def test_audit_type_is_from_a_fixed_set(app):
    from forms_service import audit

    with app.app_context(), pytest.raises(ValueError):
        audit.record("vad_som_helst", actor="x")


# --- Notifications --------------------------------------------------------------------------------


def test_new_request_sends_a_notice_without_case_text(make_app, smtp_server):
    port, inbox = smtp_server
    app = make_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_STARTTLS=0,
        COORDINATOR_EMAIL="samordnare@example.se",
    )
    client = app.test_client()
    page = send_request(client, valid_request(kind="akut", acute_reason="Hot om våld i kväll."))
    reference = re.search(r'class="reference">([^<]+)<', page.get_data(as_text=True)).group(1)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    headers = message.split("\n\n", 1)[0]
    assert "Subject:" in headers and "AKUT" in headers
    assert reference in message
    assert f"/samordnare/forfragan/{reference}" in message
    for secret in ("Kvinna", "40-årsåldern", "Hot om våld", "Kim Handläggare", "0640-161"):
        assert secret not in message


def test_notice_is_off_by_default(app, monkeypatch):
    """Code review, section 2: the old test of this name never tested "off by default"."""
    import smtplib

    attempts = []
    monkeypatch.setattr(smtplib, "SMTP", lambda *args, **kwargs: attempts.append(args))
    client = app.test_client()
    assert "Förfrågan är skickad" in send_request(client, valid_request()).get_data(as_text=True)
    assert attempts == [], "no SMTP_HOST or COORDINATOR_EMAIL set: no connection is made"


def test_a_mail_failure_does_not_lose_the_request(make_app):
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=1, COORDINATOR_EMAIL="x@example.se")
    client = app.test_client()
    assert "Förfrågan är skickad" in send_request(client, valid_request()).get_data(as_text=True)
    assert count(app, SamradRequest) == 1


# --- Retention ----------------------------------------------------------------------


def test_retention_deletes_exactly_what_it_should_when_it_should(app, coordinator, account, clock):
    ended = make_request(app, kind="akut", acute_reason="Hot i kväll.")
    open_request = make_request(app)
    _change(coordinator, ended, status="avbojd", decline_reason="malgrupp", comment="Ej målgrupp.")
    runner = app.test_cli_runner()

    clock.advance(days=89)
    assert "Gallrat: 0 förfrågningar" in runner.invoke(args=["purge"]).output
    assert request_row(app, ended).case_description is not None

    clock.advance(days=2)
    assert "Gallrat: 1 förfrågningar" in runner.invoke(args=["purge"]).output
    purged = request_row(app, ended)
    assert purged.purged_at is not None
    for field in (
        "case_description",
        "question",
        "acute_reason",
        "submitter_name",
        "submitter_phone",
        "submitter_email",
        "submitter_unit",
    ):
        assert getattr(purged, field) is None, field
    assert (purged.municipality, purged.kind, purged.basis, purged.status) == (
        "krokom",
        "akut",
        "avidentifierat",
        "avbojd",
    )
    assert purged.violence_forms == ["psykiskt", "fysiskt"]
    with app.app_context():
        texts = [e.text for e in get_session().scalars(select(RequestEvent))]
        assert texts and all(t is None for t in texts)
    assert request_row(app, open_request).case_description is not None
    assert [e.event_type for e in audit_events(app, "deletion")] == ["deletion"]
    fresh = app.test_client()  # the first session has long since timed out
    login(fresh, account, clock)
    page = fresh.get(f"/samordnare/forfragan/{ended}").get_data(as_text=True)
    assert "gallrade" in page


def test_retention_of_consent_records(app, clock):
    client = app.test_client()
    submit_consent(client, valid_consent())
    with app.app_context():
        consent = get_session().scalar(select(ConsentRecord))
        submissions.withdraw_consent(consent)
    clock.advance(days=91)
    app.test_cli_runner().invoke(args=["purge"])
    with app.app_context():
        consent = get_session().scalar(select(ConsentRecord))
        assert consent.purged_at is not None and consent.original_case_reference is None
        assert consent.parties == ["polisen", "region", "krokom"]


def test_audit_events_outlive_case_text_but_not_their_own_period(app, coordinator, clock):
    clock.advance(days=400)
    app.test_cli_runner().invoke(args=["purge"])
    assert audit_events(app, "login_ok")
    clock.advance(days=400)
    app.test_cli_runner().invoke(args=["purge"])
    assert not audit_events(app, "login_ok")


# --- Encryption keys and migrations ---------------------------------------------------------------


def test_key_rotation_keeps_data_readable_with_only_the_new_key(make_app, tmp_path):
    from cryptography.fernet import Fernet

    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app = make_app(DATA_ENCRYPTION_KEYS=old_key)
    reference = make_request(app)
    app.config["DATA_ENCRYPTION_KEYS"] = f"{new_key},{old_key}"
    from forms_service import encryption

    encryption.init_app(app)
    result = app.test_cli_runner().invoke(args=["rotate-keys"])
    assert "omkrypterade" in result.output
    app.config["DATA_ENCRYPTION_KEYS"] = new_key
    encryption.init_app(app)
    assert request_row(app, reference).case_description.startswith("Kvinna i 40-årsåldern")


def test_upgrade_merges_twin_weekly_meetings_before_making_start_times_unique(new_database_url):
    """Weekly meetings used to be created while pages were shown, so two workers could create the
    same one twice; migration 0004 keeps one, with both agendas, before the unique index."""
    from cryptography.fernet import Fernet
    from sqlalchemy import create_engine, text

    from forms_service import db
    from forms_service.encryption import build_fernet

    engine = create_engine(new_database_url())
    db.upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO samrad_request (id, public_id, reference, token_nonce, "
                "submission_key, submitter_organisation, municipality, basis, kind, is_acute, "
                "purposes, violence_forms, contexts, children, police_report, risk_assessment, "
                "parties_requested, participation, declaration_version, warnings_confirmed, "
                "status, created_at, updated_at) VALUES (1, 'p', 'F-AB23-CD45', 'n', 'k', "
                "'krokom', 'krokom', 'avidentifierat', 'planerande', false, '[]', '[]', '[]', "
                "'ja', 'nej', 'ja', '[]', 'video', 'v1', 0, 'planerad', '2026-01-01 10:00:00', "
                "'2026-01-01 10:00:00')"
            )
        )
        for meeting_id, acute in ((1, False), (2, False), (3, True)):
            connection.execute(
                text(
                    "INSERT INTO meeting (id, starts_at, place, remote_options, is_acute, "
                    "created_at) VALUES (:id, '2026-01-07 08:00:00', 'Östersund', 'video', "
                    ":acute, '2026-01-01 10:00:00')"
                ),
                {"id": meeting_id, "acute": acute},
            )
        connection.execute(
            text(
                "INSERT INTO agenda_item (meeting_id, request_id, position, slot_minutes, "
                "invited_parties, is_follow_up) VALUES (2, 1, 0, 20, '[]', false)"
            )
        )
    # Migration 0007 encrypts the meetings' places, with the data key `flask db upgrade` gives.
    db.upgrade(engine, fernet=build_fernet(Fernet.generate_key().decode()))
    with engine.connect() as connection:
        meetings = connection.execute(text("SELECT id, is_acute FROM meeting ORDER BY id")).all()
        items = connection.execute(text("SELECT meeting_id FROM agenda_item")).all()
    assert meetings == [(1, False), (3, True)], "the twin is merged; the acute meeting stays"
    assert items == [(1,)], "its agenda moved to the meeting that was kept"


def test_models_and_migrations_agree(app):
    from alembic import command

    from forms_service.db import alembic_config

    command.check(alembic_config(app.extensions["engine"]))
