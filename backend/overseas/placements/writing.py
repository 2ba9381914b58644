"""Writing a checked plan with bulk statements, in phases: workers, new placements, changed
placements, the duplicate flags of the same people's other placements, then their history,
audit and departure tallies (kept in the same transaction as the placements)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import DateTime, String, bindparam, text, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.bulk import allocate_ids, bulk_insert, in_each, table_of
from overseas.core.db import LOCAL_ZONE, today, utcnow
from overseas.core.errors import PreconditionFailed
from overseas.core.pii import mask_changes
from overseas.placements import identity, quota, rules, tallies
from overseas.placements.flags import flag_inputs
from overseas.placements.identity import Person, same_people
from overseas.placements.models import Flag, Placement, PlacementEvent, Status, Worker
from overseas.placements.planning import Planned
from overseas.placements.record import audit_value, column_values, plain, same
from overseas.placements.references import Lookups

# Columns that say nothing of their own in an audit row (the derived ones would repeat the
# name and the national ID, the latter unmasked).
AUDIT_SKIP = frozenset(
    {"created_at", "updated_at", "version", "search_name", "name_key", "national_id_reversed"}
)
ENTITY = "placements"


@dataclass
class _Written:
    """What one write adds beside the placements themselves."""

    now: datetime
    actor: str
    reason: str | None
    events: list[dict[str, Any]] = field(default_factory=list)
    creates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    # Departures counted for progress.
    tally: Counter[tallies.Key] = field(default_factory=Counter)

    def event(self, placement_id: int, status: Any, on: date, reason: str | None) -> None:
        self.events.append(
            {
                "placement_id": placement_id,
                "status": plain(status),
                "on": on,
                "reason": reason,
                "actor": self.actor,
                "at": self.now,
            }
        )


def _event_day(v: dict[str, Any]) -> date:
    status = Status(v["status"])
    if status in rules.RETURNED_STATUSES and v["return_date"]:
        return v["return_date"]  # type: ignore[no-any-return]
    if status in rules.DEPARTED_STATUSES and v["departure_date"]:
        return v["departure_date"]  # type: ignore[no-any-return]
    if status == Status.registered:
        return v["registered_on"]  # type: ignore[no-any-return]
    return today()


# The column of each flag.
_FLAG_COLUMNS = {f: f.value for f in Flag}


def _set_flags(
    row: dict[str, Any],
    v: dict[str, Any],
    reported_on: date | None,
    lookups: Lookups,
    active: rules.ActivePlacements,
) -> None:
    """Add the record's flags to its row, in the order compute_flags gives them."""
    inputs = flag_inputs(v, reported_on)
    flags = rules.compute_flags(
        inputs,
        lookups.rates.on(v["market_code"], v["salary_currency"], inputs.judged_on),
        active.duplicate(identity.ids_of(v["national_id"], v["previous_national_id"]), v["status"]),
        lookups.calendar,
        book=lookups.caps,
    )
    for flag, on in flags.items():
        row[_FLAG_COLUMNS[flag]] = on


# --- phase 1: the people --------------------------------------------------------------------

_NEW_WORKERS = text(
    """
    INSERT INTO workers (national_id, created_at)
    SELECT n, :now FROM unnest(:ids) AS n ORDER BY n
    ON CONFLICT (national_id) DO NOTHING
    """
).bindparams(bindparam("ids", type_=ARRAY(String)), bindparam("now", type_=DateTime(timezone=True)))


def _workers(session: Session, national_ids: set[str], now: datetime) -> dict[str, int]:
    """The worker id of each national ID, made when missing. Another transaction may be adding
    the same person at the same moment (two enterprises' batches): the insert skips the ids it
    finds taken, in sorted order, and the ids are read back afterwards."""
    table = table_of(Worker)
    conn = session.connection()
    wanted = sorted(national_ids)
    found = dict(
        conn.execute(
            core_select(table.c.national_id, table.c.id).where(
                in_each(session, table.c.national_id, wanted)
            )
        ).all()
    )
    missing = [n for n in wanted if n not in found]
    if not missing:
        return found
    if conn.dialect.name == "postgresql":
        # One statement for the lot, the ids from the table's sequence.
        conn.execute(_NEW_WORKERS, {"ids": missing, "now": now})
    else:
        ids = allocate_ids(session, table, len(missing))
        conn.execute(
            sqlite_insert(table).on_conflict_do_nothing(index_elements=["national_id"]),
            [
                {"id": i, "national_id": n, "created_at": now}
                for i, n in zip(ids, missing, strict=True)
            ],
        )
    rows = conn.execute(
        core_select(table.c.national_id, table.c.id).where(
            in_each(session, table.c.national_id, missing)
        )
    ).all()
    return found | {nid: wid for nid, wid in rows}


