"""Importing a CSV or XLSX file of placements: each row becomes a batch item and the lot goes
through `service.upsert`, so a file is checked and written exactly like a batch (all or
nothing). Uploads are untrusted: the size is capped, an XLSX's declared unpacked size is
checked before openpyxl opens it, and openpyxl parses its XML with defusedxml."""

import contextlib
import csv
import io
import zipfile
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import UploadFile
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from overseas.areas import catalog
from overseas.core.config import get_settings
from overseas.core.errors import AppError, Fault, FieldError, ValidationFailed, fault
from overseas.core.principal import Principal
from overseas.placements import record, service
from overseas.placements.files import homes, names
from overseas.placements.files.columns import (
    BY_HEADER,
    COLUMNS,
    IGNORED_HEADERS,
    OMIT,
    CellError,
    Column,
    blank,
    header_key,
    read_cell,
)
from overseas.placements.schemas import MAX_BATCH, BatchResult

# An XLSX is a zip of XML parts; a workbook of a few thousand rows unpacks to a few MiB. The
# declared sizes are checked before anything is unpacked, and Python's zipfile never inflates
# an entry past its declared size (the CRC check then fails), so this bounds the work.
XLSX_UNPACK_FACTOR = 10


XLSX_MAX_ENTRIES = 1000


class PayloadTooLarge(AppError):
    status, code, title = 413, "payload_too_large", "Payload too large"


# The upload is not a CSV or XLSX file that can be read at all (no row was looked at).
class InvalidFile(ValidationFailed):
    code = "invalid_file"

    @classmethod
    def one(
        cls, field: str, message: str, code: str = "file_unreadable", params: Any = None
    ) -> "ValidationFailed":
        return super().one(field, message, code, params)


NO_HEADER = fault("no_header", "has a value but no header")


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
        key = header_key(written)
        column = BY_HEADER.get(key)
        columns.append(column)
        if not written:
            unnamed.add(position)
        elif column is None:
            if key not in IGNORED_HEADERS:
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
            field=w,
            code="unknown_column",
            message="unknown column; use the template's headers or the field names",
            row=1,
        )
        for w in unknown
    ]
    errors += [
        FieldError(
            field=w,
            code="repeated_column",
            params={"first": first},
            message=f"the same column as '{first}'",
            row=1,
        )
        for w, first in repeated
    ]
    errors += [
        FieldError(
            field=c.name,
            code="missing_column",
            params={"label": c.label},
            message=f"required column missing (template header '{c.label}')",
            row=1,
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
    problems: list[tuple[str, Fault]] = []
    for position, value in enumerate(cells):
        if position >= len(columns) or position in unnamed:
            if not blank(value):
                problems.append((f"column {get_column_letter(position + 1)}", NO_HEADER))
            continue
        column = columns[position]
        if column is None:
            continue
        try:
            converted = read_cell(column, value)
        except CellError as exc:
            problems.append((record.api_field(column.name), exc.fault))
            continue
        if converted is not OMIT:
            (worker if column.name in record.WORKER_FIELDS else item)[column.name] = converted
    item["worker"] = worker
    ref = item.get("external_ref")
    for field_name, said in problems:
        errors.append(
            FieldError.at(
                field_name,
                said,
                index=index,
                external_ref=str(ref) if ref is not None else None,
                row=row,
            )
        )
    return item


def _records(rows: Iterable[Sequence[Any]]) -> ParsedFile:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(blank(c) for c in header):
        raise InvalidFile.one("file", "the first row must be the header row", "no_header_row")
    columns, unnamed = _header(header)
    parsed = ParsedFile()
    for row, cells in enumerate(iterator, start=2):
        if all(blank(c) for c in cells):
            continue
        if len(parsed.items) == MAX_BATCH:
            message = f"at most {MAX_BATCH} data rows in one file"
            raise ValidationFailed.one("file", message, "too_many_rows", {"max": MAX_BATCH})
        item = _item(columns, unnamed, cells, len(parsed.items), row, parsed.errors)
        parsed.items.append(item)
        parsed.rows.append(row)
    if not parsed.items:
        raise ValidationFailed.one("file", "no data rows under the header", "no_rows")
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
    raise InvalidFile.one(
        "file", "expected a .csv or .xlsx file", "file_type", {"accepted": ".csv, .xlsx"}
    )


def read_upload(upload: UploadFile) -> ParsedFile:
    """The data rows of an uploaded CSV or XLSX file; the header is row 1."""
    limit = get_settings().import_max_bytes
    data = _upload_bytes(upload, limit)
    if not data:
        raise InvalidFile.one("file", "the file is empty", "file_empty")
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
    homes.resolve(catalog.load(session), parsed.items, parsed.rows, parsed.errors)
    names.resolve(session, principal, parsed.items, parsed.rows, parsed.errors)
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
