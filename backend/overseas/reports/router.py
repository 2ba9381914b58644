"""HTTP layer for reports."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.reports import communes, service, workbook
from overseas.reports.auth import ReportReader
from overseas.reports.schemas import AnnualReport, CommuneRisks, ReportPeriod
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
    area_code: Annotated[
        str | None, Query(max_length=10, description="Default: the city (today's province)")
    ] = None,
    period: Annotated[
        ReportPeriod,
        Query(
            description="statutory: 15 December of the year before to 14 December (Decree "
            "09/2019/NĐ-CP Art. 12); calendar: 1 January to 31 December"
        ),
    ] = "statutory",
) -> Response:
    """The annual report of an area (the city by default) for the year's period (by default
    the statutory one, 15 Dec of the year before to 14 Dec; `period=calendar` for the calendar
    year; `period_from` and `period_to` say which days): departures by market, sex, channel,
    policy group, the unit recorded and today's commune against the year's target; the
    multi-year plans covering the year with their cumulative progress, the former province's
    as a section of its own; returns, early returns and overstays; inspections concluded,
    violations and fines; the enterprises' reports due in the period, received on time, late
    or missing."""
    report = service.annual_report(session, year, area_code, period)
    if format == "xlsx":
        name = workbook.workbook_name(report)
        return Response(
            workbook.annual_workbook(report),
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return Response(report.model_dump_json(), media_type="application/json")


@router.get("/communes", response_model=CommuneRisks, responses=problem_responses(401, 403, 422))
def commune_risks(
    session: SessionDep,
    _p: ReportReader,
    area_code: Annotated[
        str | None, Query(max_length=10, description="Default: the city (today's province)")
    ] = None,
    departed_from: date | None = None,
    departed_to: date | None = None,
) -> CommuneRisks:
    """Early returns and overstays by today's commune (EPS restricts recruitment from
    localities whose workers overstay): for the workers who departed in the span, by their
    current status; a last row (`code` null) for records not allocated to a commune."""
    return communes.commune_risks(session, area_code, departed_from, departed_to)
