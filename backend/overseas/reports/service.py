"""The provincial annual report as data; `workbook.py` writes it as the XLSX sent upward."""

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas import catalog
from overseas.areas.models import AreaLevel
from overseas.core.bulk import in_values
from overseas.core.db import today, utcnow
from overseas.core.errors import ValidationFailed
from overseas.core.faults import not_found
from overseas.inspections.models import Inspection, Violation
from overseas.obligations import service as obligations
from overseas.obligations.models import ReportKind
from overseas.obligations.rules import DutyStatus
from overseas.placements.models import Placement, PlacementEvent, Status
from overseas.reports.schemas import (
    AnnualReport,
    CommuneLine,
    DepartureSummary,
    DutyLine,
    EnterpriseDuties,
    EnterpriseReports,
    InspectionSummary,
    PlanProgress,
    ReportLine,
    ReportPeriod,
    ReturnSummary,
)
from overseas.targets import progress as progress_service
from overseas.targets.models import Target
from overseas.targets.sums import DayCounts, Days


def period_of(year: int, period: ReportPeriod) -> tuple[date, date]:
    """The report's first and last day: by default the statutory period of periodic reports,
    15 December of the year before to 14 December (Decree 09/2019/NĐ-CP Art. 12); or the
    calendar year."""
    if period == "calendar":
        return date(year, 1, 1), date(year, 12, 31)
    return date(year - 1, 12, 15), date(year, 12, 14)


def annual_report(
    session: Session,
    year: int,
    area_code: str | None = None,
    period: ReportPeriod = "statutory",
    on: date | None = None,
) -> AnnualReport:
    """The report of the year's period; the enterprises' reports are judged on `on` (today)."""
    places = catalog.load(session)
    code = (area_code or "").strip()
    found = places.newest(code) if code else places.root()
    if found is None:
        raise ValidationFailed.of("area_code", not_found("area", code))
    root_unit = found
    root = root_unit.code
    within = places.territory(root_unit)
    first, last = period_of(year, period)
    # The days at the period's ends are read once for every breakdown and plan below
    # (targets/progress.py, Days).
    days = Days(first, last, DayCounts())
    lines: dict[str, list[ReportLine]] = {}
    summary = progress_service.progress(
        session, area_code=root, year_from=year, year_to=year, by="market", days=days
    )
    lines["market"] = [ReportLine(key=r.key, label=r.label, count=r.actual) for r in summary.rows]
    for by in ("sex", "channel", "policy_group"):
        rows = progress_service.progress(
            session,
            area_code=root,
            year_from=year,
            year_to=year,
            by=by,
            days=days,
        ).rows
        lines[by] = [ReportLine(key=r.key, label=r.label, count=r.actual) for r in rows]
    # Departures by the unit they were recorded under (former districts, communes old and
    # new), and by today's commune.
    per_area = days.sums(session, "sex", within, None, by="area_id")
    lines["area"] = [
        ReportLine(key=places.units[i].code, label=places.display_name(places.units[i]), count=n)
        for i, n in sorted(per_area.items(), key=lambda item: (places.units[item[0]].code, item[0]))
    ]
    communes = progress_service.progress(
        session, area_code=root, year_from=year, year_to=year, by="commune", days=days
    ).rows
    plans = _plans(session, places, root_unit, year, days)
    return AnnualReport(
        year=year,
        area_code=root,
        area_name=places.display_name(root_unit),
        period=period,
        period_from=first,
        period_to=last,
        generated_at=utcnow(),
        departures=DepartureSummary(
            total=summary.actual, target=summary.target, percent=summary.percent
        ),
        by_market=lines["market"],
        by_sex=lines["sex"],
        by_channel=lines["channel"],
        by_policy_group=lines["policy_group"],
        by_area=lines["area"],
        by_commune=[CommuneLine(key=r.key, label=r.label, count=r.actual) for r in communes],
        plans=[plan for plan, _former in plans],
        former_province_plans=[plan for plan, former in plans if former],
        returns=_returns(session, first, last, within),
        inspections=_inspections(session, first, last),
        enterprise_reports=_enterprise_reports(session, first, last, on or today()),
    )


KIND_LABELS = {
    "scheduled": "Theo kế hoạch",
    "unscheduled": "Đột xuất",
    "complaint": "Theo khiếu nại",
}
CATEGORY_LABELS = {
    "late_or_missing_report": "Báo cáo chậm hoặc không báo cáo",
    "worker_data_not_updated": "Không cập nhật thông tin người lao động",
    "fee_above_cap": "Thu tiền dịch vụ vượt mức trần",
    "deposit_breach": "Vi phạm về tiền ký quỹ",
    "orientation_breach": "Vi phạm về giáo dục định hướng",
    "licence_misuse": "Sử dụng giấy phép sai quy định",
    "other": "Vi phạm khác",
}


def _inspections(session: Session, first: date, last: date) -> InspectionSummary:
    """Inspections concluded during the period, with their violations and fines."""
    concluded = session.exec(
        select(Inspection).where(
            col(Inspection.concluded_on) >= first,
            col(Inspection.concluded_on) <= last,
        )
    ).all()
    ids = [i.id for i in concluded]
    violations = (
        session.exec(select(Violation).where(col(Violation.inspection_id).in_(ids))).all()
        if ids
        else []
    )
    kinds = Counter(str(i.kind) for i in concluded)
    categories = Counter(str(v.category) for v in violations)
    return InspectionSummary(
        concluded=len(concluded),
        with_violations=sum(1 for i in concluded if i.result == "violations"),
        by_kind=[
            ReportLine(key=k, label=KIND_LABELS.get(k, k), count=n)
            for k, n in sorted(kinds.items())
        ],
        violations=len(violations),
        by_category=[
            ReportLine(key=c, label=CATEGORY_LABELS.get(c, c), count=n)
            for c, n in sorted(categories.items())
        ],
        fines_vnd=sum(v.fine_vnd for v in violations),
    )


