"""The streamed export of the registry as CSV (UTF-8 with BOM), XLSX or NDJSON; memory stays
flat with the number of rows, and every export is audited.

The rows are read a chunk at a time as plain records (files.rows) and each chunk is written at
once: a record is turned into the file's values in place, field by field, with no object per
row or per cell. By default the values are the API's (codes, ISO dates, UTC timestamps,
amounts as text); `labels=true` writes them for people (files.labelled)."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from decimal import Decimal
from enum import StrEnum
from operator import itemgetter
from typing import Any

from fastapi.responses import StreamingResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.db import today
from overseas.core.pii import mask_national_id
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.files import copying, labelled, rows, sheet
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
from overseas.placements.files.rows import (
    CREATED_AT,
    FIELD,
    FLAGS,
    HOME_AREA_NAME,
    HOME_AREA_TODAY,
    POLICY_GROUPS,
    UPDATED_AT,
    Home,
    Record,
    decimal_text,
    iso,
    utc_text,
)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    ndjson = "ndjson"


_SALARY = FIELD["monthly_salary"]
# The fields that hold text: written defused (columns.defuse) in a spreadsheet.
_TEXTS = (
    *(FIELD[c.name] for c in COLUMNS if c.kind in ("text", "enum", "national_id", "phone")),
    POLICY_GROUPS,
    HOME_AREA_NAME,
    HOME_AREA_TODAY,
    FLAGS,
)
_EXPORT_WIDTHS = {c.name: c.width for c in COLUMNS} | {"flags": 20, "created_at": 26}


def _coded(v: Record) -> Record:
    """The API's values in a spreadsheet: lists joined with ';', timestamps in UTC."""
    groups = v[POLICY_GROUPS]
    if groups is not None:
        v[POLICY_GROUPS] = ";".join(groups)
    home: Home = v[HOME_AREA_NAME]
    v[HOME_AREA_NAME] = home.name
    v[HOME_AREA_TODAY] = ";".join(home.today_codes)
    v[FLAGS] = ";".join(v[FLAGS])
    v[CREATED_AT] = utc_text(v[CREATED_AT])
    v[UPDATED_AT] = utc_text(v[UPDATED_AT])
    return v


def _coded_csv(v: Record) -> Record:
    _coded(v)
    v[_SALARY] = decimal_text(v[_SALARY])
    for i in _TEXTS:
        if v[i] is not None:
            v[i] = defuse(v[i])
    return v


def _coded_xlsx(v: Record) -> Record:
    # Dates stay dates (real date cells, sortable in Excel) and the amount a number.
    _coded(v)
    v[_SALARY] = Decimal(decimal_text(v[_SALARY]))
    for i in _TEXTS:
        text = v[i]
        if text is not None:
            if not text.isprintable():
                text = ILLEGAL_CHARACTERS_RE.sub("", text)
            v[i] = defuse(text)
    return v


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_f = FIELD


def _read_json(v: Record) -> str:
    """The placement as the API shows it (schemas.PlacementRead), as the API writes it."""
    home: Home = v[HOME_AREA_NAME]
    worker = {
        "national_id": v[_f["national_id"]],
        "previous_national_id": v[_f["previous_national_id"]],
        "full_name": v[_f["full_name"]],
        "date_of_birth": v[_f["date_of_birth"]].isoformat(),
        "sex": v[_f["sex"]],
        "home_area_code": v[_f["home_area_code"]],
        "home_area": home.read,
        "phone": v[_f["phone"]],
    }
    if v[POLICY_GROUPS] is not None:  # left out for the roles that see masked data
        worker["policy_groups"] = v[POLICY_GROUPS]
    return _JSON.encode(
        {
            "agency_id": v[_f["agency_id"]],
            "external_ref": v[_f["external_ref"]],
            "channel": v[_f["channel"]],
            "market_code": v[_f["market_code"]],
            "programme": v[_f["programme"]],
            "occupation": v[_f["occupation"]],
            "employer_name": v[_f["employer_name"]],
            "contract_months": v[_f["contract_months"]],
            "monthly_salary": decimal_text(v[_SALARY]),
            "salary_currency": v[_f["salary_currency"]],
            "service_fee_vnd": v[_f["service_fee_vnd"]],
            "deposit_vnd": v[_f["deposit_vnd"]],
            "loan_vnd": v[_f["loan_vnd"]],
            "status": v[_f["status"]],
            "registered_on": v[_f["registered_on"]].isoformat(),
            "departure_date": iso(v[_f["departure_date"]]),
            "return_date": iso(v[_f["return_date"]]),
            "contract_signed_on": iso(v[_f["contract_signed_on"]]),
            "notes": v[_f["notes"]],
            "recruitment_notice_id": v[_f["recruitment_notice_id"]],
            "id": v[_f["id"]],
            "worker": worker,
            "flags": v[FLAGS],
            "version": v[_f["version"]],
            "created_at": utc_text(v[CREATED_AT]),
            "updated_at": utc_text(v[UPDATED_AT]),
        }
    )


