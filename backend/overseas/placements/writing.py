"""Writing a checked plan with bulk statements, in phases: workers, new placements, changed
placements, the duplicate flags of the same people's other placements, then their history,
audit and departure tallies."""

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, bindparam, text, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from overseas.audit import service as audit
from overseas.audit.models import AuditLog
from overseas.core.bulk import allocate_ids, bulk_insert, in_values, table_of
from overseas.core.db import LOCAL_ZONE, today, utcnow
from overseas.core.errors import (
    PreconditionFailed,
)
from overseas.core.pii import mask_changes
from overseas.placements import rules, tallies
from overseas.placements.flags import flag_inputs
from overseas.placements.models import Placement, PlacementEvent, Status, Worker
from overseas.placements.planning import Planned
from overseas.placements.record import audit_value, column_values, plain, same
from overseas.placements.rules import Lookups


def _event_day(v: dict[str, Any]) -> date:
    status = Status(v["status"])
    if status in rules.RETURNED_STATUSES and v["return_date"]:
        return v["return_date"]  # type: ignore[no-any-return]
    if status in rules.DEPARTED_STATUSES and v["departure_date"]:
        return v["departure_date"]  # type: ignore[no-any-return]
    if status == Status.registered:
        return v["registered_on"]  # type: ignore[no-any-return]
    return today()


_AUDIT_SKIP = frozenset({"created_at", "updated_at", "version", "search_name"})


# One audit row per new placement, built by PostgreSQL from the stored row: every column that
# is not null, as {"before": null, "after": value}, like the audit of any other create, with
# the national ID and the phone masked as overseas.core.pii masks them.
_SERVER_AUDIT = text(
    """
    INSERT INTO audit_log (at, actor, action, entity, entity_id, changes)
    SELECT :at, :actor, 'create', 'placements', CAST(p.id AS TEXT),
           (SELECT jsonb_object_agg(e.key, jsonb_build_object('before', NULL, 'after', e.value))
            FROM jsonb_each(
                to_jsonb(p) - CAST(:skip AS TEXT[])
                || jsonb_build_object(
                    'national_id',
                    left(p.national_id, 3) || repeat('*', length(p.national_id) - 5)
                        || right(p.national_id, 2),
                    'phone',
                    CASE WHEN p.phone IS NULL THEN NULL
                         ELSE left(p.phone, 4) || repeat('*', length(p.phone) - 6)
                              || right(p.phone, 2) END)
            ) AS e
            WHERE e.value <> 'null'::jsonb)
    FROM placements AS p
    WHERE p.id = ANY(:ids)
    ORDER BY p.id
    """
).bindparams(
    bindparam("ids", type_=ARRAY(Integer)),
    bindparam("skip", value=sorted(_AUDIT_SKIP), type_=ARRAY(String)),
    bindparam("at", type_=DateTime(timezone=True)),
)


def _audit_creates_on_server(session: Session, ids: list[int], at: datetime, actor: str) -> None:
    session.connection().execute(_SERVER_AUDIT, {"ids": ids, "at": at, "actor": actor})


def _insert_workers(session: Session, national_ids: list[str], now: datetime) -> dict[str, int]:
    """Workers for these ids, made when missing. Another transaction may be adding the same
    person at the same moment (two enterprises' batches): the insert skips the ids it finds
    taken, in sorted order, and the ids are read back afterwards."""
    table = table_of(Worker)
    conn = session.connection()
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    ids = allocate_ids(session, table, len(national_ids))
    conn.execute(
        insert(table).on_conflict_do_nothing(index_elements=["national_id"]),
        [
            {"id": i, "national_id": n, "created_at": now}
            for i, n in zip(ids, national_ids, strict=True)
        ],
    )
    rows = conn.execute(
        core_select(table.c.national_id, table.c.id).where(
            in_values(session, table.c.national_id, national_ids)
        )
    ).all()
    return {nid: wid for nid, wid in rows}


