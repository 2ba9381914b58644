"""The import template: the Vietnamese headers, one made-up example row, and in the XLSX
drop-down lists of the words each coded column takes (on a hidden sheet) and a guide sheet
that says how numbers, dates and codes are written."""

import csv
import io
from enum import StrEnum

from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.core.principal import Principal
from overseas.markets.models import Market
from overseas.placements.files import choices
from overseas.placements.files.columns import (
    BOM,
    COLUMNS,
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    Column,
    attachment,
)
from overseas.placements.schemas import MAX_BATCH


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


LISTS_SHEET = "Danh mục"
ONE_PROMPT = "Chọn trong danh sách (hoặc gõ mã tiếng Anh)"
MANY_PROMPT = "Chọn trong danh sách; nhiều giá trị thì cách nhau bởi dấu chấm phẩy (;)"


# How people write numbers and dates here, as the import reads them (core.numbers,
# columns.read_cell).
GUIDE_NOTES = (
    "Dòng 1 là tiêu đề (tiếng Việt như mẫu hoặc tên trường tiếng Anh); thứ tự cột tuỳ ý. "
    f"Tối đa {MAX_BATCH:,} dòng một tệp. ".replace(",", ".")
    + "Chỉ đọc trang tính đầu tiên. Có một dòng lỗi thì cả tệp không được ghi và mọi lỗi của "
    "từng dòng được liệt kê theo số dòng.",
    "Số viết theo kiểu Việt Nam: dấu chấm (hoặc dấu cách) ngăn cách hàng nghìn, dấu phẩy "
    "trước phần thập phân. 180.000 là một trăm tám mươi nghìn; 30.000.000 là ba mươi triệu; "
    "1,5 là một phẩy năm (một rưỡi); 2.500,50 là hai nghìn năm trăm phẩy năm. Số chép từ "
    "nơi khác cũng đọc được: 1,900,000 và 1.5. Ô kiểu số của Excel được đọc đúng như hiển thị.",
    "Ngày viết DD/MM/YYYY: 02/04/1995 là ngày 2 tháng 4 năm 1995 (ngày trước, tháng sau); "
    "cũng nhận YYYY-MM-DD (1995-04-02) và ô kiểu ngày của Excel.",
    "Các cột có danh sách chọn (Hình thức, Giới tính, Trạng thái, Chương trình, Đối tượng "
    "chính sách, Thị trường, Doanh nghiệp): chọn trong danh sách, hoặc gõ đúng chữ như danh "
    "sách hay mã tiếng Anh (service_enterprise, registered, poor_household); không phân biệt "
    "chữ hoa, chữ thường và dấu. Đối tượng chính sách có thể ghi nhiều giá trị, cách nhau bởi "
    "dấu chấm phẩy: Hộ nghèo; Dân tộc thiểu số.",
)


def _template_csv() -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([c.label for c in COLUMNS])
    writer.writerow(["" if c.example is None else c.example for c in COLUMNS])
    return buffer.getvalue().encode()


def _lists(session: Session, principal: Principal) -> dict[str, list[str]]:
    """The words each coded column offers, by field name."""
    lists = {c.name: choices.labels(c.vocabulary, c.choices) for c in COLUMNS if c.vocabulary}
    lists["market_code"] = list(session.exec(select(Market.name_vi).order_by(Market.name_vi)).all())
    agencies = select(Agency.name).order_by(Agency.name)
    if principal.is_agency:
        agencies = agencies.where(Agency.id == principal.agency_id)
    else:
        agencies = agencies.where(Agency.status == AgencyStatus.active)
    lists["agency_id"] = list(session.exec(agencies).all())
    return lists


def _drop_downs(book: Workbook, columns: list[Column], lists: dict[str, list[str]]) -> None:
    """A drop-down list under each coded header, its words on a hidden sheet (a list written
    into the rule itself may not hold commas, and is cut at 255 characters)."""
    sheet = book.active
    assert sheet is not None
    source = book.create_sheet(LISTS_SHEET)
    source.sheet_state = "hidden"
    for place, column in enumerate(columns, start=1):
        words = lists.get(column.name)
        if not words:
            continue
        letter = get_column_letter(place)
        source.cell(row=1, column=place, value=column.label)
        for row, word in enumerate(words, start=2):
            source.cell(row=row, column=place, value=word)
        name = f"ds_{column.name}"
        reference = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(words) + 1}"
        book.defined_names[name] = DefinedName(name, attr_text=reference)
        several = column.kind == "groups"
        rule = DataValidation(
            type="list",
            formula1=name,
            allow_blank=True,
            # A code typed instead of the words is read too, so a different value only warns;
            # several policy groups in one cell are no list entry at all.
            errorStyle="warning",
            showErrorMessage=not several,
            promptTitle=column.label[:32],
            prompt=MANY_PROMPT if several else ONE_PROMPT,
            showInputMessage=True,
            error="Giá trị không có trong danh sách; hệ thống sẽ kiểm tra khi nhập.",
            errorTitle=column.label[:32],
        )
        rule.add(f"{letter}2:{letter}{MAX_BATCH + 1}")
        sheet.add_data_validation(rule)


def _template_xlsx(lists: dict[str, list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hồ sơ"
    bold = Font(bold=True)
    for position, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(column.width, len(column.label) + 2)
        if column.as_text:
            sheet.column_dimensions[letter].number_format = "@"
        head = sheet.cell(row=1, column=position, value=column.label)
        head.font = bold
        head.alignment = Alignment(wrap_text=True, vertical="top")
        example = sheet.cell(row=2, column=position, value=column.example)
        if column.as_text:
            example.number_format = "@"
    sheet.freeze_panes = "A2"

    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Tên trường", "Bắt buộc", "Cách ghi"])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        hint = column.hint
        if column.vocabulary:
            words = ", ".join(choices.labels(column.vocabulary, column.choices))
            hint = (hint + "; " if hint else "") + "một trong: " + words
        guide.append([column.label, column.name, "Có" if column.required else "", hint])
    guide.append([])
    for note in GUIDE_NOTES:
        guide.append([note])
    for letter, width in zip("ABCD", (26, 18, 10, 80), strict=True):
        guide.column_dimensions[letter].width = width
    _drop_downs(book, list(COLUMNS), lists)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_response(
    session: Session, principal: Principal, file_format: TemplateFormat
) -> Response:
    """The import template: Vietnamese headers and one made-up example row."""
    filename = f"placements-import-template.{file_format.value}"
    if file_format == TemplateFormat.csv:
        return Response(_template_csv(), media_type=CSV_MEDIA_TYPE, headers=attachment(filename))
    content = _template_xlsx(_lists(session, principal))
    return Response(content, media_type=XLSX_MEDIA_TYPE, headers=attachment(filename))