def _csv_chunks(
    header: Sequence[str], chunks: Iterable[Iterable[Sequence[Any]]]
) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    for chunk in chunks:
        writer.writerows(chunk)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _ndjson_chunks(chunks: Iterable[Iterable[str]]) -> Iterator[bytes]:
    for lines in chunks:
        yield "".join(f"{line}\n" for line in lines).encode()


def _xlsx_chunks(
    names: Sequence[str],
    header: Sequence[str],
    formats: Sequence[str | None],
    chunks: Iterable[Iterable[Sequence[Any]]],
) -> Iterator[bytes]:
    widths = [
        max(_EXPORT_WIDTHS.get(name, 0), len(heading) + 4)
        for name, heading in zip(names, header, strict=True)
    ]
    return sheet.workbook(header, widths, formats, chunks)


Rows = Callable[[Callable[[Record], Any]], Iterator[list[Any]]]


def _file(
    file_format: ExportFormat,
    bind: Engine | Connection,
    principal: Principal,
    filters: reading.PlacementFilters,
    names: Sequence[str],
    rows_as: Rows,
) -> Iterator[bytes]:
    """The field names and codes that scripts read and that import again."""
    if file_format == ExportFormat.csv and copying.supported(bind):
        return copying.csv_chunks(bind, principal, filters, names)
    if file_format == ExportFormat.ndjson:
        return _ndjson_chunks(rows_as(_read_json))
    pick = itemgetter(*(FIELD[name] for name in names))
    if file_format == ExportFormat.csv:
        return _csv_chunks(names, rows_as(lambda v: pick(_coded_csv(v))))
    return _xlsx_chunks(names, names, [None] * len(names), rows_as(lambda v: pick(_coded_xlsx(v))))


def _labelled(
    file_format: ExportFormat, bind: Engine | Connection, names: Sequence[str], rows_as: Rows
) -> Iterator[bytes]:
    """Vietnamese headings and values, for people (files.labelled)."""
    with Session(bind) as session:
        known = labelled.Names.load(session)
    header = labelled.headings(names)
    pick = itemgetter(*(FIELD[name] for name in names))
    if file_format == ExportFormat.ndjson:
        yield from _ndjson_chunks(
            rows_as(lambda v: labelled.json_line(header, pick(labelled.json_row(known.words(v)))))
        )
    elif file_format == ExportFormat.csv:
        yield from _csv_chunks(header, rows_as(lambda v: pick(labelled.csv_row(known.words(v)))))
    else:
        formats = labelled.number_formats(names)
        chunks = rows_as(lambda v: pick(labelled.xlsx_row(known.words(v))))
        yield from _xlsx_chunks(names, header, formats, chunks)


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

    def rows_as(row: Callable[[Record], Any]) -> Iterator[list[Any]]:
        for chunk in rows.chunks(bind, principal, filters):
            yield [row(v) for v in chunk]

    names = export_fields(principal)
    if labels:
        chunks = _labelled(file_format, bind, names, rows_as)
    else:
        chunks = _file(file_format, bind, principal, filters, names, rows_as)
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
