"""Backups and restores (forms_service/backup.py): an encrypted snapshot of real data restores
into an empty database with every table identical, on SQLite and (make test's second pass) on
PostgreSQL; the file reveals nothing without the secret key."""

from __future__ import annotations

import io
import os
import secrets
import shutil
import sqlite3
import stat
import subprocess

import pyrage
import pytest
from coordhelpers import csrf_for, enrol, login, start_clock
from cryptography.fernet import Fernet
from formhelpers import send_request, status_link, submit_consent, valid_consent, valid_request
from sqlalchemy import MetaData, select

from forms_service import backup, workflow
from forms_service.db import get_session
from forms_service.models import AnnualCommentary, Coordinator, Meeting, SamradRequest, SavedForm
from forms_service.services import meetings


@pytest.fixture
def clock(monkeypatch):
    return start_clock(monkeypatch)


@pytest.fixture
def keys(tmp_path):
    identity_file = tmp_path / "backup-identity.txt"
    public = backup.write_new_identity(identity_file)
    return {
        "public": public,
        "identity": identity_file,
        "config": {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BACKUP_KEY": public,
        },
    }


def _cli(app, *args, ok: bool = True) -> str:
    result = app.test_cli_runner().invoke(args=[str(arg) for arg in args])
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def _fill_every_table(app, clock) -> str:
    """Requests, consents, events, meetings and agendas, accounts, sessions, audit, jobs, annual
    commentary, made the way the service makes them. Returns a status link."""
    client = app.test_client()
    account = enrol(app, client, clock)
    login(app.test_client(), account, clock)
    halfway = app.test_client()  # the login backoff's counts, and a login waiting for its code
    for password in ("fel lösenord helt", account.password):
        halfway.post(
            "/samordnare/logga-in",
            data={
                "csrf_token": csrf_for(halfway, "/samordnare/logga-in"),
                "username": account.username,
                "password": password,
            },
        )
    submit_consent(client, valid_consent())
    link = status_link(send_request(client, valid_request()).get_data(as_text=True))
    _cli(app, "jobs", "run-due")
    with app.app_context():
        session = get_session()
        request = session.scalar(select(SamradRequest))
        workflow.change_status(request, "under_bedomning", actor=account.username, comment="Ok.")
        meeting = session.scalars(select(Meeting).order_by(Meeting.starts_at)).first()
        session.add(AnnualCommentary(year=2026, text="Året i korthet."))
        # What a coordinator typed when the session ran out (services/unsent.py).
        session.add(
            SavedForm(
                token_hash="0" * 64,
                coordinator_id=session.scalar(select(Coordinator.id)),
                path="/samordnare/",
                data='{"note-text": ["Utkast."]}',
            )
        )
        session.commit()
        invited = meetings.default_invited(request)
        meetings.plan_request(request.reference, meeting.id, invited, account.username)
    return link


def _every_row(engine) -> dict[str, list[tuple]]:
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return {
            name: connection.execute(
                select(table).order_by(*(table.primary_key.columns or table.columns))
            ).all()
            for name, table in tables.tables.items()
        }


