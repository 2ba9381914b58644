"""HTTP layer for enterprises' reports: `GET /reports/obligations` and
`/agencies/{id}/reports`."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from overseas.core import uploads as files
from overseas.core.db import SessionDep, today
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id, Timestamp
from overseas.obligations import service
from overseas.obligations.auth import DutyReader, ReportFiler
from overseas.obligations.models import ReportKind
from overseas.obligations.rules import DutyStatus
from overseas.obligations.schemas import FiledReport, Obligation, ReportFiling, ReportRead
from overseas.system.idempotency import IdempotencyDep
from overseas.targets.schemas import YEAR_MAX, YEAR_MIN

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])
agency_router = APIRouter(prefix="/api/v1/agencies/{agency_id}/reports", tags=["reports"])

OnDay = Annotated[
    date | None,
    Query(description="The day statuses are judged on (Vietnam); default today"),
]


@router.get(
    "/obligations", response_model=Page[Obligation], responses=problem_responses(401, 403, 422)
)
def list_obligations(
    session: SessionDep,
    principal: DutyReader,
    page: PageDep,
    year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    agency_id: Id | None = None,
    status: DutyStatus | None = None,
    kind: ReportKind | None = None,
    on: OnDay = None,
) -> Page[Obligation]:
    """The reports each enterprise owes for the year (default this year) whose period has
    begun: the annual report (15 Dec-14 Dec, due 19 Dec, Circular 21/2021 Art. 15) and each
    month's changes (due the 20th of the next month, Circular 20/2021 Art. 11(1)), for every
    active enterprise not marked `reports_elsewhere`; by due date."""
    day = on or today()
    items, cursor, total = service.obligations(
        session,
        principal,
        page,
        year=year or day.year,
        on=day,
        agency_id=agency_id,
        status=status,
        kind=kind,
    )
    return Page(items=items, next_cursor=cursor, total=total)


class _Received(BaseModel):
    received_at: Timestamp | None = None


@dataclass(frozen=True)
class FilingInput:
    """A filing read from a JSON body or a multipart form (fields and an optional `file`)."""

    filing: ReportFiling
    received_at: datetime | None
    attachment: service.Attachment | None


async def read_filing(request: Request) -> FilingInput:
    content_type = request.headers.get("content-type", "").lower()
    attachment = None
    try:
        if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
            form = await request.form()
            raw: dict[str, Any] = {}
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    if name != "file":
                        raise RequestValidationError(
                            [{"loc": (name,), "msg": "unknown file field", "type": "extra"}]
                        )
                    content = await value.read(files.MAX_FILE_BYTES + 1)
                    name_of = files.safe_name(value.filename)
                    attachment = service.Attachment(
                        name_of, files.media_type(name_of, content), content
                    )
                elif name == "figures":
                    raw["figures"] = _json_field("figures", value)
                else:
                    raw[name] = value
        else:
            body = await request.json()
            if not isinstance(body, dict):
                raise RequestValidationError(
                    [{"loc": ("body",), "msg": "must be a JSON object", "type": "dict_type"}]
                )
            raw = dict(body)
        received = _Received.model_validate({"received_at": raw.pop("received_at", None)})
        filing = ReportFiling.model_validate(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc
    except ValueError as exc:  # not JSON at all
        raise RequestValidationError(
            [
                {
                    "loc": ("body",),
                    "msg": "not valid JSON",
                    "type": "json_invalid",
                    "ctx": {"error": str(exc)},
                }
            ]
        ) from exc
    return FilingInput(filing=filing, received_at=received.received_at, attachment=attachment)


def _json_field(name: str, value: str) -> Any:
    try:
        return json.loads(value) if value.strip() else {}
    except ValueError as exc:
        raise RequestValidationError(
            [{"loc": (name,), "msg": "must be a JSON object", "type": "dict_type"}]
        ) from exc


def _json_body() -> dict[str, Any]:
    """The JSON body's schema: the filing's fields and, for officers, `received_at`."""
    schema = ReportFiling.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    schema["properties"]["received_at"] = {
        "type": "string",
        "format": "date-time",
        "description": "Officers only: when a paper report was received",
    }
    return schema


_FILING_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _json_body()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["kind", "period_from", "period_to"],
                    "properties": {
                        "kind": {"type": "string", "enum": [k.value for k in ReportKind]},
                        "period_from": {"type": "string", "format": "date"},
                        "period_to": {"type": "string", "format": "date"},
                        "figures": {"type": "string", "description": "A JSON object"},
                        "received_at": {"type": "string", "format": "date-time"},
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": f"{files.ACCEPTED}, at most 10 MiB",
                        },
                    },
                }
            },
        },
    }
}


@agency_router.post(
    "",
    status_code=201,
    response_model=FiledReport,
    responses=problem_responses(401, 403, 404, 409, 413, 422),
    openapi_extra=_FILING_BODY,
)
def file_report(
    agency_id: Id,
    session: SessionDep,
    principal: ReportFiler,
    idem: IdempotencyDep,
    data: Annotated[FilingInput, Depends(read_filing)],
) -> Response:
    """File a report (JSON, or a multipart form with an optional signed scan or workbook);
    answers with the duty it settles. Filing again for the same period is an amendment: the
    earlier filing is kept and still decides whether the duty was met on time."""
    filed = service.file_report(
        session,
        principal,
        agency_id,
        data.filing,
        on=today(),
        received_at=data.received_at,
        attachment=data.attachment,
    )
    return idem.respond(
        filed, headers={"Location": f"/api/v1/agencies/{agency_id}/reports/{filed.id}"}
    )


@agency_router.get(
    "", response_model=Page[ReportRead], responses=problem_responses(401, 403, 404, 422)
)
def list_reports(
    agency_id: Id,
    session: SessionDep,
    principal: DutyReader,
    page: PageDep,
    kind: ReportKind | None = None,
    period_from: date | None = None,
) -> Page[ReportRead]:
    """An enterprise's filings, amendments included, newest first."""
    rows, cursor, total = service.list_reports(
        session, principal, agency_id, page, kind=kind, period_from=period_from
    )
    return Page(items=[ReportRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@agency_router.get(
    "/{report_id}", response_model=ReportRead, responses=problem_responses(401, 403, 404, 422)
)
def get_report(
    agency_id: Id, report_id: Id, session: SessionDep, principal: DutyReader
) -> ReportRead:
    """One filing."""
    return ReportRead.model_validate(service.get_report(session, principal, agency_id, report_id))


@agency_router.get(
    "/{report_id}/file",
    response_class=Response,
    responses={
        **problem_responses(401, 403, 404, 422),
        200: {
            "content": {
                m: {"schema": {"type": "string", "format": "binary"}} for m in files.MEDIA_TYPES
            },
            "description": "The attached file, of the type it was found to be when filed",
        },
    },
)
def download_report_file(
    agency_id: Id, report_id: Id, session: SessionDep, principal: DutyReader
) -> Response:
    """The file attached to a filing, as it was sent."""
    report = service.get_report(session, principal, agency_id, report_id)
    content = service.report_file(session, report)
    name = report.file_name or "bao-cao"
    return Response(
        content,
        media_type=report.file_type or "application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}",
            "Cache-Control": "private, no-store",
        },
    )
