"""The provincial annual report as an XLSX workbook to send upward: one sheet per breakdown,
Vietnamese headings, totals rows, the period on every sheet."""

import io
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from overseas.reports.schemas import (
    AnnualReport,
    DutyLine,
    EnterpriseDuties,
    EnterpriseReports,
    PlanProgress,
    ReportLine,
)

# The summary's first column: what each figure is.
FIRST_HEADER = "Nội dung"
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


FORMER_SHEET = "Kế hoạch địa bàn tỉnh cũ"


def _former_province_sheets(wb: Workbook, report: AnnualReport) -> None:
    """One sheet per province the area took over, its plans each a block of its own."""
    by_province: dict[str, list[PlanProgress]] = defaultdict(list)
    for plan in report.former_province_plans:
        by_province[plan.area_code].append(plan)
    for n, plans in enumerate(by_province.values(), start=1):
        # A sheet's name has at most 31 characters: the heading names the territory in full.
        ws = wb.create_sheet(FORMER_SHEET if n == 1 else f"{FORMER_SHEET} ({n})")
        _title(ws, report, f"Kế hoạch nhiều năm: {plans[0].area_name}")
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
    # "Chỉ tiêu" would read as "target": the column holds every kind of figure.
    ws.append([FIRST_HEADER, "Giá trị"])
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