def _same_people(
    session: Session, to_write: Sequence[Planned]
) -> tuple[list[Person], rules.ActivePlacements]:
    """The other placements of the people written — by their numbers now and before the
    write, so that a number taken away settles the flag it had raised — and the active
    placements per person once the write is done (the duplicate rule's count)."""
    writing = {p.existing.id for p in to_write if p.existing is not None}
    numbers: set[str] = set()
    for p in to_write:
        numbers.update(identity.ids_of(p.values["national_id"], p.values["previous_national_id"]))
        if p.existing is not None:
            numbers.update(identity.ids_of(p.existing.national_id, p.existing.previous_national_id))
    others = [o for o in same_people(session, numbers) if o[0] not in writing]
    active = rules.ActivePlacements((known, status) for _, known, status, _ in others)
    for p in to_write:
        known = identity.ids_of(p.values["national_id"], p.values["previous_national_id"])
        active.add(known, p.values["status"])
    return others, active


# --- phase 2: new placements ----------------------------------------------------------------


def _insert(
    session: Session,
    creates: Sequence[Planned],
    lookups: Lookups,
    workers: dict[str, int],
    active: rules.ActivePlacements,
    out: _Written,
) -> None:
    if not creates:
        return
    local_today = today()
    ids = allocate_ids(session, table_of(Placement), len(creates))
    rows: list[dict[str, Any]] = []
    for p, pid in zip(creates, ids, strict=True):
        v = p.values
        reported_at = out.now if v["departure_date"] else None
        # Filled in place, key by key: one dict per row (the order is the columns' order).
        row = column_values(v)
        row["id"] = pid
        row["worker_id"] = workers[v["national_id"]]
        row["departure_reported_at"] = reported_at
        row["created_at"] = out.now
        row["updated_at"] = out.now
        row["version"] = 1
        _set_flags(row, v, local_today if reported_at else None, lookups, active)
        # Its notice's count sets it once every row of the write is in (quota.settle).
        row["over_quota"] = False
        rows.append(row)
        out.event(pid, v["status"], _event_day(v), out.reason or "created")
        out.creates.append((pid, row))
        out.tally.update(tallies.keys_of(row))
        p.values["id"] = pid
    bulk_insert(session, table_of(Placement), rows)


# --- phase 3: changed placements ------------------------------------------------------------


def _update(
    session: Session,
    changes: Sequence[Planned],
    lookups: Lookups,
    workers: dict[str, int],
    active: rules.ActivePlacements,
    out: _Written,
    on: date | None,
) -> None:
    if not changes:
        return
    params: list[dict[str, Any]] = []
    for p in changes:
        e, v = p.existing, p.values
        assert e is not None and e.id is not None
        reported_at = e.departure_reported_at
        if v["departure_date"] is not None and reported_at is None:
            reported_at = out.now
        reported_on = reported_at.astimezone(LOCAL_ZONE).date() if reported_at else None
        row = column_values(v)
        row["worker_id"] = workers[v["national_id"]]
        row["departure_reported_at"] = reported_at
        row["updated_at"] = out.now
        _set_flags(row, v, reported_on, lookups, active)
        out.updates.append(
            (
                e.id,
                {
                    k: {"before": audit_value(getattr(e, k)), "after": audit_value(val)}
                    for k, val in row.items()
                    if k not in AUDIT_SKIP and not same(getattr(e, k), val)
                },
            )
        )
        params.append(row | {"_id": e.id, "_version": e.version, "version": e.version + 1})
        out.tally.update(tallies.keys_of(row))
        out.tally.subtract(tallies.keys_of(e))
        if not same(e.status, v["status"]):
            out.event(e.id, v["status"], on or _event_day(v), out.reason)
        p.values["id"] = e.id
    table = table_of(Placement)
    columns = [c for c in params[0] if not c.startswith("_")]
    # Only the version that was read and checked is changed: a row that another transaction
    # changed in between is not overwritten (its edit would be lost).
    stmt = (
        update(table)
        .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
        .values({c: bindparam(c) for c in columns})
    )
    params.sort(key=lambda u: u["_id"])
    if session.connection().execute(stmt, params).rowcount != len(params):
        raise PreconditionFailed(
            "the placement was changed by another request at the same time; reload it",
            code="precondition_failed",
        )
    for p in changes:
        if isinstance(p.existing, Placement):
            session.expire(p.existing)


