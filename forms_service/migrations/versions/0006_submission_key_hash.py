"""submission key: keep only a keyed hash (security review M1, M2)

The plaintext `submission_key` column could hold anything a client sent (a personnummer, a name)
and let anyone holding a key fetch another record's status link. It is replaced by a nullable
`submission_key_hash`, written by the application and cleared by the retention purge. Keys of
existing records are dropped, not hashed: they only ever served to recognise a double
submission within minutes of the first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("samrad_request", "consent_record")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("submission_key_hash", sa.String(length=64), nullable=True))
            batch.create_unique_constraint(
                f"uq_{table}_submission_key_hash", ["submission_key_hash"]
            )
            batch.drop_column("submission_key")


def downgrade() -> None:
    # The keys themselves are gone; each record gets a unique placeholder so the old NOT NULL
    # UNIQUE column can come back.
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
        op.execute(f"UPDATE {table} SET submission_key = 'migrated-' || id")  # noqa: S608
        with op.batch_alter_table(table) as batch:
            batch.alter_column("submission_key", nullable=False)
            batch.create_unique_constraint(f"uq_{table}_submission_key", ["submission_key"])
            batch.drop_constraint(f"uq_{table}_submission_key_hash", type_="unique")
            batch.drop_column("submission_key_hash")