def _plans(
    session: Session,
    places: catalog.Catalog,
    area: catalog.Unit,
    year: int,
    days: Days,
) -> list[tuple[PlanProgress, bool]]:
    """The multi-year plans covering the year of the area and of the provinces and districts
    it took over, each counted on its own territory: cumulatively from 1 January of its first
    year (a plan's years are calendar years) through the period's last day, and within the
    period. Each with whether it is the plan of a province the area took over (the former
    Quảng Nam's in the city's report: a section of its own)."""
    within = places.territory(area)
    plans = session.exec(
        select(Target).where(
            col(Target.market_code).is_(None),
            col(Target.year_from) <= year,
            col(Target.year_to) >= year,
            col(Target.year_to) > col(Target.year_from),
        )
    ).all()
    out = []
    for plan in sorted(plans, key=lambda t: (t.area_code, t.year_from)):
        unit = places.newest(plan.area_code)
        if unit is None or unit.id not in within:
            continue
        if unit.id != area.id and unit.level == AreaLevel.commune:
            continue
        counted_from = date(plan.year_from, 1, 1)
        done = progress_service.progress(
            session,
            area_code=plan.area_code,
            year_from=plan.year_from,
            year_to=year,
            days=Days(counted_from, days.last, days.counts),
        )
        in_period = progress_service.progress(
            session, area_code=plan.area_code, year_from=year, year_to=year, days=days
        )
        former = unit.id != area.id and unit.level == AreaLevel.province
        progress = PlanProgress(
            area_code=unit.code,
            area_name=places.display_name(unit),
            year_from=plan.year_from,
            year_to=plan.year_to,
            target=plan.value,
            actual=done.actual,
            percent=progress_service.percent_of(done.actual, plan.value),
            name=plan.name,
            counted_from=counted_from,
            counted_to=days.last,
            in_period=in_period.actual,
            remaining=max(plan.value - done.actual, 0),
        )
        out.append((progress, former))
    return out


def _returns(session: Session, first: date, last: date, within: frozenset[int]) -> ReturnSummary:
    """Placements of the area's territory that reached each status during the period (by the
    day it happened)."""
    wanted = (Status.returned, Status.returned_early, Status.overstayed)
    counts = dict(
        session.exec(
            select(PlacementEvent.status, func.count(func.distinct(PlacementEvent.placement_id)))
            .join(Placement, col(Placement.id) == col(PlacementEvent.placement_id))
            .where(
                col(PlacementEvent.status).in_([s.value for s in wanted]),
                col(PlacementEvent.on) >= first,
                col(PlacementEvent.on) <= last,
                in_values(session, col(Placement.home_area_id), sorted(within)),
            )
            .group_by(col(PlacementEvent.status))
        ).all()
    )
    return ReturnSummary(**{s.value: int(counts.get(s.value, 0)) for s in wanted})


DUTY_LABELS = {
    ReportKind.annual.value: "Báo cáo định kỳ hằng năm",
    ReportKind.monthly_changes.value: "Báo cáo tình hình biến động người lao động hằng tháng",
}
_DUTY_COLUMNS = {
    DutyStatus.submitted: "on_time",
    DutyStatus.late: "late",
    DutyStatus.missing: "missing",
    DutyStatus.upcoming: "upcoming",
}


def _enterprise_reports(session: Session, first: date, last: date, on: date) -> EnterpriseReports:
    """The reports enterprises owed the department with a due date in the period (the annual
    report, 15 Dec-14 Dec due 19 Dec, Circular 21/2021/TT-BLĐTBXH Art. 15; each month's
    changes, due the 20th of the next month, Circular 20/2021/TT-BLĐTBXH Art. 11(1)), by the
    first filing of each, as judged on `on`: in total, by kind, and the enterprises with
    reports late or missing. Enterprises report to the department, so the section is the
    department's whatever the report's area."""
    duties = obligations.falling_due(session, first, last, on)
    by_kind: dict[str, Counter[str]] = {kind.value: Counter() for kind in ReportKind}
    by_agency: dict[int, Counter[str]] = defaultdict(Counter)
    names: dict[int, str] = {}
    for duty in duties:
        column = _DUTY_COLUMNS[duty.status]
        by_kind[duty.kind.value][column] += 1
        by_agency[duty.agency_id][column] += 1
        names[duty.agency_id] = duty.agency_name
    total: Counter[str] = sum(by_kind.values(), Counter())
    behind = [a for a, counts in by_agency.items() if counts["late"] or counts["missing"]]
    licences = dict(
        session.exec(select(Agency.id, Agency.licence_no).where(col(Agency.id).in_(behind))).all()
        if behind
        else []
    )

    def counts(c: Counter[str]) -> dict[str, int]:
        return {name: c[name] for name in _DUTY_COLUMNS.values()} | {"due": sum(c.values())}

    enterprises = [
        EnterpriseDuties(
            agency_id=a,
            agency_name=names[a],
            licence_no=licences.get(a, ""),
            **counts(by_agency[a]),
        )
        for a in behind
    ]
    enterprises.sort(key=lambda e: (-e.missing, -e.late, e.agency_name, e.agency_id))
    passed = total["on_time"] + total["late"] + total["missing"]
    return EnterpriseReports(
        judged_on=on,
        **counts(total),
        percent_on_time=progress_service.percent_of(total["on_time"], passed),
        by_kind=[
            DutyLine(key=kind, label=DUTY_LABELS[kind], **counts(c)) for kind, c in by_kind.items()
        ],
        enterprises=enterprises,
    )
