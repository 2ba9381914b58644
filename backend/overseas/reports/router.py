"""HTTP layer for reports."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.reports import service
from overseas.reports.auth import ReportReader
from overseas.reports.schemas import AnnualReport
from overseas.targets.schemas import YEAR_MAX, YEAR_MIN

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/annual",
    response_model=AnnualReport,
    responses={
        **problem_responses(401, 403, 422),
        200: {"content": {XLSX: {}}, "description": "The report (JSON or XLSX)"},
    },
)
def annual_report(
    session: SessionDep,
    _p: ReportReader,
    year: Annotated[int, Query(ge=YEAR_MIN, le=YEAR_MAX)],
    format: Literal["json", "xlsx"] = "json",
) -> Response:
    """The provincial annual report: departures by market, sex, channel, policy group and
    area against the year's target; returns, early returns and overstays; inspections
    concluded, violations and fines."""
    report = service.annual_report(session, year)
    if format == "xlsx":
        return Response(
            service.annual_workbook(report),
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="bao-cao-nam-{year}.xlsx"'},
        )
    return Response(report.model_dump_json(), media_type="application/json")
