"""Recruitment enterprises: queries and rules."""

from datetime import datetime

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.agencies.schemas import AgencyCreate, AgencyUpdate
from overseas.core.errors import Conflict, NotFound
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.core.principal import Principal

_NOT_NULL = frozenset({"licence_no", "name", "tax_code", "status", "reports_elsewhere"})


def find(session: Session, agency_id: int) -> Agency | None:
    return session.get(Agency, agency_id)


def get_visible(session: Session, principal: Principal, agency_id: int) -> Agency:
    """An enterprise the principal may see; another's answers 404 so ids cannot be probed."""
    agency = session.get(Agency, agency_id)
    if agency is None or (principal.is_agency and principal.agency_id != agency_id):
        raise NotFound(f"no enterprise with id {agency_id}")
    return agency


def list_agencies(
    session: Session,
    principal: Principal,
    params: PageParams,
    *,
    status: AgencyStatus | None = None,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Agency], str | None, int | None]:
    stmt = select(Agency)
    if principal.is_agency:
        stmt = stmt.where(Agency.id == principal.agency_id)
    if status:
        stmt = stmt.where(Agency.status == status)
    if q:
        pattern = f"%{q.strip()}%"
        stmt = stmt.where(
            or_(col(Agency.name).ilike(pattern), col(Agency.licence_no).ilike(pattern))
        )
    if updated_since:
        stmt = stmt.where(col(Agency.updated_at) >= updated_since)
        order = [col(Agency.updated_at), col(Agency.id)]
        return paginate(session, stmt, order, params, order_name="updated")
    return paginate(session, stmt, [col(Agency.id)], params)


def list_public(
    session: Session, params: PageParams, q: str | None = None
) -> tuple[list[Agency], str | None, int | None]:
    """Every enterprise with its licence; `q` finds one by a part of its name or licence
    number (a worker checking whom they deal with)."""
    stmt = select(Agency)
    if q and q.strip():
        text = q.strip()
        stmt = stmt.where(
            or_(
                col(Agency.name).icontains(text, autoescape=True),
                col(Agency.licence_no).icontains(text, autoescape=True),
            )
        )
    return paginate(session, stmt, [col(Agency.id)], params)


def _licence_taken(licence_no: str) -> Conflict:
    return Conflict(f"licence number '{licence_no}' is already registered", code="licence_no_taken")


def _flush(session: Session, licence_no: str) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise _licence_taken(licence_no) from exc


def create_agency(session: Session, data: AgencyCreate) -> Agency:
    if session.exec(select(Agency.id).where(Agency.licence_no == data.licence_no)).first():
        raise _licence_taken(data.licence_no)
    agency = Agency.model_validate(data)
    session.add(agency)
    _flush(session, data.licence_no)
    return agency


def update_agency(session: Session, agency: Agency, data: AgencyUpdate) -> Agency:
    changes = data.model_dump(exclude_unset=True)
    new_licence = changes.get("licence_no")
    if new_licence and new_licence != agency.licence_no:
        taken = session.exec(select(Agency.id).where(Agency.licence_no == new_licence)).first()
        if taken:
            raise _licence_taken(new_licence)
    apply_patch(agency, changes, not_null=_NOT_NULL)
    session.add(agency)
    _flush(session, agency.licence_no)
    return agency
