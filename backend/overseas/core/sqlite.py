"""SQLite connections: the settings SQLite leaves off, and its write lock taken in turn.

SQLite lets one transaction write at a time. A transaction that asks for the write lock while
another holds it waits in SQLite's busy handler, which sleeps and tries again, up to 100 ms
between tries: it misses the moment the lock comes free, and a writer that asked later (a
batch that commits and at once begins the next) takes it first, again and again. Within one
process the writers therefore queue here, in the order they asked, and each is handed the
lock the moment the one before it commits or rolls back. `busy_timeout` stays the wait for
writers of other processes (the CLI, a second server on the same file).

What reads write once their read is over (their audit rows) is committed in groups: the reads
waiting for the lock at the same moment share one short transaction, and each answers once
its rows are committed. docs/architecture.md, "SQLite".
"""

import sqlite3
import threading
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session

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
    # total_changes when its BEGIN IMMEDIATE ran (-1 outside such a transaction): the same
    # now if the transaction has written nothing.
    changes_at_begin = -1

    def take_turn(self) -> None:
        """Wait for this connection's turn to write (before its BEGIN IMMEDIATE)."""
        if self.queue is not None and not self.holds_turn:
            self.holds_turn = self.queue.acquire(LOCK_WAIT_SECONDS)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._ended()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._ended()

    def _ended(self) -> None:
        if not self.in_transaction:
            self.changes_at_begin = -1
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


def wrote_nothing(dbapi_conn: Any) -> bool:
    """Whether a connection's write transaction has changed no row so far."""
    return (
        isinstance(dbapi_conn, QueuedConnection)
        and dbapi_conn.in_transaction
        and dbapi_conn.changes_at_begin >= 0
        and dbapi_conn.total_changes == dbapi_conn.changes_at_begin
    )


@contextmanager
def read_only(dbapi_conn: Any) -> Iterator[None]:
    """Any write on the connection fails meanwhile (SQLITE_READONLY)."""
    dbapi_conn.execute("PRAGMA query_only=ON")
    try:
        yield
    finally:
        with suppress(sqlite3.ProgrammingError):  # closed: it will not be used again
            dbapi_conn.execute("PRAGMA query_only=OFF")


def sqlite_connect_args() -> dict[str, Any]:
    return {"check_same_thread": False, "timeout": LOCK_WAIT_SECONDS, "factory": QueuedConnection}


class _Rows:
    """One read's rows, until they are committed (or have failed)."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.rows = rows
        self.done = False
        self.error: BaseException | None = None


class GroupWriter:
    """Commits the rows of the reads that wait at the same moment in one transaction.

    The first read to arrive while no group is being written leads: it waits for its turn to
    write, then takes every read's rows queued by then, and commits them together. The
    others wait until their rows are in a committed group, or lead the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._queued: list[_Rows] = []
        self._leading = False

    def write(self, engine: Engine, rows: Sequence[Any]) -> None:
        """Return once `rows` are committed; raise what their transaction raised."""
        mine = _Rows(rows)
        with self._changed:
            self._queued.append(mine)
            while self._leading and not mine.done:
                self._changed.wait()
            lead = not mine.done
            self._leading = self._leading or lead
        if lead:
            self._lead(engine)
        if mine.error is not None:
            raise mine.error

    def _lead(self, engine: Engine) -> None:
        group: list[_Rows] = []
        try:
            with Session(engine, expire_on_commit=False) as session:
                try:
                    session.connection(execution_options={SQLITE_IMMEDIATE: True})  # our turn
                finally:
                    with self._changed:  # the leader's own rows among them
                        group, self._queued = self._queued, []
                try:
                    session.add_all([row for rows in group for row in rows.rows])
                    session.commit()
                except Exception:
                    session.rollback()
                    if len(group) == 1:
                        raise
                    # One read's bad row must not fail the others: each on its own.
                    session.expunge_all()
                    for rows in group:
                        rows.error = self._alone(session, rows.rows)
        except BaseException as exc:
            for rows in group:
                rows.error = rows.error or exc
        finally:
            with self._changed:
                for rows in group:
                    rows.done = True
                self._leading = False
                self._changed.notify_all()

    @staticmethod
    def _alone(session: Session, rows: Sequence[Any]) -> Exception | None:
        try:
            session.connection(execution_options={SQLITE_IMMEDIATE: True})
            session.add_all(rows)
            session.commit()
        except Exception as exc:
            session.rollback()
            session.expunge_all()
            return exc
        return None


# One per engine; it keeps no reference to the engine, so a dropped engine takes its own along.
_GROUPS: "weakref.WeakKeyDictionary[Engine, GroupWriter]" = weakref.WeakKeyDictionary()


def write_after_read(engine: Engine, rows: Sequence[Any]) -> None:
    """Commit rows a read writes after its read transaction, grouped with other reads'."""
    _GROUPS[engine].write(engine, rows)


def sqlite_setup(engine: Engine) -> None:
    """Pragmas on every new connection, one write queue per engine, and BEGIN by SQLAlchemy."""
    queue = WriteQueue()
    _GROUPS[engine] = GroupWriter()

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
        raw.changes_at_begin = raw.total_changes
