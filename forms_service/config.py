"""Configuration from environment variables, with safe defaults for local use.

Every setting the service reads is listed in SETTINGS, which the README's configuration table
mirrors.
A `.env` file in the working directory is read first (values already in the environment win).

Local use needs nothing set: the secret key and the data-encryption key are generated into the
`instance/` folder on first start. In production (`NORRSKEN_ENV=production`) the service refuses to
start unless `SECRET_KEY` and `DATA_ENCRYPTION_KEYS` are set and strong and `NORRSKEN_BASE_URL` is
https, so a forgotten setting can never fall back to a key lying on disk.

A forgotten `NORRSKEN_ENV` must not quietly give development mode on a server (security review
I2): when it is unset and the configuration looks like a server (a database other than SQLite,
shared rate-limit storage, a proxy in front, an https base URL, or gunicorn bound to an address
other than loopback), the service refuses to start and says which setting gave it away. `make run`
sets none of these, so it is unaffected; `NORRSKEN_ENV=development` says "yes, really".
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import secrets
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet
from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The configuration is unsafe or incomplete; the service must not start."""


@dataclass(frozen=True)
class Setting:
    env: str
    key: str
    default: object
    cast: type = str
    help: str = ""


# One row per environment variable: (variable, Flask config key, default, type, meaning).
SETTINGS: tuple[Setting, ...] = (
    Setting("NORRSKEN_ENV", "NORRSKEN_ENV", "development", str, "`development` or `production`"),
    Setting("SECRET_KEY", "SECRET_KEY", None, str, "signs sessions, CSRF and status links"),
    Setting(
        "DATABASE_URL", "DATABASE_URL", None, str, "SQLAlchemy URL; default SQLite in instance/"
    ),
    Setting("RATELIMIT_STORAGE_URI", "RATELIMIT_STORAGE_URI", "memory://", str, "e.g. redis://…"),
    Setting(
        "RATELIMIT_KEY_SECRET",
        "RATELIMIT_KEY_SECRET",
        None,
        str,
        "keys rate-limit counters (HMAC of client and account); not SECRET_KEY",
    ),
    Setting("NORRSKEN_SITE_DIR", "SITE_DIR", str(PROJECT_ROOT / "site"), str, "built MkDocs site"),
    Setting(
        "NORRSKEN_BASE_URL", "BASE_URL", "http://127.0.0.1:8000", str, "every link that leaves"
    ),
    Setting("DATA_ENCRYPTION_KEYS", "DATA_ENCRYPTION_KEYS", None, str, "Fernet keys, newest first"),
    Setting("STATUS_TOKEN_MAX_AGE_DAYS", "STATUS_TOKEN_MAX_AGE_DAYS", 180, int, "status-link life"),
    Setting("MAX_CONTENT_LENGTH", "MAX_CONTENT_LENGTH", 256 * 1024, int, "largest request body"),
    Setting("SUBMIT_RATE_LIMIT", "SUBMIT_RATE_LIMIT", "10/hour;30/day", str, "stored submissions"),
    Setting(
        "REFUSED_SUBMIT_RATE_LIMIT",
        "REFUSED_SUBMIT_RATE_LIMIT",
        "60/hour",
        str,
        "refused submissions (invalid or not de-identified)",
    ),
    Setting("FORM_RATE_LIMIT", "FORM_RATE_LIMIT", "120/hour", str, "form steps (check answers)"),
    Setting("STATUS_RATE_LIMIT", "STATUS_RATE_LIMIT", "60/hour", str, "status look-ups"),
    Setting(
        "CONSENT_LOOKUP_RATE_LIMIT",
        "CONSENT_LOOKUP_RATE_LIMIT",
        "20/hour",
        str,
        "consent references checked per client",
    ),
    Setting("CHECK_RATE_LIMIT", "CHECK_RATE_LIMIT", "120/minute", str, "live text checks"),
    Setting("LOGIN_RATE_LIMIT", "LOGIN_RATE_LIMIT", "10/15minutes", str, "login attempts"),
    Setting("NORRSKEN_PROXY_COUNT", "PROXY_COUNT", 0, int, "reverse proxies in front (nginx: 1)"),
    Setting(
        "NORRSKEN_TRUSTED_PROXIES",
        "TRUSTED_PROXIES",
        "127.0.0.1,::1",
        str,
        "addresses or networks whose X-Forwarded-For is believed",
    ),
    Setting("LOGIN_FREE_ATTEMPTS", "LOGIN_FREE_ATTEMPTS", 3, int, "failures before waiting"),
    Setting(
        "LOGIN_BACKOFF_MAX_SECONDS",
        "LOGIN_BACKOFF_MAX_SECONDS",
        900,
        int,
        "longest wait, one client",
    ),
    Setting(
        "LOGIN_ACCOUNT_CEILING_SECONDS",
        "LOGIN_ACCOUNT_CEILING_SECONDS",
        60,
        int,
        "longest wait that failures from everywhere can impose",
    ),
    Setting("LOGIN_CODE_ALERT_AFTER", "LOGIN_CODE_ALERT_AFTER", 5, int, "wrong codes: e-mail"),
    Setting("LOGIN_CODE_FAILURE_CAP", "LOGIN_CODE_FAILURE_CAP", 20, int, "wrong codes: closed"),
    Setting("COORDINATOR_IDLE_MINUTES", "COORDINATOR_IDLE_MINUTES", 30, int, "idle timeout"),
    Setting("COORDINATOR_SESSION_HOURS", "COORDINATOR_SESSION_HOURS", 10, int, "session lifetime"),
    Setting("ENROLMENT_HOURS", "ENROLMENT_HOURS", 72, int, "how long an enrolment link works"),
    Setting("MEETING_WEEKDAY", "MEETING_WEEKDAY", 2, int, "weekly samråd: 0 = Monday … 6 = Sunday"),
    Setting("MEETING_TIME", "MEETING_TIME", "09:00", str, "weekly samråd start, local time"),
    Setting("MEETING_PLACE", "MEETING_PLACE", "Östersund", str, "weekly samråd place"),
    Setting("MEETING_SLOT_MINUTES", "MEETING_SLOT_MINUTES", 20, int, "time per case"),
    Setting("SMTP_HOST", "SMTP_HOST", "", str, "mail server; empty turns e-mail off"),
    Setting("SMTP_PORT", "SMTP_PORT", 587, int, "mail server port"),
    Setting("SMTP_USERNAME", "SMTP_USERNAME", "", str, "mail server login"),
    Setting("SMTP_PASSWORD", "SMTP_PASSWORD", "", str, "mail server password"),
    Setting("SMTP_STARTTLS", "SMTP_STARTTLS", 1, int, "1 = use STARTTLS"),
    Setting("MAIL_FROM", "MAIL_FROM", "norrsken@localhost", str, "sender address"),
    Setting("COORDINATOR_EMAIL", "COORDINATOR_EMAIL", "", str, "where new-request notices go"),
    Setting(
        "RETENTION_REQUEST_DAYS", "RETENTION_REQUEST_DAYS", 90, int, "case text kept after end"
    ),
    Setting("RETENTION_CONSENT_DAYS", "RETENTION_CONSENT_DAYS", 90, int, "consent kept after end"),
    Setting("RETENTION_AUDIT_DAYS", "RETENTION_AUDIT_DAYS", 730, int, "audit log kept"),
    Setting(
        "ACUTE_CONTACT",
        "ACUTE_CONTACT",
        "",
        str,
        "how to reach the coordinator for an acute samråd (shown on the request form)",
    ),
    Setting(
        "REMOTE_JOIN_INFO",
        "REMOTE_JOIN_INFO",
        "",
        str,
        "how a submitter joins a samråd by phone or video (shown on the status page)",
    ),
    Setting("SUPPRESS_BELOW", "SUPPRESS_BELOW", 5, int, "exported counts 1…N-1 shown as <N"),
    Setting("BACKUP_KEY", "BACKUP_KEY", "", str, "public age key (age1…) backups are encrypted to"),
    Setting("BACKUP_IDENTITY_FILE", "BACKUP_IDENTITY_FILE", "", str, "secret backup key (restore)"),
    Setting("NORRSKEN_BIND", "BIND", "127.0.0.1:8001", str, "gunicorn's address (systemd unit)"),
    Setting("NORRSKEN_WORKERS", "WORKERS", 2, int, "gunicorn worker processes (systemd unit)"),
    Setting(
        "NORRSKEN_NGINX_HEADERS",
        "NGINX_HEADERS",
        "/etc/nginx/snippets/norrsken-site-headers.conf",
        str,
        "installed nginx headers snippet (flask doctor compares it)",
    ),
)

