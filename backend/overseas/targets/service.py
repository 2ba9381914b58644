"""Targets: queries and rules."""

from sqlmodel import Session, col, select

from overseas.areas import service as areas
from overseas.core.errors import Conflict, NotFound, ValidationFailed
from overseas.core.faults import before, not_found
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.markets import service as markets
from overseas.targets.models import Target
from overseas.targets.schemas import TargetCreate, TargetUpdate

_NOT_NULL = frozenset({"name", "area_code", "year_from", "year_to", "value"})


def get_target(session: Session, target_id: int) -> Target:
    target = session.get(Target, target_id)
    if target is None:
        raise NotFound(f"no target with id {target_id}")
    return target


def list_targets(
    session: Session,
    params: PageParams,
    *,
    area_code: str | None = None,
    market_code: str | None = None,
    year: int | None = None,
) -> tuple[list[Target], str | None, int | None]:
    stmt = select(Target)
    if area_code:
        stmt = stmt.where(Target.area_code == area_code)
    if market_code:
        stmt = stmt.where(Target.market_code == market_code.upper())
    if year is not None:
        stmt = stmt.where(col(Target.year_from) <= year, col(Target.year_to) >= year)
    return paginate(session, stmt, [col(Target.id)], params)


def _check(session: Session, target: Target) -> None:
    if areas.find(session, target.area_code) is None:
        raise ValidationFailed.of("area_code", not_found("area", target.area_code))
    if target.market_code is not None and markets.find(session, target.market_code) is None:
        raise ValidationFailed.of("market_code", not_found("market", target.market_code))
    if target.year_to < target.year_from:
        raise ValidationFailed.of("year_to", before("year_from"))
    clash = session.exec(
        select(Target.id).where(
            Target.area_code == target.area_code,
            Target.year_from == target.year_from,
            Target.year_to == target.year_to,
            Target.market_code == target.market_code
            if target.market_code is not None
            else col(Target.market_code).is_(None),
            Target.id != target.id if target.id is not None else True,
        )
    ).first()
    if clash is not None:
        raise Conflict(
            f"a target for area {target.area_code}, {target.year_from}-{target.year_to}"
            f"{' and market ' + target.market_code if target.market_code else ''} exists "
            f"(id {clash})",
            code="target_exists",
        )


def create_target(session: Session, data: TargetCreate) -> Target:
    target = Target.model_validate(data)
    _check(session, target)
    session.add(target)
    session.flush()
    return target


def update_target(session: Session, target: Target, data: TargetUpdate) -> Target:
    with session.no_autoflush:
        apply_patch(target, data.model_dump(exclude_unset=True), not_null=_NOT_NULL)
        _check(session, target)
    session.add(target)
    session.flush()
    return target


def delete_target(session: Session, target: Target) -> None:
    session.delete(target)
    session.flush()
