"""How long personal data is kept (Law 91/2025/QH15: no longer than its purpose needs; see
docs/security.md). A placement cancelled before the worker left serves no purpose after
`OVERSEAS_RETENTION_YEARS` (5 by default): its personal data is anonymised, while the record
stays for the counts (channel, market, enterprise, dates). Run by `overseas data retention`.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.bulk import allocate_ids, bulk_insert, in_values, table_of
from overseas.core.db import utcnow
from overseas.core.text import name_sort_key
from overseas.placements import rules
from overseas.placements.models import Placement, PlacementEvent, Status, Worker

ANONYMOUS_NAME = "Đã ẩn danh"
# An anonymised record's national_id: "X" and its placement id, which no real number matches.
ANONYMOUS_PREFIX = "X"
# What the audit log held of a person, replaced in the rows about an anonymised placement.
PERSONAL_FIELDS = (
    "national_id",
    "full_name",
    "search_name",
    "name_key",
    "national_id_reversed",
    "date_of_birth",
    "phone",
    "policy_groups",
    "notes",
)
CHUNK = 1000


@dataclass
class RetentionReport:
    cutoff: date
    anonymised: int


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def due(session: Session, cutoff: date) -> list[int]:
    """Placements cancelled before `cutoff` whose personal data is still held."""
    placements, events = table_of(Placement), table_of(PlacementEvent)
    cancelled_on = (
        core_select(events.c.placement_id, func.max(events.c.on).label("on"))
        .where(events.c.status == Status.cancelled.value)
        .group_by(events.c.placement_id)
        .subquery()
    )
    rows = session.connection().execute(
        core_select(placements.c.id)
        .join(cancelled_on, cancelled_on.c.placement_id == placements.c.id)
        .where(
            placements.c.status == Status.cancelled.value,
            cancelled_on.c.on < cutoff,
            ~placements.c.national_id.startswith(ANONYMOUS_PREFIX),
        )
        .order_by(placements.c.id)
    )
    return [int(r.id) for r in rows]


def anonymise(session: Session, ids: list[int]) -> None:
    """Replace the personal data of these placements; each gets a worker of its own."""
    table, workers = table_of(Placement), table_of(Worker)
    conn = session.connection()
    now = utcnow()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = conn.execute(
            core_select(table.c.id, table.c.worker_id, table.c.date_of_birth, table.c.version)
            .where(in_values(session, table.c.id, chunk))
            .order_by(table.c.id)
        ).all()
        new_workers = allocate_ids(session, workers, len(rows))
        bulk_insert(
            session,
            workers,
            [
                {"id": wid, "national_id": f"{ANONYMOUS_PREFIX}{r.id:011d}", "created_at": now}
                for wid, r in zip(new_workers, rows, strict=True)
            ],
        )
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(
                national_id=bindparam("_nid"),
                worker_id=bindparam("_wid"),
                full_name=ANONYMOUS_NAME,
                search_name=rules.fold(ANONYMOUS_NAME),
                name_key=name_sort_key(ANONYMOUS_NAME),
                national_id_reversed=bindparam("_nid_reversed"),
                # The year stays, for counts by age; the day of birth identifies.
                date_of_birth=bindparam("_born"),
                phone=None,
                policy_groups=[],
                notes=None,
                version=table.c.version + 1,
                updated_at=now,
            ),
            [
                {
                    "_id": r.id,
                    "_nid": f"{ANONYMOUS_PREFIX}{r.id:011d}",
                    "_nid_reversed": f"{ANONYMOUS_PREFIX}{r.id:011d}"[::-1],
                    "_wid": wid,
                    "_born": date(r.date_of_birth.year, 1, 1),
                }
                for wid, r in zip(new_workers, rows, strict=True)
            ],
        )
        # Workers left without any placement are people the registry no longer knows.
        old_workers = {r.worker_id for r in rows}
        still_used = {
            w
            for (w,) in conn.execute(
                core_select(table.c.worker_id)
                .where(in_values(session, table.c.worker_id, old_workers))
                .distinct()
            )
        }
        gone = sorted(old_workers - still_used)
        if gone:
            conn.execute(workers.delete().where(in_values(session, workers.c.id, gone)))
        audit.scrub(session, "placements", [r.id for r in rows], PERSONAL_FIELDS)


def run(session: Session, *, years: int, today: date, dry_run: bool) -> RetentionReport:
    cutoff = _years_before(today, years)
    ids = due(session, cutoff)
    if ids and not dry_run:
        anonymise(session, ids)
        audit.record(
            session,
            "anonymise",
            "placements",
            "retention",
            {"cutoff": cutoff.isoformat(), "count": len(ids), "ids": ids[:1000]},
        )
    return RetentionReport(cutoff=cutoff, anonymised=len(ids))
