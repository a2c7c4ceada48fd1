"""Shared fixtures: a strictly built site, an app on a fresh migrated database, and a client.

The database is SQLite in a temporary folder by default; set TEST_DATABASE_URL to run the same
tests against PostgreSQL (the production-stack tests do).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from forms_service import create_app, db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The knowledge site built with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _database_url(tmp_path: Path) -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'test.db'}"
    # A fresh schema per test on PostgreSQL: create a database with a unique name.
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def make_app(tmp_path, built_site):
    """Factory for apps with extra configuration; each gets its own migrated database."""
    created = []

    def factory(**overrides):
        config = {
            "TESTING": True,
            "DATABASE_URL": _database_url(tmp_path),
            "SITE_DIR": str(built_site),
            "RATELIMIT_STORAGE_URI": os.environ.get("TEST_RATELIMIT_STORAGE_URI", "memory://"),
            **overrides,
        }
        instance = tmp_path / f"instance-{len(created)}"
        app = create_app(config, instance_path=str(instance))
        db.upgrade(app.extensions["engine"])
        created.append(app)
        return app

    yield factory
    for app in created:
        app.extensions["engine"].dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