SECRET_MIN_LENGTH = 32
SECRET_MIN_DISTINCT = 10  # refuses "xxxx…", "changemechangeme…" and other placeholders


# Fixed policy: not read from the environment, but kept here with the settings so that every
# number a maintainer may look for is in one place (tests override them like any setting).
POLICY: dict[str, object] = {
    "QUEUE_PAGE_SIZE": 50,  # requests per page of the coordinator's queue
    "AUDIT_LOG_LIMIT": 500,  # the newest audit events shown at once
    "WTF_CSRF_TIME_LIMIT": 3600 * 8,  # a form may stay open for a working day
    # The most text the de-identification guard scans in one request (security review H1): the
    # request form's guarded fields hold at most 6 800 characters together.
    "GUARD_MAX_CHARS_PER_REQUEST": 8000,
    # A rate-limit storage outage (Redis) must neither turn pages into 500s nor log a request
    # (security review M4): limits fall back to per-process memory until Redis answers again.
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    # The login backoff (login_throttle.py): the first wait, the failures from everywhere before
    # the whole account is slowed, and how long failures are remembered.
    "LOGIN_BACKOFF_SECONDS": 15,
    "LOGIN_ACCOUNT_FREE_ATTEMPTS": 10,
    "LOGIN_FAILURE_MEMORY_HOURS": 24,
}


