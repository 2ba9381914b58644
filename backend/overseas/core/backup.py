"""Backups of the whole database, and restoring one (docs/operations.md).

SQLite: the online backup API copies a consistent snapshot while the server keeps running.
PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the server's own tools, which must be
installed beside this command (the `postgresql-client` package)."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from overseas.core.db import build_engine


class BackupError(Exception):
    pass


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(url.database)


def _libpq(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def backup(database_url: str, target: Path) -> None:
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    subprocess.run(  # noqa: S603 - arguments, not a shell line
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), _libpq(url)],
        check=True,
    )


def _has_data(database_url: str) -> bool:
    engine = build_engine(database_url)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def restore(database_url: str, source: Path, *, force: bool) -> None:
    """Replace the database's contents with the backup's. A database that already holds
    tables is refused unless `force`: a restore over live data is a decision, not a slip."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if not force and _has_data(database_url):
        raise BackupError("the database is not empty; pass --force to replace its contents")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as backup_db, sqlite3.connect(path) as live:
            backup_db.backup(live)
        return
    subprocess.run(  # noqa: S603 - arguments, not a shell line
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            _libpq(url),
            str(source),
        ],
        check=True,
    )
