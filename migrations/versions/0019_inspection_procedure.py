"""the sanctioning procedure: violations from Decree 283/2026's catalogue, remedies as items,
the check record, the sanction decision and attached scans

A violation names the catalogue's act, the day it ended, the offender, the workers affected and
its additional sanctions; its remedies become items done on a day or cancelled by an amending
decision; the inspection gets its decision's signer and team, its check record, its sanction
decision (signer, payment, enforcement) and its files (docs/inspections.md).

Revision ID: 0019
Revises: 0016
Create Date: 2026-11-30 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas.core.db

revision: str = "0019"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_signer", _text(200), nullable=True))
        batch_op.add_column(
            sa.Column(
                "team_members", overseas.core.db.JSONType, nullable=False, server_default="[]"
            )
        )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.alter_column("team_members", server_default=None)
    with op.batch_alter_table("violations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("violation_type", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("act_ended_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "offender", sa.String(length=16), nullable=False, server_default="organisation"
            )
        )
        batch_op.add_column(sa.Column("affected_workers", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("licence_suspension_months", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "additional_sanctions",
                sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_foreign_key(
            "fk_violations_violation_type", "violation_types", ["violation_type"], ["code"]
        )
    with op.batch_alter_table("violations", schema=None) as batch_op:
        batch_op.alter_column("offender", server_default=None)
        batch_op.alter_column("additional_sanctions", server_default=None)
    op.create_table(
        "remedies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("violation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=True),
        sa.Column("placement_ids", overseas.core.db.JSONType, nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("cancelled_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["violation_id"], ["violations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_remedies_violation_id", "remedies", ["violation_id"])
    op.create_table(
        "check_records",
        sa.Column("held_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("place", _text(300), nullable=False),
        sa.Column("representative_name", _text(200), nullable=False),
        sa.Column("representative_position", _text(200), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("documents_sampled", sa.Text(), nullable=False),
        sa.Column("worker_files_sampled", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("refusal_reason", _text(2000), nullable=True),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"]),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    op.create_table(
        "sanction_decisions",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("number", _text(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("signer_power", sa.String(length=24), nullable=False),
        sa.Column("signer_name", _text(200), nullable=False),
        sa.Column("total_fine_vnd", sa.BigInteger(), nullable=False),
        sa.Column("payment_due_on", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_amount_vnd", sa.BigInteger(), nullable=True),
        sa.Column("enforced_on", sa.Date(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"]),
        sa.ForeignKeyConstraint(["signer_power"], ["sanction_powers.code"]),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    op.create_table(
        "inspection_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("file_name", _text(255), nullable=False),
        sa.Column("media_type", _text(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", _text(150), nullable=False),
        sa.Column("uploaded_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_inspection_files_inspection_id", "inspection_files", ["inspection_id"])
    op.create_table(
        "inspection_file_contents",
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["file_id"], ["inspection_files.id"]),
        sa.PrimaryKeyConstraint("file_id"),
    )


def downgrade() -> None:
    op.drop_table("inspection_file_contents")
    op.drop_index("ix_inspection_files_inspection_id", table_name="inspection_files")
    op.drop_table("inspection_files")
    op.drop_table("sanction_decisions")
    op.drop_table("check_records")
    op.drop_index("ix_remedies_violation_id", table_name="remedies")
    op.drop_table("remedies")
    with op.batch_alter_table("violations", schema=None) as batch_op:
        batch_op.drop_constraint("fk_violations_violation_type", type_="foreignkey")
        batch_op.drop_column("additional_sanctions")
        batch_op.drop_column("licence_suspension_months")
        batch_op.drop_column("affected_workers")
        batch_op.drop_column("offender")
        batch_op.drop_column("act_ended_on")
        batch_op.drop_column("violation_type")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_column("team_members")
        batch_op.drop_column("decision_signer")
