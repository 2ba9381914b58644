"""placements: the day the contract was signed

The caps and the exchange rate of that day judge a placement's fee and deposit (docs/api.md,
"Caps judged as of the contract date"); optional, so existing rows are judged on their
departure or registration day as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contract_signed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.drop_column("contract_signed_on")
