"""The columns of a placements file (template, import, export) and how one cell is read: what
a person typed in a spreadsheet, turned into the value the batch item wants."""

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from openpyxl.utils.datetime import from_excel

from overseas.core.errors import fault
from overseas.core.numbers import NumberError, parse_number
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.files import choices
from overseas.placements.labels import label
from overseas.placements.models import Channel, PolicyGroup, Programme, Sex, Status

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


NDJSON_MEDIA_TYPE = "application/x-ndjson"


BOM = "\ufeff"


CHUNK_BYTES = 64 * 1024


Kind = Literal[
    "text", "enum", "national_id", "phone", "date", "int", "vnd", "decimal", "groups", "agency"
]


# One column of the template: the English field name (a worker's without `worker.`), the
# Vietnamese header, how its cells are read, and how the template shows it. A coded column
# names its `vocabulary` (labels.LABELS_VI): its cells take the code or the words for it.
@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    vocabulary: str = ""
    # Headers the column had in earlier templates, still read.
    aliases: tuple[str, ...] = ()
    # Formatted as text in the template, so Excel keeps leading zeros and dates as typed.
    as_text: bool = False
    width: int = 16
    example: str | int | None = None
    hint: str = ""


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


_DATE_HINT = "DD/MM/YYYY (ví dụ 02/04/1995) hoặc YYYY-MM-DD"


_VND_HINT = "Số tiền VND, số nguyên, ví dụ 30.000.000 hoặc 30000000; có thể bỏ trống"


