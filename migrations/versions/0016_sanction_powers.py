"""sanction_powers: who may fine how much under Decree 283/2026, as dated rows

Seeded from the rows shipped with the application (data/reference/sanction_powers.csv, each
`confirmed: false` until an administrator checks it against the signed text; docs/law.md).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 16:50:00
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

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE = Path(overseas.__file__).resolve().parent / "data" / "reference"
# Decree 283/2026/NĐ-CP took effect on this day (Art. 66(1)).
IN_FORCE = date(2026, 9, 10)


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    table = op.create_table(
        "sanction_powers",
        sa.Column("code", _text(24), nullable=False),
        sa.Column("authority_vi", _text(400), nullable=False),
        sa.Column("authority_en", _text(400), nullable=False),
        sa.Column("max_fine_vnd", sa.BigInteger(), nullable=False),
        sa.Column("article", _text(4), nullable=False),
        sa.Column("scope", _text(500), nullable=False),
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
    with (REFERENCE / "sanction_powers.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    op.bulk_insert(
        table,
        [
            {
                "code": r["code"],
                "authority_vi": r["authority_vi"],
                "authority_en": r["authority_en"],
                "max_fine_vnd": int(r["max_fine_vnd"]),
                "article": r["article"],
                "scope": r["scope"],
                "valid_from": IN_FORCE,
                "valid_to": None,
                "source": r["source"],
                "confirmed": False,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for r in rows
        ],
    )


def downgrade() -> None:
    op.drop_table("sanction_powers")
