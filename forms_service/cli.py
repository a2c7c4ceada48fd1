"""Command-line administration: coordinator accounts, the retention purge, key rotation.

flask --app forms_service coordinator add NAME     # prints a one-time enrolment link
flask --app forms_service coordinator reset NAME   # new link; ends the account's sessions
flask --app forms_service coordinator list
flask --app forms_service purge                    # retention now (= jobs purge, jobs.py)
flask --app forms_service rotate-keys              # re-encrypt with the newest data key
"""

from __future__ import annotations

import re
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import column, select
from sqlalchemy import table as table_clause

from . import audit, auth, clock, jobs
from .db import get_session
from .encryption import EncryptedText, rotate
from .models import Base, Coordinator

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


def _enrolment_link(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/samordnare/aktivera/{token}"


@click.group("coordinator", cls=AppGroup, help="Samordnarkonton.")
def coordinator_cli() -> None:
    pass


@coordinator_cli.command("add", help="Skapa ett konto och skriv ut en aktiveringslänk.")
@click.argument("username")
def add_coordinator(username: str) -> None:
    username = username.strip().casefold()
    if not USERNAME.match(username):
        raise click.BadParameter("2–40 tecken: a–z, 0–9, punkt, bindestreck, understreck.")
    session = get_session()
    if session.scalar(select(Coordinator).where(Coordinator.username == username)):
        raise click.ClickException(f"Kontot {username} finns redan. Använd 'reset'.")
    account = Coordinator(username=username)
    session.add(account)
    token = auth.issue_enrolment(account)
    audit.record("account_created", actor=None, object_type="konto", object_ref=username)
    session.commit()
    hours = current_app.config["ENROLMENT_HOURS"]
    click.echo(f"Kontot {username} är skapat. Aktiveringslänk (gäller {hours} timmar, en gång):")
    click.echo(_enrolment_link(token))


@coordinator_cli.command(
    "reset", help="Ny aktiveringslänk; nuvarande lösenord, kod och inloggningar slutar gälla."
)
@click.argument("username")
def reset_coordinator(username: str) -> None:
    session = get_session()
    account = auth.find_account(username)
    if account is None:
        raise click.ClickException(f"Kontot {username} finns inte.")
    account.password_hash = None
    account.totp_secret = None
    account.last_totp_step = 0
    account.failed_logins = 0
    account.locked_until = None
    auth.end_other_sessions(account, keep=None)
    token = auth.issue_enrolment(account)
    audit.record("account_reset", actor=None, object_type="konto", object_ref=account.username)
    session.commit()
    click.echo(f"Ny aktiveringslänk för {account.username}:")
    click.echo(_enrolment_link(token))


@coordinator_cli.command("list", help="Visa konton.")
def list_coordinators() -> None:
    for account in get_session().scalars(select(Coordinator).order_by(Coordinator.username)):
        if account.is_enrolled:
            state = "aktivt"
        elif account.enrolment_token_hash and account.enrolment_expires_at > clock.now():
            state = "väntar på aktivering"
        else:
            state = "aktiveringslänken har gått ut: kör 'coordinator reset'"
        click.echo(f"{account.username}\t{state}")


@click.command("purge", help="Gallra det som har passerat sin bevarandetid (= jobs purge).")
@with_appcontext
def purge_command() -> None:
    _outcome, summary = jobs.run("purge")
    click.echo(summary)


@click.command("rotate-keys", help="Kryptera om all text med den nyaste nyckeln.")
@with_appcontext
def rotate_keys_command() -> None:
    """Re-encrypt every stored value with the first key of DATA_ENCRYPTION_KEYS.

    Rows are read and written through untyped column clauses, so the stored Fernet tokens are
    handled as they are (rotated) instead of being decrypted by EncryptedText."""
    session = get_session()
    rotated = 0
    for table in Base.metadata.sorted_tables:
        encrypted = [c.name for c in table.columns if isinstance(c.type, EncryptedText)]
        if not encrypted:
            continue
        key = next(iter(table.primary_key.columns)).name
        raw = table_clause(table.name, column(key), *[column(name) for name in encrypted])
        for row in session.execute(select(raw)).mappings().all():
            values = {name: rotate(row[name]) for name in encrypted if row[name]}
            if values:
                session.execute(raw.update().where(raw.c[key] == row[key]).values(values))
                rotated += len(values)
    session.commit()
    click.echo(f"{rotated} värden är omkrypterade med den nyaste nyckeln.")


def nginx_headers(site: Path) -> str:
    """The site's security headers as nginx `add_header` lines, with the CSP hashes of this
    build's inline theme scripts (deploy/nginx.conf includes them; `flask doctor` compares)."""
    from .security import site_csp

    headers = {
        "Content-Security-Policy": site_csp(site),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    }
    lines = ["# Generated by `flask --app forms_service nginx-headers`; rebuild with the site."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


@click.command("nginx-headers", help="Skriv säkerhetshuvuden för den byggda webbplatsen (nginx).")
@with_appcontext
def nginx_headers_command() -> None:
    site = Path(current_app.config["SITE_DIR"])
    if not (site / "index.html").is_file():
        raise click.ClickException(f"Ingen byggd webbplats i {site}. Kör 'mkdocs build' först.")
    click.echo(nginx_headers(site), nl=False)


def init_app(app: Flask) -> None:
    app.cli.add_command(coordinator_cli)
    app.cli.add_command(purge_command)
    app.cli.add_command(rotate_keys_command)
    app.cli.add_command(nginx_headers_command)
