"""Departure tallies: maintained with every placement write, read by progress and reports.

A placement counts as a departure in the year of its departure_date once its status is
departed, returned, returned_early or overstayed (docs/api.md, "Targets and progress").
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, bindparam, delete, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from overseas.core.bulk import table_of
from overseas.placements.models import DepartureTally
from overseas.placements.rules import DEPARTED_STATUSES

COUNTED_VALUES = tuple(sorted(s.value for s in DEPARTED_STATUSES))
# The breakdown every placement has exactly one value of: its sum is the total.
TOTAL_DIMENSION = "sex"
NO_AGENCY = ""

Key = tuple[int, int, str, str, str]


def _plain(value: Any) -> str:
    return str(getattr(value, "value", value))


def keys_of(p: Mapping[str, Any] | Any) -> list[Key]:
    """The tally rows one placement adds to (none when it is not a departure)."""
    get: Callable[[str], Any] = p.get if isinstance(p, dict | Mapping) else lambda k: getattr(p, k)
    if _plain(get("status")) not in COUNTED_VALUES or get("departure_date") is None:
        return []
    year, area, market = get("departure_date").year, get("home_area_id"), get("market_code")
    agency = get("agency_id")
    keys: list[Key] = [
        (year, area, market, "channel", _plain(get("channel"))),
        (year, area, market, "agency", str(agency) if agency is not None else NO_AGENCY),
        (year, area, market, "sex", _plain(get("sex"))),
    ]
    keys += [(year, area, market, "policy_group", _plain(g)) for g in get("policy_groups") or []]
    return keys


def apply(session: Session, change: Counter[Key]) -> None:
    """Add the changes with one upsert statement; sorted, so that two transactions touching
    the same rows lock them in the same order (no deadlock)."""
    rows = [
        {"year": k[0], "area_id": k[1], "market_code": k[2], "dimension": k[3], "value": k[4],
         "count": n}
        for k, n in sorted(change.items())
        if n
    ]  # fmt: skip
    if not rows:
        return
    table = table_of(DepartureTally)
    conn = session.connection()
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["year", "area_id", "market_code", "dimension", "value"],
        set_={"count": table.c.count + stmt.excluded.count},
    )
    conn.execute(stmt, rows)


# The tally keys of the counted placements that match {where}, one row per key, computed by
# the database: the keys keys_of gives (`overseas tallies rebuild --check` compares the two).
_KEY_ROWS = {
    "postgresql": """
        SELECT CAST(EXTRACT(YEAR FROM departure_date) AS INTEGER) AS y, home_area_id,
               market_code, dims.d, dims.v
        FROM placements
        CROSS JOIN LATERAL (VALUES ('channel', channel),
                                   ('agency', COALESCE(CAST(agency_id AS TEXT), '')),
                                   ('sex', sex)) AS dims(d, v)
        WHERE {where}
        UNION ALL
        SELECT CAST(EXTRACT(YEAR FROM departure_date) AS INTEGER), home_area_id,
               market_code, 'policy_group', g
        FROM placements, jsonb_array_elements_text(policy_groups) AS g
        WHERE {where}
    """,
    "sqlite": """
        SELECT CAST(strftime('%Y', departure_date) AS INTEGER) AS y, home_area_id,
               market_code, 'channel' AS d, channel AS v
        FROM placements WHERE {where}
        UNION ALL
        SELECT CAST(strftime('%Y', departure_date) AS INTEGER), home_area_id, market_code,
               'agency', COALESCE(CAST(agency_id AS TEXT), '')
        FROM placements WHERE {where}
        UNION ALL
        SELECT CAST(strftime('%Y', departure_date) AS INTEGER), home_area_id, market_code,
               'sex', sex
        FROM placements WHERE {where}
        UNION ALL
        SELECT CAST(strftime('%Y', departure_date) AS INTEGER), home_area_id, market_code,
               'policy_group', g.value
        FROM placements, json_each(placements.policy_groups) AS g
        WHERE {where}
    """,
}
_COUNTED = "status IN :counted AND departure_date IS NOT NULL"


def _key_rows(dialect: str, where: str = _COUNTED) -> str:
    return _KEY_ROWS[dialect].format(where=where)


def rebuild(session: Session) -> None:
    """Recount every tally from the placements (after a bulk load, or to repair)."""
    conn = session.connection()
    conn.execute(delete(table_of(DepartureTally)))
    statement = text(
        f"""
        INSERT INTO departure_tallies (year, area_id, market_code, dimension, value, count)
        SELECT y, home_area_id, market_code, d, v, count(*)
        FROM ({_key_rows(conn.dialect.name)}) AS t GROUP BY y, home_area_id, market_code, d, v
        """  # noqa: S608 - the application's own SQL text, no input in it
    ).bindparams(bindparam("counted", COUNTED_VALUES, expanding=True))
    conn.execute(statement)


def count_days(
    session: Session, first: date, last: date, areas: Iterable[int], market: str | None
) -> Counter[Key]:
    """The tally keys of the departures dated `first` to `last` whose home is in the areas (in
    the market, if given), each with how many departures it holds: what the tallies would hold
    for those days alone, counted by the database with the rebuild's own keys, for a span that
    is not whole years (the annual report's period: targets/progress.py, Days). It reads those
    days' placements through the departure-date index and answers one row per key."""
    conn = session.connection()
    dialect = conn.dialect.name
    postgres = dialect == "postgresql"
    where = (
        f"{_COUNTED} AND departure_date >= :first AND departure_date <= :last AND "
        + ("home_area_id = ANY(:areas)" if postgres else "home_area_id IN :areas")
        + (" AND market_code = :market" if market else "")
    )
    statement = text(
        f"""
        SELECT y, home_area_id, market_code, d, v, count(*)
        FROM ({_key_rows(dialect, where)}) AS t GROUP BY y, home_area_id, market_code, d, v
        """  # noqa: S608 - the application's own SQL text, no input in it
    ).bindparams(
        bindparam("counted", COUNTED_VALUES, expanding=True),
        bindparam("first", first, type_=Date()),
        bindparam("last", last, type_=Date()),
        (
            bindparam("areas", sorted(areas), type_=ARRAY(Integer()))
            if postgres
            else bindparam("areas", sorted(areas), expanding=True)
        ),
        *([bindparam("market", market)] if market else []),
    )
    if postgres:
        # Planned for the values at hand, as tally_sums is (bench/RESULTS.md). The planner
        # takes each placement's policy groups for 100 rows (a set function's default) and
        # would compile the query for a million: at 1M placements JIT cost 70-120 ms of a
        # 130 ms count.
        conn.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        conn.execute(text("SET LOCAL jit = off"))
    return Counter(
        {
            (int(y), int(area), str(m), str(d), str(v)): int(n)
            for y, area, m, d, v, n in conn.execute(statement)
        }
    )


def snapshot(session: Session) -> dict[Key, int]:
    """Every non-zero tally, for comparing the kept summary with a recount."""
    rows = session.exec(select(DepartureTally)).all()
    return {
        (r.year, r.area_id, r.market_code, r.dimension, r.value): r.count for r in rows if r.count
    }


def check(session: Session) -> dict[Key, tuple[int, int]]:
    """The tallies that differ from a recount, as {key: (kept, recounted)}; changes nothing
    (the recount is rolled back)."""
    kept = snapshot(session)
    with session.begin_nested() as recount:
        rebuild(session)
        fresh = snapshot(session)
        recount.rollback()
    return {
        key: (kept.get(key, 0), fresh.get(key, 0))
        for key in kept.keys() | fresh.keys()
        if kept.get(key, 0) != fresh.get(key, 0)
    }
