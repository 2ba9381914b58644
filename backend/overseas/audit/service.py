"""Every write through the API lands in the audit log.

ORM writes are captured by one `after_flush` hook (so no service can forget); bulk Core
writes and reads of personal data call `record` themselves.
"""

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    DateTime,
    Integer,
    Table,
    bindparam,
    event,
    insert,
    inspect,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.bulk import bulk_insert, in_values, table_of
from overseas.core.db import DEFERRED_WRITES, add_after_read, utcnow
from overseas.core.pagination import PageParams, paginate
from overseas.core.pii import AUDIT_MASKS, mask_changes

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


def record_read(session: Session, entity: str, entity_id: str, ids: list[int]) -> None:
    """The trace of a read of personal data (docs/security.md): one statement of its own,
    without the unit of work, since a read has nothing else to flush. On SQLite it waits, as
    every write of a read does, until the read transaction is over (core.db)."""
    values = {
        "at": utcnow(),
        "actor": session.info.get("actor", SYSTEM_ACTOR),
        "action": "read_pii",
        "entity": entity,
        "entity_id": entity_id,
        "changes": {"ids": ids},
    }
    deferred = session.info.get(DEFERRED_WRITES)
    if deferred is not None:
        deferred.append(AuditLog(**values))
    else:
        session.connection().execute(insert(table_of(AuditLog)), values)


def record_many(
    session: Session, action: str, entity: str, changes: Iterable[tuple[Any, dict[str, Any]]]
) -> None:
    """One audit row per (entity id, changes), written with one bulk statement: the audit of
    the bulk writes that the flush hook cannot see."""
    now = utcnow()
    actor = session.info.get("actor", SYSTEM_ACTOR)
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "changes": change,
        }
        for entity_id, change in changes
    ]
    bulk_insert(session, table_of(AuditLog), rows)


def _json_members(table: Table, skip: Iterable[str]) -> str:
    """SQL text: the members `"column":{"before":null,"after":value}` of a row `r` of `table`,
    comma-separated, for every column but `skip` whose value is neither NULL nor JSON null,
    the personal fields masked (core.pii); NULL when there is none. Built as JSON text, which
    the caller casts to jsonb once: per row, several times cheaper than taking the row apart
    as jsonb (to_jsonb, jsonb_each, jsonb_object_agg) and giving the same document."""
    skipped = frozenset(skip)
    members = []
    for column in table.c:
        if column.name in skipped:
            continue
        value = f'r."{column.name}"'
        if column.name in AUDIT_MASKS:
            value = AUDIT_MASKS[column.name].sql(value)
        # The colons escaped for `text()`, which would take `:null` for a parameter.
        head = f'{json.dumps(column.name)}:{{"before":null,"after":'.replace(":", "\\:")
        # A NULL value makes the member NULL, which concat_ws leaves out.
        members.append(f"'{head}' || NULLIF(CAST(to_json({value}) AS TEXT), 'null') || '}}'")
    if not members:
        return "NULL"
    # concat_ws takes at most 100 arguments: a wide table's members are joined in groups.
    groups = [members[i : i + 90] for i in range(0, len(members), 90)]
    joined = [f"NULLIF(concat_ws(',', {', '.join(g)}), '')" for g in groups]
    return joined[0] if len(joined) == 1 else f"NULLIF(concat_ws(',', {', '.join(joined)}), '')"


@lru_cache
def _creates_statement(table: Table, skip: frozenset[str]) -> TextClause:
    document = f"CAST('{{' || {_json_members(table, skip)} || '}}' AS jsonb)"
    return text(
        f"""
        INSERT INTO audit_log (at, actor, action, entity, entity_id, changes)
        SELECT :at, :actor, 'create', :entity, CAST(r.id AS TEXT), {document}
        FROM "{table.name}" AS r
        WHERE r.id = ANY(:ids)
        ORDER BY r.id
        """  # noqa: S608 - the table and columns are the application's own, not input
    ).bindparams(
        bindparam("ids", type_=ARRAY(Integer)),
        bindparam("at", type_=DateTime(timezone=True)),
    )


def record_creates_on_server(
    session: Session, table: Table, ids: list[int], *, skip: Iterable[str]
) -> None:
    """PostgreSQL builds the audit rows of rows just bulk-inserted into `table` from the rows
    themselves, as the flush hook would: every column but `skip` that is not null, as
    {"before": null, "after": value}, with the personal fields masked (core.pii)."""
    actor = session.info.get("actor", SYSTEM_ACTOR)
    session.connection().execute(
        _creates_statement(table, frozenset(skip)),
        {"ids": ids, "at": utcnow(), "actor": actor, "entity": table.name},
    )


def entries_about(session: Session, entity: str, entity_ids: Iterable[Any]) -> list[AuditLog]:
    """Every audit row about these records, oldest first."""
    wanted = [str(i) for i in entity_ids]
    return list(
        session.exec(
            select(AuditLog)
            .where(AuditLog.entity == entity, col(AuditLog.entity_id).in_(wanted))
            .order_by(col(AuditLog.id))
        ).all()
    )


def scrub(session: Session, entity: str, entity_ids: Iterable[Any], fields: Iterable[str]) -> None:
    """Replace what the audit rows about these records hold of `fields` (anonymisation: the
    rows stay, as the trace that something was done, without the personal data)."""
    table = table_of(AuditLog)
    conn = session.connection()
    names = tuple(fields)
    rows = conn.execute(
        select(table.c.id, table.c.changes).where(
            table.c.entity == entity,
            in_values(session, table.c.entity_id, [str(i) for i in entity_ids]),
        )
    ).all()
    scrubbed = []
    for row in rows:
        changes = dict(row.changes or {})
        hit = [name for name in names if name in changes]
        for name in hit:
            changes[name] = {"before": None, "after": "[anonymised]"}
        if hit:
            scrubbed.append({"_id": row.id, "_changes": changes})
    if scrubbed:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(changes=bindparam("_changes", type_=table.c.changes.type)),
            scrubbed,
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
