"""The import template: the Vietnamese headers, one made-up example row, and in the XLSX a
guide sheet."""

import csv
import io
from enum import StrEnum

from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from overseas.placements.files.columns import (
    BOM,
    COLUMNS,
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    attachment,
)
from overseas.placements.schemas import MAX_BATCH


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


def _template_csv() -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([c.label for c in COLUMNS])
    writer.writerow(["" if c.example is None else c.example for c in COLUMNS])
    return buffer.getvalue().encode()


def _template_xlsx() -> bytes:
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
        if column.choices and column.name != "sex":
            hint = (hint + "; " if hint else "") + "một trong: " + ", ".join(column.choices)
        guide.append([column.label, column.name, "Có" if column.required else "", hint])
    guide.append([])
    guide.append(
        [
            "Dòng 1 là tiêu đề (tiếng Việt như mẫu hoặc tên trường tiếng Anh); thứ tự cột tuỳ ý. "
            f"Tối đa {MAX_BATCH:,} dòng một tệp. Chỉ đọc trang tính đầu tiên. Có một dòng lỗi "
            "thì cả tệp không được ghi và mọi lỗi được liệt kê theo số dòng."
        ]
    )
    for letter, width in zip("ABCD", (26, 18, 10, 80), strict=True):
        guide.column_dimensions[letter].width = width

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_response(file_format: TemplateFormat) -> Response:
    """The import template: Vietnamese headers and one made-up example row."""
    filename = f"placements-import-template.{file_format.value}"
    if file_format == TemplateFormat.csv:
        return Response(_template_csv(), media_type=CSV_MEDIA_TYPE, headers=attachment(filename))
    return Response(_template_xlsx(), media_type=XLSX_MEDIA_TYPE, headers=attachment(filename))
