"""The rules of a notice: its lifecycle and the units it may name (docs/notices.md)."""

from datetime import date

from overseas.areas.catalog import Catalog, Unit
from overseas.areas.models import AreaLevel
from overseas.core.errors import Fault, fault
from overseas.notices.models import NoticeStatus

# The department answers a submitted notice; the enterprise may withdraw it before or after.
# Anything else is 409 invalid_transition.
TRANSITIONS: dict[NoticeStatus, frozenset[NoticeStatus]] = {
    NoticeStatus.submitted: frozenset(
        {NoticeStatus.acknowledged, NoticeStatus.rejected, NoticeStatus.withdrawn}
    ),
    NoticeStatus.acknowledged: frozenset({NoticeStatus.withdrawn}),
    NoticeStatus.rejected: frozenset(),
    NoticeStatus.withdrawn: frozenset(),
}
# What only the department decides.
DECISIONS = frozenset({NoticeStatus.acknowledged, NoticeStatus.rejected})
# An enterprise changes its notice until the department has answered it; an officer may also
# correct an acknowledged one (an amended notice that came on paper).
EDITABLE_BY_AGENCY = frozenset({NoticeStatus.submitted})
EDITABLE_BY_OFFICER = frozenset({NoticeStatus.submitted, NoticeStatus.acknowledged})


def check_areas(
    places: Catalog, codes: list[str], period_from: date
) -> tuple[list[Unit], list[Fault]]:
    """The units the codes name, and what is wrong with each bad one. A bare code names the
    newest unit with it (docs/places.md); each must lie in the province's territory and be a
    commune-level unit or the province itself, and must not have ended before the period."""
    root = places.root()
    province = places.territory(root)
    units: list[Unit] = []
    problems: list[Fault] = []
    for code in codes:
        unit = places.newest(code)
        if unit is None:
            problems.append(
                fault("not_found", f"'{code}': no area with this code", entity="area", value=code)
            )
        elif unit.id not in province:
            problems.append(
                fault(
                    "outside_province",
                    f"'{code}' ({unit.name}) is outside the province",
                    value=code,
                )
            )
        elif unit.level != AreaLevel.commune and unit.id != root.id:
            message = (
                f"'{code}' ({unit.name}) is a {unit.level}: name its communes, or the province "
                f"('{root.code}') for the whole of it"
            )
            problems.append(fault("area_not_commune", message, value=code, level=str(unit.level)))
        elif unit.valid_to is not None and unit.valid_to < period_from:
            successors = ", ".join(f"{u.code} {u.name}" for u in places.today(unit, period_from))
            message = f"'{code}' ({unit.name}) ended on {unit.valid_to.isoformat()}" + (
                f"; name {successors}" if successors else ""
            )
            ended = unit.valid_to.isoformat()
            problems.append(fault("area_ended", message, value=code, on=ended))
        else:
            units.append(unit)
    return units, problems


def matching_areas(places: Catalog, area_ids: set[int], code: str) -> set[int] | None:
    """Of the units notices name, those a notice must name to concern the unit with this code:
    the units whose territory meets its territory — the commune itself, its predecessors or
    successors, the district that held it, the whole province. None when the code names no
    unit."""
    unit = places.newest(code)
    if unit is None:
        return None
    wanted = places.territory(unit)
    return {a for a in area_ids if a in places.units and places.territory(places.units[a]) & wanted}
