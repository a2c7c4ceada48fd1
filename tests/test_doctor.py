"""Production safety: what refuses to start (config.py, security review I2) and what
`flask doctor` (forms_service/doctor.py) reports about a running configuration."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from forms_service import backup
from forms_service.cli import nginx_headers
from forms_service.config import ConfigurationError, load_config

ROOT = Path(__file__).resolve().parent.parent
MAKE_RUN = [
    ".venv/bin/gunicorn",
    "--workers",
    "1",
    "--threads",
    "4",
    "--bind",
    "127.0.0.1:8000",
    "forms_service:create_app()",
]


def _strong() -> dict[str, str]:
    return {
        "NORRSKEN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "RATELIMIT_KEY_SECRET": secrets.token_urlsafe(48),
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "NORRSKEN_BASE_URL": "https://norrsken.example",
    }


# --- I2: a forgotten NORRSKEN_ENV on a server ------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "argv", "sign"),
    [
        ({"DATABASE_URL": "postgresql+psycopg://n@db/norrsken"}, [], "DATABASE_URL is not SQLite"),
        ({"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}, [], "RATELIMIT_STORAGE_URI"),
        ({"NORRSKEN_PROXY_COUNT": "1"}, [], "NORRSKEN_PROXY_COUNT"),
        ({"NORRSKEN_BASE_URL": "https://norrsken.example"}, [], "NORRSKEN_BASE_URL is https"),
        ({}, [*MAKE_RUN[:6], "0.0.0.0:8000", MAKE_RUN[-1]], "bound to 0.0.0.0:8000"),
        ({}, ["/srv/venv/bin/gunicorn", "-b", "[::]:80", "app"], "bound to [::]:80"),
        ({"GUNICORN_CMD_ARGS": "--bind 10.1.2.3:8001"}, ["gunicorn", "app"], "10.1.2.3:8001"),
    ],
)
def test_i2_forgotten_norrsken_env_refuses_to_start_on_a_server(tmp_path, environ, argv, sign):
    with pytest.raises(ConfigurationError, match="NORRSKEN_ENV is not set") as refused:
        load_config(tmp_path, environ, argv)
    assert sign in str(refused.value)
    assert not (tmp_path / "secret_key").exists(), "no key is generated on the way"
    config = load_config(tmp_path, {**environ, "NORRSKEN_ENV": "development"}, argv)
    assert config["PRODUCTION"] is False, "an explicit development setting is respected"


@pytest.mark.parametrize(
    "argv",
    [
        MAKE_RUN,
        ["/usr/bin/flask", "--app", "forms_service", "db", "upgrade"],
        ["gunicorn", "--bind", "localhost:8000", "app"],
        ["gunicorn", "--bind", "unix:/run/norrsken.sock", "app"],
        ["gunicorn", "app"],  # gunicorn's default is 127.0.0.1:8000
    ],
)
def test_i2_make_run_and_local_commands_still_start_without_norrsken_env(tmp_path, argv):
    assert load_config(tmp_path, {}, argv)["PRODUCTION"] is False


def test_i2_gunicorn_refuses_to_boot_on_a_public_address_without_norrsken_env(tmp_path):
    """The real server: gunicorn exits before listening (192.0.2.1 is a documentation address
    this machine does not have, so nothing could ever be reached there either)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key != "NORRSKEN_ENV"}
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--preload",
            "--bind",
            f"192.0.2.1:{port}",
            "forms_service:create_app()",
        ],
        cwd=tmp_path,
        env={**env, "NORRSKEN_SITE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "NORRSKEN_ENV is not set" in result.stderr and "192.0.2.1" in result.stderr
    assert not (tmp_path / "instance").exists() or not any((tmp_path / "instance").iterdir())


# --- Fatal production settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": "s" * 48}, "too simple"),
        ({"SECRET_KEY": "kort"}, "at least 32"),
        ({"DATA_ENCRYPTION_KEYS": "k"}, "not a Fernet key"),
        ({"DATA_ENCRYPTION_KEYS": "A" * 43 + "="}, "not random"),
        ({"NORRSKEN_BASE_URL": "http://norrsken.example"}, "https"),
    ],
)
def test_production_refuses_weak_keys_and_a_plain_http_address(tmp_path, change, message):
    assert load_config(tmp_path, _strong(), [])["PRODUCTION"] is True
    with pytest.raises(ConfigurationError, match=message):
        load_config(tmp_path, {**_strong(), **change}, [])


def test_production_refuses_a_data_key_reused_as_the_secret(tmp_path):
    key = Fernet.generate_key().decode()
    with pytest.raises(ConfigurationError, match="reuse"):
        load_config(tmp_path, {**_strong(), "SECRET_KEY": key, "DATA_ENCRYPTION_KEYS": key}, [])


# --- flask doctor ----------------------------------------------------------------------------


def _doctor(app) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["doctor"])
    return result.exit_code, result.output


