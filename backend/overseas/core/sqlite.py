"""SQLite connections: the settings SQLite leaves off, and its write lock taken in turn.

SQLite lets one transaction write at a time. A transaction that asks for the write lock while
another holds it waits in SQLite's busy handler, which sleeps and tries again, up to 100 ms
between tries: it misses the moment the lock comes free, and a writer that asked later (a
batch that commits and at once begins the next) takes it first, again and again. Within one
process the writers therefore queue here, in the order they asked, and each is handed the
lock the moment the one before it commits or rolls back. `busy_timeout` stays the wait for
writers of other processes (the CLI, a second server on the same file). docs/architecture.md,
"SQLite".
"""

import sqlite3
import threading
from collections import deque
from typing import Any

from sqlalchemy import Engine, event

# Connection execution option: begin with BEGIN IMMEDIATE (the write lock) instead of BEGIN.
SQLITE_IMMEDIATE = "overseas_sqlite_immediate"
# Seconds a writer waits for SQLite's write lock (busy_timeout), and for its turn in the queue.
LOCK_WAIT_SECONDS = 30


class WriteQueue:
    """A first-come, first-served lock, handed from one holder to the next waiting one.

    Not tied to a thread: a request's session may begin in one worker thread and commit in
    another (FastAPI runs a dependency's setup and teardown each in the thread pool)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        """Wait for the turn; False if it did not come within `timeout` seconds (the caller
        then goes on without it, as it would without the queue)."""
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn.is_set():  # handed over as the wait ran out
                return True
            self._waiting.remove(turn)
            return False

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # still held: by the next in line
            else:
                self._held = False


class QueuedConnection(sqlite3.Connection):
    """A pysqlite connection that gives back its turn in its engine's write queue when its
    transaction ends, however it ends: commit, rollback (also the pool's on check-in), close
    (a connection invalidated after an error)."""

    queue: WriteQueue | None = None
    holds_turn = False

    def take_turn(self) -> None:
        """Wait for this connection's turn to write (before its BEGIN IMMEDIATE)."""
        if self.queue is not None and not self.holds_turn:
            self.holds_turn = self.queue.acquire(LOCK_WAIT_SECONDS)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self.give_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            if not self.in_transaction:
                self.give_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.give_turn()

    def give_turn(self) -> None:
        if self.holds_turn:
            self.holds_turn = False
            assert self.queue is not None
            self.queue.release()


def connect_args() -> dict[str, Any]:
    return {"check_same_thread": False, "timeout": LOCK_WAIT_SECONDS, "factory": QueuedConnection}


def setup(engine: Engine) -> None:
    """Pragmas on every new connection, one write queue per engine, and BEGIN by SQLAlchemy."""
    queue = WriteQueue()

    # pysqlite's own transaction handling breaks SAVEPOINT and defers BEGIN; let SQLAlchemy
    # emit BEGIN itself (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional
    # DDL"), and switch on what SQLite leaves off by default.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        if isinstance(dbapi_conn, QueuedConnection):
            dbapi_conn.queue = queue
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if not conn.get_execution_options().get(SQLITE_IMMEDIATE):
            conn.exec_driver_sql("BEGIN")
            return
        raw = conn.connection.dbapi_connection
        if not isinstance(raw, QueuedConnection):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        raw.take_turn()
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            raw.give_turn()
            raise
