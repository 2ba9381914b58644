"""HTTP layer for the complaints register: `/api/v1/complaints` (docs/complaints.md)."""

from datetime import date

from fastapi import APIRouter, Response

from overseas import flows
from overseas.complaints import service
from overseas.complaints.auth import ComplaintDep, ComplaintForWrite, ComplaintKeeper
from overseas.complaints.models import ComplaintCategory, ComplaintSource, ComplaintStatus
from overseas.complaints.schemas import ComplaintCreate, ComplaintRead, ComplaintUpdate
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import ValidationFailed, problem_responses
from overseas.core.faults import before
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id, Timestamp
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/complaints", tags=["complaints"])


@router.get("", response_model=Page[ComplaintRead], responses=problem_responses(401, 403, 422))
def list_complaints(
    session: SessionDep,
    _p: ComplaintKeeper,
    page: PageDep,
    agency_id: Id | None = None,
    status: ComplaintStatus | None = None,
    source: ComplaintSource | None = None,
    category: ComplaintCategory | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    substantiated: bool | None = None,
    inspection_id: Id | None = None,
    updated_since: Timestamp | None = None,
) -> Page[ComplaintRead]:
    """The register, newest received first (`updated_since`: by last change, for sync). Each
    page that shows a complainant is audited as a read of personal data."""
    if received_from and received_to and received_to < received_from:
        raise ValidationFailed.of("received_to", before("received_from"))
    rows, cursor, total = service.list_complaints(
        session,
        page,
        agency_id=agency_id,
        status=status,
        source=source,
        category=category,
        received_from=received_from,
        received_to=received_to,
        substantiated=substantiated,
        inspection_id=inspection_id,
        updated_since=updated_since,
    )
    service.audit_pii_read(session, rows)
    return Page(
        items=[ComplaintRead.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )


@router.post(
    "", status_code=201, response_model=ComplaintRead, responses=problem_responses(401, 403, 422)
)
def create_complaint(
    data: ComplaintCreate, session: SessionDep, _p: ComplaintKeeper, idem: IdempotencyDep
) -> Response:
    """Record a complaint as received; it starts `open`."""
    complaint = service.create_complaint(session, data)
    return idem.respond(
        ComplaintRead.model_validate(complaint),
        headers=created_headers(f"/api/v1/complaints/{complaint.id}", complaint.version),
    )


@router.get(
    "/{complaint_id}", response_model=ComplaintRead, responses=problem_responses(401, 403, 404)
)
def get_complaint(
    complaint: ComplaintDep, session: SessionDep, response: Response
) -> ComplaintRead:
    """One complaint, with its ETag; audited as a read of personal data when it names its
    complainant."""
    service.audit_pii_read(session, [complaint])
    set_etag(response, complaint.version)
    return ComplaintRead.model_validate(complaint)


@router.patch(
    "/{complaint_id}",
    response_model=ComplaintRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_complaint(
    complaint: ComplaintForWrite, data: ComplaintUpdate, session: SessionDep, response: Response
) -> ComplaintRead:
    """Triage a complaint or correct it; `If-Match` guards against lost edits. Status moves
    open → investigating → resolved | referred (open may go straight to either; anything else
    is 409); resolving needs `substantiated`. `inspection_id` links an inspection of the
    complaint's enterprise."""
    complaint = flows.change_complaint(session, complaint, data)
    set_etag(response, complaint.version)
    return ComplaintRead.model_validate(complaint)


@router.post(
    "/{complaint_id}/inspection",
    status_code=201,
    response_model=ComplaintRead,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def start_inspection(
    complaint: ComplaintDep,
    data: flows.InspectionFromComplaint,
    session: SessionDep,
    idem: IdempotencyDep,
) -> Response:
    """Plan an inspection of kind `complaint` of the complaint's enterprise, link it and put
    the complaint under investigation. Answers with the complaint; `Location` is the new
    inspection. 409 when the complaint led to an inspection already or is resolved or
    referred; 422 naming `agency_id` when it names no enterprise."""
    complaint, inspection = flows.start_inspection(session, complaint, data)
    return idem.respond(
        ComplaintRead.model_validate(complaint),
        headers={"Location": f"/api/v1/inspections/{inspection.id}"},
    )
