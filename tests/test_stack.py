"""The production stack: PostgreSQL, Redis, gunicorn with two workers and the shipped nginx
configuration over TLS with a self-made certificate, all from Debian packages on loopback."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import secrets
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from services import ROOT, free_port, gunicorn, nginx, postgres, redis

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


@pytest.fixture(scope="module")
def stack(tmp_path_factory, built_site):
    folder = tmp_path_factory.mktemp("stack")
    with postgres() as admin_url, redis() as redis_url:
        database_url = admin_url.rsplit("/", 1)[0] + "/norrsken"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from sqlalchemy import create_engine, text; "
                f"e = create_engine('{admin_url}', isolation_level='AUTOCOMMIT'); "
                "e.connect().execute(text('CREATE DATABASE norrsken'))",
            ],
            check=True,
        )
        env = {
            "NORRSKEN_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "NORRSKEN_BASE_URL": "https://localhost",
            "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": database_url,
            "RATELIMIT_STORAGE_URI": redis_url,
            "NORRSKEN_SITE_DIR": str(built_site),
            "NORRSKEN_PROXY_COUNT": "1",
            "STATUS_RATE_LIMIT": "5/hour",
        }
        flask = str(Path(sys.executable).with_name("flask"))
        subprocess.run(
            [flask, "--app", "forms_service", "db", "upgrade"],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        headers = subprocess.run(
            [flask, "--app", "forms_service", "nginx-headers"],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        with gunicorn(env, workers=2) as app_port:
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
                ("/srv/norrsken/site", str(built_site)),
                ("/etc/nginx/snippets/", f"{snippets}/"),
                ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
                ("listen 80;", f"listen 127.0.0.1:{http_port};"),
            ]:
                assert old in server, old
                server = server.replace(old, new)
            (folder / "norrsken.conf").write_text(server)
            (folder / "logs").mkdir()
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
            (folder / "tmp").mkdir()
            with nginx(main, folder, https_port):
                yield {"app_port": app_port, "https_port": https_port, "database": database_url}


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
