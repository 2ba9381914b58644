"""HTTP layer for administrative units."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from overseas.areas import service
from overseas.areas.auth import AreaDep, AreaForWrite, AreaReader, AreaWriter
from overseas.areas.models import AreaLevel
from overseas.areas.schemas import AreaCreate, AreaRead, AreaUpdate
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Timestamp
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/areas", tags=["areas"])


@router.get("", response_model=Page[AreaRead], responses=problem_responses(401, 422))
def list_areas(
    session: SessionDep,
    _principal: AreaReader,
    page: PageDep,
    parent_code: Annotated[str | None, Query(max_length=10)] = None,
    level: AreaLevel | None = None,
    active_on: Annotated[
        date | None, Query(description="Units valid on this day (also as `on`)")
    ] = None,
    on: Annotated[date | None, Query(description="The same as `active_on`")] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="Name; case and diacritics do not matter"),
    ] = None,
    updated_since: Timestamp | None = None,
) -> Page[AreaRead]:
    """Administrative units, ordered by code (the older unit of a code first); `on` keeps those
    valid on that day, `q` finds a name typed without diacritics ("tam xuan")."""
    rows, cursor, total = service.list_areas(
        session,
        page,
        parent_code=parent_code,
        level=level,
        active_on=active_on or on,
        q=q,
        updated_since=updated_since,
    )
    return Page(items=[service.to_read(session, r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "", status_code=201, response_model=AreaRead, responses=problem_responses(401, 403, 409, 422)
)
def create_area(
    data: AreaCreate, session: SessionDep, _p: AreaWriter, idem: IdempotencyDep
) -> Response:
    """Add an administrative unit."""
    area = service.create_area(session, data)
    return idem.respond(
        service.to_read(session, area),
        headers=created_headers(f"/api/v1/areas/{area.code}", area.version),
    )


@router.get("/{code}", response_model=AreaRead, responses=problem_responses(401, 404))
def get_area(area: AreaDep, session: SessionDep, response: Response) -> AreaRead:
    """The unit with this code valid on `on` (404 when none), else the newest unit with the
    code; with its predecessors and successors, and its ETag."""
    set_etag(response, area.version)
    return service.to_read(session, area)


@router.patch(
    "/{code}", response_model=AreaRead, responses=problem_responses(401, 403, 404, 412, 422)
)
def update_area(
    area: AreaForWrite, data: AreaUpdate, session: SessionDep, response: Response
) -> AreaRead:
    """Rename, dissolve or merge a unit; `If-Match` guards against lost edits."""
    area = service.update_area(session, area, data)
    set_etag(response, area.version)
    return service.to_read(session, area)
