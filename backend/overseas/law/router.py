"""HTTP layer for the legal rules: the caps on fees and deposits, and the working calendar."""

from datetime import date
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel
from sqlmodel import col, select

from overseas import flows
from overseas.core.concurrency import IfMatchDep, check_if_match, created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import Conflict, NotFound, problem_responses
from overseas.core.pagination import Page
from overseas.core.types import Id
from overseas.law import service as law
from overseas.law.auth import RuleReader, RuleWriter
from overseas.law.models import DepositCapRule, FeeCapRule, WorkingDay
from overseas.law.schemas import (
    DepositCapCreate,
    DepositCapRead,
    DepositCapUpdate,
    FeeCapCreate,
    FeeCapRead,
    FeeCapUpdate,
    RuleState,
    SanctionPowerCreate,
    SanctionPowerRead,
    SanctionPowerUpdate,
    ViolationTypeCreate,
    ViolationTypeRead,
    ViolationTypeUpdate,
    WorkingDayCreate,
    WorkingDayRead,
)
from overseas.system.idempotency import IdempotencyDep

ReadT = TypeVar("ReadT", bound=RuleState)

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


def _read(read: type[ReadT], row: Any, changed: int | None = None) -> ReadT:
    out = read.model_validate(row)
    out.flags_changed = changed
    return out


def _cap_routes(
    path: str,
    model: Any,
    create: type[FeeCapCreate] | type[DepositCapCreate],
    update: type[FeeCapUpdate] | type[DepositCapUpdate],
    read: type[FeeCapRead] | type[DepositCapRead],
    what: str,
) -> None:
    """GET (with `on`), POST and PATCH of one kind of cap row (docs/law.md)."""

    def list_rules(
        session: SessionDep,
        _p: RuleReader,
        on: Annotated[date | None, Query(description="Only the rows in force that day")] = None,
    ) -> Page[Any]:
        rows = law.rules_on(session, model, on)
        return Page(items=[read.model_validate(r) for r in rows], next_cursor=None)

    def add_rule(
        data: create,  # type: ignore[valid-type]
        session: SessionDep,
        _p: RuleWriter,
        idem: IdempotencyDep,
    ) -> Response:
        row, changed = flows.add_cap_rule(session, model, data)
        return idem.respond(
            _read(read, row, changed),
            headers=created_headers(f"{router.prefix}/{path}/{row.id}", row.version),
        )

    def change_rule(
        rule_id: Id,
        data: update,  # type: ignore[valid-type]
        session: SessionDep,
        _p: RuleWriter,
        response: Response,
        if_match: IfMatchDep = None,
    ) -> Any:
        row = law.get_rule(session, model, rule_id)
        check_if_match(if_match, row.version)
        changes = cast(BaseModel, data).model_dump(exclude_unset=True)
        row, changed = flows.change_cap_rule(session, row, changes)
        set_etag(response, row.version)
        return _read(read, row, changed)

    slug = path.replace("-", "_")
    router.add_api_route(
        f"/{path}",
        list_rules,
        methods=["GET"],
        name=f"list_{slug}",
        response_model=Page[read],  # type: ignore[valid-type]
        responses=problem_responses(401, 403, 422),
        summary=f"List the {what} rows",
        description=f"The {what} rows with their periods and sources; `on`: those in force "
        "that day.",
    )
    router.add_api_route(
        f"/{path}",
        add_rule,
        methods=["POST"],
        name=f"add_{slug}",
        status_code=201,
        response_model=read,
        responses=problem_responses(401, 403, 409, 422),
        summary=f"Add a {what} row",
        description="A row may not overlap another of its key (409 `rule_overlaps` names it); "
        "the placements it applies to are judged again (`flags_changed`).",
    )
    router.add_api_route(
        f"/{path}/{{rule_id}}",
        change_rule,
        methods=["PATCH"],
        name=f"change_{slug}",
        response_model=read,
        responses=problem_responses(401, 403, 404, 409, 412, 422),
        summary=f"Change a {what} row",
        description="Its period (to end it when the law changes), cap, note or source; the "
        "placements it applied to or applies to are judged again (`flags_changed`).",
    )


