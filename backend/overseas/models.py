"""Every table, imported in one place for Alembic and the tests."""

from sqlmodel import SQLModel

from overseas.agencies.models import Agency
from overseas.areas.models import Area
from overseas.audit.models import AuditLog
from overseas.auth.models import ApiClient, LoginThrottle, User
from overseas.inspections.models import Inspection, Violation
from overseas.law.models import (
    DepositCapRule,
    FeeCapRule,
    SanctionPower,
    ViolationType,
    WorkingDay,
)
from overseas.markets.models import Market, MarketRecord
from overseas.notices.models import RecruitmentNotice, RecruitmentNoticeArea
from overseas.obligations.models import AgencyReport, AgencyReportFile
from overseas.placements.models import DepartureTally, Placement, PlacementEvent, Worker
from overseas.system.models import IdempotencyKey
from overseas.targets.models import Target

metadata = SQLModel.metadata

__all__ = [
    "Agency",
    "AgencyReport",
    "AgencyReportFile",
    "ApiClient",
    "Area",
    "AuditLog",
    "DepartureTally",
    "DepositCapRule",
    "FeeCapRule",
    "IdempotencyKey",
    "Inspection",
    "LoginThrottle",
    "Market",
    "MarketRecord",
    "Placement",
    "PlacementEvent",
    "RecruitmentNotice",
    "RecruitmentNoticeArea",
    "SanctionPower",
    "Target",
    "User",
    "Violation",
    "ViolationType",
    "Worker",
    "WorkingDay",
    "metadata",
]
