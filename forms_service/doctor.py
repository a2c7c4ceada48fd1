"""`flask doctor`: what is wrong with the running production configuration.

Run it on the server with the service's environment (README, Drift). Each check prints "ok",
"varning" (worth knowing, nothing broken) or "fel" (must be fixed); the command exits with 1 when
any check says "fel", so it can gate a deployment. The fatal problems (a missing or weak secret or
data key, a base URL that is not https, a forgotten NORRSKEN_ENV on a server) already stop the
service from starting (config.py); the doctor also names what only shows in a running system:
the database, Redis, SMTP, the nginx snippet, the backup key and the scheduled jobs.
"""

from __future__ import annotations

import smtplib
import ssl
import stat
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from limits.storage import storage_from_string
from sqlalchemy import column, select
from sqlalchemy import table as table_clause

from . import backup, clock, config, db
from .cli import nginx_headers
from .encryption import EncryptedText
from .models import Base
from .services import jobs


class Level(Enum):
    OK = "ok"
    WARNING = "varning"
    PROBLEM = "fel"


@dataclass(frozen=True)
class Finding:
    level: Level
    text: str


def ok(text: str) -> Finding:
    return Finding(Level.OK, text)


def warning(text: str) -> Finding:
    return Finding(Level.WARNING, text)


def problem(text: str) -> Finding:
    return Finding(Level.PROBLEM, text)


def _environment(settings) -> list[Finding]:
    if not settings["PRODUCTION"]:
        return [problem("NORRSKEN_ENV är inte production: utvecklingsläge, osäkra cookies.")]
    return [ok("NORRSKEN_ENV=production")]


def _keys(settings) -> list[Finding]:
    secret = str(settings["SECRET_KEY"])
    found = [
        problem(text)
        for text in (
            config.secret_problem(secret),
            config.data_keys_problem(str(settings["DATA_ENCRYPTION_KEYS"]), secret),
            config.ratelimit_secret_problem(str(settings["RATELIMIT_KEY_SECRET"]), secret),
        )
        if text
    ]
    return found or [
        ok("SECRET_KEY, DATA_ENCRYPTION_KEYS och RATELIMIT_KEY_SECRET finns och är starka")
    ]


def _stored_text_readable(_settings) -> list[Finding]:
    """One stored encrypted value decrypts with today's keys (after a restore, a key change)."""
    session = db.get_session()
    for model_table in Base.metadata.sorted_tables:
        for name in [c.name for c in model_table.columns if isinstance(c.type, EncryptedText)]:
            raw = table_clause(model_table.name, column(name))
            value = session.scalar(select(raw.c[name]).where(raw.c[name].is_not(None)).limit(1))
            if value is None:
                continue
            try:
                current_app.extensions["fernet"].decrypt(value.encode("ascii"))
            except Exception:
                return [problem("Lagrad text går inte att läsa med DATA_ENCRYPTION_KEYS.")]
            return [ok("lagrad text går att läsa med DATA_ENCRYPTION_KEYS")]
    return [ok("ingen krypterad text lagrad ännu")]


def _web(settings) -> list[Finding]:
    found = []
    if str(settings["BASE_URL"]).startswith("https://"):
        found.append(ok(f"NORRSKEN_BASE_URL är https ({settings['BASE_URL']})"))
    else:
        found.append(problem("NORRSKEN_BASE_URL är inte en https-adress."))
    if settings["SESSION_COOKIE_SECURE"]:
        found.append(ok("cookies har Secure"))
    else:
        found.append(problem("Cookies saknar Secure (följer av NORRSKEN_ENV=production)."))
    return found


def _proxy(settings) -> list[Finding]:
    count, bind = settings["PROXY_COUNT"], str(settings["BIND"])
    if count == 0:
        return [
            problem(
                "NORRSKEN_PROXY_COUNT=0 bakom nginx: alla klienter delar en räknare för "
                "inloggningsgränsen. Sätt 1."
            )
        ]
    host = bind.rsplit(":", 1)[0].strip("[]")
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 (recognising the wildcard, not binding it)
        return [
            problem(
                f"gunicorn lyssnar på alla adresser ({bind}): den som når porten direkt kan "
                "förfalska X-Forwarded-For. Bind till 127.0.0.1 (NORRSKEN_BIND) bakom nginx."
            )
        ]
    found = [ok(f"en proxy framför gunicorn på {bind}")]
    if not config.is_loopback(bind):
        found = [
            warning(
                f"gunicorn lyssnar på {bind}: se till att bara nginx når porten (brandvägg, "
                "IPAddressAllow=), annars kan X-Forwarded-For förfalskas."
            )
        ]
    if count > 1:
        found.append(warning(f"NORRSKEN_PROXY_COUNT={count}: stämmer bara med {count} proxyer."))
    return found