COLUMNS: tuple[Column, ...] = (
    Column("external_ref", "Mã hồ sơ", required=True, as_text=True, example="VD-0001",
           hint="Mã hồ sơ của doanh nghiệp, không trùng; nhập lại cùng mã để cập nhật hồ sơ"),
    Column("agency_id", "Doanh nghiệp", "agency", width=24, aliases=("ID doanh nghiệp",),
           hint="Tên, số giấy phép hoặc số ID của doanh nghiệp trong hệ thống; tài khoản doanh "
                "nghiệp để trống (tự điền)"),
    Column("channel", "Hình thức", "enum", required=True, choices=_values(Channel), width=20,
           vocabulary="channel", example=label("channel", Channel.service_enterprise)),
    Column("national_id", "Số định danh cá nhân", "national_id", required=True, as_text=True,
           width=18, example="048095000001",
           hint="12 chữ số (hồ sơ đăng ký trước 1/1/2025 có thể ghi CMND cũ 9 chữ số); ghi "
                "dạng văn bản để giữ số 0 ở đầu"),
    Column("previous_national_id", "Số CMND cũ", "national_id", as_text=True, width=14,
           hint="Số chứng minh nhân dân cũ (9 chữ số) của cùng người, nếu có"),
    Column("full_name", "Họ và tên", required=True, width=24, example="Nguyễn Văn Mẫu"),
    Column("date_of_birth", "Ngày sinh", "date", required=True, as_text=True, width=12,
           example="1995-04-02", hint=_DATE_HINT),
    Column("sex", "Giới tính", "enum", required=True, choices=_values(Sex), width=10,
           vocabulary="sex", example=label("sex", Sex.male)),
    Column("home_area_code", "Mã địa bàn", required=True, as_text=True, width=12, example="48",
           hint="Mã đơn vị hành chính nơi thường trú (từ 1/7/2025 là xã, phường, đặc "
                "khu), hoặc tên kèm huyện cũ hay tỉnh sau dấu phẩy: Xã Tam Thanh, Núi Thành"),
    Column("phone", "Số điện thoại", "phone", as_text=True, width=14, example="0900000000"),
    Column("policy_groups", "Đối tượng chính sách", "groups", choices=_values(PolicyGroup),
           width=22, vocabulary="policy_group",
           example=label("policy_group", "poor_household") + "; "
                   + label("policy_group", "land_recovered"),
           hint="Các giá trị cách nhau bởi dấu chấm phẩy (;); có thể bỏ trống"),
    Column("market_code", "Thị trường", required=True, width=14, example="Nhật Bản",
           aliases=("Mã thị trường",),
           hint="Tên nước như trong danh sách (Nhật Bản, Hàn Quốc) hoặc mã quốc gia 2 chữ cái "
                "(ISO 3166-1): JP, KR, TW, DE"),
    Column("programme", "Chương trình", "enum", choices=_values(Programme), width=12,
           vocabulary="programme", example=Programme.TITP.value),
    Column("occupation", "Ngành nghề", required=True, width=22, example="Chế biến thực phẩm"),
    Column("employer_name", "Chủ sử dụng lao động", width=24, example="Example Foods K.K."),
    Column("contract_months", "Thời hạn hợp đồng (tháng)", "int", required=True, width=12,
           example=36, hint="Số tháng, từ 1 đến 120"),
    Column("monthly_salary", "Lương tháng", "decimal", required=True, width=12, example=180000,
           hint="Lương tháng theo hợp đồng, bằng loại tiền ở cột Loại tiền lương; dấu chấm "
                "ngăn cách hàng nghìn, dấu phẩy trước phần thập phân: 180.000 hoặc 2.500,50"),
    Column("salary_currency", "Loại tiền lương", required=True, width=10, example="JPY",
           hint="Mã tiền tệ ISO 4217, ví dụ JPY, KRW, TWD, EUR, VND"),
    Column("service_fee_vnd", "Tiền dịch vụ (VND)", "vnd", width=14, example=30000000,
           hint=_VND_HINT),
    Column("deposit_vnd", "Tiền ký quỹ (VND)", "vnd", width=14, example=0, hint=_VND_HINT),
    Column("loan_vnd", "Tiền vay (VND)", "vnd", width=14, hint=_VND_HINT),
    Column("status", "Trạng thái", "enum", choices=_values(Status), width=16,
           vocabulary="status", example=label("status", Status.registered),
           hint="Để trống là " + label("status", Status.registered)),
    Column("registered_on", "Ngày đăng ký", "date", required=True, as_text=True, width=12,
           example="2025-01-15", hint=_DATE_HINT),
    Column("departure_date", "Ngày xuất cảnh", "date", as_text=True, width=12,
           hint=_DATE_HINT + "; bắt buộc từ trạng thái " + label("status", Status.departed)
                + " trở đi"),
    Column("return_date", "Ngày về nước", "date", as_text=True, width=12,
           hint=_DATE_HINT + "; bắt buộc khi trạng thái là " + label("status", Status.returned)
                + " hoặc " + label("status", Status.returned_early)),
    Column("contract_signed_on", "Ngày ký hợp đồng", "date", as_text=True, width=12,
           hint=_DATE_HINT + "; mức trần phí và tỷ giá tính theo ngày này (để trống: ngày "
                "xuất cảnh, nếu chưa có thì ngày đăng ký)"),
    Column("recruitment_notice_id", "ID thông báo tuyển dụng", "int", width=14,
           hint="Số ID thông báo tuyển dụng đã được Sở xác nhận mà người lao động được tuyển "
                "theo; có thể bỏ trống"),
    Column("notes", "Ghi chú", width=30, example="Dòng ví dụ, xoá trước khi nhập"),
)  # fmt: skip


# What the export adds and the system sets, with the headings of a labelled export: an export
# re-imports, so these are accepted as headers and their cells ignored.
READ_ONLY_LABELS = {
    "id": "ID hồ sơ",
    "home_area_name": "Tên địa bàn",
    "home_area_today": "Địa bàn hiện nay",
    "flags": "Cảnh báo",
    "version": "Phiên bản",
    "created_at": "Thời điểm tạo",
    "updated_at": "Thời điểm cập nhật",
}
READ_ONLY_FIELDS = tuple(READ_ONLY_LABELS)
# The home unit's name and today's unit(s) holding its territory come with every export.
EXPORT_FIELDS = (
    "id",
    *(c.name for c in COLUMNS),
    "home_area_name",
    "home_area_today",
    "flags",
    "version",
    "created_at",
    "updated_at",
)


# Left out of the exports of roles that see masked personal data (sensitive data).
MASKED_OUT = frozenset({"policy_groups"})


def export_fields(principal: Principal) -> tuple[str, ...]:
    if reading.masks_pii(principal):
        return tuple(name for name in EXPORT_FIELDS if name not in MASKED_OUT)
    return EXPORT_FIELDS


