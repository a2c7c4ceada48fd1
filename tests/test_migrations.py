"""Upgrades: a database made by the first released schema (0001) keeps its data at head, and
`flask db downgrade` steps back through every migration and up again (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from formhelpers import make_request
from sqlalchemy import MetaData, inspect, select, text

from forms_service import db
from forms_service.db import get_session
from forms_service.models import SamradRequest
from forms_service.services import submissions


def _cli(app, *args) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _seed_first_schema(app) -> None:
    """Rows as the first release wrote them: encrypted text, JSON lists, a linked consent."""
    engine = app.extensions["engine"]
    fernet = app.extensions["fernet"]

    def encrypted(value: str) -> str:
        return fernet.encrypt(value.encode("utf-8")).decode("ascii")

    tables = MetaData()
    tables.reflect(engine)
    assert set(tables.tables) == {
        "alembic_version",
        "consent_record",
        "samrad_request",
        "request_event",
    }, "0001 is the first released schema"
    created = datetime(2026, 1, 12, 9, 30, tzinfo=UTC)
    submitter = {
        "submitter_name": encrypted("Kim Handläggare"),
        "submitter_organisation": "krokom",
        "submitter_phone": encrypted("0640-161 00"),
    }
    with engine.begin() as connection:
        connection.execute(
            tables.tables["consent_record"].insert(),
            {
                "id": 1,
                "public_id": "c" * 32,
                "reference": "S-KM47-TR92",
                "token_nonce": "0" * 32,
                "submission_key": "k" * 32,
                "parties": ["polisen", "region", "krokom"],
                "information_kinds": ["vald"],
                "valid_from": date(2026, 1, 12),
                "valid_until": date(2026, 7, 12),
                "method": "skriftligt",
                "original_kept_by": "krokom",
                "original_case_reference": encrypted("IFO 2026/123"),
                "told_how_samrad_works": True,
                "told_who_takes_part": True,
                "told_can_withdraw": True,
                "created_at": created,
                **submitter,
            },
        )
        connection.execute(
            tables.tables["samrad_request"].insert(),
            {
                "id": 1,
                "public_id": "r" * 32,
                "reference": "F-AB23-CD45",
                "token_nonce": "1" * 32,
                "submission_key": "s" * 32,
                "municipality": "krokom",
                "basis": "samtycke",
                "consent_id": 1,
                "kind": "planerande",
                "is_acute": False,
                "purposes": ["behov", "risk"],
                "violence_forms": ["psykiskt"],
                "contexts": ["mans_vald"],
                "children": "ja",
                "police_report": "nej",
                "risk_assessment": "nej",
                "case_description": encrypted("Kvinna i 40-årsåldern som utsätts för kontroll."),
                "question": encrypted("Hur samordnar vi stödet?"),
                "parties_requested": ["polisen", "region"],
                "participation": "video",
                "declaration_version": "2026-11",
                "warnings_confirmed": 1,
                "status": "under_bedomning",
                "created_at": created,
                "updated_at": created,
                **submitter,
            },
        )
        connection.execute(
            tables.tables["request_event"].insert(),
            [
                {
                    "id": 1,
                    "request_id": 1,
                    "kind": "status",
                    "actor": "samordnare1",
                    "from_status": "ny",
                    "to_status": "under_bedomning",
                    "text": encrypted("Vi tittar på det."),
                    "created_at": created,
                }
            ],
        )


def test_a_database_from_the_first_release_keeps_its_data_after_upgrade(make_app):
    app = make_app(migrate=False)
    db.upgrade(app.extensions["engine"], "0001")
    _seed_first_schema(app)

    assert "Databasen är uppdaterad" in _cli(app, "db", "upgrade")
    assert "(senaste)" in _cli(app, "db", "current")
    with app.app_context():
        request = get_session().scalar(select(SamradRequest))
        assert request.reference == "F-AB23-CD45" and request.status == "under_bedomning"
        assert request.case_description == "Kvinna i 40-årsåldern som utsätts för kontroll."
        assert request.submitter_name == "Kim Handläggare"
        assert request.purposes == ["behov", "risk"]
        assert request.consent.reference == "S-KM47-TR92"
        assert request.consent.original_case_reference == "IFO 2026/123"
        assert [event.text for event in request.events] == ["Vi tittar på det."]
        assert request.created_at == datetime(2026, 1, 12, 9, 30, tzinfo=UTC)
        assert request.agenda_items == []
        request_link = f"/formular/status/{submissions.status_token(request)}"
    page = app.test_client().get(request_link)
    assert page.status_code == 200, "the professional's status link still opens"
    assert "F-AB23-CD45" in page.get_data(as_text=True)


def test_db_downgrade_steps_back_through_every_migration_and_up_again(make_app):
    app = make_app()
    reference = make_request(app)
    engine = app.extensions["engine"]
    steps = [
        (script.revision, script.down_revision)
        for script in db.ScriptDirectory.from_config(db.alembic_config(engine)).walk_revisions()
    ]
    assert len(steps) >= 3 and steps[-1][1] is None
    history = _cli(app, "db", "history")
    assert f"{steps[0][0]}  " in history and "<- databasen" in history.splitlines()[0]

    for revision, down_revision in steps:
        assert _cli(app, "db", "current").startswith(f"{revision} ")
        output = _cli(app, "db", "downgrade")
        assert f"version {down_revision or 'tom'}" in output
        if down_revision is not None:  # the requests table is there from 0001 on
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT reference FROM samrad_request"))
                assert stored.scalars().all() == [reference]
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert "inte senaste" in _cli(app, "db", "current")

    _cli(app, "db", "upgrade")
    assert "(senaste)" in _cli(app, "db", "current")
    assert "stämmer överens" in _cli(app, "db", "check")
