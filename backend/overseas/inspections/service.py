"""Inspections: lifecycle rules, violations, enterprise compliance and risk priorities."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, case, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, or_, select

from overseas.agencies import service as agencies
from overseas.agencies.models import Agency, AgencyStatus
from overseas.core.db import today
from overseas.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.core.principal import Principal
from overseas.inspections.models import (
    Inspection,
    InspectionStatus,
    Result,
    Violation,
)
from overseas.inspections.schemas import (
    Compliance,
    InspectionCreate,
    InspectionRead,
    InspectionTransition,
    InspectionUpdate,
    Priority,
    RiskFactor,
    ViolationCreate,
    ViolationRead,
    ViolationUpdate,
)
from overseas.placements.models import Placement, Status

NEXT = {
    InspectionStatus.planned: InspectionStatus.in_progress,
    InspectionStatus.in_progress: InspectionStatus.concluded,
    InspectionStatus.concluded: InspectionStatus.closed,
}
# An enterprise sees its inspections once the findings are final.
VISIBLE_TO_AGENCY = (InspectionStatus.concluded, InspectionStatus.closed)


# ------------------------------------------------------------------------- inspections


def get_visible(session: Session, principal: Principal, inspection_id: int) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    hidden = inspection is None or (
        principal.is_agency
        and (
            inspection.agency_id != principal.agency_id
            or inspection.status not in VISIBLE_TO_AGENCY
        )
    )
    if hidden or inspection is None:
        raise NotFound(f"no inspection with id {inspection_id}")
    return inspection


def violations_of(session: Session, inspection_ids: list[int]) -> dict[int, list[Violation]]:
    found: dict[int, list[Violation]] = defaultdict(list)
    if inspection_ids:
        for v in session.exec(
            select(Violation)
            .where(col(Violation.inspection_id).in_(inspection_ids))
            .order_by(col(Violation.id))
        ).all():
            found[v.inspection_id].append(v)
    return found


def to_read(inspection: Inspection, violations: list[Violation]) -> InspectionRead:
    # Field by field: model_dump() of the table warns on every read, as the enum columns
    # come back from the database as plain strings.
    data = {n: getattr(inspection, n) for n in InspectionRead.model_fields if n != "violations"}
    data["violations"] = [ViolationRead.model_validate(v) for v in violations]
    return InspectionRead.model_validate(data)


def read_one(session: Session, inspection: Inspection) -> InspectionRead:
    assert inspection.id is not None
    return to_read(inspection, violations_of(session, [inspection.id])[inspection.id])


def _overdue_clause(on: date) -> tuple[Any, ...]:
    """A remedy past its due day, neither done nor waived."""
    return (
        col(Violation.remedied_on).is_(None),
        col(Violation.waived).is_(False),
        col(Violation.remedy_due) < on,
    )


def list_inspections(
    session: Session,
    principal: Principal,
    params: PageParams,
    *,
    agency_id: int | None = None,
    status: InspectionStatus | None = None,
    kind: str | None = None,
    overdue: bool | None = None,
) -> tuple[list[InspectionRead], str | None, int | None]:
    stmt = select(Inspection)
    if principal.is_agency:
        stmt = stmt.where(
            Inspection.agency_id == principal.agency_id,
            col(Inspection.status).in_(VISIBLE_TO_AGENCY),
        )
    if agency_id is not None:
        stmt = stmt.where(Inspection.agency_id == agency_id)
    if status:
        stmt = stmt.where(Inspection.status == status)
    if kind:
        stmt = stmt.where(Inspection.kind == kind)
    if overdue is not None:
        late = select(Violation.inspection_id).where(*_overdue_clause(today()))
        in_late = col(Inspection.id).in_(late)
        stmt = stmt.where(in_late if overdue else ~in_late)
    rows, cursor, total = paginate(session, stmt, [col(Inspection.id)], params)
    found = violations_of(session, [r.id for r in rows if r.id is not None])
    return [to_read(r, found[r.id or 0]) for r in rows], cursor, total


def _check_dates(inspection: Inspection) -> None:
    if (
        inspection.scope_from
        and inspection.scope_to
        and inspection.scope_to < inspection.scope_from
    ):
        raise ValidationFailed.one("scope_to", "is before scope_from")


def create_inspection(session: Session, data: InspectionCreate) -> Inspection:
    agency = agencies.find(session, data.agency_id)
    if agency is None:
        raise ValidationFailed.one("agency_id", f"no enterprise with id {data.agency_id}")
    inspection = Inspection.model_validate(data)
    _check_dates(inspection)
    session.add(inspection)
    session.flush()
    return inspection


def update_inspection(
    session: Session, inspection: Inspection, data: InspectionUpdate
) -> Inspection:
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")
    apply_patch(inspection, data.model_dump(exclude_unset=True), not_null=frozenset({"kind"}))
    _check_dates(inspection)
    session.add(inspection)
    session.flush()
    return inspection


def transition(session: Session, inspection: Inspection, data: InspectionTransition) -> Inspection:
    """planned → in_progress → concluded → closed; each step dated by `on`."""
    current = InspectionStatus(inspection.status)
    if NEXT.get(current) != data.status:
        raise InvalidTransition(f"cannot go from {current.value} to {data.status.value}")
    if data.on > today():
        raise ValidationFailed.one("on", "is in the future")
    found = violations_of(session, [inspection.id or 0])[inspection.id or 0]
    if data.status == InspectionStatus.in_progress:
        if inspection.decision_date and data.on < inspection.decision_date:
            raise ValidationFailed.one("on", "is before the decision date")
        inspection.started_on = data.on
    elif data.status == InspectionStatus.concluded:
        if data.result is None:
            raise Conflict("concluding needs a result", code="result_required")
        if data.result == Result.violations and not found:
            raise Conflict(
                "a result of violations needs at least one violation recorded",
                code="violations_required",
            )
        if data.result == Result.compliant and found:
            raise Conflict(
                f"{len(found)} violations are recorded: the result cannot be compliant",
                code="violations_recorded",
            )
        if inspection.started_on and data.on < inspection.started_on:
            raise ValidationFailed.one("on", "is before the inspection started")
        inspection.concluded_on = data.on
        inspection.result = data.result
    else:
        open_ones = [v for v in found if v.remedied_on is None and not v.waived]
        if open_ones:
            raise Conflict(
                f"{len(open_ones)} violations are neither remedied nor waived",
                code="open_violations",
            )
        if inspection.concluded_on and data.on < inspection.concluded_on:
            raise ValidationFailed.one("on", "is before the inspection concluded")
        inspection.closed_on = data.on
    if data.summary is not None:
        inspection.summary = data.summary
    inspection.status = data.status
    session.add(inspection)
    session.flush()
    return inspection


# -------------------------------------------------------------------------- violations


def _writable(inspection: Inspection) -> None:
    if inspection.status == InspectionStatus.planned:
        raise Conflict("findings are recorded once the inspection has started", code="not_started")
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")


def _check_remedy(violation: Violation) -> None:
    if violation.remedied_on and violation.remedied_on > today():
        raise ValidationFailed.one("remedied_on", "is in the future")


def add_violation(session: Session, inspection: Inspection, data: ViolationCreate) -> Violation:
    _writable(inspection)
    if inspection.result == Result.compliant:
        raise Conflict(
            "the inspection concluded that the enterprise is compliant; a violation found "
            "later belongs to a new inspection",
            code="concluded_compliant",
        )
    violation = Violation.model_validate(data, update={"inspection_id": inspection.id})
    _check_remedy(violation)
    session.add(violation)
    session.flush()
    return violation


def get_violation(session: Session, inspection: Inspection, violation_id: int) -> Violation:
    violation = session.get(Violation, violation_id)
    if violation is None or violation.inspection_id != inspection.id:
        raise NotFound(f"no violation with id {violation_id} in inspection {inspection.id}")
    return violation


def update_violation(
    session: Session, inspection: Inspection, violation: Violation, data: ViolationUpdate
) -> Violation:
    _writable(inspection)
    apply_patch(
        violation,
        data.model_dump(exclude_unset=True),
        not_null=frozenset({"category", "description", "fine_vnd", "waived"}),
    )
    _check_remedy(violation)
    session.add(violation)
    session.flush()
    return violation


# --------------------------------------------------------------- compliance and risk

# The risk score is a weighted sum of factors each between 0 and 1 (weights add up to 100):
# a reader can see why an enterprise ranks where it does.
WEIGHTS = {
    "inspection_gap": Decimal(25),
    "overdue_remedies": Decimal(35),
    "open_violations": Decimal(5),
    "flagged_share": Decimal(15),
    "early_return_rate": Decimal(5),
    "overstay_rate": Decimal(5),
    "late_report_rate": Decimal(10),
}
DESCRIPTIONS = {
    "inspection_gap": "1 if never inspected, else months since the last inspection / 36 "
    "(at most 1)",
    "overdue_remedies": "0 if none, else 0.7 + 0.1 per overdue remedy (at most 1)",
    "open_violations": "open violations / 5 (at most 1)",
    "flagged_share": "share of its placements carrying a flag",
    "early_return_rate": "share of finished contracts that ended early",
    "overstay_rate": "share of departed workers who overstayed",
    "late_report_rate": "share of departures reported more than 5 days late",
}
GAP_MONTHS = 36


@dataclass
class Signals:
    placements: int = 0
    flagged: int = 0
    departed: int = 0
    finished: int = 0
    early: int = 0
    overstayed: int = 0
    late: int = 0
    open_violations: int = 0
    overdue: int = 0
    fines: int = 0
    last_inspected: date | None = None


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _signals(session: Session, agency_ids: list[int] | None, on: date) -> dict[int, Signals]:
    """Every signal for the enterprises asked for (all when None), in three grouped queries."""
    found: dict[int, Signals] = defaultdict(Signals)
    p = Placement
    departed_states = [
        s.value
        for s in (Status.departed, Status.returned, Status.returned_early, Status.overstayed)
    ]

    def count_if(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    flagged = or_(
        col(p.fee_above_cap),
        col(p.deposit_above_cap),
        col(p.possible_duplicate),
        col(p.late_report),
    )
    stmt = core_select(
        col(p.agency_id),
        func.count(),
        count_if(flagged),
        count_if(col(p.status).in_(departed_states)),
        count_if(col(p.status).in_([Status.returned.value, Status.returned_early.value])),
        count_if(col(p.status) == Status.returned_early.value),
        count_if(col(p.status) == Status.overstayed.value),
        count_if(col(p.late_report)),
    ).where(col(p.agency_id).is_not(None))
    if agency_ids is not None:
        stmt = stmt.where(col(p.agency_id).in_(agency_ids))
    for agency_id, n, fl, dep, fin, early, over, late in session.execute(
        stmt.group_by(col(p.agency_id))
    ).all():
        s = found[agency_id]
        s.placements, s.flagged, s.departed, s.finished = n, fl or 0, dep or 0, fin or 0
        s.early, s.overstayed, s.late = early or 0, over or 0, late or 0

    v, i = Violation, Inspection
    open_violation = and_(col(v.remedied_on).is_(None), col(v.waived).is_(False))
    vstmt = (
        core_select(
            col(i.agency_id),
            count_if(open_violation),
            count_if(and_(open_violation, col(v.remedy_due) < on)),
            func.coalesce(func.sum(col(v.fine_vnd)), 0),
        )
        .join(i, col(i.id) == col(v.inspection_id))
        .group_by(col(i.agency_id))
    )
    if agency_ids is not None:
        vstmt = vstmt.where(col(i.agency_id).in_(agency_ids))
    for agency_id, open_n, overdue_n, fines in session.execute(vstmt).all():
        s = found[agency_id]
        s.open_violations, s.overdue, s.fines = open_n or 0, overdue_n or 0, int(fines or 0)

    istmt = core_select(col(i.agency_id), func.max(col(i.concluded_on))).where(
        col(i.concluded_on).is_not(None)
    )
    if agency_ids is not None:
        istmt = istmt.where(col(i.agency_id).in_(agency_ids))
    for agency_id, last in session.execute(istmt.group_by(col(i.agency_id))).all():
        found[agency_id].last_inspected = last
    return found


def risk(s: Signals, on: date) -> tuple[Decimal, list[RiskFactor]]:
    if s.last_inspected is None:
        gap = Decimal(1)
    else:
        months = Decimal((on - s.last_inspected).days) / Decimal("30.4375")
        gap = min(Decimal(1), months / GAP_MONTHS)
    values = {
        "inspection_gap": gap,
        "overdue_remedies": min(Decimal(1), Decimal("0.7") + Decimal("0.1") * s.overdue)
        if s.overdue
        else Decimal(0),
        "open_violations": min(Decimal(1), Decimal(s.open_violations) / 5),
        "flagged_share": _rate(s.flagged, s.placements) or Decimal(0),
        "early_return_rate": _rate(s.early, s.finished) or Decimal(0),
        "overstay_rate": _rate(s.overstayed, s.departed) or Decimal(0),
        "late_report_rate": _rate(s.late, s.departed) or Decimal(0),
    }
    factors = []
    for name, weight in WEIGHTS.items():
        value = values[name].quantize(Decimal("0.0001"), ROUND_HALF_UP)
        factors.append(
            RiskFactor(
                name=name,
                description=DESCRIPTIONS[name],
                value=value,
                weight=weight,
                score=(value * weight).quantize(Decimal("0.01"), ROUND_HALF_UP),
            )
        )
    total = sum((f.score for f in factors), Decimal(0)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return total, factors


def _compliance(agency_id: int, s: Signals, on: date) -> dict[str, Any]:
    score, factors = risk(s, on)
    return {
        "agency_id": agency_id,
        "open_violations": s.open_violations,
        "overdue_remedies": s.overdue,
        "fines_vnd": s.fines,
        "last_inspected_on": s.last_inspected,
        "placements": s.placements,
        "flagged_placements": s.flagged,
        "early_return_rate": _rate(s.early, s.finished),
        "overstay_rate": _rate(s.overstayed, s.departed),
        "late_report_rate": _rate(s.late, s.departed),
        "risk_score": score,
        "risk_factors": factors,
    }


def compliance(session: Session, principal: Principal, agency_id: int) -> Compliance:
    agency = agencies.get_visible(session, principal, agency_id)
    assert agency.id is not None
    on = today()
    return Compliance.model_validate(
        _compliance(agency.id, _signals(session, [agency.id], on)[agency.id], on)
    )


def priorities(session: Session) -> list[Priority]:
    """Active enterprises, riskiest first (ties: the longest uninspected, then by id)."""
    on = today()
    active = session.exec(select(Agency).where(Agency.status == AgencyStatus.active)).all()
    signals = _signals(session, None, on)
    ranked = []
    for agency in active:
        assert agency.id is not None
        data = _compliance(agency.id, signals[agency.id], on)
        ranked.append(
            Priority.model_validate(data | {"licence_no": agency.licence_no, "name": agency.name})
        )
    ranked.sort(key=lambda p: (-p.risk_score, p.last_inspected_on or date.min, p.agency_id))
    return ranked
