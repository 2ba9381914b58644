"""Placements as files: the CSV/XLSX import, its template, and the streamed export.

The import turns each spreadsheet row into the batch item shape and hands the lot to
`service.upsert`, so a file is checked and written exactly like a batch (all or nothing).
Uploads are untrusted: the size is capped, an XLSX's declared unpacked size is checked before
openpyxl opens it, and openpyxl parses its XML with defusedxml (a project dependency).
"""

import contextlib
import csv
import io
import math
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any, Literal

from fastapi import UploadFile
from fastapi.responses import Response, StreamingResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.config import get_settings
from overseas.core.db import today
from overseas.core.errors import AppError, FieldError, ValidationFailed
from overseas.core.numbers import NumberError, parse_number
from overseas.core.pii import mask_national_id
from overseas.core.principal import Principal
from overseas.placements import reading, record, service
from overseas.placements.models import Channel, PolicyGroup, Programme, Sex, Status
from overseas.placements.schemas import MAX_BATCH, BatchResult, PlacementRead

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
NDJSON_MEDIA_TYPE = "application/x-ndjson"
BOM = "\ufeff"
CHUNK_BYTES = 64 * 1024
# An XLSX is a zip of XML parts; a workbook of a few thousand rows unpacks to a few MiB. The
# declared sizes are checked before anything is unpacked, and Python's zipfile never inflates
# an entry past its declared size (the CRC check then fails), so this bounds the work.
XLSX_UNPACK_FACTOR = 10
XLSX_MAX_ENTRIES = 1000


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    ndjson = "ndjson"


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class PayloadTooLarge(AppError):
    status, code, title = 413, "payload_too_large", "Payload too large"


# The upload is not a CSV or XLSX file that can be read at all (no row was looked at).
class InvalidFile(ValidationFailed):
    code = "invalid_file"


# ---------------------------------------------------------------------------------- columns

Kind = Literal["text", "enum", "national_id", "phone", "date", "int", "vnd", "decimal", "groups"]


# One column of the template: the English field name (a worker's without `worker.`), the
# Vietnamese header, how its cells are read, and how the template shows it.
@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    # Formatted as text in the template, so Excel keeps leading zeros and dates as typed.
    as_text: bool = False
    width: int = 16
    example: str | int | None = None
    hint: str = ""


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


_DATE_HINT = "YYYY-MM-DD hoặc DD/MM/YYYY"
_VND_HINT = "Số tiền VND, số nguyên, ví dụ 30.000.000 hoặc 30000000; có thể bỏ trống"

COLUMNS: tuple[Column, ...] = (
    Column("external_ref", "Mã hồ sơ", required=True, as_text=True, example="VD-0001",
           hint="Mã hồ sơ của doanh nghiệp, không trùng; nhập lại cùng mã để cập nhật hồ sơ"),
    Column("agency_id", "ID doanh nghiệp", "int", width=14,
           hint="Số ID doanh nghiệp trong hệ thống; tài khoản doanh nghiệp để trống (tự điền)"),
    Column("channel", "Hình thức", "enum", required=True, choices=_values(Channel), width=20,
           example=Channel.service_enterprise.value),
    Column("national_id", "Số định danh cá nhân", "national_id", required=True, as_text=True,
           width=18, example="048095000001",
           hint="12 chữ số (hoặc CMND cũ 9 chữ số); ghi dạng văn bản để giữ số 0 ở đầu"),
    Column("full_name", "Họ và tên", required=True, width=24, example="Nguyễn Văn Mẫu"),
    Column("date_of_birth", "Ngày sinh", "date", required=True, as_text=True, width=12,
           example="1995-04-02", hint=_DATE_HINT),
    Column("sex", "Giới tính", "enum", required=True, choices=_values(Sex), width=10,
           example="Nam", hint="Nam hoặc Nữ (hoặc male, female)"),
    Column("home_area_code", "Mã địa bàn", required=True, as_text=True, width=12, example="48",
           hint="Mã đơn vị hành chính nơi thường trú"),
    Column("phone", "Số điện thoại", "phone", as_text=True, width=14, example="0900000000"),
    Column("policy_groups", "Đối tượng chính sách", "groups", choices=_values(PolicyGroup),
           width=22, example="poor_household;ethnic_minority",
           hint="Các giá trị cách nhau bởi dấu chấm phẩy (;); có thể bỏ trống"),
    Column("market_code", "Mã thị trường", required=True, width=12, example="JP",
           hint="Mã quốc gia 2 chữ cái (ISO 3166-1), ví dụ JP, KR, TW, DE"),
    Column("programme", "Chương trình", "enum", choices=_values(Programme), width=12,
           example=Programme.TITP.value),
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
    Column("status", "Trạng thái", "enum", choices=_values(Status), width=14,
           example=Status.registered.value, hint="Để trống là registered"),
    Column("registered_on", "Ngày đăng ký", "date", required=True, as_text=True, width=12,
           example="2025-01-15", hint=_DATE_HINT),
    Column("departure_date", "Ngày xuất cảnh", "date", as_text=True, width=12,
           hint=_DATE_HINT + "; bắt buộc từ trạng thái departed trở đi"),
    Column("return_date", "Ngày về nước", "date", as_text=True, width=12,
           hint=_DATE_HINT + "; bắt buộc khi trạng thái là returned hoặc returned_early"),
    Column("notes", "Ghi chú", width=30, example="Dòng ví dụ, xoá trước khi nhập"),
)  # fmt: skip

