"""agency_reports: the reports enterprises file, and who reports elsewhere

An enterprise owes the department an annual report and the monthly changes of its workers
abroad unless its head office is in another province (docs/obligations.md).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas.core.db

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reports_elsewhere", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.alter_column("reports_elsewhere", server_default=None)
    op.create_table(
        "agency_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("figures", overseas.core.db.JSONType, nullable=False),
        sa.Column("submitted_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("amends_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("file_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.ForeignKeyConstraint(["amends_id"], ["agency_reports.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "agency_id", "kind", "period_from", "revision", name="uq_agency_reports_duty"
        ),
    )
    op.create_table(
        "agency_report_files",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["agency_reports.id"]),
        sa.PrimaryKeyConstraint("report_id"),
    )


def downgrade() -> None:
    op.drop_table("agency_report_files")
    op.drop_table("agency_reports")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("reports_elsewhere")
