"""areas over time: units with validity periods, successions, the communes of Đà Nẵng and the
former Quảng Nam before and after the 2025 reform; placements and tallies keyed by unit

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:00:00.000000

A code is not a key on its own any more: most commune codes were kept by a new unit on
2025-07-01, so the areas get an id, the foreign keys to areas.code go, and each placement
names the unit its code meant on the day it was registered (docs/places.md).
"""

import csv
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op

import overseas
import overseas.core.db
from overseas.core.text import fold

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE = Path(overseas.__file__).resolve().parent / "data" / "reference"
# Foreign keys to areas.code, by the names PostgreSQL gave them (SQLite names none: dropped
# through the naming convention of a batch operation).
CODE_KEYS = (
    ("placements", "home_area_code"),
    ("targets", "area_code"),
    ("areas", "parent_code"),
    ("areas", "successor_code"),
)
NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}
# Districts of the former Đà Nẵng whose territory went whole to the city on 2025-07-01 (their
# communes have successors of their own; Hoàng Sa, 498, became the special zone 20333).
CITY = "48"

COUNTED = ("departed", "overstayed", "returned", "returned_early")


def _recount(dialect: str, source: str, target: str) -> sa.TextClause:
    """Count the departures again into the tallies, by `source` (a placements column) into
    `target` (the tallies' area column): as the registry's own rebuild did at this revision."""
    year = (
        "CAST(EXTRACT(YEAR FROM departure_date) AS INTEGER)"
        if dialect == "postgresql"
        else "CAST(strftime('%Y', departure_date) AS INTEGER)"
    )
    groups = (
        "jsonb_array_elements_text(policy_groups) AS g"
        if dialect == "postgresql"
        else "json_each(placements.policy_groups) AS g"
    )
    group = "g" if dialect == "postgresql" else "g.value"
    where = "status IN :counted AND departure_date IS NOT NULL"
    parts = [
        f"SELECT {year} AS y, {source} AS a, market_code AS m, '{d}' AS d, {v} AS v "
        f"FROM placements WHERE {where}"
        for d, v in (
            ("channel", "channel"),
            ("agency", "COALESCE(CAST(agency_id AS TEXT), '')"),
            ("sex", "sex"),
        )
    ]
    parts.append(
        f"SELECT {year}, {source}, market_code, 'policy_group', {group} "
        f"FROM placements, {groups} WHERE {where}"
    )
    return sa.text(
        f"INSERT INTO departure_tallies (year, {target}, market_code, dimension, value, count) "
        f"SELECT y, a, m, d, v, count(*) FROM ({' UNION ALL '.join(parts)}) AS t "
        "GROUP BY y, a, m, d, v"
    ).bindparams(sa.bindparam("counted", COUNTED, expanding=True))


