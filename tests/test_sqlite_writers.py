"""SQLite's write lock taken in turn by the writers of one process (core/sqlite.py). These run
on a SQLite file of their own whatever the database under test."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from overseas.core.db import build_engine
from overseas.core.sqlite import SQLITE_IMMEDIATE, QueuedConnection, WriteQueue

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
