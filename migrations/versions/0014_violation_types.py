"""violation_types: Decree 283/2026's catalogue of sanctionable acts, as dated rows

Seeded from the rows shipped with the application (data/reference/violation_types.csv, each
`confirmed: false` until an administrator checks it against the signed text; docs/law.md).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 15:20:00
"""

import csv
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas
import overseas.core.db

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE = Path(overseas.__file__).resolve().parent / "data" / "reference"


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    table = op.create_table(
        "violation_types",
        sa.Column("code", _text(24), nullable=False),
        sa.Column("article", _text(4), nullable=False),
        sa.Column("clause", _text(4), nullable=False),
        sa.Column("point", _text(4), nullable=False),
        sa.Column("applies_to", _text(24), nullable=False),
        sa.Column("title_vi", _text(400), nullable=False),
        sa.Column("title_en", _text(400), nullable=False),
        sa.Column("fine_min_vnd", sa.BigInteger(), nullable=True),
        sa.Column("fine_max_vnd", sa.BigInteger(), nullable=False),
        sa.Column("fine_basis", _text(16), nullable=False),
        sa.Column("per_worker_max_vnd", sa.BigInteger(), nullable=True),
        sa.Column("additional_sanctions", _text(500), nullable=False),
        sa.Column("remedies", _text(1000), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source", _text(300), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    assert table is not None
    now = datetime.now(UTC)
    with (REFERENCE / "violation_types.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def number(text: str) -> int | None:
        return int(text) if text else None

    op.bulk_insert(
        table,
        [
            {
                "code": r["code"],
                "article": r["article"],
                "clause": r["clause"],
                "point": r["point"],
                "applies_to": r["applies_to"],
                "title_vi": r["title_vi"],
                "title_en": r["title_en"],
                "fine_min_vnd": number(r["fine_min_vnd"]),
                "fine_max_vnd": int(r["fine_max_vnd"]),
                "fine_basis": r["fine_basis"],
                "per_worker_max_vnd": number(r["per_worker_max_vnd"]),
                "additional_sanctions": r["additional_sanctions"],
                "remedies": r["remedies"],
                "valid_from": date.fromisoformat(r["valid_from"]),
                "valid_to": date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                "source": r["source"],
                "confirmed": r["confirmed"] == "true",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for r in rows
        ],
    )


def downgrade() -> None:
    op.drop_table("violation_types")
