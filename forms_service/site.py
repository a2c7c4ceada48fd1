"""Serves the built MkDocs knowledge site at `/` in the embedded default.

In production nginx serves `site/` itself (see README); this blueprint lets one local process serve
everything. Paths are resolved inside SITE_DIR only (werkzeug's safe_join), directories map to their
index.html, and a missing page gets the site's own Swedish 404 page.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, send_file
from werkzeug.security import safe_join

bp = Blueprint("site", __name__)


def _site_dir() -> Path:
    return Path(current_app.config["SITE_DIR"])


def _mark_site_page(response):
    response.norrsken_site_page = True
    return response


def _not_found():
    page = _site_dir() / "404.html"
    if not page.is_file():
        abort(404)
    response = send_file(page, mimetype="text/html", max_age=0)
    response.status_code = 404
    return _mark_site_page(response)


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def page(path: str):
    site_dir = _site_dir()
    if not (site_dir / "index.html").is_file():
        return render_template("site_missing.html"), 503
    joined = safe_join(str(site_dir), path) if path else str(site_dir)
    if joined is None:
        return _not_found()
    target = Path(joined)
    if target.is_dir():
        if path and not path.endswith("/"):
            return redirect(f"/{path}/", code=301)
        target = target / "index.html"
    if not target.is_file():
        return _not_found()
    response = send_file(target, max_age=0 if target.suffix == ".html" else 3600)
    return _mark_site_page(response)
