"""Complaints: the register's queries and rules, the reads of complainants' personal data, and
the counts the risk ranking reads (docs/complaints.md)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, case, func
from sqlmodel import Session, col, select

from overseas.agencies import service as agencies
from overseas.areas import service as areas
from overseas.audit import service as audit
from overseas.complaints import rules
from overseas.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
)
from overseas.complaints.schemas import ComplaintCreate, ComplaintUpdate
from overseas.core.db import today
from overseas.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from overseas.core.faults import IN_FUTURE, before, not_found
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.placements.models import Placement

_NOT_NULL = frozenset({"received_on", "source", "category", "summary", "status"})
# The complainant's personal data (Law 91/2025/QH15): only officers and inspectors see it, and
# each read of it is audited.
PERSONAL = ("complainant_name", "complainant_phone", "complainant_address")


def get_complaint(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound(f"no complaint with id {complaint_id}")
    return complaint


def names_someone(complaint: Complaint) -> bool:
    """True when the complaint holds any of the complainant's personal data."""
    return any(getattr(complaint, name) is not None for name in PERSONAL)


def audit_pii_read(session: Session, complaints: Sequence[Complaint]) -> None:
    """A read that shows complainants leaves a trace, as reads of workers' records do
    (docs/security.md): one row per page or record, naming the complaints whose complainant it
    showed; complaints received anonymously show no one and leave none."""
    ids = [c.id for c in complaints if c.id is not None and names_someone(c)]
    if ids:
        audit.record(
            session,
            "read_pii",
            "complaints",
            str(ids[0]) if len(ids) == 1 else "list",
            {"ids": ids},
        )


def list_complaints(
    session: Session,
    params: PageParams,
    *,
    agency_id: int | None = None,
    status: ComplaintStatus | None = None,
    source: ComplaintSource | None = None,
    category: ComplaintCategory | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    substantiated: bool | None = None,
    inspection_id: int | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Complaint], str | None, int | None]:
    """The register, newest received first; with `updated_since`, by (updated_at, id) for
    incremental sync."""
    stmt = select(Complaint)
    if agency_id is not None:
        stmt = stmt.where(Complaint.agency_id == agency_id)
    if status is not None:
        stmt = stmt.where(Complaint.status == status)
    if source is not None:
        stmt = stmt.where(Complaint.source == source)
    if category is not None:
        stmt = stmt.where(Complaint.category == category)
    if received_from is not None:
        stmt = stmt.where(col(Complaint.received_on) >= received_from)
    if received_to is not None:
        stmt = stmt.where(col(Complaint.received_on) <= received_to)
    if substantiated is not None:
        stmt = stmt.where(col(Complaint.substantiated).is_(substantiated))
    if inspection_id is not None:
        stmt = stmt.where(Complaint.inspection_id == inspection_id)
    if updated_since is not None:
        stmt = stmt.where(col(Complaint.updated_at) >= updated_since)
        by_change: list[Any] = [col(Complaint.updated_at), col(Complaint.id)]
        return paginate(session, stmt, by_change, params, order_name="updated")
    order: list[Any] = [col(Complaint.received_on).desc(), col(Complaint.id).desc()]
    return paginate(session, stmt, order, params, order_name="received")


def _check(session: Session, complaint: Complaint, on: date) -> None:
    """The rules of a complaint as it will be stored; a breach is a 422 naming the field."""
    if complaint.received_on > on:
        raise ValidationFailed.of("received_on", IN_FUTURE)
    if complaint.agency_id is not None and agencies.find(session, complaint.agency_id) is None:
        raise ValidationFailed.of("agency_id", not_found("agency", complaint.agency_id))
    if complaint.placement_id is not None:
        placement = session.get(Placement, complaint.placement_id)
        if placement is None:
            raise ValidationFailed.of(
                "placement_id", not_found("placement", complaint.placement_id)
            )
        if (
            complaint.agency_id is not None
            and placement.agency_id is not None
            and placement.agency_id != complaint.agency_id
        ):
            raise ValidationFailed.one(
                "placement_id",
                "the worker was placed by another enterprise than agency_id",
                "other_enterprise",
            )
    if complaint.area_code is not None and areas.find(session, complaint.area_code) is None:
        raise ValidationFailed.of("area_code", not_found("area", complaint.area_code))
    status = ComplaintStatus(complaint.status)
    if status == ComplaintStatus.resolved and complaint.substantiated is None:
        raise ValidationFailed.one(
            "substantiated",
            "resolving a complaint needs its finding: true or false",
            "required_for_status",
            {"status": "resolved"},
        )
    if complaint.resolved_on is not None:
        if status not in rules.CLOSED:
            raise ValidationFailed.one(
                "resolved_on",
                "is given only when the complaint is resolved or referred",
                "not_for_status",
                {"status": str(status)},
            )
        if complaint.resolved_on > on:
            raise ValidationFailed.of("resolved_on", IN_FUTURE)
        if complaint.resolved_on < complaint.received_on:
            raise ValidationFailed.of("resolved_on", before("received_on"))


