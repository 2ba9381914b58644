"""Reference data: the administrative units of the former Quảng Nam province and Đà Nẵng, and
the destination markets, so that a fresh database already has them.

Area codes are the GSO codes; Quảng Nam (49) and its districts ended on 2025-06-30 and are
succeeded by Đà Nẵng (48) (Resolution 202/2025/QH15). Markets and tiers follow the province's
2023-2030 plan (Japan and Korea priority; Germany and Canada potential).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, name, level, parent_code, valid_from, valid_to, successor_code
AREAS = [
    ("48", "Thành phố Đà Nẵng", "province", None, None, None, None),
    ("49", "Tỉnh Quảng Nam", "province", None, None, "2025-06-30", "48"),
    ("502", "Thành phố Tam Kỳ", "district", "49", None, "2025-06-30", "48"),
    ("503", "Thành phố Hội An", "district", "49", None, "2025-06-30", "48"),
    ("504", "Huyện Tây Giang", "district", "49", None, "2025-06-30", "48"),
    ("505", "Huyện Đông Giang", "district", "49", None, "2025-06-30", "48"),
    ("506", "Huyện Đại Lộc", "district", "49", None, "2025-06-30", "48"),
    ("507", "Thị xã Điện Bàn", "district", "49", None, "2025-06-30", "48"),
    ("508", "Huyện Duy Xuyên", "district", "49", None, "2025-06-30", "48"),
    ("509", "Huyện Quế Sơn", "district", "49", None, "2025-06-30", "48"),
    ("510", "Huyện Nam Giang", "district", "49", None, "2025-06-30", "48"),
    ("511", "Huyện Phước Sơn", "district", "49", None, "2025-06-30", "48"),
    ("512", "Huyện Hiệp Đức", "district", "49", None, "2025-06-30", "48"),
    ("513", "Huyện Thăng Bình", "district", "49", None, "2025-06-30", "48"),
    ("514", "Huyện Tiên Phước", "district", "49", None, "2025-06-30", "48"),
    ("515", "Huyện Bắc Trà My", "district", "49", None, "2025-06-30", "48"),
    ("516", "Huyện Nam Trà My", "district", "49", None, "2025-06-30", "48"),
    ("517", "Huyện Núi Thành", "district", "49", None, "2025-06-30", "48"),
    ("518", "Huyện Phú Ninh", "district", "49", None, "2025-06-30", "48"),
    ("519", "Huyện Nông Sơn", "district", "49", None, "2025-06-30", "48"),
]

# code, name_vi, name_en, tier, programmes, notes
MARKETS = [
    (
        "JP",
        "Nhật Bản",
        "Japan",
        "priority",
        ["TITP", "SSW", "engineer"],
        "Priority market in the 2023-2030 plan",
    ),
    (
        "KR",
        "Hàn Quốc",
        "South Korea",
        "priority",
        ["EPS", "other"],
        "Priority market in the 2023-2030 plan; EPS runs through the public Centre of Overseas Labour "
        "(no service fee)",
    ),
    (
        "DE",
        "Đức",
        "Germany",
        "potential",
        ["other"],
        "Potential market to develop in the 2023-2030 plan",
    ),
    (
        "CA",
        "Canada",
        "Canada",
        "potential",
        ["other"],
        "Potential market to develop in the 2023-2030 plan",
    ),
    ("TW", "Đài Loan (Trung Quốc)", "Taiwan (China)", "standard", ["other"], None),
    ("AU", "Úc", "Australia", "standard", ["other"], None),
    ("SG", "Singapore", "Singapore", "standard", ["other"], None),
    ("MY", "Malaysia", "Malaysia", "standard", ["other"], None),
    ("SA", "Ả Rập Xê Út", "Saudi Arabia", "standard", ["other"], None),
    (
        "AE",
        "Các Tiểu vương quốc Ả Rập Thống nhất",
        "United Arab Emirates",
        "standard",
        ["other"],
        None,
    ),
    ("RO", "Romania", "Romania", "standard", ["other"], None),
    ("HU", "Hungary", "Hungary", "standard", ["other"], None),
    ("PL", "Ba Lan", "Poland", "standard", ["other"], None),
    ("CZ", "Séc", "Czechia", "standard", ["other"], None),
    ("NZ", "New Zealand", "New Zealand", "standard", ["other"], None),
]


def upgrade() -> None:
    now = datetime.now(UTC)
    areas = sa.table(
        "areas",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("level", sa.String),
        sa.column("parent_code", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
        sa.column("successor_code", sa.String),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )
    markets = sa.table(
        "markets",
        sa.column("code", sa.String),
        sa.column("name_vi", sa.String),
        sa.column("name_en", sa.String),
        sa.column("tier", sa.String),
        sa.column("programmes", sa.JSON),
        sa.column("notes", sa.Text),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )
    stamp = now if op.get_bind().dialect.name != "sqlite" else now.replace(tzinfo=None)
    # Parents and successors first: the province rows, then the districts.
    op.bulk_insert(
        areas,
        [
            {
                "code": code,
                "name": name,
                "level": level,
                "parent_code": parent,
                "valid_from": date.fromisoformat(start) if start else None,
                "valid_to": date.fromisoformat(end) if end else None,
                "successor_code": successor,
                "updated_at": stamp,
                "version": 1,
            }
            for code, name, level, parent, start, end, successor in AREAS
        ],
    )
    op.bulk_insert(
        markets,
        [
            {
                "code": code,
                "name_vi": name_vi,
                "name_en": name_en,
                "tier": tier,
                "programmes": programmes,
                "notes": notes,
                "updated_at": stamp,
                "version": 1,
            }
            for code, name_vi, name_en, tier, programmes, notes in MARKETS
        ],
    )


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM markets WHERE code IN :codes").bindparams(
            sa.bindparam("codes", [m[0] for m in MARKETS], expanding=True)
        )
    )
    op.execute(sa.text("DELETE FROM areas WHERE parent_code IS NOT NULL"))
    op.execute(
        sa.text("DELETE FROM areas WHERE code IN :codes").bindparams(
            sa.bindparam("codes", [a[0] for a in AREAS], expanding=True)
        )
    )