def _rate_limits(settings) -> list[Finding]:
    uri = str(settings["RATELIMIT_STORAGE_URI"])
    if uri.startswith("memory://"):
        if settings["WORKERS"] > 1:
            return [
                problem(
                    f"RATELIMIT_STORAGE_URI=memory:// med {settings['WORKERS']} arbetsprocesser: "
                    "varje process räknar för sig. Använd redis://."
                )
            ]
        return [warning("gränserna räknas i minnet: fungerar bara med en process och en server")]
    try:
        reachable = storage_from_string(uri).check()
    except Exception:
        reachable = False
    if not reachable:
        return [problem("Lagringen för gränserna (RATELIMIT_STORAGE_URI) svarar inte.")]
    return [ok("gränserna räknas i delad lagring som svarar")]


def _smtp(settings) -> list[Finding]:
    if not settings["SMTP_HOST"] or not settings["COORDINATOR_EMAIL"]:
        return [warning("e-postavisering är avstängd (SMTP_HOST eller COORDINATOR_EMAIL saknas)")]
    try:
        with smtplib.SMTP(settings["SMTP_HOST"], settings["SMTP_PORT"], timeout=10) as smtp:
            smtp.ehlo()
            if settings["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if settings["SMTP_USERNAME"]:
                smtp.login(settings["SMTP_USERNAME"], settings["SMTP_PASSWORD"])
    except (OSError, smtplib.SMTPException) as exc:
        return [problem(f"E-postservern {settings['SMTP_HOST']} svarar inte: {type(exc).__name__}")]
    return [ok(f"e-postservern {settings['SMTP_HOST']} svarar")]


def _site(settings) -> list[Finding]:
    site = Path(settings["SITE_DIR"])
    if not (site / "index.html").is_file():
        return [problem(f"Ingen byggd webbplats i {site}: kör 'mkdocs build'.")]
    if not settings["NGINX_HEADERS"]:  # an app server without nginx (README, several servers)
        return [ok(f"webbplatsen är byggd i {site}; nginx-huvudena kontrolleras inte här")]
    snippet = Path(settings["NGINX_HEADERS"])
    fix = f"kör 'flask --app forms_service nginx-headers > {snippet}' och ladda om nginx"
    if not snippet.is_file():
        return [ok(f"webbplatsen är byggd i {site}"), problem(f"{snippet} saknas: {fix}.")]
    if snippet.read_text(encoding="utf-8") != nginx_headers(site):
        return [ok(f"webbplatsen är byggd i {site}"), problem(f"{snippet} är inaktuell: {fix}.")]
    return [ok(f"webbplatsen är byggd i {site} och nginx-huvudena stämmer")]


def _database(_settings) -> list[Finding]:
    engine = current_app.extensions["engine"]
    try:
        current = db.schema_is_current(engine)
    except Exception as exc:
        return [problem(f"Databasen svarar inte: {type(exc).__name__}")]
    found = [ok("databasen är migrerad") if current else problem("Kör 'flask db upgrade'.")]
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database)
        if path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o007:
            found.append(problem(f"{path} kan läsas av alla på servern: chmod 600."))
    return found


def _backup_key(settings) -> list[Finding]:
    key = str(settings["BACKUP_KEY"])
    try:
        backup.recipient(key)
    except click.ClickException as exc:
        return [problem(exc.message)]
    secrets_here = [str(settings["SECRET_KEY"]), *str(settings["DATA_ENCRYPTION_KEYS"]).split(",")]
    if key.strip() in {part.strip() for part in secrets_here}:
        return [problem("BACKUP_KEY får inte vara samma som datanycklarna.")]
    found = [ok("BACKUP_KEY är en publik age-nyckel, skild från datanycklarna")]
    identity = str(settings["BACKUP_IDENTITY_FILE"])
    if identity and Path(identity).exists():
        found.append(
            warning(
                f"Den hemliga backupnyckeln ligger på servern ({identity}): en stulen server "
                "och säkerhetskopia kan då läsas. Förvara den någon annanstans."
            )
        )
    return found


def _jobs(_settings) -> list[Finding]:
    found = []
    now = clock.now()
    for job in jobs.JOBS.values():
        last = jobs.last_run(job.name)
        if last is None or now - last > 2 * job.every + timedelta(hours=1):
            shown = last.isoformat(timespec="minutes") if last else "aldrig"
            found.append(
                problem(f"Jobbet {job.name} kördes senast {shown}: är norrsken-jobs.timer igång?")
            )
    return found or [ok("de schemalagda jobben har körts i tid")]


CHECKS = (
    _environment,
    _keys,
    _web,
    _proxy,
    _rate_limits,
    _smtp,
    _site,
    _database,
    _stored_text_readable,
    _backup_key,
    _jobs,
)


def examine() -> list[Finding]:
    settings = current_app.config
    findings: list[Finding] = []
    for check in CHECKS:
        try:
            findings += check(settings)
        except Exception as exc:  # one broken check must not hide the others
            db.get_session().rollback()
            findings.append(problem(f"{check.__name__.strip('_')}: {type(exc).__name__}"))
    return findings


@click.command("doctor", help="Kontrollera produktionsinställningarna; avslutar med 1 vid fel.")
@with_appcontext
def doctor_command() -> None:
    findings = examine()
    for finding in findings:
        click.echo(f"{finding.level.value:8}{finding.text}")
    problems = sum(finding.level is Level.PROBLEM for finding in findings)
    click.echo(f"{problems} fel." if problems else "Inga fel.")
    if problems:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(doctor_command)
