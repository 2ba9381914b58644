"""An enterprise's compliance record and its risk score, for choosing whom to inspect next.

The score is a weighted sum of factors each between 0 and 1 (the weights add up to 100), so
a reader can see why an enterprise ranks where it does: each factor comes with its weight and
what it measures (FACTORS)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from sqlalchemy import case, func
from sqlalchemy import select as core_select
from sqlmodel import Session, and_, col, or_, select

from overseas.agencies import service as agencies
from overseas.agencies.models import Agency, AgencyStatus
from overseas.complaints.service import complaint_counts
from overseas.core.db import today
from overseas.core.principal import Principal
from overseas.inspections import factors, rules
from overseas.inspections.models import Inspection, InspectionStatus, Kind, Violation
from overseas.inspections.schemas import Compliance, Priority, RiskFactor
from overseas.obligations import service as obligations
from overseas.obligations.schemas import ReportingRecord
from overseas.placements import quota
from overseas.placements.models import Placement, Status
from overseas.placements.rules import DEPARTED_STATUSES, RETURNED_STATUSES


class Factor(NamedTuple):
    weight: Decimal
    description: str


FACTORS = {
    "inspection_gap": Factor(
        Decimal(15), "1 if never inspected, else months since the last inspection / 36 (at most 1)"
    ),
    "overdue_remedies": Factor(
        Decimal(25), "0 if none, else 0.7 + 0.1 per overdue remedy (at most 1)"
    ),
    "open_violations": Factor(Decimal(5), "open violations / 5 (at most 1)"),
    "flagged_share": Factor(Decimal(10), "share of its placements carrying a flag"),
    "early_return_rate": Factor(Decimal(5), "share of finished contracts that ended early"),
    "overstay_rate": Factor(Decimal(5), "share of departed workers who overstayed"),
    "late_report_rate": Factor(Decimal(5), "share of departures reported more than 5 days late"),
    # An enterprise that files nothing must not look safe (docs/obligations.md).
    "reports_not_on_time": Factor(
        Decimal(10),
        "share of the reports due to the department in the last 12 months that came late or "
        "not at all",
    ),
    # Complaints from workers and families (docs/complaints.md).
    "complaints": Factor(
        Decimal(10),
        "(complaints still open + complaints found substantiated in the last 24 months) / 3 "
        "(at most 1)",
    ),
    # Recruiting in the province without a notice to the department (docs/notices.md).
    "recruiting_without_notice": Factor(
        Decimal(10),
        "share of its placements registered in the last 12 months through an enterprise that "
        "name no recruitment notice",
    ),
}
GAP_MONTHS = 36
MAX_SCORE = sum((f.weight for f in FACTORS.values()), Decimal(0))


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
    oldest_overdue: date | None = None
    last_inspected: date | None = None
    reporting: ReportingRecord | None = None
    complaints_open: int = 0
    complaints_substantiated: int = 0
    recruited: int = 0  # placements registered in the last 12 months through an enterprise
    without_notice: int = 0
    planned: Inspection | None = None  # planned or under way
    scheduled_this_year: bool = False


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole to 4 decimals; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _signals(session: Session, agency_ids: list[int] | None, on: date) -> dict[int, Signals]:
    """Every signal for the enterprises asked for (all when None), in three grouped queries."""
    found: dict[int, Signals] = defaultdict(Signals)
    p = Placement
    departed_states = sorted(s.value for s in DEPARTED_STATUSES)
    returned_states = sorted(s.value for s in RETURNED_STATUSES)

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
        count_if(col(p.status).in_(returned_states)),
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
    vstmt = (
        core_select(
            col(i.agency_id),
            count_if(rules.open_violation()),
            count_if(rules.overdue(on)),
            func.coalesce(func.sum(col(v.fine_vnd)), 0),
            func.min(case((rules.overdue(on), col(v.remedy_due)), else_=None)),
        )
        .join(i, col(i.id) == col(v.inspection_id))
        .group_by(col(i.agency_id))
    )
    if agency_ids is not None:
        vstmt = vstmt.where(col(i.agency_id).in_(agency_ids))
    for agency_id, open_n, overdue_n, fines, oldest in session.execute(vstmt).all():
        s = found[agency_id]
        s.open_violations, s.overdue, s.fines = open_n or 0, overdue_n or 0, int(fines or 0)
        s.oldest_overdue = oldest

    istmt = core_select(col(i.agency_id), func.max(col(i.concluded_on))).where(
        col(i.concluded_on).is_not(None)
    )
    if agency_ids is not None:
        istmt = istmt.where(col(i.agency_id).in_(agency_ids))
    for agency_id, last in session.execute(istmt.group_by(col(i.agency_id))).all():
        found[agency_id].last_inspected = last
    for agency_id, record in obligations.reporting_records(session, agency_ids, on).items():
        found[agency_id].reporting = record
    _inspections_ahead(session, agency_ids, on, found)
    for agency_id, counts in complaint_counts(session, agency_ids, on).items():
        found[agency_id].complaints_open = counts.open
        found[agency_id].complaints_substantiated = counts.substantiated
    for agency_id, coverage in quota.without_notice(session, agency_ids=agency_ids).items():
        found[agency_id].recruited = coverage.registered
        found[agency_id].without_notice = coverage.without_notice
    return found


def _inspections_ahead(
    session: Session, agency_ids: list[int] | None, on: date, found: dict[int, Signals]
) -> None:
    """The inspection planned or under way, and whether a scheduled one was already made this
    year: at most one scheduled inspection of an enterprise a year (Directive 20/CT-TTg of
    2017)."""
    stmt = select(Inspection).where(
        or_(
            col(Inspection.status).in_(
                [InspectionStatus.planned.value, InspectionStatus.in_progress.value]
            ),
            and_(
                Inspection.kind == Kind.scheduled,
                or_(
                    col(Inspection.planned_on).between(date(on.year, 1, 1), date(on.year, 12, 31)),
                    col(Inspection.started_on).between(date(on.year, 1, 1), date(on.year, 12, 31)),
                ),
            ),
        )
    )
    if agency_ids is not None:
        stmt = stmt.where(col(Inspection.agency_id).in_(agency_ids))
    for inspection in session.exec(stmt.order_by(col(Inspection.id))).all():
        s = found[inspection.agency_id]
        if inspection.status in (InspectionStatus.planned, InspectionStatus.in_progress):
            s.planned = s.planned or inspection
        year = inspection.started_on or inspection.planned_on
        if inspection.kind == Kind.scheduled and year is not None and year.year == on.year:
            s.scheduled_this_year = True


def province_rates(session: Session) -> factors.Province:
    """Early returns and overstays over every placement of the registry."""
    p = Placement
    departed_states = sorted(s.value for s in DEPARTED_STATUSES)
    returned_states = sorted(s.value for s in RETURNED_STATUSES)

    def count_if(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    dep, fin, early, over = session.execute(
        core_select(
            count_if(col(p.status).in_(departed_states)),
            count_if(col(p.status).in_(returned_states)),
            count_if(col(p.status) == Status.returned_early.value),
            count_if(col(p.status) == Status.overstayed.value),
        )
    ).one()
    return factors.Province(rate(early or 0, fin or 0), rate(over or 0, dep or 0))


def _not_on_time(record: ReportingRecord | None) -> Decimal:
    if record is None or not record.due:
        return Decimal(0)
    return Decimal(1) - (rate(record.on_time, record.due) or Decimal(0))


def risk(s: Signals, on: date, province: factors.Province) -> tuple[Decimal, list[RiskFactor]]:
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
        "flagged_share": rate(s.flagged, s.placements) or Decimal(0),
        "early_return_rate": rate(s.early, s.finished) or Decimal(0),
        "overstay_rate": rate(s.overstayed, s.departed) or Decimal(0),
        "late_report_rate": rate(s.late, s.departed) or Decimal(0),
        "reports_not_on_time": _not_on_time(s.reporting),
        "complaints": min(Decimal(1), Decimal(s.complaints_open + s.complaints_substantiated) / 3),
        "recruiting_without_notice": rate(s.without_notice, s.recruited) or Decimal(0),
    }
    rates = {
        "flagged_share": rate(s.flagged, s.placements),
        "early_return_rate": rate(s.early, s.finished),
        "overstay_rate": rate(s.overstayed, s.departed),
        "late_report_rate": rate(s.late, s.departed),
        "recruiting_without_notice": rate(s.without_notice, s.recruited),
    }
    found = []
    for name, (weight, description) in FACTORS.items():
        value = values[name].quantize(Decimal("0.0001"), ROUND_HALF_UP)
        text, params = factors.explain(name, s, province, on, rates)
        found.append(
            RiskFactor(
                name=name,
                description=description,
                text=text,
                params=params,
                value=value,
                weight=weight,
                score=(value * weight).quantize(Decimal("0.01"), ROUND_HALF_UP),
            )
        )
    total = sum((f.score for f in found), Decimal(0)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return total, found


def _compliance(agency_id: int, s: Signals, on: date, province: factors.Province) -> dict[str, Any]:
    score, found = risk(s, on, province)
    planned = None
    if s.planned is not None:
        planned = {
            "id": s.planned.id,
            "kind": s.planned.kind,
            "status": s.planned.status,
            "planned_on": s.planned.planned_on,
        }
    return {
        "agency_id": agency_id,
        "open_violations": s.open_violations,
        "overdue_remedies": s.overdue,
        "fines_vnd": s.fines,
        "last_inspected_on": s.last_inspected,
        "placements": s.placements,
        "flagged_placements": s.flagged,
        "early_return_rate": rate(s.early, s.finished),
        "overstay_rate": rate(s.overstayed, s.departed),
        "late_report_rate": rate(s.late, s.departed),
        "reporting": s.reporting,
        "risk_score": score,
        "max_score": MAX_SCORE,
        "risk_factors": found,
        "planned_inspection": planned,
        "scheduled_this_year": s.scheduled_this_year,
    }


def compliance(session: Session, principal: Principal, agency_id: int) -> Compliance:
    agency = agencies.get_visible(session, principal, agency_id)
    assert agency.id is not None
    on = today()
    signals = _signals(session, [agency.id], on)[agency.id]
    return Compliance.model_validate(_compliance(agency.id, signals, on, province_rates(session)))


def priorities(session: Session) -> list[Priority]:
    """Active enterprises, riskiest first (ties: the longest uninspected, then by id)."""
    on = today()
    active = session.exec(select(Agency).where(Agency.status == AgencyStatus.active)).all()
    signals = _signals(session, None, on)
    province = province_rates(session)
    ranked = []
    for agency in active:
        assert agency.id is not None
        data = _compliance(agency.id, signals[agency.id], on, province)
        ranked.append(
            Priority.model_validate(data | {"licence_no": agency.licence_no, "name": agency.name})
        )
    ranked.sort(key=lambda p: (-p.risk_score, p.last_inspected_on or date.min, p.agency_id))
    return ranked
