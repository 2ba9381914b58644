"""Every table, imported in one place for Alembic and the tests."""

from sqlmodel import SQLModel

from overseas.agencies.models import Agency
from overseas.areas.models import Area
from overseas.audit.models import AuditLog
from overseas.auth.models import ApiClient, LoginThrottle, User
from overseas.complaints.models import Complaint
from overseas.inspections.models import (
    CheckRecord,
    Inspection,
    InspectionFile,
    InspectionFileContent,
    Remedy,
    SanctionDecision,
    Violation,
)
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
    "CheckRecord",
    "Complaint",
    "DepartureTally",
    "DepositCapRule",
    "FeeCapRule",
    "IdempotencyKey",
    "Inspection",
    "InspectionFile",
    "InspectionFileContent",
    "LoginThrottle",
    "Market",
    "MarketRecord",
    "Placement",
    "PlacementEvent",
    "RecruitmentNotice",
    "RecruitmentNoticeArea",
    "Remedy",
    "SanctionDecision",
    "SanctionPower",
    "Target",
    "User",
    "Violation",
    "ViolationType",
    "Worker",
    "WorkingDay",
    "metadata",
]
