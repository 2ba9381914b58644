"""API shapes for the annual report."""

from datetime import date, datetime

from pydantic import BaseModel

from overseas.core.types import Ratio


class ReportLine(BaseModel):
    key: str
    label: str
    count: int


# Departures of the year against its target.
class DepartureSummary(BaseModel):
    total: int
    target: int | None
    percent: Ratio | None


# Workers who came back, came back early or stayed on, by the day it happened.
class ReturnSummary(BaseModel):
    returned: int
    returned_early: int
    overstayed: int


# Inspections of enterprises concluded during the year, their violations and fines.
class InspectionSummary(BaseModel):
    concluded: int
    with_violations: int
    by_kind: list[ReportLine]
    violations: int
    by_category: list[ReportLine]
    fines_vnd: int


# The provincial annual report on workers going abroad under contract.
class AnnualReport(BaseModel):
    year: int
    area_code: str
    area_name: str
    period_from: date
    period_to: date
    generated_at: datetime
    departures: DepartureSummary
    by_market: list[ReportLine]
    by_sex: list[ReportLine]
    by_channel: list[ReportLine]
    by_policy_group: list[ReportLine]
    by_area: list[ReportLine]
    returns: ReturnSummary
    inspections: InspectionSummary
