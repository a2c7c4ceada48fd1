"""Who the client is and where links point, behind a proxy (security review L10 and I1):
X-Forwarded-* headers count only from the configured proxy, and links that leave the service are
built from NORRSKEN_BASE_URL, never from the Host header."""

from __future__ import annotations

import re

import pytest
from formhelpers import send_request, valid_request

from forms_service.config import ConfigurationError


def _statuses(client, peer: str, forwarded: list[str]) -> list[int]:
    return [
        client.get(
            "/formular/status/ingen-sadan-lank",
            environ_base={"REMOTE_ADDR": peer},
            headers={"X-Forwarded-For": address, "X-Forwarded-Proto": "https"},
        ).status_code
        for address in forwarded
    ]


FRESH = [f"198.51.100.{n}" for n in range(1, 5)]


def test_l10_forwarded_for_is_ignored_unless_it_comes_from_the_trusted_proxy(make_app):
    app = make_app(PROXY_COUNT=1, STATUS_RATE_LIMIT="2/hour")
    # Reaching gunicorn directly from elsewhere: a fresh X-Forwarded-For per request does not
    # give a fresh rate-limit bucket.
    assert _statuses(app.test_client(), "192.0.2.50", FRESH) == [404, 404, 429, 429]


def test_l10_forwarded_for_from_the_trusted_proxy_names_the_client(make_app):
    app = make_app(PROXY_COUNT=1, STATUS_RATE_LIMIT="2/hour")
    assert _statuses(app.test_client(), "127.0.0.1", FRESH) == [404, 404, 404, 404]
    same = _statuses(app.test_client(), "127.0.0.1", ["198.51.100.9"] * 3)
    assert same == [404, 404, 429]


def test_l10_trusted_proxies_can_be_a_network(make_app):
    app = make_app(PROXY_COUNT=1, STATUS_RATE_LIMIT="2/hour", TRUSTED_PROXIES="10.0.0.0/8")
    assert _statuses(app.test_client(), "10.1.2.3", FRESH) == [404, 404, 404, 404]
    assert _statuses(app.test_client(), "127.0.0.1", FRESH) == [404, 404, 429, 429]


def test_l10_https_is_only_believed_from_the_trusted_proxy(make_app):
    app = make_app(PROXY_COUNT=1)
    client = app.test_client()
    headers = {"X-Forwarded-Proto": "https"}
    trusted = client.get("/healthz", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    direct = client.get("/healthz", headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert "Strict-Transport-Security" in trusted.headers
    assert "Strict-Transport-Security" not in direct.headers


def test_l10_a_malformed_trusted_proxies_setting_stops_the_start(make_app):
    with pytest.raises(ConfigurationError, match="NORRSKEN_TRUSTED_PROXIES"):
        make_app(PROXY_COUNT=1, TRUSTED_PROXIES="nginx.example")


@pytest.mark.parametrize("proxy_count", [0, 1])
def test_i1_the_status_link_is_built_from_the_base_url_never_the_host_header(make_app, proxy_count):
    app = make_app(BASE_URL="https://norrsken.example", PROXY_COUNT=proxy_count)
    client = app.test_client()
    evil = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    form = client.get("/formular/samrad", headers=evil).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post(
        "/formular/samrad/skicka",
        data={**valid_request(), "declaration": "y", "csrf_token": token},
        headers=evil,
    )
    page = response.get_data(as_text=True)
    links = re.findall(r'id="status-link">([^<]+)<', page)
    assert links and links[0].startswith("https://norrsken.example/formular/status/")
    assert "evil.example" not in page


def test_i1_links_follow_a_base_url_with_a_path(make_app):
    app = make_app(BASE_URL="https://kommun.example/norrsken/")
    page = send_request(app.test_client(), valid_request()).get_data(as_text=True)
    assert 'id="status-link">https://kommun.example/norrsken/formular/status/' in page
