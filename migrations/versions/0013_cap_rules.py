"""fee_caps and deposit_caps: the legal caps as dated rows with their sources

Seeded from the rows shipped with the application (data/reference/fee_caps.csv and
deposit_caps.csv); administrators add and end rows as the law changes (docs/law.md).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 15:00:00
"""

import csv
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas
import overseas.core.db

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE = Path(overseas.__file__).resolve().parent / "data" / "reference"


def _key_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("market_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("programme", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("created_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    ]


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _key(r: dict[str, str], now: datetime) -> dict[str, object]:
    return {
        "market_code": r["market_code"],
        "programme": r["programme"],
        "channel": r["channel"],
        "valid_from": date.fromisoformat(r["valid_from"]),
        "valid_to": date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
        "note": r["note"],
        "source": r["source"],
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def upgrade() -> None:
    fees = op.create_table(
        "fee_caps",
        *_key_columns(),
        sa.Column("cap_months_per_12", sa.Numeric(5, 2), nullable=False),
        sa.Column("cap_months_max", sa.Numeric(5, 2), nullable=False),
    )
    deposits = op.create_table(
        "deposit_caps",
        *_key_columns(),
        sa.Column("cap_vnd", sa.BigInteger(), nullable=True),
    )
    now = datetime.now(UTC)
    assert fees is not None and deposits is not None
    op.bulk_insert(
        fees,
        [
            _key(r, now)
            | {
                "cap_months_per_12": Decimal(r["cap_months_per_12"]),
                "cap_months_max": Decimal(r["cap_months_max"]),
            }
            for r in _rows("fee_caps.csv")
        ],
    )
    op.bulk_insert(
        deposits,
        [
            _key(r, now) | {"cap_vnd": int(r["cap_vnd"]) if r["cap_vnd"] else None}
            for r in _rows("deposit_caps.csv")
        ],
    )


def downgrade() -> None:
    op.drop_table("deposit_caps")
    op.drop_table("fee_caps")
