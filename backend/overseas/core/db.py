"""Database engine, column types shared by every domain, and the session dependency."""

import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
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
from starlette.concurrency import run_in_threadpool

from overseas.core.config import get_settings
from overseas.core.sqlite import (
    SQLITE_IMMEDIATE,
    read_only,
    sqlite_connect_args,
    sqlite_setup,
    write_after_read,
    wrote_nothing,
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
# and OPTIONS) therefore take the write lock when they begin, so they queue (in turn within
# the process, core/sqlite.py) instead of failing. Reads take no lock: in WAL mode they run
# beside the one writer. What a read writes (the audit row of a read of personal data) is
# kept aside and committed once the read is over, with the rows of the reads that wait at the
# same moment. A request that has written nothing yet may step out of the lock while it works
# out what to write (outside_write_lock). PostgreSQL has row locks and needs none of this
# (docs/architecture.md, "SQLite").
# session.info keys: rows a SQLite read request writes after its read transaction; a SQLite
# write request's session; what it checks again when it takes the write lock back.
DEFERRED_WRITES = "overseas_deferred_writes"
SQLITE_WRITER = "overseas_sqlite_writer"
RELOCK_CHECKS = "overseas_relock_checks"
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
            session.info[SQLITE_WRITER] = True
        try:
            yield session
            finish(session)
        except BaseException:
            session.rollback()
            raise


def finish(session: Session) -> None:
    """Commit the request's work and, on SQLite, then write what its read set aside. A route
    whose work ends in the thread pool may call it there, at the end of that work: the
    session's dependency then has nothing left that waits (docs/performance.md)."""
    deferred = session.info.pop(DEFERRED_WRITES, None)
    session.commit()
    if deferred:
        write_after_read(get_engine(), deferred)


def add_after_read(session: Session, row: Any) -> None:
    """Add a row to write; in a SQLite read request, after its read transaction."""
    deferred = session.info.get(DEFERRED_WRITES)
    if deferred is None:
        session.add(row)
    else:
        deferred.append(row)


def when_locked_again(session: Session, check: Callable[[], None]) -> None:
    """Run `check` again if the request steps out of the write lock and takes it back
    (outside_write_lock): what it read under the lock may have changed meanwhile."""
    if session.info.get(SQLITE_WRITER):
        session.info.setdefault(RELOCK_CHECKS, []).append(check)


@contextmanager
def outside_write_lock(session: Session) -> Iterator[bool]:
    """On SQLite, let other requests write while this one works out what it will write.

    Only a write request that has written nothing yet steps out: its transaction ends (there
    is nothing to lose), the block reads in a plain transaction beside the writers and may not
    write (`query_only`), then the request takes the write lock again, in its turn, and runs
    again what it registered with `when_locked_again`. The caller reads again, under the lock,
    what the block read, and works it out again if it changed. Yields whether it stepped out:
    not on PostgreSQL (row locks, no database lock), in a savepoint, or once it has written."""
    if not _may_step_out(session):
        yield False
        return
    session.commit()
    with read_only(session.connection().connection.dbapi_connection):
        yield True
        session.flush()  # anything the block added fails here, not in a read transaction
    session.commit()
    session.connection(execution_options={SQLITE_IMMEDIATE: True})
    for check in session.info.get(RELOCK_CHECKS, ()):
        check()


def _may_step_out(session: Session) -> bool:
    if not session.info.get(SQLITE_WRITER) or session.in_nested_transaction():
        return False
    if session.new or session.dirty or session.deleted:
        return False
    return wrote_nothing(session.connection().connection.dbapi_connection)


def begins_with_write_lock(request: Request) -> bool:
    """Whether `get_session` takes SQLite's write lock as the request begins (a wait)."""
    return request.method not in READ_METHODS and get_engine().dialect.name == "sqlite"


async def request_session(request: Request) -> AsyncIterator[Session]:
    """`get_session`'s transaction as the dependency of every route. Its steps that wait on
    the database run in the thread pool, the others on the event loop: opening a session
    waits on nothing but SQLite's write lock, and a request that never began a transaction
    (a principal already known, a rule refused before any query) ends without a wait. Each
    hop to the thread pool costs more than the step itself (docs/performance.md)."""
    steps = get_session(request)
    if begins_with_write_lock(request):
        session = await run_in_threadpool(next, steps)
    else:
        session = next(steps)
    try:
        yield session
    except BaseException as exc:
        if session.in_transaction():
            await run_in_threadpool(_end, steps, exc)
        else:
            _end(steps, exc)
        raise
    if session.in_transaction() or session.info.get(DEFERRED_WRITES):
        await run_in_threadpool(_end, steps, None)
    else:
        _end(steps, None)


def _end(steps: Iterator[Session], exc: BaseException | None) -> None:
    """Run `get_session` to its end: commit, or roll back with the request's exception."""
    if exc is None:
        next(steps, None)
        return
    try:
        steps.throw(exc)  # type: ignore[attr-defined]
    except BaseException as raised:
        if raised is not exc:
            raise


SessionDep = Annotated[Session, Depends(request_session, scope="function")]


# The department's calendar day (Vietnam, UTC+7): ages, report deadlines, "not in the future".
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> date:
    return datetime.now(LOCAL_ZONE).date()