def write(
    session: Session,
    planned: Sequence[Planned],
    lookups: Lookups,
    *,
    reason: str | None = None,
    on: date | None = None,
) -> None:
    """Apply a checked plan: workers, placements, status history, duplicate flags, audit.
    `on` is the day of a transition, for the history of a status change."""
    to_write = [p for p in planned if p.result != "unchanged"]
    if not to_write:
        return
    now = utcnow()
    local_today = today()
    actor = session.info.get("actor", audit.SYSTEM_ACTOR)

    # Workers: one lookup, one insert for the new ones.
    national_ids = {p.values["national_id"] for p in to_write}
    workers = dict(
        session.exec(
            select(Worker.national_id, Worker.id).where(
                in_values(session, col(Worker.national_id), national_ids)
            )
        ).all()
    )
    new_ids = sorted(national_ids - workers.keys())
    if new_ids:
        workers.update(_insert_workers(session, new_ids, now))

    # Every placement of these people, to settle possible_duplicate for all of them.
    others = session.exec(
        select(
            Placement.id, Placement.national_id, Placement.status, Placement.possible_duplicate
        ).where(in_values(session, col(Placement.national_id), national_ids))
    ).all()
    writing_ids = {p.existing.id for p in to_write if p.existing is not None}
    active = rules.ActivePlacements(
        (nid, status) for pid, nid, status, _dup in others if pid not in writing_ids
    )
    for p in to_write:
        active.add(p.values["national_id"], p.values["status"])
    duplicate = active.duplicate

    creates = [p for p in to_write if p.existing is None]
    # PostgreSQL writes the audit documents of new rows itself, from the rows just copied in.
    server_audit = session.get_bind().dialect.name == "postgresql"
    new_pids = allocate_ids(session, table_of(Placement), len(creates))
    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    # Departures counted for progress, kept in the same transaction as the placements.
    tally: Counter[tallies.Key] = Counter()
    for p, pid in zip(creates, new_pids, strict=True):
        v = p.values
        reported_at = now if v["departure_date"] else None
        flags = rules.compute_flags(
            flag_inputs(v, local_today if reported_at else None),
            lookups.rates.get((v["market_code"], v["salary_currency"])),
            duplicate(v["national_id"], v["status"]),
        )
        row = column_values(v) | {
            "id": pid,
            "worker_id": workers[v["national_id"]],
            "departure_reported_at": reported_at,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        row |= {f.value: on for f, on in flags.items()}
        rows.append(row)
        events.append(
            {
                "placement_id": pid,
                "status": plain(v["status"]),
                "on": _event_day(v),
                "reason": reason or "created",
                "actor": actor,
                "at": now,
            }
        )
        if not server_audit:
            audits.append(
                {
                    "at": now,
                    "actor": actor,
                    "action": "create",
                    "entity": "placements",
                    "entity_id": str(pid),
                    "changes": mask_changes(
                        {
                            k: {"before": None, "after": val}
                            for k, val in row.items()
                            if val is not None and k not in _AUDIT_SKIP
                        }
                    ),
                }
            )
        p.values["id"] = pid
        tally.update(tallies.keys_of(row))
    bulk_insert(session, table_of(Placement), rows)
    if server_audit and new_pids:
        _audit_creates_on_server(session, new_pids, now, actor)

    updates: list[dict[str, Any]] = []
    for p in to_write:
        if p.existing is None:
            continue
        e, v = p.existing, p.values
        reported_at = e.departure_reported_at
        if v["departure_date"] is not None and reported_at is None:
            reported_at = now
        reported_on = reported_at.astimezone(LOCAL_ZONE).date() if reported_at else None
        flags = rules.compute_flags(
            flag_inputs(v, reported_on),
            lookups.rates.get((v["market_code"], v["salary_currency"])),
            duplicate(v["national_id"], v["status"]),
        )
        row = column_values(v) | {
            "worker_id": workers[v["national_id"]],
            "departure_reported_at": reported_at,
            "updated_at": now,
        }
        row |= {f.value: on for f, on in flags.items()}
        before = {name: getattr(e, name) for name in row}
        changes = mask_changes(
            {
                k: {"before": audit_value(before[k]), "after": audit_value(val)}
                for k, val in row.items()
                if k != "updated_at" and not same(before[k], val)
            }
        )
        updates.append(row | {"_id": e.id, "_version": e.version, "version": e.version + 1})
        tally.update(tallies.keys_of(row))
        tally.subtract(tallies.keys_of(e))
        audits.append(
            {
                "at": now,
                "actor": actor,
                "action": "update",
                "entity": "placements",
                "entity_id": str(e.id),
                "changes": changes,
            }
        )
        if not same(e.status, v["status"]):
            events.append(
                {
                    "placement_id": e.id,
                    "status": plain(v["status"]),
                    "on": on or _event_day(v),
                    "reason": reason,
                    "actor": actor,
                    "at": now,
                }
            )
        p.values["id"] = e.id
    if updates:
        table = table_of(Placement)
        columns = [c for c in updates[0] if not c.startswith("_")]
        # Only the version that was read and checked is changed: a row that another
        # transaction changed in between is not overwritten (its edit would be lost).
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
            .values({c: bindparam(c) for c in columns})
        )
        updates.sort(key=lambda u: u["_id"])
        changed = session.connection().execute(stmt, updates).rowcount
        if changed != len(updates):
            raise PreconditionFailed(
                "the placement was changed by another request at the same time; reload it",
                code="precondition_failed",
            )
        for p in to_write:
            if isinstance(p.existing, Placement):
                session.expire(p.existing)

    # Other placements of the same people whose duplicate flag the batch changed.
    audits += flip_duplicates(
        session,
        [(pid, nid, status, dup) for pid, nid, status, dup in others if pid not in writing_ids],
        active,
        now,
        actor,
    )
    bulk_insert(session, table_of(PlacementEvent), events)
    bulk_insert(session, table_of(AuditLog), audits)
    tallies.apply(session, tally)


def flip_duplicates(
    session: Session,
    placements: Iterable[tuple[Any, str, Any, bool]],
    active: rules.ActivePlacements,
    now: datetime,
    actor: str,
) -> list[dict[str, Any]]:
    """Set possible_duplicate where the rule now says otherwise, on (id, national_id, status,
    flag) rows; the audit rows of the changes are returned for the caller to write.

    The flag is the department's to settle and is derived from other placements: changing it
    changes neither the placement's version nor its updated_at, so an enterprise whose
    record is flagged because another enterprise holds the same person sees no change."""
    flips = [
        {"_id": pid, "flag": want}
        for pid, nid, status, dup in sorted(placements, key=lambda o: o[0] or 0)
        if (want := active.duplicate(nid, status)) != dup
    ]
    if not flips:
        return []
    table = table_of(Placement)
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("_id"))
        # updated_at is named so that its on-update default does not fire.
        .values(possible_duplicate=bindparam("flag"), updated_at=table.c.updated_at),
        flips,
    )
    return [
        {
            "at": now,
            "actor": actor,
            "action": "update",
            "entity": "placements",
            "entity_id": str(f["_id"]),
            "changes": {"possible_duplicate": {"before": not f["flag"], "after": f["flag"]}},
        }
        for f in flips
    ]
