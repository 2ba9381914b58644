"""Early returns and overstays by today's commune. Korea's Employment Permit System restricts
recruitment from localities whose workers overstay, so the department watches which communes
are at risk (docs/places.md, "Reports and risk by place"). The rates are the compliance
ranking's, by place instead of by enterprise: early returns among finished contracts,
overstays among departed workers."""

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.areas import catalog
from overseas.core.bulk import in_values, table_of
from overseas.core.db import today
from overseas.core.errors import ValidationFailed
from overseas.core.faults import before, not_found
from overseas.inspections.risk import rate
from overseas.placements.models import Placement, Status
from overseas.placements.rules import DEPARTED_STATUSES
from overseas.reports.schemas import CommuneRisk, CommuneRisks
from overseas.targets.progress import NOT_ALLOCATED


def _row(code: str | None, name: str, counts: Counter[str]) -> CommuneRisk:
    departed = sum(counts.values())
    finished = counts[Status.returned.value] + counts[Status.returned_early.value]
    early, over = counts[Status.returned_early.value], counts[Status.overstayed.value]
    return CommuneRisk(
        code=code,
        name=name,
        departed=departed,
        finished=finished,
        returned_early=early,
        overstayed=over,
        early_return_rate=rate(early, finished),
        overstay_rate=rate(over, departed),
    )


def commune_risks(
    session: Session,
    area_code: str | None,
    departed_from: date | None,
    departed_to: date | None,
) -> CommuneRisks:
    places = catalog.load(session)
    code = (area_code or "").strip()
    unit = places.newest(code) if code else places.root()
    if unit is None:
        raise ValidationFailed.of("area_code", not_found("area", code))
    if departed_from and departed_to and departed_to < departed_from:
        raise ValidationFailed.of("departed_to", before("departed_from"))
    within = places.territory(unit)
    p = table_of(Placement)
    stmt = core_select(p.c.home_area_id, p.c.status, func.count()).where(
        p.c.status.in_(sorted(s.value for s in DEPARTED_STATUSES)),
        in_values(session, p.c.home_area_id, sorted(within)),
    )
    if departed_from:
        stmt = stmt.where(p.c.departure_date >= departed_from)
    if departed_to:
        stmt = stmt.where(p.c.departure_date <= departed_to)
    per_unit: dict[int, Counter[str]] = defaultdict(Counter)
    for unit_id, status, n in session.execute(stmt.group_by(p.c.home_area_id, p.c.status)):
        per_unit[unit_id][status] += n
    rows: list[CommuneRisk] = []
    allocated: set[int] = set()
    for commune in places.communes_of(unit, today()):
        held = places.territory(commune) & within
        allocated |= held
        counts: Counter[str] = Counter()
        for unit_id in held:
            counts.update(per_unit.get(unit_id, Counter()))
        rows.append(_row(commune.code, commune.name, counts))
    rest: Counter[str] = Counter()
    for unit_id, counts in per_unit.items():
        if unit_id not in allocated:
            rest.update(counts)
    if rest:
        rows.append(_row(None, NOT_ALLOCATED, rest))
    return CommuneRisks(
        area_code=unit.code, departed_from=departed_from, departed_to=departed_to, rows=rows
    )
