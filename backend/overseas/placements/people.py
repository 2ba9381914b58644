"""A person's own requests about their data (Law 91/2025/QH15 on personal data protection,
the data subject's rights to be informed and to have data corrected; Decree 356/2025): what
the registry holds about one person, and a correction applied to every record of theirs.

Both are asked for with the national ID in a POST body, so that it never appears in a URL or
an access log, and both leave an audit row that names the worker, never the ID."""

from sqlalchemy import or_
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.audit import service as audit
from overseas.audit.schemas import AuditRead
from overseas.core.errors import NotFound
from overseas.core.principal import Principal
from overseas.placements import reading, service
from overseas.placements.models import Placement, PlacementEvent, Worker
from overseas.placements.schemas import (
    HistoryEntry,
    PersonCorrection,
    PersonData,
    PersonPlacement,
    PlacementUpdate,
)


def _placements(
    session: Session, national_id: str, *, lock: bool = False, as_previous: bool = False
) -> list[Placement]:
    """The person's placements under the number; `as_previous` also those that name it as
    the old identity card's (what the registry holds about the person)."""
    match = col(Placement.national_id) == national_id
    if as_previous:
        match = or_(match, col(Placement.previous_national_id) == national_id)
    stmt = select(Placement).where(match).order_by(col(Placement.id))
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return list(session.exec(stmt).all())


def _worker(session: Session, national_id: str) -> Worker:
    worker = session.exec(select(Worker).where(Worker.national_id == national_id)).first()
    if worker is None:
        # Nothing is held about this person; said without echoing the number.
        raise NotFound("the registry holds no record of a person with this national ID")
    return worker


def data_of(session: Session, principal: Principal, national_id: str) -> PersonData:
    """Everything held about one person: each placement in full, its status history, and
    the audit entries about it (who wrote and who read it)."""
    placements = _placements(session, national_id, as_previous=True)
    known = session.exec(select(Worker).where(Worker.national_id == national_id)).first()
    # Asked by the old identity card's number: the person of the placements that name it.
    worker = known or (session.get(Worker, placements[0].worker_id) if placements else None)
    if worker is None:
        raise NotFound("the registry holds no record of a person with this national ID")
    places = catalog.load(session)
    ids = [p.id for p in placements if p.id is not None]
    events = session.exec(
        select(PlacementEvent)
        .where(col(PlacementEvent.placement_id).in_(ids))
        .order_by(col(PlacementEvent.id))
    ).all()
    entries = audit.entries_about(session, "placements", ids)
    audit.record(
        session,
        "read_pii",
        "workers",
        str(worker.id),
        {"purpose": "data_request", "placements": ids},
    )
    # The person asked for their own data: it is given in full, whatever the role masks.
    return PersonData(
        worker_id=worker.id or 0,
        national_id=worker.national_id,
        registered_at=worker.created_at,
        placements=[
            PersonPlacement(
                placement=reading.to_read(p, principal, places, full=True),
                history=[HistoryEntry.model_validate(e) for e in events if e.placement_id == p.id],
                audit=[AuditRead.model_validate(a) for a in entries if a.entity_id == str(p.id)],
            )
            for p in placements
        ],
    )


def correct(session: Session, principal: Principal, request: PersonCorrection) -> PersonData:
    """Apply a correction the person asked for to every one of their placements, each through
    the registry's rules, all or nothing; the reason is kept in the audit log."""
    worker = _worker(session, request.national_id)
    placements = _placements(session, request.national_id, lock=True)
    for placement in placements:
        change = PlacementUpdate(worker=request.changes)
        service.update_placement(session, principal, placement, change)
    audit.record(
        session,
        "correct_pii",
        "workers",
        str(worker.id),
        {
            "reason": request.reason,
            "fields": sorted(request.changes.model_dump(exclude_unset=True)),
            "placements": [p.id for p in placements],
        },
    )
    new_id = request.changes.national_id or request.national_id
    if new_id != request.national_id:
        # The placements now belong to the worker with the corrected number.
        session.delete(worker)
        session.flush()
    return data_of(session, principal, new_id)
