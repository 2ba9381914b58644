"""Writes that two transactions may race on, retried instead of failing.

On PostgreSQL two batches that touch the same rows can deadlock (the server aborts one), and
two that create the same key at the same moment collide on a unique index (the later one
waits for the first to commit, then fails). Both are settled by running the work again: it
then sees the other transaction's rows. The work runs in a savepoint, so a retry starts from a
clean state inside the request's transaction. SQLite serialises writers and never needs this.
"""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from psycopg import Error as DriverError
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from overseas.core.errors import Conflict

T = TypeVar("T")

# serialization_failure, deadlock_detected, unique_violation (PostgreSQL SQLSTATE codes).
RETRYABLE = frozenset({"40001", "40P01", "23505"})
ATTEMPTS = 6


class ConcurrentWrite(Conflict):
    code = "concurrent_write"

    def __init__(self) -> None:
        super().__init__(
            "other requests changed the same records at the same time; send the request again",
            headers={"Retry-After": "1"},
        )


def retryable(exc: Exception) -> bool:
    # A driver error comes wrapped by SQLAlchemy, or bare from the driver's own COPY.
    driver_error = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(driver_error, "sqlstate", None) in RETRYABLE


def with_retries(session: Session, work: Callable[[], T]) -> T:
    """`work()` in a savepoint, run again (with a growing random pause) when it lost a race."""
    for attempt in range(ATTEMPTS):
        try:
            with session.begin_nested():
                return work()
        except (DBAPIError, DriverError) as exc:
            if not retryable(exc):
                raise
            if attempt == ATTEMPTS - 1:
                raise ConcurrentWrite() from exc
            time.sleep(random.uniform(0.005, 0.02) * 2**attempt)  # noqa: S311 - jitter only
    raise AssertionError("unreachable")
