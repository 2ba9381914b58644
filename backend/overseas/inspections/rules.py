"""The inspection's rules: its lifecycle, what an enterprise may see, and when a violation is
open or its remedy overdue (one definition, used by the lists, the compliance record and the
risk ranking)."""

from datetime import date
from typing import Any

from sqlalchemy import and_
from sqlmodel import col

from overseas.inspections.models import InspectionStatus, Violation

NEXT = {
    InspectionStatus.planned: InspectionStatus.in_progress,
    InspectionStatus.in_progress: InspectionStatus.concluded,
    InspectionStatus.concluded: InspectionStatus.closed,
}
# An enterprise sees its inspections once the findings are final.
VISIBLE_TO_AGENCY = (InspectionStatus.concluded, InspectionStatus.closed)


def open_violation() -> Any:
    """A violation whose remedy is neither done nor waived."""
    return and_(col(Violation.remedied_on).is_(None), col(Violation.waived).is_(False))


def overdue(on: date) -> Any:
    """An open violation whose remedy was due before `on`."""
    return and_(open_violation(), col(Violation.remedy_due) < on)
