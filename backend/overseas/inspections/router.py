"""HTTP layer for inspections, the procedure's records, compliance and priorities."""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Response, UploadFile

from overseas.core import uploads
from overseas.core.concurrency import IfMatchDep, check_if_match, created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import PreconditionFailed, problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id
from overseas.inspections import procedure, risk, service
from overseas.inspections.auth import (
    InspectionDep,
    InspectionForWrite,
    InspectionReader,
    InspectionToAddTo,
    InspectionWriter,
    RemedyForWrite,
    ViolationForWrite,
)
from overseas.inspections.models import FileKind, InspectionStatus, Kind
from overseas.inspections.schemas import (
    CheckRecordIn,
    CheckRecordRead,
    Compliance,
    InspectionCreate,
    InspectionFileRead,
    InspectionRead,
    InspectionTransition,
    InspectionUpdate,
    Priorities,
    RemedyUpdate,
    SanctionDecisionIn,
    SanctionDecisionRead,
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
        service.read_violation(session, violation),
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
    """Correct the finding (a change to the act, the offender, the workers affected or the fine
    is judged again); a violation without remedy items records its remedy here."""
    inspection, violation = target
    violation = service.update_violation(session, inspection, violation, data)
    set_etag(response, violation.version)
    return service.read_violation(session, violation)


@router.patch(
    "/inspections/{inspection_id}/violations/{violation_id}/remedies/{remedy_id}",
    response_model=ViolationRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_remedy(
    target: RemedyForWrite, data: RemedyUpdate, session: SessionDep, response: Response
) -> ViolationRead:
    """A remedy item done (`done_on`), cancelled by an amending decision (`cancelled_by`, its
    number, and `cancelled_on`), or corrected; answers the violation with its summary updated
    and the item's version in `ETag`."""
    inspection, violation, remedy = target
    remedy = service.update_remedy(session, inspection, violation, remedy, data)
    set_etag(response, remedy.version)
    return service.read_violation(session, violation)


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


def _guard(if_match: str | None, existing: Any) -> None:
    """A record written again must be the version read; If-Match on a record not yet made
    names nothing (412)."""
    if existing is not None:
        check_if_match(if_match, existing.version)
    elif if_match is not None and if_match.strip() != "*":
        raise PreconditionFailed("there is no record yet", code="precondition_failed")


@router.put(
    "/inspections/{inspection_id}/check-record",
    response_model=CheckRecordRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def put_check_record(
    inspection: InspectionToAddTo,
    data: CheckRecordIn,
    session: SessionDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> CheckRecordRead:
    """The check record (biên bản kiểm tra) made at the enterprise, written or corrected; it
    cannot come before the inspection decision."""
    _guard(if_match, procedure.check_record_of(session, inspection.id or 0))
    record = procedure.put_check_record(session, inspection, data)
    set_etag(response, record.version)
    return CheckRecordRead.model_validate(record)


@router.put(
    "/inspections/{inspection_id}/sanction-decision",
    response_model=SanctionDecisionRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def put_sanction_decision(
    inspection: InspectionToAddTo,
    data: SanctionDecisionIn,
    session: SessionDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> SanctionDecisionRead:
    """The sanction decision of an inspection concluded with violations, then its payment and
    enforcement. The signer must hold the power for every act (Decree 283/2026 Art. 55-63,
    doubled for organisations) and every act be within the time limit (Art. 3(4))."""
    _guard(if_match, procedure.decision_of(session, inspection.id or 0))
    decision = procedure.put_decision(session, inspection, data)
    set_etag(response, decision.version)
    return procedure.decision_read(session, decision)


@router.post(
    "/inspections/{inspection_id}/files",
    status_code=201,
    response_model=InspectionFileRead,
    responses=problem_responses(401, 403, 404, 409, 413, 422),
)
def attach_file(
    inspection: InspectionToAddTo,
    file: Annotated[UploadFile, File(description=f"{uploads.ACCEPTED}, at most 10 MiB")],
    session: SessionDep,
    principal: InspectionWriter,
    idem: IdempotencyDep,
    kind: Annotated[FileKind, Form()] = FileKind.other,
) -> Response:
    """Attach a signed scan or document (the decision, the check record, the sanction
    decision, a payment receipt, proof of a remedy); its type is read from its content."""
    content = file.file.read(uploads.MAX_FILE_BYTES + 1)
    row = procedure.attach(session, principal, inspection, kind, file.filename, content)
    return idem.respond(
        InspectionFileRead.model_validate(row),
        headers={"Location": f"/api/v1/inspections/{inspection.id}/files/{row.id}"},
    )


@router.get(
    "/inspections/{inspection_id}/files/{file_id}",
    response_class=Response,
    responses={
        **problem_responses(401, 403, 404, 422),
        200: {
            "content": {
                m: {"schema": {"type": "string", "format": "binary"}} for m in uploads.MEDIA_TYPES
            },
            "description": "The file as it was attached",
        },
    },
)
def download_file(inspection: InspectionDep, file_id: Id, session: SessionDep) -> Response:
    """A file attached to the inspection, for those who may see the inspection."""
    row, content = procedure.get_file(session, inspection, file_id)
    return Response(
        content,
        media_type=row.media_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.file_name, safe='')}",
            "Cache-Control": "private, no-store",
        },
    )