def test_backup_restores_every_table_of_real_data_into_an_empty_database(
    make_app, new_database_url, keys, clock, tmp_path
):
    source = make_app(**keys["config"])
    link = _fill_every_table(source, clock)
    original = _every_row(source.extensions["engine"])
    assert all(original.values()), {n: len(r) for n, r in original.items() if not r}

    path = tmp_path / "norrsken.backup"
    assert "krypterad" in _cli(source, "backup", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    target = make_app(migrate=False, DATABASE_URL=new_database_url(), **keys["config"])
    restored = target.test_cli_runner().invoke(  # the secret key on standard input, not on disk
        args=["restore", str(path), "--identity", "-"], input=keys["identity"].read_text()
    )
    assert restored.exit_code == 0 and "återställd" in restored.output, restored.output
    assert _every_row(target.extensions["engine"]) == original
    assert "(senaste)" in _cli(target, "db", "current")
    page = target.test_client().get(link)
    assert page.status_code == 200, "the professional's status link works on the restored copy"


def test_backup_file_reveals_nothing_and_needs_the_secret_key(
    make_app, new_database_url, keys, clock, tmp_path
):
    source = make_app(**keys["config"])
    _fill_every_table(source, clock)
    path = tmp_path / "norrsken.backup"
    _cli(source, "backup", path)
    content = path.read_bytes()
    assert content.startswith(b"age-encryption.org/v1\n")
    with source.app_context():
        reference = get_session().scalar(select(SamradRequest.reference))
    for plain in (reference.encode(), b"samrad_request", b"samordnare1", b"SQLite", b"PGDMP"):
        assert plain not in content

    target = make_app(migrate=False, DATABASE_URL=new_database_url(), **keys["config"])
    other_key = tmp_path / "other-identity.txt"
    backup.write_new_identity(other_key)
    refused = _cli(target, "restore", path, "--identity", other_key, ok=False)
    assert "kunde inte dekrypteras" in refused
    tampered = tmp_path / "tampered.backup"
    tampered.write_bytes(content[:-40] + bytes(40))
    assert "kunde inte dekrypteras" in _cli(
        target, "restore", tampered, "--identity", keys["identity"], ok=False
    )
    assert backup.stored_rows(target.extensions["engine"]) == 0, "nothing half-restored"

    # Even --force leaves a database with content alone when the file does not decrypt, or is
    # not a backup of this database kind at all.
    in_use = make_app(DATABASE_URL=new_database_url(), **keys["config"])
    send_request(in_use.test_client(), valid_request())
    other_kind = tmp_path / "other-kind.backup"
    with open(other_kind, "wb") as out:
        pyrage.encrypt_io(
            io.BytesIO(b"not a database " * 100), out, [backup.recipient(keys["public"])]
        )
    for bad, message in ((tampered, "kunde inte dekrypteras"), (other_kind, "är inte från en")):
        output = _cli(in_use, "restore", bad, "--identity", keys["identity"], "--force", ok=False)
        assert message in output
        assert backup.stored_rows(in_use.extensions["engine"]) > 0, bad.name


def test_restore_refuses_a_database_with_content_unless_forced(
    make_app, new_database_url, keys, clock, tmp_path
):
    source = make_app(**keys["config"])
    _fill_every_table(source, clock)
    path = tmp_path / "norrsken.backup"
    _cli(source, "backup", path)
    original = _every_row(source.extensions["engine"])

    target = make_app(DATABASE_URL=new_database_url(), **keys["config"])  # migrated, no rows
    _cli(target, "restore", path, "--identity", keys["identity"])
    again = _cli(target, "restore", path, "--identity", keys["identity"], ok=False)
    assert "innehåller redan" in again and "--force" in again
    send_request(target.test_client(), valid_request(submission_key="e" * 32))
    _cli(target, "restore", path, "--identity", keys["identity"], "--force")
    assert _every_row(target.extensions["engine"]) == original


def test_a_backup_of_an_older_schema_is_migrated_on_restore(
    make_app, new_database_url, keys, clock, tmp_path
):
    source = make_app(**keys["config"])
    send_request(source.test_client(), valid_request())
    _cli(source, "db", "downgrade")
    path = tmp_path / "old.backup"
    _cli(source, "backup", path)
    target = make_app(migrate=False, DATABASE_URL=new_database_url(), **keys["config"])
    _cli(target, "restore", path, "--identity", keys["identity"])
    assert "(senaste)" in _cli(target, "db", "current")
    with target.app_context():
        assert get_session().scalar(select(SamradRequest.status)) == "ny"


def test_backup_refuses_a_missing_or_secret_backup_key(make_app, keys, tmp_path):
    app = make_app(**{**keys["config"], "BACKUP_KEY": ""})
    assert "BACKUP_KEY saknas" in _cli(app, "backup", tmp_path / "a.backup", ok=False)
    secret = keys["identity"].read_text().splitlines()[-1]
    app.config["BACKUP_KEY"] = secret
    assert "den hemliga nyckeln" in _cli(app, "backup", tmp_path / "a.backup", ok=False)
    assert not list(tmp_path.glob("a.backup*")), "no file, not even a partial one"


def test_the_age_tools_open_a_backup_and_make_keys_without_this_code(make_app, keys, tmp_path):
    """The restore drill's fallback: Debian's `age` opens the file (README, Drift)."""
    app = make_app(**keys["config"])
    send_request(app.test_client(), valid_request())
    path = tmp_path / "norrsken.backup"
    _cli(app, "backup", path)
    plain = tmp_path / "plain"
    subprocess.run(
        [shutil.which("age") or "age", "--decrypt", "-i", keys["identity"], "-o", plain, path],
        check=True,
    )
    header = plain.read_bytes()[:16]
    if app.extensions["engine"].dialect.name == "sqlite":
        assert header == backup.SQLITE_MAGIC
        with sqlite3.connect(plain) as copy:
            assert copy.execute("SELECT count(*) FROM samrad_request").fetchone() == (1,)
    else:
        assert header.startswith(backup.PG_DUMP_MAGIC)
    os.remove(plain)

    # And a key pair made by Debian's age-keygen (the README's install step) works with ours.
    made = tmp_path / "age-keygen.txt"
    printed = subprocess.run(
        [shutil.which("age-keygen") or "age-keygen", "-o", made],
        check=True,
        capture_output=True,
        text=True,
    )
    public = printed.stderr.split("Public key:", 1)[1].strip()
    app.config["BACKUP_KEY"] = public
    _cli(app, "backup", tmp_path / "second.backup")
    assert str(backup.identity(made).to_public()) == public


def test_backup_key_command_makes_a_private_key_file_and_prints_the_public_key(app, tmp_path):
    target = tmp_path / "nyckel.txt"
    output = _cli(app, "backup-key", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    public = output.split("BACKUP_KEY=", 1)[1].strip()
    assert public.startswith("age1") and public in target.read_text()
    assert "finns redan" in _cli(app, "backup-key", target, ok=False)


def test_backup_key_can_go_straight_to_standard_output(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup-key", "-"])
    assert result.exit_code == 0
    written = tmp_path / "from-stdout.txt"
    written.write_text(result.stdout)
    public = result.stderr.split("BACKUP_KEY=", 1)[1].strip()
    assert str(backup.identity(written).to_public()) == public
    assert not list(tmp_path.glob("-*")), "no file named '-'"
