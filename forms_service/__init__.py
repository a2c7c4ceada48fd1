"""Norrsken form service: the Flask application factory.

`create_app()` wires the pieces together: configuration (config.py), the database (db.py),
security headers (security.py), the built knowledge site (site.py), the two blueprints (public.py
for professionals, coordinator for the samordnare), the command line (cli.py) and the health
check. Start it with `make run` (README).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify

from . import (
    access_log,
    backup,
    cli,
    coordinator,
    db,
    doctor,
    encryption,
    errors,
    presentation,
    public,
    security,
    site,
)
from .config import load_config
from .extensions import csrf, limiter


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    app.config["WTF_I18N_ENABLED"] = False  # WTForms' own Swedish messages (forms.py)
    if test_config:
        app.config.update(test_config)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if app.config["PROXY_COUNT"]:
        trusted = security.trusted_networks(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = security.TrustedProxyFix(app.wsgi_app, app.config["PROXY_COUNT"], trusted)

    encryption.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    security.init_app(app)
    access_log.init_app(app)
    errors.init_app(app)
    presentation.init_app(app)
    cli.init_app(app)
    backup.init_app(app)
    doctor.init_app(app)

    app.add_url_rule("/healthz", "healthz", _healthz)
    csrf.exempt("forms_service._healthz")
    app.register_blueprint(public.bp)
    app.register_blueprint(coordinator.bp)
    app.register_blueprint(site.bp)
    return app


def _healthz():
    from flask import current_app

    database_ok = db.database_ok(current_app.extensions["engine"])
    body = {"status": "ok" if database_ok else "fel", "database": "ok" if database_ok else "fel"}
    return jsonify(body), 200 if database_ok else 503
