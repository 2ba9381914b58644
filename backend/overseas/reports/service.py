"""The provincial annual report: JSON for systems, an XLSX workbook to send upward."""

import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import func
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas import catalog
from overseas.areas.models import AreaLevel
from overseas.core.bulk import in_values
from overseas.core.db import today, utcnow
from overseas.core.errors import ValidationFailed
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
        raise ValidationFailed.one("area_code", f"no area with code '{code}'")
    root_unit = found
    root = root_unit.code
    within = places.territory(root_unit)
    first, last = period_of(year, period)
    # The days at the period's ends are read once for every breakdown and plan below
    # (targets/progress.py, Days).
    days = progress_service.Days(first, last, progress_service.DayCounts())
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
        ReportLine(key=places.units[i].code, label=places.units[i].name, count=n)
        for i, n in sorted(per_area.items(), key=lambda item: (places.units[item[0]].code, item[0]))
    ]
    communes = progress_service.progress(
        session, area_code=root, year_from=year, year_to=year, by="commune", days=days
    ).rows
    plans = _plans(session, places, root_unit, year, days)
    return AnnualReport(
        year=year,
        area_code=root,
        area_name=root_unit.name,
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
    days: progress_service.Days,
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
            days=progress_service.Days(counted_from, days.last, days.counts),
        )
        in_period = progress_service.progress(
            session, area_code=plan.area_code, year_from=year, year_to=year, days=days
        )
        former = unit.id != area.id and unit.level == AreaLevel.province
        progress = PlanProgress(
            area_code=unit.code,
            area_name=unit.name,
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


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NUMBER = "#,##0"
PERCENT = '0.0"%"'


PERIOD_LABELS: dict[str, str] = {
    "statutory": "kỳ báo cáo năm theo Nghị định 09/2019/NĐ-CP",
    "calendar": "năm dương lịch",
}
# The workbook's file name says which period it holds: two files of one year may differ.
FILE_PERIODS: dict[str, str] = {"statutory": "ky-bao-cao", "calendar": "nam-duong-lich"}


def workbook_name(report: AnnualReport) -> str:
    return f"bao-cao-nam-{report.year}-{FILE_PERIODS[report.period]}.xlsx"


def _title(ws: Any, report: AnnualReport, heading: str) -> None:
    ws.append([heading])
    ws.append(
        [
            f"Kỳ báo cáo: từ {report.period_from:%d/%m/%Y} đến {report.period_to:%d/%m/%Y} "
            f"({PERIOD_LABELS[report.period]}) — {report.area_name}"
        ]
    )
    ws.append([])
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"].font = Font(italic=True)


def _table(
    wb: Workbook,
    report: AnnualReport,
    title: str,
    heading: str,
    first: str,
    lines: Sequence[ReportLine],
    count_label: str = "Số người xuất cảnh",
) -> None:
    ws = wb.create_sheet(title)
    _title(ws, report, heading)
    ws.append(["STT", first, count_label])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i, line in enumerate(lines, start=1):
        ws.append([i, line.label, line.count])
    first_data = header_row + 1
    ws.append(["", "Tổng cộng", sum(line.count for line in lines)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=first_data, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = NUMBER
    for index, width in enumerate((6, 48, 20), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _header(ws: Any) -> None:
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _plans_sheet(wb: Workbook, report: AnnualReport) -> None:
    ws = wb.create_sheet("Kế hoạch")
    _title(ws, report, "Tiến độ kế hoạch nhiều năm")
    ws.append(
        [
            "Địa bàn",
            "Giai đoạn",
            "Chỉ tiêu",
            f"Đã xuất cảnh lũy kế đến {report.period_to:%d/%m/%Y}",
            "Tỷ lệ",
            "Xuất cảnh trong kỳ báo cáo",
            "Còn phải thực hiện",
            "Lũy kế tính từ ngày",
        ]
    )
    _header(ws)
    for plan in report.plans:
        ws.append(
            [
                plan.area_name,
                f"{plan.year_from}-{plan.year_to}",
                plan.target,
                plan.actual,
                float(plan.percent) if plan.percent is not None else None,
                plan.in_period,
                plan.remaining,
                f"{plan.counted_from:%d/%m/%Y}",
            ]
        )
        for column, fmt in ((3, NUMBER), (4, NUMBER), (5, PERCENT), (6, NUMBER), (7, NUMBER)):
            ws.cell(row=ws.max_row, column=column).number_format = fmt
    for index, width in enumerate((36, 14, 14, 22, 10, 18, 18, 16), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _former_province_sheets(wb: Workbook, report: AnnualReport) -> None:
    """One sheet per province the area took over, its plans each a block of its own."""
    by_province: dict[str, list[PlanProgress]] = defaultdict(list)
    for plan in report.former_province_plans:
        by_province[plan.area_code].append(plan)
    for plans in by_province.values():
        name = plans[0].area_name
        # A sheet's name has at most 31 characters.
        ws = wb.create_sheet(f"Kế hoạch {name} (cũ)"[:31])
        _title(ws, report, f"Kế hoạch nhiều năm của {name} (cũ), nay thuộc {report.area_name}")
        for plan in plans:
            ws.append([plan.name])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
            rows: list[tuple[str, Any, str | None]] = [
                ("Giai đoạn", f"{plan.year_from}-{plan.year_to}", None),
                ("Chỉ tiêu", plan.target, NUMBER),
                (f"Đã xuất cảnh lũy kế từ {plan.counted_from:%d/%m/%Y} đến "
                 f"{plan.counted_to:%d/%m/%Y}", plan.actual, NUMBER),
                ("Tỷ lệ hoàn thành", float(plan.percent) if plan.percent is not None else None,
                 PERCENT),
                ("Xuất cảnh trong kỳ báo cáo", plan.in_period, NUMBER),
                ("Còn phải thực hiện", plan.remaining, NUMBER),
            ]  # fmt: skip
            for label, value, fmt in rows:
                ws.append([label, value])
                if fmt:
                    ws.cell(row=ws.max_row, column=2).number_format = fmt
            ws.append([])
        ws.column_dimensions["A"].width = 52
        ws.column_dimensions["B"].width = 18


DUTY_HEADERS = ["Phải nộp", "Đúng hạn", "Nộp muộn", "Chưa nộp", "Chưa đến hạn"]


def _duty_counts(line: DutyLine | EnterpriseDuties | EnterpriseReports) -> list[int]:
    return [line.due, line.on_time, line.late, line.missing, line.upcoming]


def _enterprise_sheet(wb: Workbook, report: AnnualReport) -> None:
    """The enterprises' reports due in the period: by kind with a total, then the enterprises
    with reports late or missing."""
    found = report.enterprise_reports
    ws = wb.create_sheet("Báo cáo của doanh nghiệp")
    _title(ws, report, "Tình hình doanh nghiệp nộp báo cáo có hạn nộp trong kỳ")
    ws.append([f"Tình trạng tính đến ngày {found.judged_on:%d/%m/%Y}"])
    ws.append([])
    ws.append(["STT", "Loại báo cáo", *DUTY_HEADERS])
    _header(ws)
    for i, line in enumerate(found.by_kind, start=1):
        ws.append([i, line.label, *_duty_counts(line)])
    ws.append(["", "Tổng cộng", *_duty_counts(found)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append(
        [
            "",
            "Tỷ lệ nộp đúng hạn",
            float(found.percent_on_time) if found.percent_on_time is not None else None,
        ]
    )
    ws.cell(row=ws.max_row, column=3).number_format = PERCENT
    ws.append([])
    ws.append(["Doanh nghiệp nộp báo cáo muộn hoặc chưa nộp"])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append(["STT", "Doanh nghiệp", "Số giấy phép", *DUTY_HEADERS])
    _header(ws)
    for i, e in enumerate(found.enterprises, start=1):
        ws.append([i, e.agency_name, e.licence_no, *_duty_counts(e)])
    if not found.enterprises:
        ws.append(["", "Không có"])
    for row in ws.iter_rows(min_col=3, max_col=8):
        for cell in row:
            if isinstance(cell.value, int):
                cell.number_format = NUMBER
    for index, width in enumerate((6, 48, 18, 12, 12, 12, 12, 14), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def annual_workbook(report: AnnualReport) -> bytes:
    """One sheet per breakdown, Vietnamese headings, totals rows, the period on every sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    _title(
        ws, report, f"BÁO CÁO KẾT QUẢ ĐƯA NGƯỜI LAO ĐỘNG ĐI LÀM VIỆC Ở NƯỚC NGOÀI NĂM {report.year}"
    )
    summary = [
        ("Số người xuất cảnh trong kỳ báo cáo", report.departures.total, NUMBER),
        ("Chỉ tiêu năm", report.departures.target, NUMBER),
        ("Tỷ lệ hoàn thành chỉ tiêu", report.departures.percent, PERCENT),
        ("Số người về nước đúng hạn", report.returns.returned, NUMBER),
        ("Số người về nước trước hạn", report.returns.returned_early, NUMBER),
        ("Số người ở lại quá hạn", report.returns.overstayed, NUMBER),
        ("Số cuộc thanh tra, kiểm tra đã kết luận", report.inspections.concluded, NUMBER),
        ("Số cuộc phát hiện vi phạm", report.inspections.with_violations, NUMBER),
        ("Số vi phạm", report.inspections.violations, NUMBER),
        ("Tổng số tiền phạt (VND)", report.inspections.fines_vnd, NUMBER),
        ("Số báo cáo của doanh nghiệp có hạn nộp trong kỳ", report.enterprise_reports.due, NUMBER),
        ("Số báo cáo doanh nghiệp nộp đúng hạn", report.enterprise_reports.on_time, NUMBER),
        ("Số báo cáo doanh nghiệp nộp muộn", report.enterprise_reports.late, NUMBER),
        ("Số báo cáo doanh nghiệp chưa nộp", report.enterprise_reports.missing, NUMBER),
        ("Tỷ lệ báo cáo nộp đúng hạn", report.enterprise_reports.percent_on_time, PERCENT),
    ]
    ws.append(["Chỉ tiêu", "Giá trị"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for label, value, fmt in summary:
        ws.append([label, float(value) if fmt == PERCENT and value is not None else value])
        ws.cell(row=ws.max_row, column=2).number_format = fmt
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 18
    _table(wb, report, "Theo thị trường", "Số người xuất cảnh theo thị trường", "Thị trường",
           report.by_market)  # fmt: skip
    _table(wb, report, "Theo giới tính", "Số người xuất cảnh theo giới tính", "Giới tính",
           report.by_sex)  # fmt: skip
    _table(wb, report, "Theo kênh", "Số người xuất cảnh theo hình thức đi", "Hình thức",
           report.by_channel)  # fmt: skip
    _table(wb, report, "Theo đối tượng", "Số người xuất cảnh thuộc đối tượng chính sách",
           "Đối tượng", report.by_policy_group)  # fmt: skip
    _table(wb, report, "Theo địa bàn", "Số người xuất cảnh theo địa bàn", "Địa bàn",
           report.by_area)  # fmt: skip
    _table(wb, report, "Theo xã, phường", "Số người xuất cảnh theo xã, phường hiện nay",
           "Xã, phường, đặc khu", [ReportLine(key=c.key or "", label=c.label, count=c.count)
                                   for c in report.by_commune])  # fmt: skip
    _plans_sheet(wb, report)
    _former_province_sheets(wb, report)
    _table(wb, report, "Thanh tra", "Các cuộc thanh tra, kiểm tra doanh nghiệp đã kết luận",
           "Hình thức", report.inspections.by_kind, count_label="Số cuộc")  # fmt: skip
    _table(wb, report, "Vi phạm", "Vi phạm phát hiện qua thanh tra, kiểm tra", "Loại vi phạm",
           report.inspections.by_category, count_label="Số vi phạm")  # fmt: skip
    _enterprise_sheet(wb, report)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
