"""Synthetic demo inspections (`overseas demo load`): invented and labelled so."""

from datetime import date, timedelta

from overseas.agencies.models import Agency
from overseas.inspections.models import (
    Category,
    Inspection,
    InspectionStatus,
    Kind,
    Result,
    Violation,
)


def demo_inspections(agencies: list[Agency]) -> list[tuple[Inspection, list[Violation]]]:
    """A closed inspection with a remedied violation, a concluded one with a remedy now
    overdue, a compliant one and a planned one (all synthetic)."""
    first, second, third = agencies
    ago = date.today() - timedelta(days=400)
    return [
        (
            Inspection(
                agency_id=first.id or 0, kind=Kind.scheduled, decision_no="DEMO-01/QĐ-TTr",
                decision_date=date(2024, 3, 1), scope_from=date(2023, 1, 1),
                scope_to=date(2023, 12, 31), lead_inspector="Thanh tra viên (mẫu)",
                status=InspectionStatus.closed, planned_on=date(2024, 3, 10),
                started_on=date(2024, 3, 11), concluded_on=date(2024, 4, 5),
                closed_on=date(2024, 6, 20), result=Result.violations,
                summary="Kiểm tra định kỳ (dữ liệu mẫu).",
            ),
            [
                Violation(
                    inspection_id=0, category=Category.late_or_missing_report,
                    description="Báo cáo xuất cảnh chậm (mẫu).",
                    legal_basis="Nghị định 12/2022/NĐ-CP, Điều 40", fine_vnd=10_000_000,
                    remedy="Bổ sung báo cáo", remedy_due=date(2024, 5, 5),
                    remedied_on=date(2024, 5, 2),
                )
            ],
        ),
        (
            Inspection(
                agency_id=second.id or 0, kind=Kind.complaint, decision_no="DEMO-02/QĐ-TTr",
                decision_date=ago, lead_inspector="Thanh tra viên (mẫu)",
                status=InspectionStatus.concluded, planned_on=ago,
                started_on=ago + timedelta(days=3), concluded_on=ago + timedelta(days=30),
                result=Result.violations, summary="Kiểm tra theo khiếu nại (dữ liệu mẫu).",
            ),
            [
                Violation(
                    inspection_id=0, category=Category.fee_above_cap,
                    description="Thu tiền dịch vụ vượt mức trần của 3 người lao động (mẫu).",
                    legal_basis="Nghị định 12/2022/NĐ-CP, Điều 41", fine_vnd=50_000_000,
                    remedy="Hoàn trả phần thu vượt cho người lao động",
                    remedy_due=ago + timedelta(days=90),
                )
            ],
        ),
        (
            Inspection(
                agency_id=third.id or 0, kind=Kind.scheduled, decision_no="DEMO-03/QĐ-TTr",
                decision_date=date(2022, 9, 1), status=InspectionStatus.closed,
                started_on=date(2022, 9, 5), concluded_on=date(2022, 9, 30),
                closed_on=date(2022, 10, 1), result=Result.compliant,
                summary="Không phát hiện vi phạm (dữ liệu mẫu).",
            ),
            [],
        ),
        (
            Inspection(
                agency_id=first.id or 0, kind=Kind.scheduled, decision_no="DEMO-04/QĐ-TTr",
                lead_inspector="Thanh tra viên (mẫu)", planned_on=date.today() + timedelta(days=30),
                summary="Kế hoạch kiểm tra năm sau (dữ liệu mẫu).",
            ),
            [],
        ),
    ]  # fmt: skip