_cap_routes("fee-caps", FeeCapRule, FeeCapCreate, FeeCapUpdate, FeeCapRead, "service fee cap")
_cap_routes(
    "deposit-caps", DepositCapRule, DepositCapCreate, DepositCapUpdate, DepositCapRead,
    "deposit cap",
)  # fmt: skip


@router.get(
    "/violation-types",
    response_model=Page[ViolationTypeRead],
    responses=problem_responses(401, 403, 422),
)
def list_violation_types(
    session: SessionDep,
    _p: RuleReader,
    on: Annotated[date | None, Query(description="Only the acts sanctionable that day")] = None,
    applies_to: Annotated[str | None, Query(max_length=24)] = None,
) -> Page[ViolationTypeRead]:
    """Decree 283/2026's acts with their fine ranges (Art. 49-53), each `confirmed` once an
    administrator has checked it against the signed text."""
    rows = law.violation_types(session, on, applies_to)
    return Page(items=[ViolationTypeRead.model_validate(r) for r in rows], next_cursor=None)


@router.post(
    "/violation-types",
    status_code=201,
    response_model=ViolationTypeRead,
    responses=problem_responses(401, 403, 409, 422),
)
def add_violation_type(
    data: ViolationTypeCreate, session: SessionDep, _p: RuleWriter, idem: IdempotencyDep
) -> Response:
    """An act a new text sanctions (its code unique)."""
    row = law.create_violation_type(session, data)
    return idem.respond(
        ViolationTypeRead.model_validate(row),
        headers=created_headers(f"{router.prefix}/violation-types/{row.code}", row.version),
    )


@router.patch(
    "/violation-types/{code}",
    response_model=ViolationTypeRead,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def change_violation_type(
    code: Annotated[str, Path(max_length=24)],
    data: ViolationTypeUpdate,
    session: SessionDep,
    _p: RuleWriter,
    response: Response,
    if_match: IfMatchDep = None,
) -> ViolationTypeRead:
    """A correction, the check against the signed text (`confirmed`), or the act's end."""
    row = law.get_violation_type(session, code)
    check_if_match(if_match, row.version)
    row = law.update_violation_type(session, row, data.model_dump(exclude_unset=True))
    set_etag(response, row.version)
    return ViolationTypeRead.model_validate(row)


@router.get(
    "/sanction-powers",
    response_model=Page[SanctionPowerRead],
    responses=problem_responses(401, 403, 422),
)
def list_sanction_powers(
    session: SessionDep,
    _p: RuleReader,
    on: Annotated[date | None, Query(description="Only the powers in force that day")] = None,
) -> Page[SanctionPowerRead]:
    """Who may fine how much in this field (Decree 283/2026 Art. 55-62): the cap for one
    individual's violation, doubled for an organisation (Art. 63(1)), and the provisions an
    authority may sanction when Art. 63 limits it; each `confirmed` once an administrator has
    checked it against the signed text."""
    rows = law.sanction_powers(session, on)
    return Page(items=[SanctionPowerRead.model_validate(r) for r in rows], next_cursor=None)


@router.post(
    "/sanction-powers",
    status_code=201,
    response_model=SanctionPowerRead,
    responses=problem_responses(401, 403, 409, 422),
)
def add_sanction_power(
    data: SanctionPowerCreate, session: SessionDep, _p: RuleWriter, idem: IdempotencyDep
) -> Response:
    """A power a new text gives (its code unique)."""
    row = law.create_sanction_power(session, data)
    return idem.respond(
        SanctionPowerRead.model_validate(row),
        headers=created_headers(f"{router.prefix}/sanction-powers/{row.code}", row.version),
    )


@router.patch(
    "/sanction-powers/{code}",
    response_model=SanctionPowerRead,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def change_sanction_power(
    code: Annotated[str, Path(max_length=24)],
    data: SanctionPowerUpdate,
    session: SessionDep,
    _p: RuleWriter,
    response: Response,
    if_match: IfMatchDep = None,
) -> SanctionPowerRead:
    """A correction, the check against the signed text (`confirmed`), or the power's end."""
    row = law.get_sanction_power(session, code)
    check_if_match(if_match, row.version)
    row = law.update_sanction_power(session, row, data.model_dump(exclude_unset=True))
    set_etag(response, row.version)
    return SanctionPowerRead.model_validate(row)
