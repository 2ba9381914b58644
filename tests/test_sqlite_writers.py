"""SQLite's write lock taken in turn by the writers of one process (core/sqlite.py). These run
on a SQLite file of their own whatever the database under test."""

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from overseas.audit.models import AuditLog
from overseas.core.bulk import table_of
from overseas.core.db import build_engine, utcnow
from overseas.core.sqlite import (
    _GROUPS,
    SQLITE_IMMEDIATE,
    QueuedConnection,
    WriteQueue,
    write_after_read,
)

IMMEDIATE = {SQLITE_IMMEDIATE: True}


def _wait_for_waiters(queue: WriteQueue, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(queue._waiting) != count:
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_the_queue_hands_the_lock_on_in_the_order_it_was_asked_for() -> None:
    queue = WriteQueue()
    assert queue.acquire(1)
    order: list[int] = []

    def writer(n: int) -> None:
        assert queue.acquire(5)
        order.append(n)
        queue.release()

    threads = []
    for n in range(5):
        thread = threading.Thread(target=writer, args=(n,))
        thread.start()
        threads.append(thread)
        _wait_for_waiters(queue, n + 1)
    queue.release()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]
    assert queue.acquire(0)  # free again


def test_a_writer_that_waited_too_long_leaves_the_queue() -> None:
    queue = WriteQueue()
    assert queue.acquire(1)
    assert not queue.acquire(0.01)
    assert not queue._waiting
    queue.release()
    assert queue.acquire(0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = build_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    yield engine
    engine.dispose()


def _raw(conn: Connection) -> QueuedConnection:
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, QueuedConnection)
    return raw


@pytest.mark.parametrize("end", ["commit", "rollback", "invalidate", "close"])
def test_a_write_transaction_gives_its_turn_back_however_it_ends(engine: Engine, end: str) -> None:
    conn = engine.connect().execution_options(**IMMEDIATE)
    conn.begin()
    conn.execute(text("INSERT INTO t VALUES (1)"))
    raw = _raw(conn)
    assert raw.holds_turn and raw.queue is not None
    if end == "commit":
        conn.commit()
    elif end == "rollback":
        conn.rollback()
    elif end == "invalidate":
        conn.invalidate()
    conn.close()
    assert not raw.holds_turn
    assert raw.queue.acquire(0)
    raw.queue.release()


def test_a_savepoint_ending_keeps_the_turn(engine: Engine) -> None:
    with engine.connect().execution_options(**IMMEDIATE) as conn, conn.begin():
        raw = _raw(conn)
        with conn.begin_nested() as savepoint:
            conn.execute(text("INSERT INTO t VALUES (1)"))
            savepoint.rollback()
        with conn.begin_nested():
            conn.execute(text("INSERT INTO t VALUES (2)"))
        assert raw.holds_turn  # until the transaction itself ends
    assert not raw.holds_turn


def test_reads_take_no_turn(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM t"))
        assert not _raw(conn).holds_turn


def test_a_begin_that_fails_gives_its_turn_back(engine: Engine) -> None:
    other = sqlite3.connect(str(engine.url.database), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer, as it were
    try:
        conn = engine.connect().execution_options(**IMMEDIATE)
        raw = _raw(conn)
        raw.execute("PRAGMA busy_timeout=20")
        with pytest.raises(OperationalError, match="locked"):
            conn.begin()
        assert not raw.holds_turn
        conn.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_second_writer_begins_once_the_first_commits(engine: Engine) -> None:
    first = engine.connect().execution_options(**IMMEDIATE)
    first.begin()
    first.execute(text("INSERT INTO t VALUES (1)"))
    seen: list[int] = []

    def second() -> None:
        with engine.connect().execution_options(**IMMEDIATE) as conn, conn.begin():
            seen.append(conn.execute(text("SELECT count(*) FROM t")).scalar_one())

    thread = threading.Thread(target=second)
    thread.start()
    queue = _raw(first).queue
    assert queue is not None
    _wait_for_waiters(queue, 1)  # queued in the process, not polling SQLite
    first.commit()
    first.close()
    thread.join(5)
    assert seen == [1]


# --- the rows reads write after their read, committed in groups -----------------------------


def _audit_row(entity_id: str, **overrides: Any) -> AuditLog:
    values: dict[str, Any] = {
        "at": utcnow(),
        "actor": "reader",
        "action": "read_pii",
        "entity": "placements",
        "entity_id": entity_id,
    }
    return AuditLog(**(values | overrides))


@pytest.fixture
def audited(engine: Engine) -> Engine:
    table_of(AuditLog).create(engine)
    return engine


def _reads_at_once(engine: Engine, rows: list[list[AuditLog]]) -> list[BaseException | None]:
    """Each list of rows written after a read, by a thread each, while another writer holds
    the lock: they queue, then go together once it commits."""
    outcome: list[BaseException | None] = [None] * len(rows)

    def read(i: int) -> None:
        try:
            write_after_read(engine, rows[i])
        except BaseException as exc:
            outcome[i] = exc

    holder = engine.connect().execution_options(**IMMEDIATE)
    holder.begin()
    queue = _raw(holder).queue
    assert queue is not None
    threads = [threading.Thread(target=read, args=(i,)) for i in range(len(rows))]
    for thread in threads:
        thread.start()
    _wait_for_waiters(queue, 1)  # the group's leader, waiting for its turn
    deadline = time.monotonic() + 5
    while sum(len(r) for r in _queued(engine)) < sum(len(r) for r in rows):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)
    holder.commit()
    holder.close()
    for thread in threads:
        thread.join(5)
    return outcome


def _queued(engine: Engine) -> list[Sequence[Any]]:
    return [r.rows for r in _GROUPS[engine]._queued]


def _stored(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(text("SELECT entity_id FROM audit_log")).scalars())


def test_reads_waiting_at_once_commit_their_rows_in_one_transaction(audited: Engine) -> None:
    commits: list[int] = []
    event.listen(audited, "commit", lambda _conn: commits.append(1))
    outcome = _reads_at_once(audited, [[_audit_row(str(i))] for i in range(4)])
    assert outcome == [None] * 4
    assert _stored(audited) == ["0", "1", "2", "3"]
    assert len(commits) == 2  # the other writer's, then the group's


def test_a_bad_row_fails_its_own_read_only(audited: Engine) -> None:
    rows = [[_audit_row("1")], [_audit_row("2", at=None)], [_audit_row("3")]]
    outcome = _reads_at_once(audited, rows)
    assert outcome[0] is None and outcome[2] is None
    assert isinstance(outcome[1], IntegrityError)
    assert _stored(audited) == ["1", "3"]
    write_after_read(audited, [_audit_row("4")])  # and the next read writes as before
    assert _stored(audited) == ["1", "3", "4"]
