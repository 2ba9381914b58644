"""Keyset-cursor pagination: bounded pages, a stable order with a unique tie-breaker."""

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Sequence
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


class PageParams(BaseModel):
    limit: int
    cursor: str | None
    include_total: bool


def page_params(
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


def encode_cursor(values: Sequence[Any], order_name: str) -> str:
    raw = json.dumps({"o": order_name, "v": [_encode_value(v) for v in values]}).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{payload}.{_signature(payload.encode())}"


def decode_cursor(cursor: str, order_name: str, width: int) -> list[Any]:
    payload, _, signature = cursor.partition(".")
    if not hmac.compare_digest(signature.encode(), _signature(payload.encode()).encode()):
        raise InvalidCursor()
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if data["o"] != order_name or len(data["v"]) != width:
            raise ValueError("cursor belongs to another ordering")
        return [_decode_value(v) for v in data["v"]]
    except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidCursor() from exc


def _column(item: Any) -> tuple[Any, bool]:
    """The column an ordering item sorts by, and whether it sorts descending."""
    if isinstance(item, UnaryExpression) and item.modifier is operators.desc_op:
        return item.element, True
    return item, False


def _after(order: Sequence[Any], values: Sequence[Any]) -> ColumnElement[bool]:
    # (a, b, c) > (x, y, z) spelled out (with < for a descending column), so both databases
    # use the index on the columns.
    columns = [_column(item) for item in order]
    clauses = []
    for i, (col, descending) in enumerate(columns):
        prefix = [columns[j][0] == values[j] for j in range(i)]
        clauses.append(and_(*prefix, col < values[i] if descending else col > values[i]))
    return or_(false(), *clauses)


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
    total = None
    if params.include_total:
        total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    if params.cursor:
        values = decode_cursor(params.cursor, order_name, len(order))
        stmt = stmt.where(_after(order, values))
    stmt = stmt.order_by(*order).limit(params.limit + 1)
    rows = list(session.exec(stmt).all())  # type: ignore[call-overload]
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        last = rows[-1]
        keys = [_column(item)[0].key for item in order]
        next_cursor = encode_cursor([getattr(last, key) for key in keys], order_name)
    return rows, next_cursor, total
