"""status-link issue time, confirmed warnings, saved forms

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("samrad_request", "consent_record"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("link_issued_at", sa.DateTime(timezone=True), nullable=True)
            )
    with op.batch_alter_table("samrad_request") as batch_op:
        batch_op.add_column(sa.Column("confirmed_warnings", sa.Text(), nullable=True))
    op.create_table(
        "saved_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coordinator_id"], ["coordinator.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("saved_form") as batch_op:
        batch_op.create_index("ix_saved_form_coordinator_id", ["coordinator_id"], unique=False)


def downgrade() -> None:
    op.drop_table("saved_form")
    with op.batch_alter_table("samrad_request") as batch_op:
        batch_op.drop_column("confirmed_warnings")
    for table in ("samrad_request", "consent_record"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("link_issued_at")
