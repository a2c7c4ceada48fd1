"""Shared fixtures: a strictly built site, an app on a fresh migrated database, and a client.

The database is SQLite in a temporary folder by default; set TEST_DATABASE_URL to run the same
tests against PostgreSQL (the production-stack tests do).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from forms_service import create_app, db

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coordhelpers import enrol, login, start_clock

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The knowledge site built with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _database_url(tmp_path: Path) -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'test.db'}"
    # A fresh schema per test on PostgreSQL: create a database with a unique name.
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


def new_app(folder: Path, built_site: Path, migrate: bool = True, **overrides):
    """An app on its own freshly migrated database (unless `migrate` is False): SQLite in
    `folder`, or a new PostgreSQL database when TEST_DATABASE_URL is set."""
    config = {
        "TESTING": True,
        "DATABASE_URL": _database_url(folder),
        "SITE_DIR": str(built_site),
        "RATELIMIT_STORAGE_URI": os.environ.get("TEST_RATELIMIT_STORAGE_URI", "memory://"),
        # Own counters per app, so limits counted in a shared Redis never leak between tests.
        "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex,
        **overrides,
    }
    app = create_app(config, instance_path=str(folder / f"instance-{uuid.uuid4().hex[:8]}"))
    if migrate:
        db.upgrade(app.extensions["engine"])
    return app


# Tests that use these fixtures touch the database: they are marked `db`, and `make test` runs
# them all a second time on PostgreSQL (tests/services.py), with no list to keep up to date.
DATABASE_FIXTURES = {"make_app", "hostile_app", "live_app", "new_database_url"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


@pytest.fixture
def make_app(tmp_path, built_site):
    """Factory for apps with extra configuration; each gets its own migrated database."""
    created = []

    def factory(migrate: bool = True, **overrides):
        app = new_app(tmp_path, built_site, migrate=migrate, **overrides)
        created.append(app)
        return app

    yield factory
    for app in created:
        app.extensions["engine"].dispose()


@pytest.fixture
def new_database_url(tmp_path):
    """Factory: the URL of another new, empty database (SQLite file or PostgreSQL database)."""

    def factory() -> str:
        if os.environ.get("TEST_DATABASE_URL"):
            return _database_url(tmp_path)
        return f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:12]}.db'}"

    return factory


@pytest.fixture
def smtp_server():
    """A local SMTP server (aiosmtpd) on a free loopback port; yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope.content.decode("utf-8", "replace"))
            return "250 OK"

    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


# --- A live server and a real browser (headless Chromium from Debian, driven by Playwright) ------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, built_site):
    app = new_app(
        tmp_path_factory.mktemp("live"),
        built_site,
        SUBMIT_RATE_LIMIT="1000/hour",
        FORM_RATE_LIMIT="1000/hour",
        LOGIN_RATE_LIMIT="1000/hour",
        CHECK_RATE_LIMIT="1000/minute",
    )
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """The app on a free loopback port, in a thread; yields its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    # Links that leave the service are built from NORRSKEN_BASE_URL (security review I1).
    live_app.config["BASE_URL"] = base_url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: run scripts/install-system-packages.sh"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.csp_and_script_errors = problems
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    yield context.new_page()
    context.close()


# --- A coordinator logged in over HTTP (test modules may define their own) ---------------------


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
    assert login(client, account, clock).status_code == 303
    return client
