"""departure tallies: a covering index for progress

Progress sums the tallies of a span and territory by one column; on PostgreSQL the lookup index
carries the summed columns too, so the sums are read from the index alone (docs/architecture.md,
"Progress"). SQLite keeps the plain index.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 13:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ["dimension", "year", "area_id"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_departure_tallies_lookup", table_name="departure_tallies")
    op.create_index(
        "ix_departure_tallies_lookup",
        "departure_tallies",
        KEY,
        postgresql_include=["market_code", "value", "count"],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_departure_tallies_lookup", table_name="departure_tallies")
    op.create_index("ix_departure_tallies_lookup", "departure_tallies", KEY)
