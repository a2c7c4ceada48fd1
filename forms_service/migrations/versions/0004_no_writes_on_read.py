"""no writes on read: one weekly meeting per start time; no 'first viewed' marker

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:00:00

Weekly meetings used to be created while a page was shown, so two workers could create the same
one twice. Before the unique index is added, such twins are merged into the oldest (agenda items
move over; notes and "held" are kept if only the twin had them). The "first viewed" time goes:
viewing no longer writes, and the queue marks requests still in status "ny" instead.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_ACUTE = sa.text("NOT is_acute")


def _merge_twin_weekly_meetings() -> None:
    connection = op.get_bind()
    twins = connection.execute(
        sa.text(
            "SELECT starts_at FROM meeting WHERE NOT is_acute "
            "GROUP BY starts_at HAVING COUNT(*) > 1"
        )
    ).all()
    for (starts_at,) in twins:
        ids = [
            row.id
            for row in connection.execute(
                sa.text("SELECT id FROM meeting WHERE NOT is_acute AND starts_at = :s ORDER BY id"),
                {"s": starts_at},
            )
        ]
        keep, others = ids[0], ids[1:]
        for other in others:
            connection.execute(
                sa.text("UPDATE agenda_item SET meeting_id = :keep WHERE meeting_id = :other"),
                {"keep": keep, "other": other},
            )
            connection.execute(
                sa.text(
                    "UPDATE meeting SET "
                    "notes = COALESCE(notes, (SELECT notes FROM meeting WHERE id = :other)), "
                    "held_at = COALESCE(held_at, (SELECT held_at FROM meeting WHERE id = :other)) "
                    "WHERE id = :keep"
                ),
                {"keep": keep, "other": other},
            )
            connection.execute(sa.text("DELETE FROM meeting WHERE id = :other"), {"other": other})


def upgrade() -> None:
    _merge_twin_weekly_meetings()
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            "uq_meeting_weekly_starts_at",
            ["starts_at"],
            unique=True,
            sqlite_where=NOT_ACUTE,
            postgresql_where=NOT_ACUTE,
        )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a plain column in place (3.35+); batch mode would copy the table, which
        # its foreign keys (request_event, agenda_item) refuse while they are enforced.
        op.execute("ALTER TABLE samrad_request DROP COLUMN first_viewed_at")
    else:
        op.drop_column("samrad_request", "first_viewed_at")


def downgrade() -> None:
    with op.batch_alter_table("samrad_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_viewed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("uq_meeting_weekly_starts_at")
