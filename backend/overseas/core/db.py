"""Database engine, column types shared by every domain, and the session dependency."""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy import JSON, DateTime, Engine, create_engine
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from overseas.core.config import get_settings
from overseas.core.sqlite import (
    SQLITE_IMMEDIATE,
    sqlite_connect_args,
    sqlite_setup,
    write_after_read,
)

# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp on both databases (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# On SQLite a transaction that reads and later writes fails at once ("database is locked")
# when another writer committed in between; requests that write (every method but GET, HEAD
# and OPTIONS) therefore take the write lock when they begin, so they queue (busy_timeout)
# instead of failing. Reads take no lock: in WAL mode they run beside the one writer. What a
# read writes (the audit row of a read of personal data) is kept aside and written in a short
# transaction of its own once the read is over. PostgreSQL has row locks and needs none of
# this. Writers of one process take the write lock in turn (core/sqlite.py).
# session.info key: rows a SQLite read request writes after its read transaction.
DEFERRED_WRITES = "overseas_deferred_writes"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def dump_json(value: Any) -> str:
    """JSON for stored documents: dates, timestamps and decimals as ISO/decimal text."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value"):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def build_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args=sqlite_connect_args(),
            json_serializer=dump_json,
            hide_parameters=True,
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        sqlite_setup(engine)
        return engine
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        json_serializer=dump_json,
        # Statement parameters are personal data: never in an error message or a log.
        hide_parameters=True,
    )


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return build_engine(settings.sqlalchemy_url, pool_size=settings.db_pool_size)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; it owns the transaction: commit on success, else roll back.

    Declared with `scope="function"` where used, so the commit happens before the response
    is sent and a failed commit can never follow a 2xx.
    """
    engine = get_engine()
    sqlite = engine.dialect.name == "sqlite"
    reading = request.method in READ_METHODS
    with Session(engine, expire_on_commit=False) as session:
        if sqlite and reading:
            session.info[DEFERRED_WRITES] = []
        elif sqlite:
            session.connection(execution_options={SQLITE_IMMEDIATE: True})
        try:
            yield session
            deferred = session.info.pop(DEFERRED_WRITES, None)
            session.commit()
            if deferred:
                write_after_read(engine, deferred)
        except BaseException:
            session.rollback()
            raise


def add_after_read(session: Session, row: Any) -> None:
    """Add a row to write; in a SQLite read request, after its read transaction."""
    deferred = session.info.get(DEFERRED_WRITES)
    if deferred is None:
        session.add(row)
    else:
        deferred.append(row)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


# The department's calendar day (Vietnam, UTC+7): ages, report deadlines, "not in the future".
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> date:
    return datetime.now(LOCAL_ZONE).date()