# What the export adds and the system sets: an export re-imports, so these are accepted as
# headers and their cells ignored.
READ_ONLY_FIELDS = ("id", "flags", "version", "created_at", "updated_at")
EXPORT_FIELDS = ("id", *(c.name for c in COLUMNS), "flags", "version", "created_at", "updated_at")
# Left out of the exports of roles that see masked personal data (sensitive data).
MASKED_OUT = frozenset({"policy_groups"})


def export_fields(principal: Principal) -> tuple[str, ...]:
    if reading.masks_pii(principal):
        return tuple(name for name in EXPORT_FIELDS if name not in MASKED_OUT)
    return EXPORT_FIELDS


def _header_key(text: str) -> str:
    """Headers match whatever the case, spacing, underscores and Unicode form."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return "".join(ch for ch in folded if not ch.isspace() and ch != "_")


_BY_HEADER: dict[str, Column] = {
    key: c for c in COLUMNS for key in (_header_key(c.name), _header_key(c.label))
}
_IGNORED_HEADERS = frozenset(_header_key(name) for name in READ_ONLY_FIELDS)


# ---------------------------------------------------------------------------------- cells

# A spreadsheet runs a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SEX_WORDS = {"nam": Sex.male.value, "nữ": Sex.female.value, "nu": Sex.female.value}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DMY_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_OMIT = object()


class CellError(ValueError):
    """A cell the import cannot read as its column's kind."""


def _blank(value: Any) -> bool:
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


