"""recruitment_notices: an enterprise's notice before recruiting in the province; placements
name their notice and carry over_quota

Officers acknowledge or reject a notice; a placement may name an acknowledged notice of its
enterprise, and those past the notice's quota carry `over_quota` (docs/notices.md). Existing
placements name no notice, so none is flagged.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas.core.db

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "recruitment_notices",
        sa.Column("market_code", _text(2), nullable=False),
        sa.Column("occupation", _text(200), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("approved_contract_no", _text(100), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("area_codes", overseas.core.db.JSONType, nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("decided_by", _text(160), nullable=True),
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.ForeignKeyConstraint(["market_code"], ["markets.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recruitment_notices", schema=None) as batch_op:
        batch_op.create_index("ix_recruitment_notices_agency", ["agency_id", "id"], unique=False)
        batch_op.create_index("ix_recruitment_notices_status", ["status", "id"], unique=False)
    op.create_table(
        "recruitment_notice_areas",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"]),
        sa.ForeignKeyConstraint(["notice_id"], ["recruitment_notices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("notice_id", "area_id"),
    )
    with op.batch_alter_table("recruitment_notice_areas", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recruitment_notice_areas_area_id"), ["area_id"], unique=False
        )
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recruitment_notice_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("over_quota", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_foreign_key(
            "fk_placements_recruitment_notice_id",
            "recruitment_notices",
            ["recruitment_notice_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_placements_notice", ["recruitment_notice_id", "registered_on", "id"], unique=False
        )
        batch_op.create_index(
            "ix_placements_over_quota",
            ["id"],
            unique=False,
            postgresql_where=sa.text("over_quota"),
            sqlite_where=sa.text("over_quota"),
        )
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.alter_column("over_quota", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_placements_over_quota",
            postgresql_where=sa.text("over_quota"),
            sqlite_where=sa.text("over_quota"),
        )
        batch_op.drop_index("ix_placements_notice")
        batch_op.drop_constraint("fk_placements_recruitment_notice_id", type_="foreignkey")
        batch_op.drop_column("over_quota")
        batch_op.drop_column("recruitment_notice_id")
    op.drop_table("recruitment_notice_areas")
    op.drop_table("recruitment_notices")
