"""HTTP layer for administrative units."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from overseas.areas import service
from overseas.areas.models import Area, AreaLevel
from overseas.areas.schemas import AreaCreate, AreaRead, AreaUpdate
from overseas.auth.dependencies import AdminPrincipal, CurrentPrincipal
from overseas.core.concurrency import IfMatchDep, check_if_match, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Timestamp
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/areas", tags=["areas"])


def load_area(code: str, session: SessionDep, _principal: CurrentPrincipal) -> Area:
    return service.get_area(session, code)


AreaDep = Annotated[Area, Depends(load_area)]


@router.get("", response_model=Page[AreaRead], responses=problem_responses(401, 422))
def list_areas(
    session: SessionDep,
    _principal: CurrentPrincipal,
    page: PageDep,
    parent_code: str | None = None,
    level: AreaLevel | None = None,
    active_on: date | None = None,
    updated_since: Timestamp | None = None,
) -> Page[AreaRead]:
    """Administrative units, ordered by code; `active_on` keeps those valid on that day."""
    rows, cursor, total = service.list_areas(
        session,
        page,
        parent_code=parent_code,
        level=level,
        active_on=active_on,
        updated_since=updated_since,
    )
    return Page(items=[AreaRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "", status_code=201, response_model=AreaRead, responses=problem_responses(401, 403, 409, 422)
)
def create_area(
    data: AreaCreate, session: SessionDep, _p: AdminPrincipal, idem: IdempotencyDep
) -> Response:
    """Add an administrative unit."""
    area = service.create_area(session, data)
    return idem.respond(
        AreaRead.model_validate(area),
        headers={"Location": f"/api/v1/areas/{area.code}", "ETag": f'"{area.version}"'},
    )


@router.get("/{code}", response_model=AreaRead, responses=problem_responses(401, 404))
def get_area(area: AreaDep, response: Response) -> AreaRead:
    """One administrative unit, with its ETag."""
    set_etag(response, area.version)
    return AreaRead.model_validate(area)


@router.patch(
    "/{code}", response_model=AreaRead, responses=problem_responses(401, 403, 404, 412, 422)
)
def update_area(
    code: str,
    data: AreaUpdate,
    session: SessionDep,
    _p: AdminPrincipal,
    response: Response,
    if_match: IfMatchDep = None,
) -> AreaRead:
    """Rename, dissolve or merge a unit; `If-Match` guards against lost edits."""
    area = service.get_area(session, code)
    check_if_match(if_match, area.version)
    area = service.update_area(session, area, data)
    set_etag(response, area.version)
    return AreaRead.model_validate(area)