def _fold(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold()


def _choice(column: Column, value: Any) -> str:
    text = _text(value)
    if column.name == "sex" and _fold(text) in _SEX_WORDS:
        return _SEX_WORDS[_fold(text)]
    for choice in column.choices:
        if _fold(choice) == _fold(text):
            return choice
    return text  # the schema names the allowed values


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
        raise CellError(f"'{text}' is not a date; write YYYY-MM-DD or DD/MM/YYYY")
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise CellError(f"'{text}' is not a valid date ({exc})") from exc


def _number(value: Any, *, integer: bool) -> int | Decimal:
    """An amount or count: a number cell as it is, typed text by the rule of core.numbers."""
    if not _is_number(value):
        try:
            return parse_number(_text(value), integer=integer)
        except NumberError as exc:
            raise CellError(str(exc)) from exc
    shown = _text(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(f"'{shown}' is not a number")
    if integer and isinstance(value, float) and not value.is_integer():
        raise CellError(f"'{shown}' must be a whole number")
    if value < 0:
        raise CellError(f"'{shown}' must not be negative")
    if integer:
        return int(value)
    # repr is the shortest text that reads back as the same float: 1234.5, not 1234.4999…
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _groups(column: Column, value: Any) -> list[str]:
    parts = re.split(r"[;,]", _text(value))
    return [_choice(column, p) for p in parts if p.strip()]


def read_cell(column: Column, value: Any) -> Any:
    """A cell as the batch item shape wants it; `_OMIT` for an empty one (the field's
    default applies: null, or `registered`, or no groups; a required field is reported)."""
    if _blank(value):
        return _OMIT
    if isinstance(value, str) and "\x00" in value:
        raise CellError("must not contain NUL characters")
    match column.kind:
        case "enum":
            return _choice(column, value)
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


# ---------------------------------------------------------------------------------- reading


@dataclass
class ParsedFile:
    """The rows of a file as batch items, with each one's spreadsheet row."""

    items: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


def _limit_text(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MiB ({limit:,} bytes)" if limit % mib == 0 else f"{limit:,} bytes"


def _upload_bytes(upload: UploadFile, limit: int) -> bytes:
    size = upload.size
    if size is None:
        upload.file.seek(0, io.SEEK_END)
        size = upload.file.tell()
    if size > limit:
        raise PayloadTooLarge(f"the file is {size:,} bytes; the limit is {_limit_text(limit)}")
    upload.file.seek(0)
    return upload.file.read(limit + 1)


def _header(cells: Sequence[Any]) -> tuple[list[Column | None], set[int]]:
    """The column of each position (None: ignored) and the positions without a header."""
    columns: list[Column | None] = []
    unnamed: set[int] = set()
    seen: dict[str, str] = {}
    unknown: list[str] = []
    repeated: list[tuple[str, str]] = []  # (as written, the first header of that column)
    for position, cell in enumerate(cells):
        written = "" if cell is None else str(cell).strip()
        key = _header_key(written)
        column = _BY_HEADER.get(key)
        columns.append(column)
        if not written:
            unnamed.add(position)
        elif column is None:
            if key not in _IGNORED_HEADERS:
                unknown.append(written)
        elif column.name in seen:
            repeated.append((written, seen[column.name]))
        else:
            seen[column.name] = written
    missing = [c for c in COLUMNS if c.required and c.name not in seen]
    if not (unknown or repeated or missing):
        return columns, unnamed
    errors = [
        FieldError(
            field=w, message="unknown column; use the template's headers or the field names", row=1
        )
        for w in unknown
    ]
    errors += [
        FieldError(field=w, message=f"the same column as '{first}'", row=1) for w, first in repeated
    ]
    errors += [
        FieldError(
            field=c.name, message=f"required column missing (template header '{c.label}')", row=1
        )
        for c in missing
    ]
    parts = [
        f"{label}: {', '.join(names)}"
        for label, names in (
            ("unknown columns", unknown),
            ("repeated columns", [w for w, _ in repeated]),
            ("missing columns", [c.name for c in missing]),
        )
        if names
    ]
    raise ValidationFailed("; ".join(parts), errors=errors)


def _item(
    columns: Sequence[Column | None],
    unnamed: set[int],
    cells: Sequence[Any],
    index: int,
    row: int,
    errors: list[FieldError],
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    worker: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for position, value in enumerate(cells):
        if position >= len(columns) or position in unnamed:
            if not _blank(value):
                problems.append(
                    (f"column {get_column_letter(position + 1)}", "has a value but no header")
                )
            continue
        column = columns[position]
        if column is None:
            continue
        try:
            converted = read_cell(column, value)
        except CellError as exc:
            problems.append((record.api_field(column.name), str(exc)))
            continue
        if converted is not _OMIT:
            (worker if column.name in record.WORKER_FIELDS else item)[column.name] = converted
    item["worker"] = worker
    ref = item.get("external_ref")
    for field_name, message in problems:
        errors.append(
            FieldError(
                field=field_name,
                message=message,
                index=index,
                external_ref=str(ref) if ref is not None else None,
                row=row,
            )
        )
    return item


def _records(rows: Iterable[Sequence[Any]]) -> ParsedFile:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(c) for c in header):
        raise InvalidFile.one("file", "the first row must be the header row")
    columns, unnamed = _header(header)
    parsed = ParsedFile()
    for row, cells in enumerate(iterator, start=2):
        if all(_blank(c) for c in cells):
            continue
        if len(parsed.items) == MAX_BATCH:
            raise ValidationFailed.one("file", f"at most {MAX_BATCH} data rows in one file")
        item = _item(columns, unnamed, cells, len(parsed.items), row, parsed.errors)
        parsed.items.append(item)
        parsed.rows.append(row)
    if not parsed.items:
        raise ValidationFailed.one("file", "no data rows under the header")
    return parsed


def _csv_rows(data: bytes) -> Generator[list[str], None, None]:
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte order mark; other tools do not.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidFile.one(
            "file", "the CSV is not UTF-8 text; save it as 'CSV UTF-8' or use the .xlsx template"
        ) from exc
    # Excel writes ";" where the decimal mark is a comma (as in Vietnamese settings).
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise InvalidFile.one("file", f"line {reader.line_num} is not valid CSV: {exc}") from exc


def _check_archive(data: bytes, limit: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InvalidFile.one("file", "not a readable .xlsx workbook") from exc
    if len(entries) > XLSX_MAX_ENTRIES:
        raise InvalidFile.one("file", f"the workbook has more than {XLSX_MAX_ENTRIES} parts")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > limit:
        raise PayloadTooLarge(
            f"the workbook unpacks to {unpacked:,} bytes; the limit is {_limit_text(limit)}"
        )


def _xlsx_rows(data: bytes, unpack_limit: int) -> Generator[Sequence[Any], None, None]:
    _check_archive(data, unpack_limit)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged file
        raise InvalidFile.one("file", "not a readable .xlsx workbook") from exc
    try:
        if not book.worksheets:
            raise InvalidFile.one("file", "the workbook has no worksheet")
        sheet = book.worksheets[0]
        # The stored dimensions may be wrong (some tools write none); read what is there.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet part
                raise InvalidFile.one("file", "the first worksheet cannot be read") from exc
            yield row
    finally:
        book.close()


def _kind_of(upload: UploadFile, head: bytes) -> Literal["csv", "xlsx"]:
    name = (upload.filename or "").lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidFile.one(
            "file",
            "an old .xls or a password-protected workbook; save it as .xlsx without a password "
            "or as CSV UTF-8",
        )
    if name.endswith(".xlsx"):
        raise InvalidFile.one("file", "not a readable .xlsx workbook")
    if name.endswith((".csv", ".txt")) or "." not in name:
        return "csv"
    raise InvalidFile.one("file", "expected a .csv or .xlsx file")


def read_upload(upload: UploadFile) -> ParsedFile:
    """The data rows of an uploaded CSV or XLSX file; the header is row 1."""
    limit = get_settings().import_max_bytes
    data = _upload_bytes(upload, limit)
    if not data:
        raise InvalidFile.one("file", "the file is empty")
    if _kind_of(upload, data[:8]) == "xlsx":
        rows: Generator[Sequence[Any], None, None] = _xlsx_rows(data, limit * XLSX_UNPACK_FACTOR)
    else:
        rows = _csv_rows(data)
    with contextlib.closing(rows):
        return _records(rows)


def import_file(
    session: Session, principal: Principal, upload: UploadFile, *, dry_run: bool
) -> BatchResult:
    """Create or update the file's placements, all or nothing, as a batch would."""
    parsed = read_upload(upload)
    if not parsed.errors:
        return service.upsert(session, principal, parsed.items, dry_run=dry_run, rows=parsed.rows)
    # Cells the import could not read: report them with every other problem, write nothing.
    errors = list(parsed.errors)
    try:
        service.upsert(session, principal, parsed.items, dry_run=True, rows=parsed.rows)
    except ValidationFailed as exc:
        mine = {(e.index, e.field) for e in errors}
        errors += [e for e in exc.errors or [] if (e.index, e.field) not in mine]
    errors.sort(key=lambda e: (e.index or 0, e.field))
    bad = len({e.index for e in errors})
    raise ValidationFailed(
        f"{bad} of {len(parsed.items)} rows are invalid; nothing was written", errors=errors
    )


# ---------------------------------------------------------------------------------- writing


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def defuse(text: str) -> str:
    """A leading quote keeps a spreadsheet from running the cell as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


_DATE_FIELDS = frozenset(c.name for c in COLUMNS if c.kind == "date")


def _export_values(read: PlacementRead, names: Sequence[str]) -> list[Any]:
    """The API's JSON values (dates ISO, timestamps in UTC, money as text), lists joined."""
    flat = read.model_dump(mode="json", exclude={"worker"}) | read.worker.model_dump(mode="json")
    return [";".join(flat[name]) if isinstance(flat[name], list) else flat[name] for name in names]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    return defuse(value) if isinstance(value, str) else str(value)


def _xlsx_cell(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _DATE_FIELDS:
        return date.fromisoformat(value)  # a real date cell, sortable in Excel
    if name == "monthly_salary":
        return Decimal(value)
    if isinstance(value, str):
        return defuse(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _reads(
    bind: Engine | Connection, principal: Principal, filters: reading.PlacementFilters
) -> Iterator[PlacementRead]:
    # The request's session has committed and closed before a streamed body is sent, so the
    # rows are read with a session of their own (a read-only transaction).
    with Session(bind) as session:
        for placement in reading.iter_placements(session, principal, filters):
            yield reading.to_read(placement, principal)


def _csv_chunks(reads: Iterable[PlacementRead], names: Sequence[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(names)
    for read in reads:
        writer.writerow([_csv_cell(v) for v in _export_values(read, names)])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _ndjson_chunks(reads: Iterable[PlacementRead], _names: Sequence[str]) -> Iterator[bytes]:
    buffer = bytearray()
    for read in reads:
        buffer += read.model_dump_json().encode() + b"\n"
        if len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer)
            buffer.clear()
    yield bytes(buffer)


_EXPORT_WIDTHS = {c.name: c.width for c in COLUMNS} | {"flags": 20, "created_at": 26}


def _stream_file(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK_BYTES):
        yield chunk


def _xlsx_chunks(reads: Iterable[PlacementRead], names: Sequence[str]) -> Iterator[bytes]:
    # A zip cannot be sent before it is complete: rows go to a write-only workbook (which
    # keeps them on disk, not in memory) in a temporary file, and the file is then streamed.
    with tempfile.TemporaryFile() as spool:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("placements")
        for position, name in enumerate(names, start=1):
            width = _EXPORT_WIDTHS.get(name, len(name) + 4)
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for read in reads:
            values = _export_values(read, names)
            sheet.append([_xlsx_cell(n, v) for n, v in zip(names, values, strict=True)])
        book.save(spool)
        yield from _stream_file(spool)


def export_response(
    bind: Engine | Connection,
    principal: Principal,
    filters: reading.PlacementFilters,
    file_format: ExportFormat,
) -> StreamingResponse:
    """The matching placements as a streamed download; memory stays flat with the count."""
    reads = _reads(bind, principal, filters)
    chunks, media_type = {
        ExportFormat.csv: (_csv_chunks, CSV_MEDIA_TYPE),
        ExportFormat.xlsx: (_xlsx_chunks, XLSX_MEDIA_TYPE),
        ExportFormat.ndjson: (_ndjson_chunks, NDJSON_MEDIA_TYPE),
    }[file_format]
    filename = f"placements-{today().isoformat()}.{file_format.value}"
    return StreamingResponse(
        chunks(reads, export_fields(principal)),
        media_type=media_type,
        headers=_attachment(filename),
    )


def audit_export(
    session: Session,
    principal: Principal,
    file_format: ExportFormat,
    filters: reading.PlacementFilters,
) -> None:
    """Every export of personal data leaves one audit row naming its format and filters."""
    reading.check_filters(principal, filters)
    chosen = {
        f.name: str(getattr(filters, f.name))
        for f in fields(filters)
        if getattr(filters, f.name) is not None
    }
    if chosen.get("q", "").isdigit():
        chosen["q"] = mask_national_id(chosen["q"])  # the audit never holds a full ID
    audit.record(
        session,
        "read_pii",
        "placements",
        "export",
        {"format": file_format.value, "filters": chosen},
    )


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
        return Response(_template_csv(), media_type=CSV_MEDIA_TYPE, headers=_attachment(filename))
    return Response(_template_xlsx(), media_type=XLSX_MEDIA_TYPE, headers=_attachment(filename))
