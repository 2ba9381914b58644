"""Synthetic demo complaints (`overseas demo load`): the complainants' particulars invented and
labelled so."""

from datetime import date, timedelta

from overseas.agencies.models import Agency
from overseas.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
)


def demo_complaints(agencies: list[Agency], inspection_id: int | None) -> list[Complaint]:
    """The complaint that led to the demo inspection of kind `complaint`, one still open, one
    referred elsewhere and one about an unlicensed broker (all synthetic, the complainants'
    particulars invented and labelled so)."""
    first, second, third = agencies
    ago = date.today() - timedelta(days=400)
    led = Complaint(
        agency_id=second.id, received_on=ago - timedelta(days=12),
        source=ComplaintSource.worker, category=ComplaintCategory.fees,
        summary="Người lao động phản ánh bị thu tiền dịch vụ cao hơn hợp đồng (dữ liệu mẫu).",
        complainant_name="Người phản ánh (mẫu)", complainant_phone="0900000001",
    )  # fmt: skip
    if inspection_id is not None:
        led.inspection_id = inspection_id
        led.status = ComplaintStatus.resolved
        led.substantiated = True
        led.resolved_on = ago + timedelta(days=30)
        led.outcome = "Kết luận thanh tra xác định thu vượt mức trần (dữ liệu mẫu)."
    return [
        led,
        Complaint(
            agency_id=first.id, received_on=date.today() - timedelta(days=9),
            source=ComplaintSource.family, category=ComplaintCategory.documents,
            summary="Gia đình phản ánh doanh nghiệp giữ hộ chiếu của người lao động (dữ liệu mẫu).",
            complainant_name="Người thân người lao động (mẫu)", complainant_phone="0900000002",
            complainant_address="Thôn Mẫu, xã Đại Lộc (địa chỉ mẫu)", area_code="20506",
        ),
        Complaint(
            agency_id=third.id, received_on=date.today() - timedelta(days=200),
            source=ComplaintSource.press, category=ComplaintCategory.contract,
            summary="Báo chí phản ánh hợp đồng không đúng mẫu (dữ liệu mẫu).",
            status=ComplaintStatus.referred, resolved_on=date.today() - timedelta(days=150),
            outcome="Chuyển cơ quan có thẩm quyền giải quyết (dữ liệu mẫu).",
        ),
        Complaint(
            received_on=date.today() - timedelta(days=3), source=ComplaintSource.commune,
            category=ComplaintCategory.fees, area_code="20506",
            summary="Ủy ban nhân dân xã báo có người môi giới thu tiền không có giấy phép "
            "(dữ liệu mẫu).",
        ),
    ]  # fmt: skip


# enterprise index, market, occupation, quota, communes, the department's answer, how many of
# the enterprise's recent placements of that market name it (more than the quota: over_quota)
