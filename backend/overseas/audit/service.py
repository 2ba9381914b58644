"""Every write through the API lands in the audit log.

ORM writes are captured by one `after_flush` hook (so no service can forget); bulk Core
writes and reads of personal data call `record` themselves.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.db import add_after_read, utcnow
from overseas.core.pagination import PageParams, paginate
from overseas.core.pii import mask_changes

SYSTEM_ACTOR = "system"
# Bookkeeping columns that change on every write and say nothing of their own.
_NOISE = frozenset({"updated_at", "version"})


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _audited(obj: Any) -> bool:
    return bool(getattr(type(obj), "__audited__", False))


def _entity_id(obj: Any) -> str:
    identity = inspect(obj).identity
    if identity:
        return ",".join(str(v) for v in identity)
    return ",".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _changes(obj: Any, action: str) -> dict[str, Any]:
    state = inspect(obj)
    exclude = _NOISE | getattr(type(obj), "__audit_exclude__", frozenset())
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in exclude:
            continue
        hist = state.attrs[key].history
        if action == "create":
            value = hist.added[0] if hist.added else getattr(obj, key)
            if value is not None:
                changes[key] = {"before": None, "after": _plain(value)}
        elif action == "update":
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if before != after:
                    changes[key] = {"before": _plain(before), "after": _plain(after)}
        else:
            value = hist.unchanged[0] if hist.unchanged else (hist.deleted or [None])[0]
            changes[key] = {"before": _plain(value), "after": None}
    return changes


@event.listens_for(OrmSession, "after_flush")
def _audit_flush(session: OrmSession, _ctx: UOWTransaction) -> None:
    actor = session.info.get("actor", SYSTEM_ACTOR)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not _audited(obj):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            if getattr(type(obj), "__audit_masked__", False):
                changes = mask_changes(changes)
            rows.append(
                {
                    "at": now,
                    "actor": actor,
                    "action": action,
                    "entity": type(obj).__tablename__,
                    "entity_id": _entity_id(obj),
                    "changes": changes,
                }
            )
    if rows:
        session.connection().execute(insert(AuditLog), rows)


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | int,
    changes: dict[str, Any] | None = None,
) -> None:
    """An audit row for what the flush hook cannot see (bulk writes, reads of personal data)."""
    add_after_read(
        session,
        AuditLog(
            at=utcnow(),
            actor=session.info.get("actor", SYSTEM_ACTOR),
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            changes=changes or {},
        ),
    )


def list_entries(
    session: Session,
    params: PageParams,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
) -> tuple[list[AuditLog], str | None, int | None]:
    stmt = select(AuditLog)
    if entity:
        stmt = stmt.where(AuditLog.entity == entity)
    if entity_id:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    if actor:
        stmt = stmt.where(AuditLog.actor == actor)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if since:
        stmt = stmt.where(col(AuditLog.at) >= since)
    return paginate(session, stmt, [col(AuditLog.id)], params)


# Reads of personal data are logged on every request that shows one (Law 91/2025/QH15), so
# they are the rows that pile up: they are kept for a set time, the writes as long as asked.
READ_ACTIONS = ("read_pii",)


def prune(session: Session, *, reads_before: datetime, writes_before: datetime | None) -> int:
    """Delete audit rows older than their retention; `writes_before` None keeps the writes."""
    table = AuditLog.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    deleted = conn.execute(
        table.delete().where(table.c.action.in_(READ_ACTIONS), table.c.at < reads_before)
    ).rowcount
    if writes_before is not None:
        deleted += conn.execute(
            table.delete().where(~table.c.action.in_(READ_ACTIONS), table.c.at < writes_before)
        ).rowcount
    return int(deleted or 0)
