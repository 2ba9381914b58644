"""Keyset-cursor pagination: bounded pages, a stable order with a unique tie-breaker."""

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression
from sqlmodel import Session

from overseas.core.config import get_settings
from overseas.core.errors import FieldError, ValidationFailed

T = TypeVar("T")

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class Page(BaseModel, Generic[T]):
    """A page of a list; pass `next_cursor` back as `cursor` for the next one."""

    items: list[T]
    next_cursor: str | None = None
    total: int | None = None


class TwoWayPage(Page[T], Generic[T]):
    """A page that also walks back: pass `prev_cursor` as `cursor` for the page before it."""

    prev_cursor: str | None = None


class PageParams(BaseModel):
    limit: int
    cursor: str | None
    include_total: bool


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (1-500)")] = (
        DEFAULT_LIMIT
    ),
    cursor: Annotated[str | None, Query(description="Opaque cursor from the previous page")] = None,
    include_total: Annotated[bool, Query(description="Also count every matching row")] = False,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor, include_total=include_total)


PageDep = Annotated[PageParams, Depends(page_params)]


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        raise ValueError("bad cursor value")
    return value


class InvalidCursor(ValidationFailed):
    code = "invalid_cursor"

    def __init__(self) -> None:
        message = "invalid or expired cursor"
        super().__init__(
            f"cursor: {message}",
            errors=[FieldError(field="cursor", code="bad_cursor", message=message)],
        )


def _signature(payload: bytes) -> str:
    # Cursors are signed: an edited one is refused before any of its values reach a query.
    key = get_settings().secret_key.encode()
    digest = hmac.new(key, b"cursor\n" + payload, hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def encode_cursor(values: Sequence[Any], order_name: str, *, backward: bool = False) -> str:
    data: dict[str, Any] = {"o": order_name, "v": [_encode_value(v) for v in values]}
    if backward:
        data["b"] = True
    raw = json.dumps(data).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{payload}.{_signature(payload.encode())}"


def read_cursor(cursor: str, order_name: str, width: int) -> tuple[list[Any], bool]:
    """The values a cursor holds and whether it walks backward (a `prev_cursor`). A cursor
    of another ordering (another `sort`) is refused: its values mean something else."""
    payload, _, signature = cursor.partition(".")
    if not hmac.compare_digest(signature.encode(), _signature(payload.encode()).encode()):
        raise InvalidCursor()
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if data["o"] != order_name or len(data["v"]) != width:
            raise ValueError("cursor belongs to another ordering")
        return [_decode_value(v) for v in data["v"]], bool(data.get("b", False))
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise InvalidCursor() from exc


def decode_cursor(cursor: str, order_name: str, width: int) -> list[Any]:
    return read_cursor(cursor, order_name, width)[0]


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order. A `nullable` column may only come first: its NULLs sort
    after every value ascending and before them descending (PostgreSQL's default, which its
    index scans both ways), on both databases."""

    column: Any
    descending: bool = False
    nullable: bool = False

    def flipped(self) -> "SortKey":
        return SortKey(self.column, not self.descending, self.nullable)

    def order(self) -> Any:
        return self.column.desc() if self.descending else self.column.asc()


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    # (a, b, c) > (x, y, z) spelled out (with < for a descending column), with the first
    # column's bound (a >= x) repeated on its own: that is the range both databases read from
    # the index on the columns, the rest is checked on the rows of that range.
    clauses = []
    for i, key in enumerate(keys):
        prefix = [keys[j].column == values[j] for j in range(i)]
        beyond = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(and_(*prefix, beyond))
    first = keys[0]
    bound = first.column <= values[0] if first.descending else first.column >= values[0]
    return and_(bound, or_(false(), *clauses))


@dataclass
class Window:
    """A page, with the cursors of the pages after and before it (`None` at either end)."""

    rows: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    total: int | None


def _segments(keys: Sequence[SortKey]) -> list[tuple[ColumnElement[bool] | None, list[SortKey]]]:
    """The order as runs read one after the other: with a nullable first column, the rows
    with a value and the rows without (ordered by the other columns), in the order's turn."""
    first = keys[0]
    if not first.nullable:
        return [(None, list(keys))]
    valued = (first.column.is_not(None), list(keys))
    empty = (first.column.is_(None), list(keys[1:]))
    return [empty, valued] if first.descending else [valued, empty]


def _read(
    session: Session,
    stmt: Select[Any],
    keys: Sequence[SortKey],
    values: Sequence[Any] | None,
    count: int,
    plain: bool = False,
) -> list[Any]:
    """Up to `count` rows after `values` (from the start when None) in the order of `keys`;
    `plain` runs a select of columns on the connection, without the ORM's layer."""
    segments = _segments(keys)
    start = 0
    if values is not None and keys[0].nullable:
        # The run the cursor's row is in: the one without the column when its value is NULL.
        start = next(
            i for i, (_, ks) in enumerate(segments) if (values[0] is None) != (len(ks) == len(keys))
        )
    rows: list[Any] = []
    for i, (where, seg_keys) in enumerate(segments[start:], start):
        query = stmt if where is None else stmt.where(where)
        if i == start and values is not None:
            query = query.where(_after(seg_keys, values[len(keys) - len(seg_keys) :]))
        query = query.order_by(*(k.order() for k in seg_keys)).limit(count - len(rows))
        if plain:
            rows += session.connection().execute(query).all()
        else:
            rows += session.exec(query).all()  # type: ignore[call-overload]
        if len(rows) >= count:
            break
    return rows


def walk(
    session: Session,
    stmt: Select[Any],
    keys: Sequence[SortKey],
    params: PageParams,
    *,
    order_name: str = "default",
    plain: bool = False,
) -> Window:
    """Run `stmt` (selecting one entity, or columns when `plain`) ordered by `keys` (unique as
    a tuple), a page after `params.cursor`, or before it when the cursor is a `prev_cursor`;
    never OFFSET."""
    total = None
    if params.include_total:
        total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    values, backward = None, False
    if params.cursor:
        values, backward = read_cursor(params.cursor, order_name, len(keys))
    order = [k.flipped() for k in keys] if backward else list(keys)
    rows = _read(session, stmt, order, values, params.limit + 1, plain)
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    if backward:
        rows.reverse()

    def cursor(row: Any, back: bool) -> str:
        return encode_cursor([getattr(row, k.column.key) for k in keys], order_name, backward=back)

    # Walking forward, there is a page before whenever a cursor brought us here; walking
    # back, a page after.
    after = more if not backward else values is not None
    before = more if backward else values is not None
    return Window(
        rows=rows,
        next_cursor=cursor(rows[-1], False) if rows and after else None,
        prev_cursor=cursor(rows[0], True) if rows and before else None,
        total=total,
    )


def paginate(
    session: Session,
    stmt: Select[Any],
    order: Sequence[Any],
    params: PageParams,
    *,
    order_name: str = "default",
) -> tuple[list[Any], str | None, int | None]:
    """Run `stmt` (selecting one entity) ordered by `order` (columns, or `col.desc()`; unique
    as a tuple). Returns the rows, the next cursor and, when asked, the total of matching rows.
    """
    keys = []
    for item in order:
        if isinstance(item, UnaryExpression) and item.modifier is operators.desc_op:
            keys.append(SortKey(item.element, descending=True))
        else:
            keys.append(SortKey(item))
    window = walk(session, stmt, keys, params, order_name=order_name)
    return window.rows, window.next_cursor, window.total
