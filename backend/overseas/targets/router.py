"""HTTP layer for targets and progress."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.system.idempotency import IdempotencyDep
from overseas.targets import progress as progress_service
from overseas.targets import service
from overseas.targets.auth import (
    ProgressReader,
    TargetDep,
    TargetForWrite,
    TargetReader,
    TargetWriter,
)
from overseas.targets.schemas import (
    YEAR_MAX,
    YEAR_MIN,
    By,
    Progress,
    TargetCreate,
    TargetRead,
    TargetUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["targets"])
public_router = APIRouter(prefix="/api/v1/public", tags=["public"])


@router.get("/targets", response_model=Page[TargetRead], responses=problem_responses(401, 403, 422))
def list_targets(
    session: SessionDep,
    _p: TargetReader,
    page: PageDep,
    area_code: str | None = None,
    market_code: str | None = None,
    year: Annotated[
        int | None,
        Query(ge=YEAR_MIN, le=YEAR_MAX, description="Targets whose span includes this year"),
    ] = None,
) -> Page[TargetRead]:
    """Targets, ordered by id."""
    rows, cursor, total = service.list_targets(
        session, page, area_code=area_code, market_code=market_code, year=year
    )
    return Page(items=[TargetRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "/targets",
    status_code=201,
    response_model=TargetRead,
    responses=problem_responses(401, 403, 409, 422),
)
def create_target(
    data: TargetCreate, session: SessionDep, _p: TargetWriter, idem: IdempotencyDep
) -> Response:
    """Set a target; one per area, span and market (409 on a duplicate)."""
    target = service.create_target(session, data)
    return idem.respond(
        TargetRead.model_validate(target),
        headers=created_headers(f"/api/v1/targets/{target.id}", target.version),
    )


@router.get(
    "/targets/{target_id}", response_model=TargetRead, responses=problem_responses(401, 403, 404)
)
def get_target(target: TargetDep, response: Response) -> TargetRead:
    """One target, with its ETag."""
    set_etag(response, target.version)
    return TargetRead.model_validate(target)


@router.patch(
    "/targets/{target_id}",
    response_model=TargetRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_target(
    target: TargetForWrite, data: TargetUpdate, session: SessionDep, response: Response
) -> TargetRead:
    """Change a target; `If-Match` guards against lost edits."""
    target = service.update_target(session, target, data)
    set_etag(response, target.version)
    return TargetRead.model_validate(target)


@router.delete(
    "/targets/{target_id}", status_code=204, responses=problem_responses(401, 403, 404, 412)
)
def delete_target(target: TargetForWrite, session: SessionDep) -> Response:
    """Remove a target."""
    service.delete_target(session, target)
    return Response(status_code=204)


YearQuery = Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)]


def _progress(
    session: SessionDep,
    area_code: Annotated[
        str | None, Query(max_length=10, description="Default: the root area")
    ] = None,
    year_from: YearQuery = None,
    year_to: YearQuery = None,
    market_code: Annotated[str | None, Query(max_length=2)] = None,
    by: By | None = None,
) -> Progress:
    return progress_service.progress(
        session,
        area_code=area_code,
        year_from=year_from,
        year_to=year_to,
        market_code=market_code,
        by=by,
    )


@router.get("/progress", response_model=Progress, responses=problem_responses(401, 422))
def get_progress(_p: ProgressReader, result: Annotated[Progress, Depends(_progress)]) -> Progress:
    """Departures against the target for an area and span (default: the widest target span
    of the area), with a projection and one breakdown (`by`)."""
    return result


@public_router.get("/progress", response_model=Progress, responses=problem_responses(422))
def get_public_progress(
    result: Annotated[Progress, Depends(_progress)], response: Response
) -> Progress:
    """The same aggregates for the public: counts only, no personal data."""
    response.headers["Cache-Control"] = "public, max-age=300"
    return result
