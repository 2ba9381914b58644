"""API shapes for the annual report."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from overseas.core.types import Ratio

# The annual report's period: 15 December of the year before to 14 December (Decree
# 09/2019/NĐ-CP Art. 12), or the calendar year.
ReportPeriod = Literal["statutory", "calendar"]


class ReportLine(BaseModel):
    key: str
    label: str
    count: int


# Departures by today's commune; `key` null on the line of records coded above commune level.
class CommuneLine(BaseModel):
    key: str | None
    label: str
    count: int


# A multi-year plan covering the year (the former Quảng Nam's 2023-2030 plan keeps counting
# in the city's report): its cumulative progress, the departures on its territory from
# 1 January of its first year through the last day of the report's period.
class PlanProgress(BaseModel):
    area_code: str
    area_name: str
    year_from: int
    year_to: int
    target: int
    actual: int = Field(description="Departures from counted_from through counted_to")
    percent: Ratio | None
    name: str
    counted_from: date
    counted_to: date
    in_period: int = Field(description="Departures on the plan's territory in the period")
    remaining: int = Field(description="Departures still needed to reach the target (0 or more)")


# Departures of the period against the year's target.
class DepartureSummary(BaseModel):
    total: int
    target: int | None
    percent: Ratio | None


# Workers who came back, came back early or stayed on, by the day it happened in the period.
class ReturnSummary(BaseModel):
    returned: int
    returned_early: int
    overstayed: int


# Inspections of enterprises concluded during the period, their violations and fines.
class InspectionSummary(BaseModel):
    concluded: int
    with_violations: int
    by_kind: list[ReportLine]
    violations: int
    by_category: list[ReportLine]
    fines_vnd: int


# Reports of one kind that enterprises owed with a due date in the period: `due` is every
# one, split into received on time, received late, missing (the deadline passed) and upcoming
# (not received, the deadline still ahead on `judged_on`).
class DutyLine(BaseModel):
    key: str
    label: str
    due: int
    on_time: int
    late: int
    missing: int
    upcoming: int


# An enterprise with reports received late or still missing.
class EnterpriseDuties(BaseModel):
    agency_id: int
    agency_name: str
    licence_no: str
    due: int
    on_time: int
    late: int
    missing: int
    upcoming: int


# The enterprises' reports (docs/api.md, "The annual report"): the annual report and each
# month's changes whose due date falls in the period, as judged on `judged_on`.
class EnterpriseReports(BaseModel):
    judged_on: date
    due: int
    on_time: int
    late: int
    missing: int
    upcoming: int
    percent_on_time: Ratio | None = Field(
        description="Percent received on time of the reports received or past their deadline"
    )
    by_kind: list[DutyLine]
    enterprises: list[EnterpriseDuties]


# The provincial annual report on workers going abroad under contract.
class AnnualReport(BaseModel):
    year: int
    area_code: str
    area_name: str
    period: ReportPeriod
    period_from: date
    period_to: date
    generated_at: datetime
    departures: DepartureSummary
    by_market: list[ReportLine]
    by_sex: list[ReportLine]
    by_channel: list[ReportLine]
    by_policy_group: list[ReportLine]
    by_area: list[ReportLine]
    by_commune: list[CommuneLine]
    plans: list[PlanProgress]
    former_province_plans: list[PlanProgress] = Field(
        description="The plans of the provinces the area took over (the former Quảng Nam's "
        "in the city's report), also listed in `plans`"
    )
    returns: ReturnSummary
    inspections: InspectionSummary
    enterprise_reports: EnterpriseReports


# How a commune's workers fared abroad: departures, contracts that ended early, overstays.
class CommuneRisk(BaseModel):
    code: str | None
    name: str
    departed: int
    finished: int
    returned_early: int
    overstayed: int
    early_return_rate: Ratio | None
    overstay_rate: Ratio | None


class CommuneRisks(BaseModel):
    area_code: str
    departed_from: date | None
    departed_to: date | None
    rows: list[CommuneRisk]
