"""login backoff instead of a lock; a ceiling on code guesses (security review M7, L3)

The per-account lock (failed_logins, locked_until) let anyone lock a coordinator out at will. It
is replaced by login_throttle (failures per HMAC'd username+client and username) and
coordinator.code_failures (wrong one-time codes since the last completed login).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("login_throttle") as batch:
        batch.create_index("ix_login_throttle_last_failure_at", ["last_failure_at"], unique=False)
    with op.batch_alter_table("coordinator") as batch:
        batch.add_column(
            sa.Column("code_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")


def downgrade() -> None:
    with op.batch_alter_table("coordinator") as batch:
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.drop_column("code_failures")
    op.drop_table("login_throttle")
