"""queue keyset index: the queue's pages walk (is_acute, created_at, id)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 15:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("samrad_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_samrad_request_queue_order", ["is_acute", "created_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("samrad_request", schema=None) as batch_op:
        batch_op.drop_index("ix_samrad_request_queue_order")
