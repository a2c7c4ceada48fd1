"""No token, client address or limiter key in any log line, even when something fails (security
review M4 and L9): a 500 logs the route pattern and the exception type only, a Redis outage
neither breaks a page nor writes anything from the request, and limiter keys are never logged."""

from __future__ import annotations

import io
import logging
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from formhelpers import send_request, status_link, valid_request
from services import ROOT, free_port, gunicorn

TOKEN = "IjE4NDZkYWZjNmYxYjQ5YzQ5ZTk0MzNlMjBmNDRiYzNmIg.aQxQpw.a-w4afHoWlvuYXlWMfmNw3gB_5M"


@pytest.fixture
def all_log_output():
    """Everything any logger writes, formatted the way a log handler would write it (with
    tracebacks), from the root down."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet = [name for name, lg in logging.root.manager.loggerDict.items() if _silent(lg)]
    for name in quiet:  # loggers that do not propagate get the handler too
        logging.getLogger(name).addHandler(handler)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)
    for name in quiet:
        logging.getLogger(name).removeHandler(handler)


def _silent(logger) -> bool:
    return isinstance(logger, logging.Logger) and not logger.propagate


TOKEN_ROUTES = [
    ("/formular/status/<token>", "forms_service.services.submissions", "open_by_token"),
    ("/formular/samtycke/status/<token>", "forms_service.services.submissions", "open_by_token"),
    ("/samordnare/aktivera/<token>", "forms_service.services.accounts", "enrolment_account"),
]


@pytest.mark.parametrize(("rule", "module", "function"), TOKEN_ROUTES)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_m4_a_500_on_a_token_route_logs_the_route_pattern_and_exception_type_only(
    make_app, monkeypatch, all_log_output, rule, module, function, method
):
    app = make_app(PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=False)

    def explode(*args, **kwargs):
        # The worst case: an exception whose message quotes the token (as SQLAlchemy's quote
        # their SQL parameters).
        raise RuntimeError(f"database is locked while reading {TOKEN}")

    monkeypatch.setattr(f"{module}.{function}", explode)
    path = rule.replace("<token>", TOKEN)
    response = app.test_client().open(path, method=method, data={"steg": "aterkalla"})
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.get_data(as_text=True)
    logged = all_log_output.getvalue()
    assert f"Exception on {rule} [{method}]" in logged
    assert "RuntimeError" in logged
    assert TOKEN not in logged and TOKEN[:20] not in logged
    assert "database is locked" not in logged, "exception messages can quote parameters"
    assert "127.0.0.1" not in logged


def test_m4_the_exception_log_still_says_where_it_happened(make_app, monkeypatch, all_log_output):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    monkeypatch.setattr(
        "forms_service.services.submissions.open_by_token",
        lambda *a: (_ for _ in ()).throw(KeyError(TOKEN)),
    )
    app.test_client().get(f"/formular/status/{TOKEN}")
    logged = all_log_output.getvalue()
    assert "KeyError" in logged and "status_pages.py" in logged and "request_status" in logged
    assert TOKEN not in logged


def _dead_redis() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


def test_m4_a_redis_outage_neither_breaks_pages_nor_logs_tokens(make_app, all_log_output):
    app = make_app(RATELIMIT_STORAGE_URI=_dead_redis())
    client = app.test_client()
    page = send_request(client, valid_request()).get_data(as_text=True)
    assert "Förfrågan är skickad" in page
    link = status_link(page)
    assert client.get(link).status_code == 200
    assert client.get(f"/formular/status/{TOKEN}").status_code == 404
    logged = all_log_output.getvalue()
    assert link.rsplit("/", 1)[-1] not in logged and TOKEN not in logged
    assert "Traceback" not in logged


def test_m4_limits_still_hold_in_memory_while_redis_is_down(make_app):
    app = make_app(RATELIMIT_STORAGE_URI=_dead_redis(), STATUS_RATE_LIMIT="3/hour")
    client = app.test_client()
    statuses = [client.get(f"/formular/status/{TOKEN}").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_l9_limiter_keys_never_reach_the_log(make_app, all_log_output):
    from forms_service.security import client_key

    app = make_app(STATUS_RATE_LIMIT="1/hour")
    client = app.test_client()
    client.get("/formular/status/x")
    assert client.get("/formular/status/x").status_code == 429
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        key = client_key()
    logged = all_log_output.getvalue()
    assert key not in logged
    assert not re.search(r"\b[0-9a-f]{32}\b", logged), "no limiter key of any kind"


@pytest.mark.stack
def test_m4_gunicorn_with_redis_down_writes_no_token_and_no_address(tmp_path):
    """The production server's own output (gunicorn's error log, where the app's log goes)
    while Redis is unreachable: pages work, and not one line holds a token or an address."""
    database = f"sqlite:///{tmp_path / 'norrsken.db'}"
    env = {
        "NORRSKEN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "RATELIMIT_KEY_SECRET": secrets.token_urlsafe(48),
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": database,
        "RATELIMIT_STORAGE_URI": _dead_redis(),
        "NORRSKEN_BASE_URL": "https://norrsken.example",
        "NORRSKEN_SITE_DIR": str(tmp_path / "no-site"),
    }
    flask = str(Path(sys.executable).with_name("flask"))
    subprocess.run(
        [flask, "--app", "forms_service", "db", "upgrade"],
        cwd=ROOT,
        env={**env, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, workers=2, log=log) as port:
        codes = [_get(port, f"/formular/status/{TOKEN}") for _ in range(4)]
        codes.append(_get(port, "/formular/samrad"))
        time.sleep(0.5)
    assert codes == [404, 404, 404, 404, 200]
    written = log.read_text(encoding="utf-8")
    assert "GET /formular/status/<token> 404" in written
    assert TOKEN not in written and TOKEN[:20] not in written
    assert "127.0.0.1" not in written.replace("Listening at: http://127.0.0.1", "")


def _get(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# --- L9: limiter keys come from a secret of their own ------------------------------------------


def test_l9_client_keys_come_from_their_own_secret_not_from_secret_key(make_app):
    import hashlib
    import hmac

    from forms_service.security import client_key

    keys = []
    for secret in ("a" * 40, "b" * 40):
        app = make_app(SECRET_KEY="s" * 48, RATELIMIT_KEY_SECRET=secret)
        with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
            keys.append(client_key())
    assert keys[0] != keys[1], "the key depends on RATELIMIT_KEY_SECRET"
    from_secret_key = hmac.new(b"s" * 48, b"client:203.0.113.9", hashlib.sha256).hexdigest()
    assert from_secret_key[:32] not in keys, "SECRET_KEY alone does not reverse the key"


def test_l9_production_needs_a_separate_rate_limit_secret(tmp_path):
    from forms_service.config import ConfigurationError, load_config

    secret = "Ett hemligt och långt värde, minst 32 tecken"
    base = {
        "NORRSKEN_ENV": "production",
        "SECRET_KEY": secret,
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "NORRSKEN_BASE_URL": "https://norrsken.example",
    }
    with pytest.raises(ConfigurationError, match="RATELIMIT_KEY_SECRET"):
        load_config(tmp_path, base, [])
    for weak in (secret, "kort", "r" * 40):
        with pytest.raises(ConfigurationError, match="RATELIMIT_KEY_SECRET"):
            load_config(tmp_path, {**base, "RATELIMIT_KEY_SECRET": weak}, [])
    other = "Ett annat hemligt värde för räknarna, 32+"
    config = load_config(tmp_path, {**base, "RATELIMIT_KEY_SECRET": other}, [])
    assert config["RATELIMIT_KEY_SECRET"] == other


def test_l9_a_local_rate_limit_secret_is_generated_once_and_private(tmp_path):
    import stat

    from forms_service.config import load_config

    first, second = load_config(tmp_path, {}), load_config(tmp_path, {})
    assert first["RATELIMIT_KEY_SECRET"] == second["RATELIMIT_KEY_SECRET"]
    assert first["RATELIMIT_KEY_SECRET"] != first["SECRET_KEY"]
    assert stat.S_IMODE((tmp_path / "ratelimit_key").stat().st_mode) == 0o600
