"""Alembic environment: the URL comes from the settings (or the caller's connection)."""

from alembic import context
from sqlalchemy import Connection

from overseas.core.config import get_settings
from overseas.core.db import build_engine
from overseas.models import metadata

config = context.config


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite and not connection.in_transaction():
        # SQLite rebuilds a table to change it (batch mode): with foreign keys enforced, the
        # rows of a table dropped on the way would count as violations at the commit. They are
        # checked once the migrations are done instead (SQLite's documented way; the pragma
        # only works outside a transaction, hence on the driver's connection).
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"the migration left broken foreign keys: {broken[:5]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().sqlalchemy_url
    engine = build_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
