"""The export's exact bytes, pinned: every format, coded and labelled, for an unmasked role, the
roles that see personal data masked and an enterprise, on rows that carry flags, lists, empty
values, dates, timestamps, amounts, Vietnamese text, control characters and cells a spreadsheet
would run as formulas. The expected files are tests/fixtures/export_golden.json; a deliberate
change of the export writes them again with OVERSEAS_WRITE_GOLDEN=1."""

import io
import json
import os
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.bulk import table_of
from overseas.core.principal import Role
from overseas.placements.files import copying, exporting, rows
from overseas.placements.models import Placement, PlacementEvent
from tests.factories import Factory
from tests.placement_data import national_id

GOLDEN = Path(__file__).parent / "fixtures" / "export_golden.json"
EXPORT = "/api/v1/placements/export"
AGENCY_ID = 990_001
ROLES = (Role.officer, Role.viewer, Role.admin, Role.agency)
FORMATS = ("csv", "xlsx", "ndjson")


def _at(
    year: int, month: int, day: int, hour: int, minute: int, second: int, micro: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


# Each placement as the registry writes it (placements.service), then its stored row set to
# exactly these values: fixed ids and timestamps, and values the API would not take from a
# client (control characters) but an older record may hold.
ROWS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {
            "registered_on": "2024-01-10",
            "status": "registered",
            "worker": {"national_id": national_id(41), "home_area_code": "20296"},
        },
        {
            "id": 990_101,
            "external_ref": "GD-001",
            "channel": "service_enterprise",
            "market_code": "JP",
            "programme": "TITP",
            "occupation": "Chế biến thực phẩm",
            "employer_name": 'Công ty Sakura, chi nhánh "Ōsaka"',
            "contract_months": 36,
            "monthly_salary": Decimal("1234.50"),
            "salary_currency": "JPY",
            "service_fee_vnd": 30_000_000,
            "deposit_vnd": 0,
            "loan_vnd": 1_234_567,
            "status": "departed",
            "departure_date": date(2024, 6, 1),
            "contract_signed_on": date(2024, 3, 2),
            "notes": 'Ghi chú, có dấu phẩy; và "ngoặc kép"\nxuống dòng',
            "previous_national_id": "012345678",
            "phone": "+84905123456",
            "policy_groups": ["poor_household", "land_recovered"],
            "fee_above_cap": True,
            "possible_duplicate": True,
            "late_report": True,
            "version": 3,
            "created_at": _at(2024, 1, 10, 3, 4, 5, 123456),
            # 00:30 the next day in Vietnam.
            "updated_at": _at(2024, 6, 1, 17, 30, 0),
        },
    ),
    (
        {"registered_on": "2024-02-01", "worker": {"national_id": national_id(42)}},
        {
            "id": 990_102,
            "external_ref": "=1+1",
            "channel": "public_unit",
            "market_code": "KR",
            "programme": None,
            "occupation": "=cmd|' /C calc'!A0",
            "employer_name": "@SUM(A1:A9)",
            "monthly_salary": Decimal("180000.00"),
            "salary_currency": "KRW",
            "notes": "-2+3",
            "full_name": "+Nguyễn Văn An",
            "phone": "0905123456",
            "policy_groups": ["ethnic_minority"],
            "possible_duplicate": True,
            "created_at": _at(2024, 2, 29, 23, 59, 59, 999999),
            "updated_at": _at(2024, 2, 29, 23, 59, 59),
        },
    ),
    (
        {"registered_on": "2025-08-01", "worker": {"national_id": national_id(43)}},
        {
            "id": 990_103,
            "external_ref": "GD-003",
            "market_code": "TW",
            "employer_name": None,
            "monthly_salary": Decimal("100.00"),
            "salary_currency": "TWD",
            "service_fee_vnd": None,
            "deposit_vnd": None,
            "loan_vnd": None,
            "phone": None,
            "notes": None,
            "policy_groups": [],
            "deposit_above_cap": True,
            "over_quota": True,
            "created_at": _at(2025, 8, 1, 0, 0, 0),
            "updated_at": _at(2025, 8, 1, 0, 0, 0, 1),
        },
    ),
    (
        {
            "registered_on": "2023-05-05",
            "worker": {
                "national_id": national_id(44, sex="female", year=2001),
                "date_of_birth": "2001-02-03",
                "sex": "female",
            },
        },
        {
            "id": 990_104,
            "external_ref": "GD-004",
            "channel": "direct_contract",
            "market_code": "DE",
            "programme": "other",
            "occupation": "Điều dưỡng viên",
            "employer_name": "\tKlinikum Süd",
            "monthly_salary": Decimal("12345678.90"),
            "salary_currency": "EUR",
            "status": "returned_early",
            "departure_date": date(2023, 9, 1),
            "return_date": date(2024, 1, 15),
            "notes": "Ký tự điều khiển:\x01\x07 hết\r\n",
            "policy_groups": ["near_poor_household", "merit_relative", "demobilised_soldier"],
            "created_at": _at(2023, 5, 5, 1, 2, 3, 500000),
            "updated_at": _at(2024, 1, 15, 9, 0, 0, 42),
        },
    ),
]


