"""placements: the old identity card's number beside the CCCD

Either number makes two placements the same person's for the duplicate check (docs/api.md).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_national_id", sa.String(length=12), nullable=True))
        batch_op.create_index("ix_placements_previous_national_id", ["previous_national_id"])


def downgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.drop_index("ix_placements_previous_national_id")
        batch_op.drop_column("previous_national_id")
