"""HTTP layer for recruitment enterprises."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from overseas.agencies import service
from overseas.agencies.auth import AgencyDep, AgencyForWrite, AgencyReader, AgencyWriter
from overseas.agencies.models import AgencyStatus
from overseas.agencies.schemas import AgencyCreate, AgencyPublic, AgencyRead, AgencyUpdate
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Timestamp
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/agencies", tags=["agencies"])
public_router = APIRouter(prefix="/api/v1/public", tags=["public"])


@router.get("", response_model=Page[AgencyRead], responses=problem_responses(401, 422))
def list_agencies(
    session: SessionDep,
    principal: AgencyReader,
    page: PageDep,
    status: AgencyStatus | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Name or licence number")] = None,
    updated_since: Timestamp | None = None,
) -> Page[AgencyRead]:
    """Licensed enterprises; an enterprise account sees only its own."""
    rows, cursor, total = service.list_agencies(
        session, principal, page, status=status, q=q, updated_since=updated_since
    )
    return Page(items=[AgencyRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "",
    status_code=201,
    response_model=AgencyRead,
    responses=problem_responses(401, 403, 409, 422),
)
def create_agency(
    data: AgencyCreate, session: SessionDep, _p: AgencyWriter, idem: IdempotencyDep
) -> Response:
    """Register a licensed enterprise."""
    agency = service.create_agency(session, data)
    return idem.respond(
        AgencyRead.model_validate(agency),
        headers=created_headers(f"/api/v1/agencies/{agency.id}", agency.version),
    )


@router.get("/{agency_id}", response_model=AgencyRead, responses=problem_responses(401, 404))
def get_agency(agency: AgencyDep, response: Response) -> AgencyRead:
    """One enterprise, with its ETag."""
    set_etag(response, agency.version)
    return AgencyRead.model_validate(agency)


@router.patch(
    "/{agency_id}",
    response_model=AgencyRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_agency(
    agency: AgencyForWrite, data: AgencyUpdate, session: SessionDep, response: Response
) -> AgencyRead:
    """Change an enterprise (licence status, contacts); `If-Match` guards against lost edits."""
    agency = service.update_agency(session, agency, data)
    set_etag(response, agency.version)
    return AgencyRead.model_validate(agency)


@public_router.get("/agencies", response_model=Page[AgencyPublic], responses=problem_responses(422))
def list_public_agencies(
    session: SessionDep,
    page: PageDep,
    response: Response,
    q: Annotated[str | None, Query(max_length=100, description="Name or licence number")] = None,
) -> Page[AgencyPublic]:
    """Licensed enterprises and their licence status (public, no login); `q` finds one by a
    part of its name or licence number."""
    rows, cursor, total = service.list_public(session, page, q)
    response.headers["Cache-Control"] = "public, max-age=300"
    return Page(
        items=[AgencyPublic.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )
