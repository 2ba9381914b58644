"""Synthetic demo data: accounts of every role, enterprises with API clients, market records,
inspections, complaints and the enterprises' periodic reports.

Everything here is invented and labelled so ("dữ liệu mẫu"); none of it describes real people
or real enterprises. Loading twice adds nothing the second time.
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import update
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.auth.models import ApiClient, User
from overseas.complaints.demo import demo_complaints
from overseas.complaints.models import (
    Complaint,
)
from overseas.core.bulk import table_of
from overseas.core.db import get_engine, today
from overseas.core.principal import Role
from overseas.core.security import hash_secret
from overseas.core.text import DEMO_LABEL
from overseas.inspections.demo import demo_inspections
from overseas.inspections.models import (
    Inspection,
)
from overseas.markets.models import MarketRecord, RecordKind
from overseas.notices.demo import load_demo_notices
from overseas.notices.models import RecruitmentNotice
from overseas.obligations.demo import DemoFiler, load_filings
from overseas.placements import quota
from overseas.placements.demo import DISTRICTS, DemoAgencyRef, load_placements
from overseas.placements.models import Channel, Placement, Status
from overseas.targets.models import Target

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - synthetic demo accounts, printed by `make run`


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

# market, kind, title, value, unit, effective_on, public. Rates from 2022: placements are judged
# at the rate of their contract date (docs/law.md), so the years before 2026 need theirs.
RECORDS = [
    *(
        (
            market,
            RecordKind.wage,
            f"Tỷ giá quy đổi {unit[4:]} (mẫu)",
            value,
            unit,
            date(year, 1, 3),
            False,
        )
        for year, rates in {
            2022: (("JP", "180", "VND/JPY"), ("KR", "19", "VND/KRW"), ("TW", "820", "VND/TWD")),
            2024: (("JP", "165", "VND/JPY"), ("KR", "18", "VND/KRW"), ("TW", "780", "VND/TWD")),
        }.items()
        for market, value, unit in rates
    ),
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


REFERENCE = Path(__file__).resolve().parent / "data" / "reference"
# The demo spreads a 1,500 yearly quota over the districts in the proportions the province
# used for its 1,800 quota in 2020 (Decision 458/QĐ-UBND).
DEMO_QUOTA = 1500


def _targets() -> list[Target]:
    """The province's own plan (reference data), then the synthetic yearly district split."""
    with (REFERENCE / "targets_quang_nam.csv").open(encoding="utf-8") as f:
        plan = [
            Target(
                name=r["name"],
                area_code=r["area_code"],
                year_from=int(r["year_from"]),
                year_to=int(r["year_to"]),
                market_code=r["market_code"] or None,
                value=int(r["value"]),
                notes=r["source"],
            )
            for r in csv.DictReader(f)
        ]
    weights = DISTRICTS
    total = sum(weights.values())
    split = {code: round(DEMO_QUOTA * w / total) for code, w in weights.items()}
    # Rounding may miss the quota by a few: the largest district takes the difference.
    split[max(weights, key=lambda c: weights[c])] += DEMO_QUOTA - sum(split.values())
    for year in (2023, 2024, 2025):
        plan += [
            Target(
                name=f"Chỉ tiêu năm {year} {DEMO_LABEL}",
                area_code=code,
                year_from=year,
                year_to=year,
                value=value,
                notes="Phân bổ mẫu theo tỷ lệ Quyết định 458/QĐ-UBND năm 2020 (dữ liệu mẫu)",
            )
            for code, value in sorted(split.items())
        ]
    return plan


# How the two active demo enterprises kept their reporting deadlines (Circular 20/2021/TT-BLĐTBXH
# Art. 11(1), Circular 21/2021/TT-BLĐTBXH Art. 15): the first mostly on time, the second often
# late or not at all; month by month back from the second-to-last ended month.
FILERS = [
    ("agency1", ("on_time", "missing", "on_time", "late"), 4, "on_time"),
    ("agency2", ("on_time", "late", "missing", "late", "on_time", "missing", "late"), 9, "late"),
]


def _name_notices(session: Session, made: list[tuple[int, int]]) -> None:
    """Some of each enterprise's recent placements of the notice's market name it, and those
    past its quota are flagged (placements.quota)."""
    table = table_of(Placement)
    for notice_id, named in made:
        notice = session.get(RecruitmentNotice, notice_id)
        if notice is None or not named:
            continue
        ids = session.exec(
            select(Placement.id)
            .where(
                Placement.agency_id == notice.agency_id,
                Placement.market_code == notice.market_code,
                Placement.channel == Channel.service_enterprise,
                Placement.status != Status.cancelled,
                col(Placement.registered_on) >= notice.period_from,
                col(Placement.recruitment_notice_id).is_(None),
            )
            .order_by(col(Placement.registered_on), col(Placement.id))
            .limit(named)
        ).all()
        if ids:
            session.connection().execute(
                update(table)
                .where(table.c.id.in_(list(ids)))
                .values(recruitment_notice_id=notice_id)
            )
            quota.settle(session, [notice_id])


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
        for target in _targets():
            exists = session.exec(
                select(Target.id).where(
                    Target.area_code == target.area_code,
                    Target.year_from == target.year_from,
                    Target.year_to == target.year_to,
                    col(Target.market_code).is_(None),
                )
            ).first()
            if exists is None:
                session.add(target)
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
        if session.exec(select(Inspection.id)).first() is None:
            for inspection, violations in demo_inspections(agencies):
                session.add(inspection)
                session.flush()
                for violation in violations:
                    violation.inspection_id = inspection.id or 0
                    session.add(violation)
        load_filings(
            session,
            [
                DemoFiler(agency.id or 0, username, pattern, late_days, annual)
                for agency, (username, pattern, late_days, annual) in zip(
                    agencies, FILERS, strict=False
                )
            ],
            today(),
        )
        if session.exec(select(Complaint.id)).first() is None:
            led_to = session.exec(
                select(Inspection).where(Inspection.decision_no == "DEMO-02/QĐ-TTr")
            ).first()
            session.add_all(demo_complaints(agencies, led_to.id if led_to else None))
        fresh_notices: list[tuple[int, int]] = []
        if session.exec(select(RecruitmentNotice.id)).first() is None:
            fresh_notices = load_demo_notices(session, agencies)
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
            _name_notices(session, fresh_notices)
            session.commit()
