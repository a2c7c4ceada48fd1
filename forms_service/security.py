"""Security headers, the content security policy and the privacy-preserving client key.

Every response gets the headers of DESIGN.md ("Security baseline"). The policy allows no inline
script: service pages use only our own files; the built MkDocs site needs a few small inline scripts
from the theme, which are allowed by their SHA-256 hash, computed from the built HTML at start-up.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from html.parser import HTMLParser
from pathlib import Path

from flask import Flask, Response, current_app, request

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
    site_dir = Path(app.config["SITE_DIR"])
    app.extensions["site_csp"] = site_csp(site_dir) if site_dir.is_dir() else SERVICE_CSP
    app.after_request(set_security_headers)
