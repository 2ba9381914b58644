"""HTTP layer for inspections, compliance and priorities."""

from fastapi import APIRouter, Response

from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id
from overseas.inspections import risk, service
from overseas.inspections.auth import (
    InspectionDep,
    InspectionForWrite,
    InspectionReader,
    InspectionToAddTo,
    InspectionWriter,
    ViolationForWrite,
)
from overseas.inspections.models import InspectionStatus, Kind
from overseas.inspections.schemas import (
    Compliance,
    InspectionCreate,
    InspectionRead,
    InspectionTransition,
    InspectionUpdate,
    Priorities,
    ViolationCreate,
    ViolationRead,
    ViolationUpdate,
)
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1", tags=["inspections"])


@router.get(
    "/inspections", response_model=Page[InspectionRead], responses=problem_responses(401, 422)
)
def list_inspections(
    session: SessionDep,
    principal: InspectionReader,
    page: PageDep,
    agency_id: Id | None = None,
    status: InspectionStatus | None = None,
    kind: Kind | None = None,
    overdue: bool | None = None,
) -> Page[InspectionRead]:
    """Inspections, oldest first; `overdue=true` keeps those with a remedy past due. An
    enterprise sees its own once concluded."""
    items, cursor, total = service.list_inspections(
        session, principal, page, agency_id=agency_id, status=status, kind=kind, overdue=overdue
    )
    return Page(items=items, next_cursor=cursor, total=total)


@router.get(
    "/inspections/priorities",
    response_model=Priorities,
    responses=problem_responses(401, 403),
)
def inspection_priorities(session: SessionDep, _p: InspectionWriter) -> Priorities:
    """Active enterprises ranked by risk score, each with its factors (weight times value)."""
    return Priorities(items=risk.priorities(session))


@router.post(
    "/inspections",
    status_code=201,
    response_model=InspectionRead,
    responses=problem_responses(401, 403, 422),
)
def create_inspection(
    data: InspectionCreate, session: SessionDep, _p: InspectionWriter, idem: IdempotencyDep
) -> Response:
    """Plan an inspection of an enterprise."""
    inspection = service.create_inspection(session, data)
    return idem.respond(
        service.read_one(session, inspection),
        headers=created_headers(f"/api/v1/inspections/{inspection.id}", inspection.version),
    )


@router.get(
    "/inspections/{inspection_id}",
    response_model=InspectionRead,
    responses=problem_responses(401, 404),
)
def get_inspection(
    inspection: InspectionDep, session: SessionDep, response: Response
) -> InspectionRead:
    """One inspection with its violations, and its ETag."""
    set_etag(response, inspection.version)
    return service.read_one(session, inspection)


@router.patch(
    "/inspections/{inspection_id}",
    response_model=InspectionRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_inspection(
    inspection: InspectionForWrite, data: InspectionUpdate, session: SessionDep, response: Response
) -> InspectionRead:
    """Change an inspection's particulars; `If-Match` guards against lost edits."""
    inspection = service.update_inspection(session, inspection, data)
    set_etag(response, inspection.version)
    return service.read_one(session, inspection)


@router.post(
    "/inspections/{inspection_id}/transitions",
    response_model=InspectionRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def transition_inspection(
    inspection: InspectionForWrite,
    data: InspectionTransition,
    session: SessionDep,
    response: Response,
) -> InspectionRead:
    """planned → in_progress → concluded (needs `result`) → closed (needs every violation
    remedied or waived); anything else is 409."""
    inspection = service.transition(session, inspection, data)
    set_etag(response, inspection.version)
    return service.read_one(session, inspection)


@router.post(
    "/inspections/{inspection_id}/violations",
    status_code=201,
    response_model=ViolationRead,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def add_violation(
    inspection: InspectionToAddTo, data: ViolationCreate, session: SessionDep, idem: IdempotencyDep
) -> Response:
    """Record a violation found by the inspection."""
    violation = service.add_violation(session, inspection, data)
    location = f"/api/v1/inspections/{inspection.id}/violations/{violation.id}"
    return idem.respond(
        ViolationRead.model_validate(violation),
        headers=created_headers(location, violation.version),
    )


@router.patch(
    "/inspections/{inspection_id}/violations/{violation_id}",
    response_model=ViolationRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_violation(
    target: ViolationForWrite, data: ViolationUpdate, session: SessionDep, response: Response
) -> ViolationRead:
    """Record a remedy (remedied_on), waive it, or correct the finding."""
    inspection, violation = target
    violation = service.update_violation(session, inspection, violation, data)
    set_etag(response, violation.version)
    return ViolationRead.model_validate(violation)


@router.get(
    "/agencies/{agency_id}/compliance",
    response_model=Compliance,
    responses=problem_responses(401, 403, 404),
)
def agency_compliance(
    agency_id: Id,
    session: SessionDep,
    principal: InspectionReader,
) -> Compliance:
    """An enterprise's inspection record and registry signals, with its risk score."""
    return risk.compliance(session, principal, agency_id)
