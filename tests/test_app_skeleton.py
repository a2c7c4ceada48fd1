"""The running skeleton: health check, the site served at /, security headers, configuration."""

from __future__ import annotations

import stat

import pytest

from forms_service import create_app
from forms_service.config import ConfigurationError, load_config
from forms_service.security import inline_script_hashes

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _assert_security_headers(response):
    for header, value in SECURITY_HEADERS.items():
        assert response.headers.get(header) == value, header
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http:" not in csp and "https:" not in csp


def test_healthz_reports_status_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_fails_when_database_is_behind_the_migrations(make_app):
    app = make_app()
    with app.extensions["engine"].begin() as connection:
        connection.exec_driver_sql("DELETE FROM alembic_version")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "fel"


def test_site_index_is_served_at_root(client, built_site):
    response = client.get("/")
    assert response.status_code == 200
    assert response.data == (built_site / "index.html").read_bytes()
    _assert_security_headers(response)


def test_site_page_without_slash_redirects_and_unknown_page_gets_swedish_404(client):
    assert client.get("/tillganglighet").headers["Location"].endswith("/tillganglighet/")
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text
    _assert_security_headers(response)


def test_path_traversal_outside_the_site_is_refused(client):
    for path in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "/..%2fpyproject.toml"):
        response = client.get(path)
        assert response.status_code == 404
        assert b"[project]" not in response.data


def test_site_csp_allows_exactly_the_inline_scripts_of_the_build(client, built_site):
    csp = client.get("/").headers["Content-Security-Policy"]
    hashes = inline_script_hashes(built_site)
    assert hashes, "the theme's inline scripts were not found"
    for digest in hashes:
        assert digest in csp


def test_error_page_is_swedish_and_has_security_headers(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "Det går inte att göra så här" in response.text
    assert response.headers["Cache-Control"] == "no-store"
    _assert_security_headers(response)


def test_internal_error_shows_a_swedish_page_without_trace(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/krasch")
    def crash():
        raise RuntimeError("hemlig detalj")

    response = app.test_client().get("/krasch")
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.text
    assert "hemlig detalj" not in response.text and "Traceback" not in response.text


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_to_start_without_secret_key(tmp_path):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        load_config(tmp_path, {"NORRSKEN_ENV": "production", "DATA_ENCRYPTION_KEYS": "x"})
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_a_short_secret_key(tmp_path):
    with pytest.raises(ConfigurationError, match="32"):
        load_config(tmp_path, {"NORRSKEN_ENV": "production", "SECRET_KEY": "kort"})


def test_production_app_factory_refuses_without_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("NORRSKEN_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError):
        create_app(instance_path=str(tmp_path))


def test_local_secret_key_is_generated_once_and_private(tmp_path):
    first = load_config(tmp_path, {})
    second = load_config(tmp_path, {})
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) >= 48
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert first["DATABASE_URL"].endswith("norrsken.db")
    assert first["SESSION_COOKIE_SECURE"] is False


def test_production_cookies_are_secure(tmp_path):
    from cryptography.fernet import Fernet

    config = load_config(
        tmp_path,
        {
            "NORRSKEN_ENV": "production",
            "SECRET_KEY": "Ett hemligt och långt värde, minst 32 tecken",
            "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "NORRSKEN_BASE_URL": "https://norrsken.example",
            "RATELIMIT_KEY_SECRET": "Ett annat hemligt värde för räknarna, 32+",
        },
    )
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True


def test_bad_number_in_environment_is_a_clear_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="STATUS_TOKEN_MAX_AGE_DAYS"):
        load_config(tmp_path, {"STATUS_TOKEN_MAX_AGE_DAYS": "tre"})


def test_readme_documents_every_setting():
    from pathlib import Path

    from forms_service.config import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.lstrip().startswith("# Norrsken")
    assert "make run" in readme.split("\n\n")[1] and "make test" in readme.split("\n\n")[1]
    for setting in SETTINGS:
        assert f"`{setting.env}`" in readme, setting.env