def header_key(text: str) -> str:
    """Headers match whatever the case, spacing, underscores and Unicode form."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return "".join(ch for ch in folded if not ch.isspace() and ch != "_")


BY_HEADER: dict[str, Column] = {
    header_key(written): c for c in COLUMNS for written in (c.name, c.label, *c.aliases)
}


IGNORED_HEADERS = frozenset(
    header_key(written) for item in READ_ONLY_LABELS.items() for written in item
)


# The heading of each exported field in a labelled export (the template's, for its columns).
HEADINGS: dict[str, str] = {c.name: c.label for c in COLUMNS} | READ_ONLY_LABELS


# A spreadsheet runs a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")


_DMY_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


OMIT = object()


class CellError(ValueError):
    """A cell the import cannot read as its column's kind; `code` and `params` as in an error
    item (docs/errors.md)."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.fault = fault(code, message, **params)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    # The export writes '= for a cell starting with =; take the quote off again.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _choice(column: Column, text: str) -> str:
    code = choices.code_of(column.vocabulary, column.choices, text)
    if code is not None:
        return code
    allowed = choices.labels(column.vocabulary, column.choices)
    raise CellError(
        "unknown_label",
        f"'{text}' is not one of: {choices.described(column.vocabulary, column.choices)}",
        value=text,
        allowed=allowed,
    )


def _agency(value: Any) -> int | str:
    """An enterprise's id as a number; its name or licence number as text (files.names)."""
    text = _text(value)
    if _is_number(value) or text.isdigit():
        return int(_number(value, integer=True))
    return text


def _national_id(value: Any) -> str:
    digits = str(int(value)) if _is_number(value) else _text(value)
    # Every 12-digit number starts with a province code 001-096, so a spreadsheet that took
    # it for a quantity dropped one or two leading zeros (and Excel writes a CSV the same
    # way). A legacy 9-digit number read as a number lost its leading zero too.
    if digits.isdigit():
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
        elif _is_number(value) and len(digits) < 9:
            digits = digits.zfill(9)
    return digits


def _phone(value: Any) -> str:
    digits = str(int(value)) if _is_number(value) else _text(value)
    # A Vietnamese number has 10 digits starting with 0; read as a number it lost the 0.
    if digits.isdigit() and len(digits) == 9:
        digits = "0" + digits
    return digits


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if _is_number(value) and 1 <= value < 2958466:
        # A date cell whose format was cleared keeps Excel's day number.
        return from_excel(value).date().isoformat()  # type: ignore[no-any-return]
    text = _text(value)
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY_DATE.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise CellError(
            "date_parsing", f"'{text}' is not a date; write YYYY-MM-DD or DD/MM/YYYY", value=text
        )
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise CellError(
            "date_invalid", f"'{text}' is not a valid date ({exc})", value=text
        ) from exc


def _number(value: Any, *, integer: bool) -> int | Decimal:
    """An amount or count: a number cell as it is, typed text by the rule of core.numbers."""
    if not _is_number(value):
        try:
            return parse_number(_text(value), integer=integer)
        except NumberError as exc:
            raise CellError(exc.code, str(exc), value=exc.text) from exc
    shown = _text(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError("number_parsing", f"'{shown}' is not a number", value=shown)
    if integer and isinstance(value, float) and not value.is_integer():
        raise CellError("int_from_float", f"'{shown}' must be a whole number", value=shown)
    if value < 0:
        raise CellError("negative", f"'{shown}' must not be negative", value=shown)
    if integer:
        return int(value)
    # repr is the shortest text that reads back as the same float: 1234.5, not 1234.4999…
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _groups(column: Column, value: Any) -> list[str]:
    parts = re.split(r"[;,]", _text(value))
    return [_choice(column, p.strip()) for p in parts if p.strip()]


def read_cell(column: Column, value: Any) -> Any:
    """A cell as the batch item shape wants it; `OMIT` for an empty one (the field's
    default applies: null, or `registered`, or no groups; a required field is reported)."""
    if blank(value):
        return OMIT
    if isinstance(value, str) and "\x00" in value:
        raise CellError("nul_character", "must not contain NUL characters")
    match column.kind:
        case "enum":
            return _choice(column, _text(value))
        case "agency":
            return _agency(value)
        case "national_id":
            return _national_id(value)
        case "phone":
            return _phone(value)
        case "date":
            return _date(value)
        case "int" | "vnd" | "decimal":
            return _number(value, integer=column.kind != "decimal")
        case "groups":
            return _groups(column, value)
        case _:
            return _text(value)


def defuse(text: str) -> str:
    """A leading quote keeps a spreadsheet from running the cell as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
