"""Database engine, per-request sessions and Alembic migrations.

SQLite in `instance/` is the embedded default (WAL mode and a busy timeout, so several threads or
worker processes can write without "database is locked"); PostgreSQL is used through `DATABASE_URL`.
The schema is only ever changed by the migrations in `forms_service/migrations/`, run with
`flask --app forms_service db upgrade` (the README's run command does this); `db downgrade` goes
back one step, `db current` and `db history` show where the database is.
"""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _configure_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # NORMAL is durable against a killed process in WAL mode; only a power loss can lose the last
    # transactions, which FULL would cost a sync per commit to prevent.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted and overwritten content is zeroed in the file, not left in free space: purged
    # text must not be recoverable from the database file (security review L4).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def truncate_write_ahead_log(engine: Engine) -> None:
    """After a purge on SQLite: copy the write-ahead log into the database and empty it, so
    the purged values' old pages do not linger in the -wal file (security review L4). On
    PostgreSQL, VACUUM does the corresponding work (README, "Gallring")."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        current_app.logger.warning("The SQLite log could not be emptied after the purge (busy)")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["engine"] = engine
    app.extensions["sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)
    app.cli.add_command(db_cli)


def get_session() -> Session:
    """The session for the current request (or app context); closed when the context ends."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def alembic_config(engine: Engine, fernet=None) -> AlembicConfig:
    """`fernet` (the app's MultiFernet) lets a migration encrypt or decrypt existing values."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    config.attributes["fernet"] = fernet
    return config


def upgrade(engine: Engine, revision: str = "head", fernet=None) -> None:
    command.upgrade(alembic_config(engine, fernet), revision)


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    return current_revisions(engine) == set(script.get_heads())


def database_ok(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return schema_is_current(engine)
    except Exception:
        current_app.logger.exception("Database check failed")
        return False


@click.group("db", cls=AppGroup, help="Database schema migrations.")
def db_cli() -> None:
    pass


@db_cli.command("upgrade", help="Bring the database schema up to date.")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    upgrade(current_app.extensions["engine"], revision, current_app.extensions["fernet"])
    click.echo("Databasen är uppdaterad.")


@db_cli.command("revision", help="Write a new migration from the models (developers only).")
@click.option("-m", "--message", required=True)
def revision_command(message: str) -> None:
    command.revision(
        alembic_config(current_app.extensions["engine"]), message=message, autogenerate=True
    )


@db_cli.command("downgrade", help="Go back to an earlier schema (default: one step).")
@click.argument("revision", default="-1")
def downgrade_command(revision: str) -> None:
    engine = current_app.extensions["engine"]
    command.downgrade(alembic_config(engine, current_app.extensions["fernet"]), revision)
    click.echo(f"Databasen är på version {', '.join(sorted(current_revisions(engine))) or 'tom'}.")


@db_cli.command("current", help="Show the database's schema version.")
def current_command() -> None:
    engine = current_app.extensions["engine"]
    state = "senaste" if schema_is_current(engine) else "inte senaste: kör 'db upgrade'"
    click.echo(f"{', '.join(sorted(current_revisions(engine))) or 'tom'} ({state})")


@db_cli.command("history", help="List the migrations, newest first.")
def history_command() -> None:
    engine = current_app.extensions["engine"]
    current = current_revisions(engine)
    for script in ScriptDirectory.from_config(alembic_config(engine)).walk_revisions():
        marker = " <- databasen" if script.revision in current else ""
        click.echo(f"{script.revision}  {script.doc}{marker}")


@db_cli.command("check", help="Check that the models and the migrations agree (developers).")
def check_command() -> None:
    command.check(alembic_config(current_app.extensions["engine"]))
    click.echo("Modellerna och migreringarna stämmer överens.")
