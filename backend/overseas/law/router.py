"""HTTP layer for the legal rules: the working calendar."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import col, select

from overseas.core.db import SessionDep
from overseas.core.errors import Conflict, NotFound, problem_responses
from overseas.core.pagination import Page
from overseas.law.auth import RuleReader, RuleWriter
from overseas.law.models import WorkingDay
from overseas.law.schemas import WorkingDayCreate, WorkingDayRead
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/rules", tags=["rules"])


@router.get(
    "/working-days", response_model=Page[WorkingDayRead], responses=problem_responses(401, 403)
)
def list_working_days(
    session: SessionDep,
    _p: RuleReader,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[WorkingDayRead]:
    """The days swapped from the usual calendar (Saturdays worked, bridge days off), by day;
    public holidays themselves come from the maintained calendar and are not listed."""
    stmt = select(WorkingDay).order_by(col(WorkingDay.day))
    if year is not None:
        stmt = stmt.where(
            col(WorkingDay.day) >= date(year, 1, 1), col(WorkingDay.day) <= date(year, 12, 31)
        )
    rows = session.exec(stmt).all()
    return Page(items=[WorkingDayRead.model_validate(r) for r in rows], next_cursor=None)


@router.post(
    "/working-days",
    status_code=201,
    response_model=WorkingDayRead,
    responses=problem_responses(401, 403, 409, 422),
)
def add_working_day(
    data: WorkingDayCreate, session: SessionDep, _p: RuleWriter, idem: IdempotencyDep
) -> Response:
    """Record a swapped day (`working: true` for a Saturday worked, false for a bridge day
    off), with its source (the decision that set it)."""
    if session.get(WorkingDay, data.day) is not None:
        raise Conflict(f"{data.day.isoformat()} is already recorded", code="already_exists")
    row = WorkingDay.model_validate(data)
    session.add(row)
    session.flush()
    return idem.respond(WorkingDayRead.model_validate(row), status_code=201)


@router.delete("/working-days/{day}", status_code=204, responses=problem_responses(401, 403, 404))
def remove_working_day(day: date, session: SessionDep, _p: RuleWriter) -> Response:
    row = session.get(WorkingDay, day)
    if row is None:
        raise NotFound(f"no change recorded for {day.isoformat()}")
    session.delete(row)
    session.flush()
    return Response(status_code=204)