@pytest.fixture
def production(make_app, monkeypatch, tmp_path, built_site, smtp_server):
    """A production app as the systemd unit would start it, everything in order."""
    for key, value in _strong().items():
        monkeypatch.setenv(key, value)
    snippet = tmp_path / "norrsken-site-headers.conf"
    snippet.write_text(nginx_headers(built_site))
    port, _inbox = smtp_server
    settings = {
        "PROXY_COUNT": 1,
        "BIND": "127.0.0.1:8001",
        "WORKERS": 1,
        "NGINX_HEADERS": str(snippet),
        "BACKUP_KEY": backup.write_new_identity(tmp_path / "identity.txt"),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": 0,
        "COORDINATOR_EMAIL": "samordnare@example.se",
    }
    if os.environ.get("TEST_RATELIMIT_STORAGE_URI"):
        settings["WORKERS"] = 2
    app = make_app(**settings)
    engine = app.extensions["engine"]
    if engine.dialect.name == "sqlite":
        Path(engine.url.database).chmod(0o600)
    assert app.test_cli_runner().invoke(args=["jobs", "run-due"]).exit_code == 0
    return app


def test_doctor_passes_a_production_configuration_that_is_in_order(production):
    code, output = _doctor(production)
    assert code == 0, output
    assert output.rstrip().endswith("Inga fel.")
    for line in (
        "ok      NORRSKEN_ENV=production",
        "cookies har Secure",
        "databasen är migrerad",
        "nginx-huvudena stämmer",
        "e-postservern 127.0.0.1 svarar",
        "BACKUP_KEY är en publik age-nyckel",
        "jobben har körts i tid",
    ):
        assert line in output, line


def test_l9_doctor_names_a_rate_limit_secret_that_is_the_secret_key(production):
    production.config["RATELIMIT_KEY_SECRET"] = production.config["SECRET_KEY"]
    code, output = _doctor(production)
    assert code == 1 and "RATELIMIT_KEY_SECRET must be" in output, output


def test_doctor_names_every_problem_of_a_development_setup_and_fails(make_app, tmp_path):
    app = make_app(
        WORKERS=2, RATELIMIT_STORAGE_URI="memory://", NGINX_HEADERS=str(tmp_path / "saknas.conf")
    )
    code, output = _doctor(app)
    assert code == 1
    for text in (
        "fel     NORRSKEN_ENV är inte production",
        "NORRSKEN_BASE_URL är inte en https-adress",
        "Cookies saknar Secure",
        "NORRSKEN_PROXY_COUNT=0",
        "memory:// med 2 arbetsprocesser",
        "saknas.conf saknas",
        "BACKUP_KEY saknas",
        "Jobbet purge kördes senast aldrig",
    ):
        assert text in output, text
    assert "varning e-postavisering är avstängd" in output


@pytest.mark.parametrize(
    ("setting", "value", "text"),
    [
        ("BIND", "0.0.0.0:8001", "lyssnar på alla adresser"),
        ("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0", "svarar inte"),
        ("SMTP_PORT", 1, "E-postservern 127.0.0.1 svarar inte"),
        ("BACKUP_KEY", "AGE-SECRET-KEY-1QQQQ", "BACKUP_KEY är den hemliga nyckeln"),
    ],
)
def test_doctor_finds_each_production_mistake(production, setting, value, text):
    production.config[setting] = value
    code, output = _doctor(production)
    assert code == 1 and text in output, output


def test_doctor_finds_a_stale_nginx_snippet_and_stored_text_it_cannot_read(production):
    from formhelpers import send_request, valid_request

    send_request(production.test_client(), valid_request())
    snippet = Path(production.config["NGINX_HEADERS"])
    snippet.write_text(snippet.read_text().replace("sha256-", "sha256-gammal"))
    production.config["DATA_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    from forms_service import encryption

    encryption.init_app(production)
    code, output = _doctor(production)
    assert code == 1
    assert "norrsken-site-headers.conf är inaktuell" in output
    assert "Lagrad text går inte att läsa med DATA_ENCRYPTION_KEYS" in output


def test_doctor_warns_when_the_secret_backup_key_lies_on_the_server(production, tmp_path):
    production.config["BACKUP_IDENTITY_FILE"] = str(tmp_path / "identity.txt")
    code, output = _doctor(production)
    assert code == 0 and "varning Den hemliga backupnyckeln ligger på servern" in output


def test_doctor_warns_about_a_private_address_and_can_skip_the_nginx_check(production):
    """An app server behind a separate nginx host (README, several app servers)."""
    production.config["BIND"] = "10.0.0.11:8001"
    production.config["NGINX_HEADERS"] = ""
    code, output = _doctor(production)
    assert code == 0, output
    assert "varning gunicorn lyssnar på 10.0.0.11:8001: se till att bara nginx" in output
    assert "nginx-huvudena kontrolleras inte här" in output