def _cast(setting: Setting, raw: str) -> object:
    if setting.cast is int:
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigurationError(f"{setting.env} must be a whole number, got {raw!r}") from exc
    return raw


def _read_or_create_secret(path: Path, generate) -> str:
    """Return the secret stored in `path`, creating it (mode 0600) on first use."""
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value)
    return value


def _ratelimit_secret(config: dict, instance: Path, production: bool) -> None:
    """The secret behind the limiter's client and account keys: separate from SECRET_KEY, so
    that someone with SECRET_KEY and the keys in Redis cannot turn them back into addresses or
    usernames (security review L9)."""
    secret = config["RATELIMIT_KEY_SECRET"]
    if not secret:
        if production:
            raise ConfigurationError(
                "RATELIMIT_KEY_SECRET must be set when NORRSKEN_ENV=production"
            )
        config["RATELIMIT_KEY_SECRET"] = _read_or_create_secret(
            instance / "ratelimit_key", lambda: secrets.token_urlsafe(48)
        )
    elif production and (problem := ratelimit_secret_problem(str(secret), config["SECRET_KEY"])):
        raise ConfigurationError(problem)


def ratelimit_secret_problem(secret: str, secret_key: str) -> str | None:
    if secret_problem(secret) or secret == secret_key:
        return (
            "RATELIMIT_KEY_SECRET must be at least 32 characters, not a simple pattern, and "
            "differ from SECRET_KEY: make one with secrets.token_urlsafe(48)"
        )
    return None


# --- Production safety ---------------------------------------------------------------------------


def secret_problem(secret: str) -> str | None:
    if len(secret) < SECRET_MIN_LENGTH:
        return f"SECRET_KEY must be at least {SECRET_MIN_LENGTH} characters in production"
    if len(set(secret)) < SECRET_MIN_DISTINCT:
        return "SECRET_KEY is too simple: make one with secrets.token_urlsafe(48) (README, Drift)"
    return None


