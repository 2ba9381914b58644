"""`overseas db backup` and `overseas db restore`: a restored database holds every row of every
table the backup was taken from (SQLite's online backup; pg_dump/pg_restore on PostgreSQL)."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select

from overseas.cli import main
from overseas.core import db
from overseas.core.config import get_settings
from tests.conftest import new_database


def _use(url: str) -> None:
    os.environ["OVERSEAS_DATABASE_URL"] = url
    get_settings.cache_clear()
    db.get_engine.cache_clear()


def _contents(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {
                name: [
                    tuple(row)
                    for row in conn.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns))
                    )
                ]
                for name, table in sorted(meta.tables.items())
            }
    finally:
        engine.dispose()


@pytest.fixture
def two_databases(database_url: str) -> Iterator[tuple[str, str]]:
    (first, drop_first), (second, drop_second) = new_database(), new_database()
    try:
        yield first, second
    finally:
        db.get_engine().dispose()
        _use(database_url)
        drop_first()
        drop_second()


def test_a_restored_backup_holds_every_row_of_every_table(
    two_databases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = two_databases
    _use(source)
    assert main(["db", "upgrade"]) == 0
    assert main(["demo", "load", "--placements", "300"]) == 0
    backup = tmp_path / "registry.backup"
    assert main(["db", "backup", str(backup)]) == 0
    assert backup.stat().st_size > 0
    db.get_engine().dispose()

    _use(target)
    assert main(["db", "restore", str(backup)]) == 0
    before, after = _contents(source), _contents(target)
    assert set(after) == set(before) and "placements" in after
    for table, rows in before.items():
        assert after[table] == rows, table
    assert len(after["placements"]) == 300

    # Over a database that holds data, only when told to.
    capsys.readouterr()
    assert main(["db", "restore", str(backup)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["db", "restore", "--force", str(backup)]) == 0
    assert _contents(target) == before


def test_restore_of_a_missing_file_says_so(
    two_databases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(two_databases[0])
    assert main(["db", "restore", str(tmp_path / "nothing.backup")]) == 1
    assert "no backup file" in capsys.readouterr().err
