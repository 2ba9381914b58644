"""The streamed export of the registry as CSV (UTF-8 with BOM), XLSX or NDJSON; memory stays
flat with the number of rows, and every export is audited."""

import csv
import io
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
        headers=attachment(filename),
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
        if getattr(filters, f.name) not in (None, False)
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
