"""The provincial annual report: JSON for systems, an XLSX workbook to send upward."""

import io
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import func
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.core.db import utcnow
from overseas.inspections.models import Inspection, Violation
from overseas.placements.models import PlacementEvent, Status
from overseas.reports.schemas import (
    AnnualReport,
    DepartureSummary,
    InspectionSummary,
    ReportLine,
    ReturnSummary,
)
from overseas.targets import progress as progress_service
from overseas.targets.progress import tally_sums


def annual_report(session: Session, year: int) -> AnnualReport:
    places = catalog.load(session)
    root_unit = places.root()
    root = root_unit.code
    lines: dict[str, list[ReportLine]] = {}
    summary = progress_service.progress(
        session, area_code=root, year_from=year, year_to=year, by="market"
    )
    lines["market"] = [ReportLine(key=r.key, label=r.label, count=r.actual) for r in summary.rows]
    for by in ("sex", "channel", "policy_group"):
        rows = progress_service.progress(
            session,
            area_code=root,
            year_from=year,
            year_to=year,
            by=by,
        ).rows
        lines[by] = [ReportLine(key=r.key, label=r.label, count=r.actual) for r in rows]
    # Departures by the unit they were recorded under (former districts, communes old and
    # new), and by today's commune.
    per_area = tally_sums(
        session, "sex", places.territory(root_unit), year, year, None, by="area_id"
    )
    lines["area"] = [
        ReportLine(key=places.units[i].code, label=places.units[i].name, count=n)
        for i, n in sorted(per_area.items(), key=lambda item: (places.units[item[0]].code, item[0]))
    ]
    return AnnualReport(
        year=year,
        area_code=root,
        area_name=root_unit.name,
        period_from=date(year, 1, 1),
        period_to=date(year, 12, 31),
        generated_at=utcnow(),
        departures=DepartureSummary(
            total=summary.actual, target=summary.target, percent=summary.percent
        ),
        by_market=lines["market"],
        by_sex=lines["sex"],
        by_channel=lines["channel"],
        by_policy_group=lines["policy_group"],
        by_area=lines["area"],
        returns=_returns(session, year),
        inspections=_inspections(session, year),
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


def _inspections(session: Session, year: int) -> InspectionSummary:
    """Inspections concluded during the year, with their violations and fines."""
    concluded = session.exec(
        select(Inspection).where(
            col(Inspection.concluded_on) >= date(year, 1, 1),
            col(Inspection.concluded_on) <= date(year, 12, 31),
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


def _returns(session: Session, year: int) -> ReturnSummary:
    """Placements that reached each status during the year (by the day it happened)."""
    wanted = (Status.returned, Status.returned_early, Status.overstayed)
    counts = dict(
        session.exec(
            select(PlacementEvent.status, func.count(func.distinct(PlacementEvent.placement_id)))
            .where(
                col(PlacementEvent.status).in_([s.value for s in wanted]),
                col(PlacementEvent.on) >= date(year, 1, 1),
                col(PlacementEvent.on) <= date(year, 12, 31),
            )
            .group_by(col(PlacementEvent.status))
        ).all()
    )
    return ReturnSummary(**{s.value: int(counts.get(s.value, 0)) for s in wanted})


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NUMBER = "#,##0"
PERCENT = '0.0"%"'


def _title(ws: Any, report: AnnualReport, heading: str) -> None:
    ws.append([heading])
    ws.append(
        [
            f"Kỳ báo cáo: từ {report.period_from:%d/%m/%Y} đến {report.period_to:%d/%m/%Y} — "
            f"{report.area_name}"
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
        ("Số người xuất cảnh trong năm", report.departures.total, NUMBER),
        ("Chỉ tiêu năm", report.departures.target, NUMBER),
        ("Tỷ lệ hoàn thành chỉ tiêu", report.departures.percent, PERCENT),
        ("Số người về nước đúng hạn", report.returns.returned, NUMBER),
        ("Số người về nước trước hạn", report.returns.returned_early, NUMBER),
        ("Số người ở lại quá hạn", report.returns.overstayed, NUMBER),
        ("Số cuộc thanh tra, kiểm tra đã kết luận", report.inspections.concluded, NUMBER),
        ("Số cuộc phát hiện vi phạm", report.inspections.with_violations, NUMBER),
        ("Số vi phạm", report.inspections.violations, NUMBER),
        ("Tổng số tiền phạt (VND)", report.inspections.fines_vnd, NUMBER),
    ]
    ws.append(["Chỉ tiêu", "Giá trị"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for label, value, fmt in summary:
        ws.append([label, float(value) if fmt == PERCENT and value is not None else value])
        ws.cell(row=ws.max_row, column=2).number_format = fmt
    ws.column_dimensions["A"].width = 44
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
    _table(wb, report, "Thanh tra", "Các cuộc thanh tra, kiểm tra doanh nghiệp đã kết luận",
           "Hình thức", report.inspections.by_kind, count_label="Số cuộc")  # fmt: skip
    _table(wb, report, "Vi phạm", "Vi phạm phát hiện qua thanh tra, kiểm tra", "Loại vi phạm",
           report.inspections.by_category, count_label="Số vi phạm")  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
