"""HTTP layer for recruitment notices, and the public list of those in force."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from overseas import flows
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id
from overseas.notices import service
from overseas.notices.auth import NoticeDep, NoticeForWrite, NoticeReader, NoticeWriter
from overseas.notices.models import NoticeStatus
from overseas.notices.schemas import NoticeCreate, NoticePublic, NoticeRead, NoticeUpdate
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/recruitment-notices", tags=["notices"])
public_router = APIRouter(prefix="/api/v1/public", tags=["public"])


@router.get("", response_model=Page[NoticeRead], responses=problem_responses(401, 403, 422))
def list_notices(
    session: SessionDep,
    principal: NoticeReader,
    page: PageDep,
    status: NoticeStatus | None = None,
    agency_id: Id | None = None,
    market_code: Annotated[str | None, Query(max_length=2)] = None,
    current: Annotated[
        bool | None, Query(description="true: those whose period covers today; false: the rest")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Occupation or contract number")
    ] = None,
) -> Page[NoticeRead]:
    """Recruitment notices, newest first; an enterprise sees its own."""
    rows, cursor, total = service.list_notices(
        session, principal, page, status=status, agency_id=agency_id,
        market_code=market_code, current=current, q=q,
    )  # fmt: skip
    return Page(items=[NoticeRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "",
    status_code=201,
    response_model=NoticeRead,
    responses=problem_responses(401, 403, 422),
)
def file_notice(
    data: NoticeCreate, session: SessionDep, principal: NoticeWriter, idem: IdempotencyDep
) -> Response:
    """File a notice before recruiting in the province: the market, occupation, quota, the
    approved supply contract's number, the period and the communes (or the province). It is
    `submitted` until an officer acknowledges or rejects it; an enterprise's is its own."""
    notice = service.create(session, principal, data)
    return idem.respond(
        NoticeRead.model_validate(notice),
        headers=created_headers(f"{router.prefix}/{notice.id}", notice.version),
    )


@router.get("/{notice_id}", response_model=NoticeRead, responses=problem_responses(401, 403, 404))
def get_notice(notice: NoticeDep, response: Response) -> NoticeRead:
    """One notice, with its ETag."""
    set_etag(response, notice.version)
    return NoticeRead.model_validate(notice)


@router.patch(
    "/{notice_id}",
    response_model=NoticeRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def change_notice(
    notice: NoticeForWrite,
    data: NoticeUpdate,
    session: SessionDep,
    principal: NoticeWriter,
    response: Response,
) -> NoticeRead:
    """Change a notice, or move it on with `status`: an officer acknowledges or rejects a
    submitted one (`rejection_reason` required), the enterprise withdraws it (submitted or
    acknowledged); other moves are 409 `invalid_transition`. The enterprise changes its
    particulars while it is submitted, an officer also once acknowledged; a new quota counts
    the placements naming it again (`over_quota`). `If-Match` guards against lost edits."""
    notice = flows.change_notice(session, principal, notice, data)
    set_etag(response, notice.version)
    return NoticeRead.model_validate(notice)


@public_router.get(
    "/recruitment-notices", response_model=Page[NoticePublic], responses=problem_responses(422)
)
def list_public_notices(
    session: SessionDep,
    page: PageDep,
    response: Response,
    area_code: Annotated[
        str | None,
        Query(max_length=10, description="A commune (or any unit): the notices recruiting there"),
    ] = None,
    market_code: Annotated[str | None, Query(max_length=2)] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Enterprise, licence number or occupation")
    ] = None,
) -> Page[NoticePublic]:
    """The recruitment notices the department has acknowledged whose period covers today
    (public, no login): a worker checks that an enterprise recruiting in their commune told
    the department, for that market and work."""
    items, cursor, total = service.list_public(
        session, page, area_code=area_code, market_code=market_code, q=q
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    return Page(items=items, next_cursor=cursor, total=total)
