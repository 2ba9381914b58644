"""complaints: the register of complaints about recruitment enterprises

Received from workers, families, communes or the press; triaged; linked to the inspection of
kind `complaint` it led to (docs/complaints.md).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas.core.db

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("complainant_name", _text(200), nullable=True),
        sa.Column("complainant_phone", _text(20), nullable=True),
        sa.Column("complainant_address", _text(500), nullable=True),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("area_code", _text(10), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("substantiated", sa.Boolean(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"]),
        sa.ForeignKeyConstraint(["placement_id"], ["placements.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_agency", ["agency_id", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_complaints_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index("ix_complaints_received", ["received_on", "id"], unique=False)
        batch_op.create_index("ix_complaints_status", ["status", "id"], unique=False)
        batch_op.create_index("ix_complaints_updated", ["updated_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_table("complaints")
