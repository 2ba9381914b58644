"""Giving records a commune in bulk: the records made before the 2025 reform sit at a former
district, those made since at the bare province, and officers assign them to communes by
filter, after a dry run that says how many (docs/places.md, "Records without a commune")."""

from collections import defaultdict

from sqlmodel import Session, col

from overseas.areas import catalog
from overseas.areas.models import AreaLevel
from overseas.audit import service as audit
from overseas.core.errors import ValidationFailed
from overseas.core.faults import not_found
from overseas.core.principal import Principal
from overseas.core.retry import with_retries
from overseas.placements import reading
from overseas.placements.models import Placement
from overseas.placements.planning import Planned, changes, load_lookups
from overseas.placements.record import record_of
from overseas.placements.schemas import AssignCommuneIn, AssignCommuneResult
from overseas.placements.writing import write

# One assignment holds every record it changes in one transaction; a larger set is assigned in
# parts (by enterprise, by registration dates).
MAX_ASSIGN = 20_000
FIELD = "home_area_code"


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:5])
    return shown + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def assign(
    session: Session, principal: Principal, data: AssignCommuneIn, *, dry_run: bool
) -> AssignCommuneResult:
    """Each record the filter finds takes the unit with the code valid on its registration
    day, which must be a commune-level unit inside the record's own unit (a record is never
    moved out of the place it was registered in); all or nothing."""
    filters = reading.PlacementFilters(**data.filter.model_dump())
    code = data.home_area_code.strip()
    places = catalog.load(session)
    if not places.by_code.get(code):
        raise ValidationFailed.of(FIELD, not_found("area", code))

    def attempt() -> AssignCommuneResult:
        stmt = (
            reading.filtered(session, principal, filters)
            .order_by(col(Placement.id))
            .limit(MAX_ASSIGN + 1)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        rows = list(session.exec(stmt).all())
        if len(rows) > MAX_ASSIGN:
            raise ValidationFailed.one(
                "filter",
                f"matches more than {MAX_ASSIGN} records; assign them in parts "
                "(narrow the filter by enterprise or registration dates)",
                "too_many",
                {"max": MAX_ASSIGN},
            )
        problems: dict[str, list[int]] = defaultdict(list)
        planned: list[Planned] = []
        for index, p in enumerate(rows):
            assert p.id is not None
            unit = places.on(code, p.registered_on)
            if unit is None:
                problems["it names no unit on their registration day"].append(p.id)
                continue
            if unit.level != AreaLevel.commune:
                problems[f"on their registration day it is a {unit.level}"].append(p.id)
                continue
            if unit.id not in places.territory(places.units[p.home_area_id]):
                problems["it lies outside the unit they were registered in"].append(p.id)
                continue
            values = record_of(p)
            values["home_area_code"] = code
            values["home_area_id"] = unit.id
            item = Planned(index, values, p)
            item.result = "updated" if changes(p, values) else "unchanged"
            planned.append(item)
        if problems:
            detail = "; ".join(
                f"{len(ids)} record(s) (ids {_ids(ids)}): {why}" for why, ids in problems.items()
            )
            raise ValidationFailed.one(
                FIELD,
                f"'{code}' cannot be given to {sum(map(len, problems.values()))} of the "
                f"{len(rows)} records found: {detail}",
                "not_assignable",
                {"value": code},
            )
        updated = [p for p in planned if p.result == "updated"]
        if not dry_run and updated:
            write(session, updated, load_lookups(session, [p.values for p in updated]))
            audit.record(
                session,
                "assign_commune",
                "placements",
                "list",
                {
                    "home_area_code": code,
                    "filter": data.filter.model_dump(mode="json", exclude_defaults=True),
                    "ids": [p.existing.id for p in updated if p.existing is not None],
                },
            )
        return AssignCommuneResult(dry_run=dry_run, matched=len(rows), updated=len(updated))

    return with_retries(session, attempt)
