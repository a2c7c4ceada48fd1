"""The production stack: PostgreSQL, Redis, gunicorn with two workers and the shipped nginx
configuration over TLS with a self-made certificate, all from Debian packages on loopback."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import secrets
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from services import (
    ROOT,
    create_database,
    flask_command,
    free_port,
    gunicorn,
    nginx,
    postgres,
    production_env,
    redis,
)

pytestmark = pytest.mark.stack


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _write_nginx(
    folder: Path, app_port: int, site: Path, headers: str, also: tuple = ()
) -> tuple[Path, int]:
    """The shipped deploy/nginx.conf and proxy snippet, paths and ports made local (and the
    replacements in `also`); returns the main configuration and the https port. Logs go to
    folder/logs."""
    folder.mkdir(exist_ok=True)
    cert, key = _self_signed(folder)
    https_port, http_port = free_port(), free_port()
    snippets = folder / "snippets"
    snippets.mkdir()
    (snippets / "norrsken-site-headers.conf").write_text(headers)
    proxy = (ROOT / "deploy" / "norrsken-proxy.conf").read_text()
    (snippets / "norrsken-proxy.conf").write_text(
        proxy.replace("127.0.0.1:8001", f"127.0.0.1:{app_port}")
    )
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in [
        ("/etc/ssl/norrsken/fullchain.pem", str(cert)),
        ("/etc/ssl/norrsken/privkey.pem", str(key)),
        ("/srv/norrsken/site", str(site)),
        ("/etc/nginx/snippets/", f"{snippets}/"),
        ("/var/log/nginx/", f"{folder}/logs/"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        *also,
    ]:
        assert old in server, old
        server = server.replace(old, new)
    (folder / "norrsken.conf").write_text(server)
    (folder / "logs").mkdir()
    (folder / "tmp").mkdir()
    main = folder / "nginx-main.conf"
    main.write_text(
        # Started as root, nginx's workers would run as nobody and could not read the
        # test's private temporary folder.
        ("user root;\n" if os.geteuid() == 0 else "")
        + "pid nginx.pid;\nerror_log logs/error.log;\nevents {}\nhttp {\n"
        "  include /etc/nginx/mime.types;\n"
        f"  client_body_temp_path {folder}/tmp;\n"
        f"  proxy_temp_path {folder}/tmp;\n"
        f"  include {folder}/norrsken.conf;\n}}\n"
    )
    return main, https_port


@pytest.fixture(scope="module")
def stack(tmp_path_factory, built_site):
    folder = tmp_path_factory.mktemp("stack")
    with postgres() as admin_url, redis() as redis_url:
        env = production_env(create_database(admin_url, "norrsken"), redis_url, built_site)
        flask_command(env, "db", "upgrade")
        headers = flask_command(env, "nginx-headers")
        with gunicorn(env, workers=2) as app_port:
            main, https_port = _write_nginx(folder / "nginx", app_port, built_site, headers)
            with nginx(main, folder / "nginx", https_port):
                yield {
                    "app_port": app_port,
                    "https_port": https_port,
                    "database": env["DATABASE_URL"],
                    "headers": headers,
                    "folder": folder,
                }


def _https(stack, path, method="GET", body=None, headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection(
        "127.0.0.1", stack["https_port"], context=context, timeout=20
    )
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    connection.close()
    return response, data


def _direct(stack, path):
    connection = http.client.HTTPConnection("127.0.0.1", stack["app_port"], timeout=20)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def test_healthz_through_nginx_reports_postgresql_ok(stack):
    response, body = _https(stack, "/healthz")
    assert response.status == 200
    assert '"database":"ok"' in body.replace(" ", "")


def test_static_site_through_nginx_has_the_security_headers(stack):
    response, body = _https(stack, "/samtycke/")
    assert response.status == 200 and "Samtycke" in body
    csp = response.getheader("Content-Security-Policy")
    assert "frame-ancestors 'none'" in csp and "'sha256-" in csp
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")
    missing, _ = _https(stack, "/finns-inte/")
    assert missing.status == 404 and missing.getheader("Content-Security-Policy")


def test_form_through_nginx_is_secure_and_served_once(stack):
    response, body = _https(stack, "/formular/samrad")
    assert response.status == 200 and "Förfrågan om samråd" in body
    assert response.getheader("Strict-Transport-Security"), "the app sees https via the proxy"
    assert len(response.msg.get_all("Content-Security-Policy")) == 1, "one policy, not two"
    cookie = response.getheader("Set-Cookie")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_request_is_stored_in_postgresql_through_the_whole_stack(stack):
    response, page = _https(stack, "/formular/samrad")
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    from urllib.parse import urlencode

    form = {
        "csrf_token": token,
        "submission_key": "f" * 32,
        "declaration": "y",
        "submitter_name": "Kim",
        "submitter_organisation": "are",
        "submitter_unit": "IFO",
        "submitter_phone": "0647-161 00",
        "submitter_email": "kim@are.example.se",
        "municipality": "are",
        "basis": "avidentifierat",
        "kind": "konsulterande",
        "purposes": "konsultation",
        "violence_forms": "psykiskt",
        "contexts": "mans_vald",
        "children": "nej",
        "police_report": "nej",
        "risk_assessment": "nej",
        "case_description": "Konsultation om hur vi bemöter en kvinna som utsätts för kontroll.",
        "question": "Hur kan vi stödja utan att öka risken?",
        "parties_requested": "region",
        "participation": "telefon",
    }
    response, page = _https(
        stack,
        "/formular/samrad/skicka",
        "POST",
        urlencode(form),
        # No Referer, as a browser following our no-referrer policy sends none.
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    assert response.status == 200, page[:500]
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    from sqlalchemy import create_engine, text

    engine = create_engine(stack["database"])
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT status, case_description FROM samrad_request WHERE reference = :r"),
            {"r": reference},
        ).one()
    engine.dispose()
    assert stored[0] == "ny" and stored[1].startswith("gAAAA")


def test_rate_limit_holds_across_both_workers(stack):
    """Limit 5/hour, Redis storage: ten requests on fresh connections, spread over two
    workers, get exactly five answers before 429. In-memory counters would allow up to ten."""
    statuses = [_direct(stack, "/formular/status/ingen-sadan-lank") for _ in range(10)]
    assert statuses.count(404) == 5
    assert statuses.count(429) == 5


def _status_request_with_gunicorn_down(stack, built_site, folder: Path, also=()):
    """The shipped nginx in front of a port where nothing listens (gunicorn stopped for a
    deploy); one status-page request. Returns its status and everything nginx logged."""
    token = "IjE3MmQwOGY0" + secrets.token_urlsafe(30)
    main, https_port = _write_nginx(folder, free_port(), built_site, stack["headers"], also)
    with nginx(main, folder, https_port):
        response, _ = _https({"https_port": https_port}, f"/formular/status/{token}")
    logs = "".join(path.read_text() for path in (folder / "logs").iterdir())
    return response.status, logs, token


def test_m4_nginx_logs_no_status_url_or_client_address_while_gunicorn_is_down(
    stack, built_site, tmp_path
):
    status, logs, token = _status_request_with_gunicorn_down(stack, built_site, tmp_path / "a")
    assert status == 502
    assert token not in logs and "client:" not in logs, logs

    # The same request at nginx's usual level writes both: the shipped level is what stops it.
    also = (("norrsken-error.log alert;", "norrsken-error.log error;"),)
    status, logs, token = _status_request_with_gunicorn_down(
        stack, built_site, tmp_path / "b", also
    )
    assert status == 502 and token in logs and "client: 127.0.0.1" in logs
