"""The streamed export of the registry as CSV (UTF-8 with BOM), XLSX or NDJSON; memory stays
flat with the number of rows, and every export is audited."""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any

from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from overseas.areas import catalog
from overseas.audit import service as audit
from overseas.core.db import today
from overseas.core.pii import mask_national_id
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.files import labelled
from overseas.placements.files.columns import (
    BOM,
    CHUNK_BYTES,
    COLUMNS,
    CSV_MEDIA_TYPE,
    NDJSON_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    attachment,
    defuse,
    export_fields,
)
from overseas.placements.schemas import PlacementRead


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    ndjson = "ndjson"


_DATE_FIELDS = frozenset(c.name for c in COLUMNS if c.kind == "date")


def _export_values(read: PlacementRead, names: Sequence[str]) -> list[Any]:
    """The API's JSON values (dates ISO, timestamps in UTC, money as text), lists joined."""
    flat = read.model_dump(mode="json", exclude={"worker"}) | read.worker.model_dump(mode="json")
    home = read.worker.home_area
    flat["home_area_name"] = home.name
    flat["home_area_today"] = [u.code for u in home.today]
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
        places = catalog.load(session)
        for placement in reading.iter_placements(session, principal, filters):
            yield reading.to_read(placement, principal, places)


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _ndjson_chunks(lines: Iterable[bytes]) -> Iterator[bytes]:
    buffer = bytearray()
    for line in lines:
        buffer += line + b"\n"
        if len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer)
            buffer.clear()
    yield bytes(buffer)


_EXPORT_WIDTHS = {c.name: c.width for c in COLUMNS} | {"flags": 20, "created_at": 26}


def _stream_file(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK_BYTES):
        yield chunk


# A cell's value and its number format (None: the default).
XlsxCell = tuple[Any, str | None]


def _xlsx_chunks(
    names: Sequence[str], header: Sequence[str], rows: Iterable[Sequence[XlsxCell]]
) -> Iterator[bytes]:
    # A zip cannot be sent before it is complete: rows go to a write-only workbook (which
    # keeps them on disk, not in memory) in a temporary file, and the file is then streamed.
    with tempfile.TemporaryFile() as spool:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("placements")
        for position, (name, heading) in enumerate(zip(names, header, strict=True), start=1):
            width = max(_EXPORT_WIDTHS.get(name, 0), len(heading) + 4)
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "A2"
        head = []
        for heading in header:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font = Font(bold=True)
            head.append(cell)
        sheet.append(head)
        for row in rows:
            cells: list[Any] = []
            for value, number_format in row:
                if number_format is None:
                    cells.append(value)
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
            sheet.append(cells)
        book.save(spool)
        yield from _stream_file(spool)


def _coded(
    file_format: ExportFormat, reads: Iterable[PlacementRead], names: Sequence[str]
) -> Iterator[bytes]:
    """The field names and codes that scripts read and that import again."""
    if file_format == ExportFormat.ndjson:
        return _ndjson_chunks(read.model_dump_json().encode() for read in reads)
    values = (_export_values(read, names) for read in reads)
    if file_format == ExportFormat.csv:
        return _csv_chunks(names, ([_csv_cell(v) for v in row] for row in values))
    cells = ([(_xlsx_cell(n, v), None) for n, v in zip(names, row, strict=True)] for row in values)
    return _xlsx_chunks(names, names, cells)


def _labelled(
    file_format: ExportFormat,
    bind: Engine | Connection,
    reads: Iterable[PlacementRead],
    names: Sequence[str],
) -> Iterator[bytes]:
    """Vietnamese headings and values, for people (files.labelled)."""
    with Session(bind) as session:
        known = labelled.Names.load(session)
    values = (known.values(read, names) for read in reads)
    header = labelled.headings(names)
    if file_format == ExportFormat.ndjson:
        yield from _ndjson_chunks(
            json.dumps(
                {h: labelled.json_value(v) for h, v in zip(header, row, strict=True)},
                ensure_ascii=False,
            ).encode()
            for row in values
        )
    elif file_format == ExportFormat.csv:
        rows = (
            [labelled.csv_cell(n, v) for n, v in zip(names, row, strict=True)] for row in values
        )
        yield from _csv_chunks(header, rows)
    else:
        cells = (
            [labelled.xlsx_cell(n, v) for n, v in zip(names, row, strict=True)] for row in values
        )
        yield from _xlsx_chunks(names, header, cells)


_MEDIA_TYPES = {
    ExportFormat.csv: CSV_MEDIA_TYPE,
    ExportFormat.xlsx: XLSX_MEDIA_TYPE,
    ExportFormat.ndjson: NDJSON_MEDIA_TYPE,
}


def export_response(
    bind: Engine | Connection,
    principal: Principal,
    filters: reading.PlacementFilters,
    file_format: ExportFormat,
    *,
    labels: bool = False,
) -> StreamingResponse:
    """The matching placements as a streamed download; memory stays flat with the count."""
    reads = _reads(bind, principal, filters)
    names = export_fields(principal)
    if labels:
        chunks = _labelled(file_format, bind, reads, names)
    else:
        chunks = _coded(file_format, reads, names)
    filename = f"placements-{today().isoformat()}.{file_format.value}"
    return StreamingResponse(
        chunks, media_type=_MEDIA_TYPES[file_format], headers=attachment(filename)
    )


def audit_export(
    session: Session,
    principal: Principal,
    file_format: ExportFormat,
    filters: reading.PlacementFilters,
    *,
    labels: bool = False,
) -> None:
    """Every export of personal data leaves one audit row naming its format and filters."""
    reading.check_filters(principal, filters)
    chosen = {
        f.name: str(getattr(filters, f.name))
        for f in fields(filters)
        if getattr(filters, f.name) not in (None, False)
    }
    if chosen.get("q", "").isdigit():
        chosen["q"] = mask_national_id(chosen["q"])  # the audit never holds a full ID
    audit.record(
        session,
        "read_pii",
        "placements",
        "export",
        {"format": file_format.value, "labels": labels, "filters": chosen},
    )
