"""Synthetic demo data: accounts of every role, enterprises with API clients, market records.

Everything here is invented and labelled so ("dữ liệu mẫu"); none of it describes real people
or real enterprises. Loading twice adds nothing the second time.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.auth.models import ApiClient, Role, User
from overseas.core.db import get_engine
from overseas.core.security import hash_secret
from overseas.markets.models import MarketRecord, RecordKind
from overseas.placements.demo import DemoAgencyRef, load_placements

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - synthetic demo accounts, printed by `make run`
DEMO_LABEL = "(dữ liệu mẫu)"


@dataclass(frozen=True)
class DemoAgency:
    licence_no: str
    name: str
    tax_code: str
    status: AgencyStatus
    issued: date
    address: str


AGENCIES = [
    DemoAgency(
        "DEMO-001/LĐTBXH-GP",
        f"Công ty TNHH Nhân lực Sông Thu {DEMO_LABEL}",
        "0400000001",
        AgencyStatus.active,
        date(2021, 3, 15),
        "Số 1 đường Mẫu, Tam Kỳ (địa chỉ mẫu)",
    ),
    DemoAgency(
        "DEMO-002/LĐTBXH-GP",
        f"Công ty CP Cung ứng lao động Hội An {DEMO_LABEL}",
        "0400000002",
        AgencyStatus.active,
        date(2022, 7, 1),
        "Số 2 đường Mẫu, Hội An (địa chỉ mẫu)",
    ),
    DemoAgency(
        "DEMO-003/LĐTBXH-GP",
        f"Công ty TNHH Xuất khẩu lao động Trường Hải {DEMO_LABEL}",
        "0400000003-001",
        AgencyStatus.suspended,
        date(2019, 11, 20),
        "Số 3 đường Mẫu, Núi Thành (địa chỉ mẫu)",
    ),
]

# username, role, full name, index into AGENCIES for enterprise accounts
USERS = [
    ("admin", Role.admin, "Quản trị hệ thống (mẫu)", None),
    ("officer", Role.officer, "Chuyên viên Sở Nội vụ (mẫu)", None),
    ("inspector", Role.inspector, "Thanh tra viên (mẫu)", None),
    ("viewer", Role.viewer, "Người xem số liệu (mẫu)", None),
    ("agency1", Role.agency, "Nhân viên doanh nghiệp 1 (mẫu)", 0),
    ("agency2", Role.agency, "Nhân viên doanh nghiệp 2 (mẫu)", 1),
]

# market, kind, title, value, unit, effective_on, public
RECORDS = [
    ("JP", RecordKind.wage, "Tỷ giá quy đổi JPY (mẫu)", "170", "VND/JPY", date(2026, 1, 2), False),
    ("KR", RecordKind.wage, "Tỷ giá quy đổi KRW (mẫu)", "18.5", "VND/KRW", date(2026, 1, 2), False),
    ("TW", RecordKind.wage, "Tỷ giá quy đổi TWD (mẫu)", "800", "VND/TWD", date(2026, 1, 2), False),
    (
        "DE",
        RecordKind.wage,
        "Tỷ giá quy đổi EUR (mẫu)",
        "28000",
        "VND/EUR",
        date(2026, 1, 2),
        False,
    ),
    (
        "JP",
        RecordKind.demand,
        "Nhu cầu thực tập sinh ngành chế biến thực phẩm (mẫu)",
        "300",
        "người",
        date(2026, 3, 1),
        True,
    ),
    (
        "KR",
        RecordKind.policy,
        "Kỳ thi tiếng Hàn EPS-TOPIK đợt 1 (mẫu)",
        None,
        None,
        date(2026, 4, 15),
        True,
    ),
    (
        "DE",
        RecordKind.opportunity,
        "Chương trình điều dưỡng viên (mẫu)",
        "50",
        "người",
        date(2026, 5, 1),
        True,
    ),
    (
        "TW",
        RecordKind.warning,
        "Cảnh báo môi giới thu phí trái phép (mẫu)",
        None,
        None,
        date(2026, 6, 10),
        True,
    ),
]


def _client_secret(username: str) -> str:
    return f"demo-secret-{username}-2026"


def demo_logins() -> list[str]:
    """The demo accounts and API clients, one line each."""
    lines = [f"  {username:<10} {DEMO_PASSWORD}  ({role.value})" for username, role, *_ in USERS]
    lines += [f"  API client demo-agency{i}  secret {_client_secret(f'agency{i}')}" for i in (1, 2)]
    return lines


def load_demo(placements: int = 0) -> None:
    """Load the demo data; what exists already is left as it is. `placements` synthetic
    placements are added on top of those already loaded."""
    with Session(get_engine()) as session:
        session.info["actor"] = "demo"
        agencies: list[Agency] = []
        for spec in AGENCIES:
            agency = session.exec(
                select(Agency).where(Agency.licence_no == spec.licence_no)
            ).first()
            if agency is None:
                agency = Agency(
                    licence_no=spec.licence_no,
                    name=spec.name,
                    tax_code=spec.tax_code,
                    status=spec.status,
                    licence_issued_on=spec.issued,
                    address=spec.address,
                )
                session.add(agency)
                session.flush()
            agencies.append(agency)
        password_hash = hash_secret(DEMO_PASSWORD)
        for username, role, full_name, agency_index in USERS:
            agency_id = agencies[agency_index].id if agency_index is not None else None
            if session.exec(select(User).where(User.username == username)).first() is None:
                session.add(
                    User(
                        username=username,
                        full_name=full_name,
                        role=role,
                        agency_id=agency_id,
                        password_hash=password_hash,
                    )
                )
        for index, agency in enumerate(agencies[:2], start=1):
            client_id = f"demo-agency{index}"
            if (
                session.exec(select(ApiClient).where(ApiClient.client_id == client_id)).first()
                is None
            ):
                session.add(
                    ApiClient(
                        name=f"Hệ thống doanh nghiệp {index} (mẫu)",
                        role=Role.agency,
                        agency_id=agency.id,
                        client_id=client_id,
                        secret_hash=hash_secret(_client_secret(f"agency{index}")),
                    )
                )
        if session.exec(select(MarketRecord).where(MarketRecord.source == "demo")).first() is None:
            for market, kind, title, value, unit, effective_on, public in RECORDS:
                session.add(
                    MarketRecord(
                        market_code=market,
                        kind=kind,
                        title=title,
                        body="Dữ liệu mẫu để trình diễn hệ thống; không phải thông tin thật.",
                        value=Decimal(value) if value is not None else None,
                        unit=unit,
                        effective_on=effective_on,
                        source="demo",
                        public=public,
                    )
                )
        session.commit()
        if placements:
            refs = [
                DemoAgencyRef(
                    id=a.id,  # type: ignore[arg-type]
                    active_since=a.licence_issued_on or date(2019, 1, 1),
                    active_until=date(2024, 12, 31) if a.status != AgencyStatus.active else None,
                )
                for a in agencies
            ]
            load_placements(session, refs, placements)
