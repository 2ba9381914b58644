"""Migrations on an empty database of the kind under test: up, no drift, down, up again."""

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from overseas.core.db import build_engine
from overseas.core.migrate import downgrade, upgrade
from overseas.models import metadata
from tests.conftest import new_database


@pytest.fixture
def empty_url() -> Iterator[str]:
    url, drop = new_database()
    yield url
    drop()


def _diff(url: str) -> list[object]:
    engine = build_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = build_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _count(url: str, table: str) -> int:
    engine = build_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_with_no_pending_changes(empty_url: str) -> None:
    upgrade(empty_url)
    assert _diff(empty_url) == [], "models and migrations disagree: write a migration"
    assert set(metadata.tables) <= _tables(empty_url)
    assert _count(empty_url, "areas") == 429  # 20 provinces and districts, 409 communes
    assert _count(empty_url, "markets") == 15

    downgrade(empty_url)
    assert _tables(empty_url) <= {"alembic_version"}

    upgrade(empty_url)
    assert _diff(empty_url) == []
    assert _count(empty_url, "areas") == 429  # 20 provinces and districts, 409 communes


def test_reference_areas_roll_up_to_da_nang(empty_url: str) -> None:
    upgrade(empty_url)
    engine = build_engine(empty_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT code, parent_code, successor_code, valid_to FROM areas ORDER BY code")
        ).all()
    engine.dispose()
    by_code = {r.code: r for r in rows}
    assert by_code["48"].successor_code is None
    assert by_code["49"].successor_code == "48"
    districts = [r for r in rows if r.parent_code == "49"]
    assert len(districts) == 18
    # Nông Sơn (519) went into Quế Sơn (509) on 2025-01-01 (the corrected reference data);
    # the others into the city on 2025-07-01.
    merged = [r for r in districts if r.code != "519"]
    assert all(r.successor_code == "48" and str(r.valid_to) == "2025-06-30" for r in merged)
    assert (by_code["519"].successor_code, str(by_code["519"].valid_to)) == ("509", "2024-12-31")
