"""Synthetic demo recruitment notices (`overseas demo load`), filed and answered through the
notices' own rules; invented and labelled so."""

from datetime import timedelta

from sqlmodel import Session

from overseas.agencies.models import Agency
from overseas.core.db import today
from overseas.core.principal import Principal, Role
from overseas.core.text import DEMO_LABEL
from overseas.notices import service as notices
from overseas.notices.models import NoticeStatus
from overseas.notices.schemas import NoticeCreate, NoticeUpdate

NOTICES = [
    (0, "JP", "Chế biến thực phẩm", 12, ["20500", "20506"], NoticeStatus.acknowledged, 15),
    (0, "KR", "Nông nghiệp", 30, ["48"], NoticeStatus.submitted, 0),
    (1, "TW", "Lắp ráp linh kiện điện tử", 40, ["20242", "20500"], NoticeStatus.acknowledged, 10),
    (1, "JP", "Điều dưỡng", 5, ["20506"], NoticeStatus.rejected, 0),
]
DEMO_OFFICER = Principal(kind="user", id=0, username="demo", role=Role.officer, agency_id=None)


def load_demo_notices(session: Session, agencies: list[Agency]) -> list[tuple[int, int]]:
    """The demo notices, filed and answered through the notices' own rules; (notice id, how
    many placements to name it)."""
    start, end = today() - timedelta(days=120), today() + timedelta(days=240)
    made: list[tuple[int, int]] = []
    for n, (index, market, occupation, size, areas, status, named) in enumerate(NOTICES, 1):
        data = NoticeCreate.model_validate(
            {
                "agency_id": agencies[index].id,
                "market_code": market,
                "occupation": f"{occupation} {DEMO_LABEL}",
                "quota": size,
                "approved_contract_no": f"DEMO-{n:02d}/HĐCU (mẫu)",
                "period_from": start.isoformat(),
                "period_to": end.isoformat(),
                "area_codes": areas,
            }
        )
        notice = notices.create(session, DEMO_OFFICER, data)
        if status != NoticeStatus.submitted:
            answer: dict[str, str] = {"status": status.value}
            if status == NoticeStatus.rejected:
                answer["rejection_reason"] = "Hợp đồng cung ứng chưa được chấp thuận (mẫu)"
            notices.update(session, DEMO_OFFICER, notice, NoticeUpdate.model_validate(answer))
        assert notice.id is not None
        made.append((notice.id, named))
    return made
