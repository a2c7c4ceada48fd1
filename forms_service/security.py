"""Security headers, the content security policy, who the client is, and its private key.

Every response gets the headers of DESIGN.md ("Security baseline"). The policy allows no inline
script: service pages use only our own files; the built MkDocs site needs a few small inline scripts
from the theme, which are allowed by their SHA-256 hash, computed from the built HTML at start-up.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
from html.parser import HTMLParser
from pathlib import Path

from flask import Flask, Response, current_app, has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from .config import ConfigurationError

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _policy(script_src: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_src}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ]
    )


SERVICE_CSP = _policy("'self'")


class _InlineScriptCollector(HTMLParser):
    """Collects the bodies of inline, executable <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        attributes = dict(attrs)
        script_type = (attributes.get("type") or "").strip().lower()
        self._inside = "src" not in attributes and script_type in EXECUTABLE_SCRIPT_TYPES
        self._buffer = []

    def handle_data(self, data):
        if self._inside:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP source expressions ('sha256-…') for every inline script in the built site."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        collector = _InlineScriptCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for body in collector.scripts:
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def site_csp(site_dir: Path) -> str:
    return _policy(" ".join(["'self'", *inline_script_hashes(site_dir)]))


class DatabaseId(IntegerConverter):
    """`<int:…>` in every route: at most 2**31 - 1, so an id no database column can hold is a
    404 rather than an OverflowError (security review L7)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


# --- The client behind a proxy --------------------------------------------------------------------


def trusted_networks(setting: str) -> list:
    """NORRSKEN_TRUSTED_PROXIES: comma-separated addresses or networks."""
    try:
        return [ipaddress.ip_network(part.strip()) for part in setting.split(",") if part.strip()]
    except ValueError as exc:
        raise ConfigurationError(
            f"NORRSKEN_TRUSTED_PROXIES must list IP addresses or networks, got {setting!r}"
        ) from exc


class TrustedProxyFix:
    """X-Forwarded-For and -Proto are believed only when the request comes straight from a
    trusted proxy (security review L10): anyone reaching gunicorn directly would otherwise pick
    their own address, and so their own rate-limit bucket, with every request. X-Forwarded-Host
    is never used: links leaving the service are built from NORRSKEN_BASE_URL (review I1)."""

    def __init__(self, wsgi_app, proxies: int, trusted: list) -> None:
        self.direct = wsgi_app
        self.proxied = ProxyFix(wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)
        self.trusted = trusted

    def _from_proxy(self, peer: str | None) -> bool:
        try:
            address = ipaddress.ip_address(peer or "")
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def __call__(self, environ, start_response):
        if self._from_proxy(environ.get("REMOTE_ADDR")):
            return self.proxied(environ, start_response)
        return self.direct(environ, start_response)


def external_url(path: str) -> str:
    """An absolute link for use outside the service (pages, e-mail): NORRSKEN_BASE_URL plus our
    own path. `path` is the service-relative path (as `url_for` gives it, from the root)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    root = request.script_root if has_request_context() else ""
    return base + "/" + path.removeprefix(root).lstrip("/")


def limiter_hmac(label: str, value: str) -> str:
    """A rate-limit key: an HMAC under RATELIMIT_KEY_SECRET (never SECRET_KEY, review L9), so
    the stored key reveals neither the address nor the username it stands for."""
    secret = current_app.config["RATELIMIT_KEY_SECRET"].encode("utf-8")
    message = f"{label}:{value}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def client_key() -> str:
    """Rate-limit key for the client: an HMAC of its address, so no address is ever stored."""
    return limiter_hmac("client", request.remote_addr or "unknown")


def _is_site_page(response: Response) -> bool:
    return getattr(response, "norrsken_site_page", False)


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    if _is_site_page(response):
        headers["Content-Security-Policy"] = current_app.extensions["site_csp"]
    else:
        headers["Content-Security-Policy"] = SERVICE_CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    # Forms, status pages, the coordinator side and errors must never be kept in a cache: a shared
    # computer's back button must not show someone else's case.
    if not (_is_site_page(response) or request.endpoint == "static"):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId  # before any blueprint adds its routes
    site_dir = Path(app.config["SITE_DIR"])
    app.extensions["site_csp"] = site_csp(site_dir) if site_dir.is_dir() else SERVICE_CSP
    app.after_request(set_security_headers)