# --- phase 4: the duplicate flags of the same people's other placements ---------------------


def flip_duplicates(
    session: Session,
    placements: Iterable[Person],
    active: rules.ActivePlacements,
) -> None:
    """Set possible_duplicate where the rule now says otherwise, on (id, numbers, status,
    flag) rows, and audit each change.

    The flag is the department's to settle and is derived from other placements: changing it
    changes neither the placement's version nor its updated_at, so an enterprise whose
    record is flagged because another enterprise holds the same person sees no change."""
    flips = [
        {"_id": pid, "flag": want}
        for pid, known, status, dup in sorted(placements, key=lambda o: o[0] or 0)
        if (want := active.duplicate(known, status)) != dup
    ]
    if not flips:
        return
    table = table_of(Placement)
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("_id"))
        # updated_at is named so that its on-update default does not fire.
        .values(possible_duplicate=bindparam("flag"), updated_at=table.c.updated_at),
        flips,
    )
    flag = Flag.possible_duplicate.value
    audit.record_many(
        session,
        "update",
        ENTITY,
        ((f["_id"], {flag: {"before": not f["flag"], "after": f["flag"]}}) for f in flips),
    )


# --- phase 5: history, audit, tallies -------------------------------------------------------


def _record(session: Session, out: _Written) -> None:
    bulk_insert(session, table_of(PlacementEvent), out.events)
    if out.creates and session.get_bind().dialect.name == "postgresql":
        # PostgreSQL builds the audit rows of new placements itself, from the rows just
        # copied in (the bulk of a batch's cost otherwise).
        ids = [pid for pid, _ in out.creates]
        audit.record_creates_on_server(session, table_of(Placement), ids, skip=AUDIT_SKIP)
    elif out.creates:
        audit.record_many(
            session,
            "create",
            ENTITY,
            (
                (
                    pid,
                    mask_changes(
                        {
                            k: {"before": None, "after": val}
                            for k, val in row.items()
                            if val is not None and k not in AUDIT_SKIP
                        }
                    ),
                )
                for pid, row in out.creates
            ),
        )
    audit.record_many(session, "update", ENTITY, ((i, mask_changes(c)) for i, c in out.updates))
    tallies.apply(session, out.tally)


def write(
    session: Session,
    planned: Sequence[Planned],
    lookups: Lookups,
    *,
    reason: str | None = None,
    on: date | None = None,
) -> None:
    """Apply a checked plan: workers, placements, status history, duplicate flags, audit and
    tallies. `on` is the day of a transition, for the history of a status change."""
    to_write = [p for p in planned if p.result != "unchanged"]
    if not to_write:
        return
    # Read before the writes: they expire the stored placements the plan compares with.
    notices, released = _notices_to_settle(to_write)
    out = _Written(utcnow(), session.info.get("actor", audit.SYSTEM_ACTOR), reason)
    workers = _workers(session, {p.values["national_id"] for p in to_write}, out.now)
    others, active = _same_people(session, to_write)
    _insert(session, [p for p in to_write if p.existing is None], lookups, workers, active, out)
    changes = [p for p in to_write if p.existing is not None]
    _update(session, changes, lookups, workers, active, out, on)
    flip_duplicates(session, others, active)
    _record(session, out)
    # After the placements' own audit rows, so that a flag the quota changes is a row of its own.
    written = {int(p.values["id"]) for p in to_write}
    quota.settle(session, notices, written=written, released=released)


# What a notice's count depends on: which placements name it, their order of registration, and
# whether they are cancelled.
_QUOTA_INPUTS = ("recruitment_notice_id", "registered_on", "status")


def _notices_to_settle(to_write: Sequence[Planned]) -> tuple[set[int | None], set[int]]:
    """The notices whose over_quota count the write may change — those new placements name,
    and those a changed placement named or names when its notice, registration day or status
    changed (None among them is no notice) — and the placements that stop naming a notice.
    Read from the plan, without a query."""
    found: set[int | None] = set()
    released: set[int] = set()
    for p in to_write:
        v, e = p.values, p.existing
        if e is None:
            found.add(v["recruitment_notice_id"])
        elif any(not same(getattr(e, name), v[name]) for name in _QUOTA_INPUTS):
            found.update((e.recruitment_notice_id, v["recruitment_notice_id"]))
            left = v["recruitment_notice_id"] is None and e.recruitment_notice_id is not None
            if left and e.id is not None:
                released.add(e.id)
    return found, released