def create_complaint(session: Session, data: ComplaintCreate) -> Complaint:
    """Record a complaint as received; when it names a worker's placement and no enterprise,
    the enterprise is the placement's."""
    complaint = Complaint.model_validate(data)
    if complaint.agency_id is None and complaint.placement_id is not None:
        placement = session.get(Placement, complaint.placement_id)
        if placement is not None:
            complaint.agency_id = placement.agency_id
    _check(session, complaint, today())
    session.add(complaint)
    session.flush()
    return complaint


def update_complaint(session: Session, complaint: Complaint, data: ComplaintUpdate) -> Complaint:
    """Change a complaint's particulars or triage it. Linking an inspection to an open
    complaint puts it under investigation; resolving or referring it dates it today unless
    `resolved_on` says otherwise."""
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    current = ComplaintStatus(complaint.status)
    wanted = changes.get("status")
    if wanted is not None and not rules.may_move(current, ComplaintStatus(wanted)):
        raise InvalidTransition(f"a complaint cannot go from {current.value} to {wanted}")
    linking = changes.get("inspection_id") not in (None, complaint.inspection_id)
    with session.no_autoflush:
        apply_patch(complaint, changes, not_null=_NOT_NULL)
        if linking and wanted is None and current == ComplaintStatus.open:
            complaint.status = ComplaintStatus.investigating
        if (
            complaint.status in rules.CLOSED
            and current not in rules.CLOSED
            and complaint.resolved_on is None
        ):
            complaint.resolved_on = today()
        _check(session, complaint, today())
    session.add(complaint)
    session.flush()
    return complaint


def check_inspectable(complaint: Complaint) -> int:
    """The enterprise an inspection started from the complaint inspects; 409 when the
    complaint already led to one or is done with, 422 naming `agency_id` when it names none."""
    if complaint.inspection_id is not None:
        raise Conflict(
            f"the complaint is linked to inspection {complaint.inspection_id} already",
            code="complaint_has_inspection",
        )
    if complaint.status in rules.CLOSED:
        raise Conflict(f"the complaint was {complaint.status} already", code="complaint_closed")
    if complaint.agency_id is None:
        raise ValidationFailed.one(
            "agency_id", "the complaint names no enterprise to inspect", "required"
        )
    return complaint.agency_id


def take_up(session: Session, complaint: Complaint, inspection_id: int) -> Complaint:
    """The complaint linked to the inspection started for it, and under investigation."""
    complaint.inspection_id = inspection_id
    complaint.status = ComplaintStatus.investigating
    session.add(complaint)
    session.flush()
    return complaint


# ------------------------------------------------------------------------- the risk ranking


@dataclass(frozen=True)
class ComplaintCounts:
    """An enterprise's complaints as the risk ranking weighs them."""

    open: int  # open or investigating, whenever received
    substantiated: int  # found substantiated, received in the window before the day judged


def window_start(on: date, months: int = rules.SUBSTANTIATED_WINDOW_MONTHS) -> date:
    """The same day `months` months before `on` (the 28th for a 29 February that is not)."""
    month = on.year * 12 + on.month - 1 - months
    year, month = divmod(month, 12)
    day = on.day
    while True:
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1


def complaint_counts(
    session: Session, agency_ids: Iterable[int] | None = None, on: date | None = None
) -> dict[int, ComplaintCounts]:
    """For the risk ranking (docs/complaints.md): per enterprise, how many of its complaints are
    still open (status `open` or `investigating`, whenever received) and how many were found
    substantiated (`substantiated` true, whatever the status) among those received in the 24
    months up to `on` (default today): from the same day two years before, to `on`, both
    included. Complaints that name no enterprise count for none.

    `agency_ids` None: every enterprise with a complaint (one absent had none). A list: each of
    those enterprises, with zeros for one that had none. One grouped query."""
    day = on or today()
    since = window_start(day)
    is_open = case((col(Complaint.status).in_(rules.OPEN), 1), else_=0)
    is_substantiated = case(
        (
            col(Complaint.substantiated).is_(True)
            & (col(Complaint.received_on) >= since)
            & (col(Complaint.received_on) <= day),
            1,
        ),
        else_=0,
    )
    stmt = (
        select(
            col(Complaint.agency_id),
            func.sum(is_open).cast(Integer),
            func.sum(is_substantiated).cast(Integer),
        )
        .where(col(Complaint.agency_id).is_not(None))
        .group_by(col(Complaint.agency_id))
    )
    wanted = None if agency_ids is None else list(dict.fromkeys(agency_ids))
    if wanted is not None:
        if not wanted:
            return {}
        stmt = stmt.where(col(Complaint.agency_id).in_(wanted))
    found = {
        agency_id: ComplaintCounts(open=int(n_open or 0), substantiated=int(n_sub or 0))
        for agency_id, n_open, n_sub in session.exec(stmt).all()
        if agency_id is not None
    }
    if wanted is None:
        return found
    return {a: found.get(a, ComplaintCounts(open=0, substantiated=0)) for a in wanted}
