"""pending logins on the server (security review L2)

The half-finished login (password step passed, code step not yet) was a signed cookie that could
be replayed after the login completed or the password changed. It becomes a row, found by the
hash of a random cookie token and ended by a completed login, a password change or its age.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coordinator_id"], ["coordinator.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("pending_login") as batch:
        batch.create_index("ix_pending_login_coordinator_id", ["coordinator_id"], unique=False)
        batch.create_index("ix_pending_login_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("pending_login")