def _drop_code_key(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(table, naming_convention=NAMING, recreate="always") as b:
            b.drop_constraint(f"fk_{table}_{column}_areas", type_="foreignkey")
    else:
        op.drop_constraint(f"{table}_{column}_fkey", table, type_="foreignkey")


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _area_columns() -> list[sa.Column | sa.Constraint]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("search_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code", "valid_from", name="uq_areas_code_valid_from"),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    now = datetime.now(UTC)
    stamp = now.replace(tzinfo=None) if sqlite else now

    for table, column in CODE_KEYS:
        _drop_code_key(table, column)

    # The units, with an id of their own.
    op.create_table("areas_v2", *_area_columns())
    before = sa.table(
        "areas",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("level", sa.String),
        sa.column("parent_code", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
        sa.column("successor_code", sa.String),
        sa.column("updated_at", overseas.core.db.UTCDateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )
    old = bind.execute(sa.select(before).order_by(before.c.code)).all()
    names = [c.name for c in _area_columns() if isinstance(c, sa.Column) and c.name != "id"]
    v2 = sa.table("areas_v2", *[sa.column(n) for n in names])
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "parent_code": r.parent_code,
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "successor_code": r.successor_code,
            "search_name": fold(r.name),
            "updated_at": r.updated_at,
            "version": r.version,
        }
        for r in old
    ]
    op.bulk_insert(v2, rows)
    op.drop_table("areas")
    op.rename_table("areas_v2", "areas")
    with op.batch_alter_table("areas", schema=None) as b:
        b.create_index(b.f("ix_areas_code"), ["code"], unique=False)
        b.create_index(b.f("ix_areas_level"), ["level"], unique=False)
        b.create_index(b.f("ix_areas_parent_code"), ["parent_code"], unique=False)

    # Corrected reference data: Nông Sơn (519) went into Quế Sơn (509) on 2025-01-01.
    op.execute(
        sa.text(
            "UPDATE areas SET valid_to = :end, successor_code = '509', version = version + 1 "
            "WHERE code = '519'"
        ).bindparams(end=date(2024, 12, 31))
    )
    # The communes (and the former Đà Nẵng's districts) before and after the reform.
    known = {(r.code, r.valid_from) for r in old}
    communes = [
        {
            "code": r["code"],
            "name": r["name"],
            "level": r["level"],
            "parent_code": r["parent_code"] or None,
            "valid_from": _day(r["valid_from"]),
            "valid_to": _day(r["valid_to"]),
            "successor_code": CITY if r["level"] == "district" and r["code"] != "498" else None,
            "search_name": fold(r["name"]),
            "updated_at": stamp,
            "version": 1,
        }
        for r in _rows("communes.csv")
        if (r["code"], _day(r["valid_from"])) not in known
    ]
    op.bulk_insert(sa.table("areas", *[sa.column(k) for k in communes[0]]), communes)

    op.create_table(
        "area_successions",
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["old_id"], ["areas.id"]),
        sa.ForeignKeyConstraint(["new_id"], ["areas.id"]),
        sa.PrimaryKeyConstraint("old_id", "new_id"),
    )
    with op.batch_alter_table("area_successions", schema=None) as b:
        b.create_index(b.f("ix_area_successions_new_id"), ["new_id"], unique=False)
    after = sa.table(
        "areas",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
        sa.column("successor_code", sa.String),
    )
    units = bind.execute(sa.select(after)).all()
    links: dict[tuple[int, int], str] = {}

    def on(code: str, day: date) -> int:
        found = [
            u.id
            for u in units
            if u.code == code
            and (u.valid_from is None or u.valid_from <= day)
            and (u.valid_to is None or u.valid_to >= day)
        ]
        assert len(found) == 1, (code, day, found)
        return int(found[0])

    for u in units:
        # A unit that ends a version on 2024-12-31 and starts another the next day is its own
        # whole successor (a rename or a move to another district).
        if u.valid_to == date(2024, 12, 31):
            nxt = [v for v in units if v.code == u.code and v.valid_from == date(2025, 1, 1)]
            if nxt:
                links[(u.id, nxt[0].id)] = "whole"
    for u in units:
        if u.successor_code is not None:
            links[(u.id, on(u.successor_code, u.valid_to + timedelta(days=1)))] = "whole"
    reform_eve, reform_day = date(2025, 6, 30), date(2025, 7, 1)
    for r in _rows("commune_successors.csv"):
        links[(on(r["old_code"], reform_eve), on(r["new_code"], reform_day))] = r["part"]
    op.bulk_insert(
        sa.table("area_successions", sa.column("old_id"), sa.column("new_id"), sa.column("part")),
        [{"old_id": o, "new_id": n, "part": p} for (o, n), p in sorted(links.items())],
    )

    # Each placement names the unit its code meant on the day it was registered.
    with op.batch_alter_table("placements", schema=None) as b:
        b.add_column(sa.Column("home_area_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE placements SET home_area_id = (SELECT a.id FROM areas a "
        "WHERE a.code = placements.home_area_code "
        "AND (a.valid_from IS NULL OR a.valid_from <= placements.registered_on) "
        "AND (a.valid_to IS NULL OR a.valid_to >= placements.registered_on))"
    )
    # A code not valid on the day (entered before this check existed): its newest unit.
    op.execute(
        "UPDATE placements SET home_area_id = (SELECT max(a.id) FROM areas a "
        "WHERE a.code = placements.home_area_code) WHERE home_area_id IS NULL"
    )
    with op.batch_alter_table("placements", schema=None) as b:
        b.alter_column("home_area_id", existing_type=sa.Integer(), nullable=False)
        b.create_foreign_key("fk_placements_home_area_id_areas", "areas", ["home_area_id"], ["id"])
        b.drop_index("ix_placements_area")
        b.create_index("ix_placements_area", ["home_area_id", "id"], unique=False)

    # The departure tallies count by unit, and are recounted.
    op.drop_table("departure_tallies")
    op.create_table(
        "departure_tallies",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("market_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "area_id", "market_code", "dimension", "value"),
    )
    with op.batch_alter_table("departure_tallies", schema=None) as b:
        b.create_index("ix_departure_tallies_lookup", ["dimension", "year", "area_id"])
    bind.execute(_recount(bind.dialect.name, "home_area_id", "area_id"))


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_table("departure_tallies")
    op.create_table(
        "departure_tallies",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("area_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("market_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "area_code", "market_code", "dimension", "value"),
    )
    with op.batch_alter_table("departure_tallies", schema=None) as b:
        b.create_index("ix_departure_tallies_lookup", ["dimension", "year", "area_code"])
    with op.batch_alter_table("placements", schema=None) as b:
        b.drop_index("ix_placements_area")
        b.create_index("ix_placements_area", ["home_area_code", "id"], unique=False)
        b.drop_constraint("fk_placements_home_area_id_areas", type_="foreignkey")
        b.drop_column("home_area_id")
    op.drop_table("area_successions")
    # Back to one unit per code: the units of the first migrations.
    op.execute(
        sa.text(
            "DELETE FROM areas WHERE length(code) = 5 OR code IN ('490', '491', "
            "'492', '493', '494', '495', '496', '497', '498')"
        )
    )
    op.execute(
        sa.text(
            "UPDATE areas SET valid_to = :end, successor_code = :city WHERE code = '519'"
        ).bindparams(end=date(2025, 6, 30), city=CITY)
    )
    rows = bind.execute(
        sa.text(
            "SELECT code, name, level, parent_code, valid_from, valid_to, successor_code, "
            "updated_at, version FROM areas ORDER BY length(code), code"
        )
    ).all()
    op.drop_table("areas")
    op.create_table(
        "areas",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("updated_at", overseas.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["parent_code"], ["areas.code"]),
        sa.ForeignKeyConstraint(["successor_code"], ["areas.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("areas", schema=None) as b:
        b.create_index(b.f("ix_areas_level"), ["level"], unique=False)
        b.create_index(b.f("ix_areas_parent_code"), ["parent_code"], unique=False)
        b.create_index(b.f("ix_areas_successor_code"), ["successor_code"], unique=False)
    op.bulk_insert(
        sa.table("areas", *[sa.column(c) for c in rows[0]._fields]),
        [dict(r._mapping) for r in rows],
    )
    with op.batch_alter_table("placements", schema=None) as b:
        b.create_foreign_key(
            "placements_home_area_code_fkey", "areas", ["home_area_code"], ["code"]
        )
    with op.batch_alter_table("targets", schema=None) as b:
        b.create_foreign_key("targets_area_code_fkey", "areas", ["area_code"], ["code"])
    bind.execute(_recount(bind.dialect.name, "home_area_code", "area_code"))