def data_keys_problem(keys: str, secret: str) -> str | None:
    """Every key a real Fernet key made from random bytes, and none reused as the secret key."""
    parts = [key.strip() for key in keys.split(",") if key.strip()]
    if not parts:
        return "DATA_ENCRYPTION_KEYS holds no key"
    for position, key in enumerate(parts, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            return (
                f"DATA_ENCRYPTION_KEYS key {position} is not a Fernet key (Fernet.generate_key())"
            )
        if len(set(raw)) < 16:
            return f"DATA_ENCRYPTION_KEYS key {position} is not random: make a new one"
        if key == secret:
            return "DATA_ENCRYPTION_KEYS must not reuse SECRET_KEY"
    return None


def is_loopback(address: str) -> bool:
    """True for a gunicorn bind that only this machine can reach (loopback or a unix socket)."""
    if address.startswith(("unix:", "fd://")):
        return True
    host = address.rsplit(":", 1)[0] if address.count(":") == 1 or "]" in address else address
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name may resolve to anything: only "localhost" counts as loopback


def gunicorn_binds(argv: list[str], environ: dict[str, str]) -> list[str]:
    """The addresses gunicorn was told to bind, when this process is gunicorn."""
    if not argv or "gunicorn" not in Path(argv[0]).as_posix():
        return []
    from gunicorn.config import Config

    parser = Config().parser()
    binds: list[str] = []
    for args in (shlex.split(environ.get("GUNICORN_CMD_ARGS", "")), argv[1:]):
        try:
            binds += parser.parse_known_args(args)[0].bind or []
        except SystemExit:  # an option gunicorn itself will refuse; leave that to gunicorn
            continue
    return binds or ["127.0.0.1:8000"]  # gunicorn's own default


def server_signs(config: dict, environ: dict[str, str], argv: list[str]) -> list[str]:
    """What makes this configuration look like a server rather than a developer's machine."""
    signs = []
    if environ.get("DATABASE_URL") and not environ["DATABASE_URL"].startswith("sqlite"):
        signs.append("DATABASE_URL is not SQLite")
    if not str(config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        signs.append("RATELIMIT_STORAGE_URI is shared storage")
    if config["PROXY_COUNT"]:
        signs.append("NORRSKEN_PROXY_COUNT is set")
    if str(config["BASE_URL"]).startswith("https://"):
        signs.append("NORRSKEN_BASE_URL is https")
    signs += [
        f"gunicorn is bound to {bind}"
        for bind in gunicorn_binds(argv, environ)
        if not is_loopback(bind)
    ]
    return signs


def _refuse_server_signs(config: dict, environ: dict[str, str], argv: list[str]) -> None:
    signs = server_signs(config, environ, argv)
    if signs:
        raise ConfigurationError(
            "NORRSKEN_ENV is not set, but this looks like a server ("
            + "; ".join(signs)
            + "). Set NORRSKEN_ENV=production, or NORRSKEN_ENV=development if this really "
            "is a development machine."
        )


def _keys(config: dict, instance: Path, production: bool) -> None:
    """SECRET_KEY and DATA_ENCRYPTION_KEYS: set and strong in production, generated locally."""
    if not config["SECRET_KEY"]:
        if production:
            raise ConfigurationError("SECRET_KEY must be set when NORRSKEN_ENV=production")
        config["SECRET_KEY"] = _read_or_create_secret(
            instance / "secret_key", lambda: secrets.token_urlsafe(48)
        )
    elif production and (problem := secret_problem(str(config["SECRET_KEY"]))):
        raise ConfigurationError(problem)

    if not config["DATA_ENCRYPTION_KEYS"]:
        if production:
            raise ConfigurationError(
                "DATA_ENCRYPTION_KEYS must be set when NORRSKEN_ENV=production"
            )
        config["DATA_ENCRYPTION_KEYS"] = _read_or_create_secret(
            instance / "data_key", lambda: Fernet.generate_key().decode("ascii")
        )
    elif production and (
        problem := data_keys_problem(str(config["DATA_ENCRYPTION_KEYS"]), str(config["SECRET_KEY"]))
    ):
        raise ConfigurationError(problem)


def load_config(
    instance_path: str | Path,
    environ: dict[str, str] | None = None,
    argv: list[str] | None = None,
) -> dict:
    """Build the Flask configuration from the environment (and `.env`)."""
    if environ is None:
        load_dotenv(override=False)
        environ = dict(os.environ)
    argv = sys.argv if argv is None else argv
    instance = Path(instance_path)
    config: dict[str, object] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        config[setting.key] = setting.default if raw in (None, "") else _cast(setting, raw)

    production = config["NORRSKEN_ENV"] == "production"
    if config["NORRSKEN_ENV"] not in ("development", "production"):
        raise ConfigurationError("NORRSKEN_ENV must be 'development' or 'production'")
    if not environ.get("NORRSKEN_ENV"):
        _refuse_server_signs(config, environ, argv)
    _keys(config, instance, production)
    if production and not str(config["BASE_URL"]).startswith("https://"):
        raise ConfigurationError("NORRSKEN_BASE_URL must be an https:// address in production")

    _ratelimit_secret(config, instance, production)

    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = f"sqlite:///{instance / 'norrsken.db'}"

    config["PRODUCTION"] = production
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = production
    config["SESSION_COOKIE_NAME"] = "norrsken_session"
    config.update(POLICY)
    # Flask-WTF's HTTPS referrer check needs a Referer header, which our own
    # `Referrer-Policy: no-referrer` stops browsers from sending. CSRF protection rests on the
    # token and the SameSite session cookie instead (tests/test_stack.py posts over TLS).
    config["WTF_CSRF_SSL_STRICT"] = False
    config["RATELIMIT_HEADERS_ENABLED"] = False
    return config
