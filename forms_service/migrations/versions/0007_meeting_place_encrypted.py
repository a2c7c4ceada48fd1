"""meeting place: encrypted free text, purged with meeting notes (security review M3)

The place of an acute samråd is typed by the coordinator and shown to the submitter; it was a
plain String(120) that retention never touched. It becomes an encrypted, nullable text column.
Existing places are encrypted here, with the data key the application hands over (`flask db
upgrade` does); a database that holds meetings cannot be upgraded without it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEETING = sa.table("meeting", sa.column("id", sa.Integer), sa.column("place", sa.Text))


def _fernet_if_needed():
    """The data key when there are places to convert. Checked before any change, because SQLite
    cannot roll back a half-done table copy."""
    has_places = (
        op.get_bind()
        .execute(sa.select(MEETING.c.id).where(MEETING.c.place.is_not(None)).limit(1))
        .first()
    )
    fernet = context.config.attributes.get("fernet")
    if has_places and fernet is None:
        raise RuntimeError(
            "Meeting places must be re-encrypted with the data key: run "
            "`flask --app forms_service db upgrade`, which supplies it."
        )
    return fernet


def _convert(fernet, transform) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(MEETING.c.id, MEETING.c.place).where(MEETING.c.place.is_not(None))
    ).all()
    for meeting_id, place in rows:
        connection.execute(
            MEETING.update()
            .where(MEETING.c.id == meeting_id)
            .values(place=transform(fernet, place))
        )


def upgrade() -> None:
    fernet = _fernet_if_needed()
    with op.batch_alter_table("meeting") as batch:
        batch.alter_column(
            "place", existing_type=sa.String(length=120), type_=sa.Text(), nullable=True
        )
    _convert(fernet, lambda f, place: f.encrypt(place.encode("utf-8")).decode("ascii"))


def downgrade() -> None:
    fernet = _fernet_if_needed()
    _convert(fernet, lambda f, token: f.decrypt(token.encode("ascii")).decode("utf-8")[:120])
    op.execute("UPDATE meeting SET place = 'Plats gallrad' WHERE place IS NULL")
    with op.batch_alter_table("meeting") as batch:
        batch.alter_column(
            "place", existing_type=sa.Text(), type_=sa.String(length=120), nullable=False
        )