def _load(session: Session, make: Factory) -> None:
    make.agency(id=AGENCY_ID, name="Công ty CP Nhân lực Miền Trung")
    for sent, stored in ROWS:
        placement = make.placement(agency_id=AGENCY_ID, **sent)
        # Events refer to the id the row is about to give up; the export reads none.
        session.execute(
            delete(table_of(PlacementEvent)).where(col(PlacementEvent.placement_id) == placement.id)
        )
        session.execute(
            update(table_of(Placement)).where(col(Placement.id) == placement.id).values(**stored)
        )
    session.commit()
    session.expire_all()


def _xlsx_parts(content: bytes) -> dict[str, str]:
    """The workbook's parts; the time it was written is not the export's."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        parts = {name: book.read(name).decode() for name in book.namelist()}
        # How each part is stored, in order (not when: that is the time of the export).
        parts["(members)"] = "\n".join(
            f"{i.filename} {i.compress_type} {i.external_attr:o} {i.create_system} {i.flag_bits}"
            for i in book.infolist()
        )
    parts["docProps/core.xml"] = re.sub(
        r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\1WHEN", parts["docProps/core.xml"]
    )
    return parts


def _audit_ids(session: Session) -> set[int]:
    session.expire_all()
    return {i for i in session.exec(select(AuditLog.id)).all() if i is not None}


def _case(client: TestClient, headers: dict[str, str], role: Role, fmt: str, labels: bool) -> Any:
    params = {"format": fmt, "labels": str(labels).lower()}
    if role != Role.agency:
        params["agency_id"] = str(AGENCY_ID)
    r = client.get(EXPORT, headers=headers, params=params)
    assert r.status_code == 200, r.text
    disposition = r.headers["content-disposition"]
    assert disposition == f'attachment; filename="placements-{date.today().isoformat()}.{fmt}"'
    body = _xlsx_parts(r.content) if fmt == "xlsx" else r.content.decode()
    return {"content-type": r.headers["content-type"], "body": body}


@pytest.fixture(params=["chunks", "tiny chunks"])
def chunking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The export as it streams, and with chunks so small that every boundary a row, a
    quoted field or an escaped quote can fall on is crossed: the bytes stay the same."""
    if request.param == "tiny chunks":
        monkeypatch.setattr(rows, "CHUNK", 3)
        for module in (exporting, copying):
            monkeypatch.setattr(module, "CHUNK_BYTES", 7)
    return str(request.param)


def test_the_exports_bytes_are_pinned(
    client: TestClient, make: Factory, session: Session, chunking: str
) -> None:
    _load(session, make)
    users = {
        role: make.headers(
            role,
            username=f"golden-{role.value}",
            agency_id=AGENCY_ID if role == Role.agency else None,
        )
        for role in ROLES
    }
    got: dict[str, Any] = {}
    for role in ROLES:
        for fmt in FORMATS:
            for labels in (False, True):
                key = f"{role.value} {fmt} labels={str(labels).lower()}"
                before = _audit_ids(session)
                got[key] = _case(client, users[role], role, fmt, labels)
                (new,) = _audit_ids(session) - before  # one audit row per export
                last = session.get(AuditLog, new)
                assert last is not None
                assert (last.action, last.entity, last.entity_id) == (
                    "read_pii",
                    "placements",
                    "export",
                )
                assert last.actor == f"golden-{role.value}"
                filters = {} if role == Role.agency else {"agency_id": str(AGENCY_ID)}
                assert last.changes == {"format": fmt, "labels": labels, "filters": filters}
    if os.environ.get("OVERSEAS_WRITE_GOLDEN") == "1" and chunking == "chunks":
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n")
        pytest.skip("golden exports written")
    want = json.loads(GOLDEN.read_text())
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key
