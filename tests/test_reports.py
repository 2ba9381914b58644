"""The provincial annual report on a hand-made registry: departures of the year by market, sex,
channel, policy group and area against the target; returns, early returns and overstays by
the day they happened; the XLSX workbook; who may ask for it."""

import io
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.core.db import LOCAL_ZONE, today
from overseas.core.principal import Principal, Role
from overseas.obligations import rules
from overseas.placements import service as placements
from overseas.placements.models import Placement
from overseas.placements.schemas import PlacementUpdate
from overseas.reports import service as report_service
from overseas.targets.sums import DayCounts, Days
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import national_id

REPORT = "/api/v1/reports/annual"
FACTORY = Principal(kind="user", id=0, username="factory", role=Role.officer, agency_id=None)
SHEETS = [
    "Tổng hợp",
    "Theo thị trường",
    "Theo giới tính",
    "Theo kênh",
    "Theo đối tượng",
    "Theo địa bàn",
]
TABLES = {
    "Theo thị trường": "by_market",
    "Theo giới tính": "by_sex",
    "Theo kênh": "by_channel",
    "Theo đối tượng": "by_policy_group",
    "Theo địa bàn": "by_area",
}


@dataclass
class Spec:
    """One placement: created with `status` and `departure`, then moved by `steps`."""

    area: str
    market: str
    channel: str
    agency: str | None
    sex: str
    groups: list[str]
    status: str
    departure: str | None = None
    returned: str | None = None
    steps: list[tuple[str, str]] = field(default_factory=list)


SE, PU, CW, DC = "service_enterprise", "public_unit", "contract_winner", "direct_contract"
# Departures of 2025: R1 R3 R4 R5 R8 R11. Returned in 2025: R2 R7 R11; early: R5; overstayed: R6.
DATA: dict[str, Spec] = {
    "R1": Spec("506", "JP", SE, "A", "male", ["poor_household"], "departed", "2025-01-01"),
    "R2": Spec(
        "506",
        "JP",
        SE,
        "A",
        "female",
        [],
        "departed",
        "2024-12-31",
        steps=[("returned", "2025-05-05")],
    ),
    "R3": Spec(
        "502",
        "KR",
        PU,
        None,
        "male",
        ["ethnic_minority", "poor_household"],
        "departed",
        "2025-12-31",
    ),
    "R4": Spec("48", "DE", DC, None, "female", ["land_recovered"], "departed", "2025-07-01"),
    "R5": Spec(
        "511",
        "JP",
        CW,
        "B",
        "female",
        ["near_poor_household"],
        "contracted",
        steps=[("departed", "2025-03-10"), ("returned_early", "2025-09-09")],
    ),
    "R6": Spec(
        "49",
        "TW",
        SE,
        "B",
        "male",
        [],
        "departed",
        "2023-06-01",
        steps=[("overstayed", "2025-02-02")],
    ),
    "R7": Spec(
        "506",
        "JP",
        SE,
        "A",
        "male",
        [],
        "departed",
        "2024-03-03",
        steps=[("overstayed", "2024-12-31"), ("returned", "2025-01-01")],
    ),
    "R8": Spec(
        "506",
        "JP",
        SE,
        "B",
        "male",
        [],
        "departed",
        "2025-04-04",
        steps=[("returned_early", "2026-01-01")],
    ),
    "R9": Spec("506", "JP", SE, "A", "male", [], "registered", "2025-05-05"),
    "R10": Spec("502", "KR", SE, "A", "female", ["poor_household"], "cancelled", "2025-06-06"),
    # Reported once back: its history starts at "returned" on the return date.
    "R11": Spec(
        "49", "KR", SE, "B", "male", ["merit_relative"], "returned", "2025-02-01", "2025-08-08"
    ),
}


def build(client: TestClient, make: Factory) -> dict[str, str]:
    officer = make.headers(Role.officer)
    agencies = {"A": make.agency().id, "B": make.agency().id}
    for n, (ref, s) in enumerate(DATA.items()):
        make.placement(
            ref,
            agency_id=agencies[s.agency] if s.agency else None,
            channel=s.channel,
            market_code=s.market,
            programme="other",
            service_fee_vnd=None,
            status=s.status,
            registered_on="2023-01-15",
            departure_date=s.departure,
            return_date=s.returned,
            worker={
                "national_id": national_id(900 + n, sex=s.sex),
                "full_name": f"Người Báo Cáo {ref}",
                "sex": s.sex,
                "home_area_code": s.area,
                "policy_groups": s.groups,
            },
            moves=s.steps,
        )
    for area, year_from, year_to, value in [("49", 2023, 2030, 100), ("49", 2025, 2025, 8)]:
        body = {
            "name": f"Chỉ tiêu {year_from}-{year_to}",
            "area_code": area,
            "year_from": year_from,
            "year_to": year_to,
            "value": value,
        }
        r = client.post("/api/v1/targets", json=body, headers=officer)
        assert r.status_code == 201, r.text
    return officer


@pytest.fixture
def officer(client: TestClient, make: Factory) -> dict[str, str]:
    """An officer's headers, once the registry of DATA is built."""
    return build(client, make)


def _report(
    client: TestClient, headers: dict[str, str], year: int, **params: Any
) -> dict[str, Any]:
    r = client.get(REPORT, params={"year": year, **params}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()  # type: ignore[no-any-return]


def _lines(lines: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(x["key"], x["label"], x["count"]) for x in lines]


# --- JSON -------------------------------------------------------------------------------------


def test_annual_report_counts_the_calendar_year(
    client: TestClient, officer: dict[str, str]
) -> None:
    body = _report(client, officer, 2025, period="calendar")
    assert (body["year"], body["area_code"], body["area_name"]) == (2025, "48", "Thành phố Đà Nẵng")
    assert (body["period"], body["period_from"], body["period_to"]) == (
        "calendar",
        "2025-01-01",
        "2025-12-31",
    )
    d = body["departures"]
    # The province's yearly target reaches Đà Nẵng through succession; 6 of 8.
    assert (d["total"], d["target"], str(d["percent"])) == (6, 8, "75.0")
    assert _lines(body["by_market"]) == [
        ("DE", "Đức", 1),
        ("JP", "Nhật Bản", 3),
        ("KR", "Hàn Quốc", 2),
    ]
    assert _lines(body["by_sex"]) == [("male", "Nam", 4), ("female", "Nữ", 2)]
    assert _lines(body["by_channel"]) == [
        ("service_enterprise", "Doanh nghiệp dịch vụ", 3),
        ("contract_winner", "Doanh nghiệp trúng thầu, nhận thầu", 1),
        ("direct_contract", "Hợp đồng cá nhân trực tiếp", 1),
        ("public_unit", "Đơn vị sự nghiệp công", 1),
    ]
    assert _lines(body["by_policy_group"]) == [
        ("poor_household", "Hộ nghèo", 2),
        ("ethnic_minority", "Dân tộc thiểu số", 1),
        ("land_recovered", "Bị thu hồi đất", 1),
        ("merit_relative", "Thân nhân người có công", 1),
        ("near_poor_household", "Hộ cận nghèo", 1),
    ]
    assert _lines(body["by_area"]) == [
        ("48", "Thành phố Đà Nẵng", 1),
        ("49", "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)", 1),
        ("502", "Thành phố Tam Kỳ", 1),
        ("506", "Huyện Đại Lộc", 2),
        ("511", "Huyện Phước Sơn", 1),
    ]
    for key in ("by_market", "by_sex", "by_channel", "by_area"):
        assert sum(x["count"] for x in body[key]) == d["total"], key
    # By the day it happened: R2, R7 (after overstaying in 2024) and R11 came back in 2025;
    # R5 early (R8's early return is in 2026); R6 stayed on.
    assert body["returns"] == {"returned": 3, "returned_early": 1, "overstayed": 1}

    # Other years of the same registry.
    body = _report(client, officer, 2024, period="calendar")
    # R2 on Dec 31 and R7; no yearly target for 2024 (the plan spans 2023-2030).
    assert (body["departures"]["total"], body["departures"]["target"]) == (2, None)
    assert body["departures"]["percent"] is None
    assert _lines(body["by_area"]) == [("506", "Huyện Đại Lộc", 2)]
    assert body["returns"] == {"returned": 0, "returned_early": 0, "overstayed": 1}
    body = _report(client, officer, 2026, period="calendar")
    assert body["departures"]["total"] == 0
    assert body["returns"] == {"returned": 0, "returned_early": 1, "overstayed": 0}
    body = _report(client, officer, 2023, period="calendar")
    assert _lines(body["by_market"]) == [("TW", "Đài Loan (Trung Quốc)", 1)]
    assert body["returns"] == {"returned": 0, "returned_early": 0, "overstayed": 0}


def test_the_statutory_period_is_the_default(client: TestClient, officer: dict[str, str]) -> None:
    """15 December of the year before to 14 December (Decree 09/2019/NĐ-CP Art. 12): R2's
    departure on 2024-12-31 and R7's overstay on that day count in 2025, R3's departure on
    2025-12-31 and R8's early return on 2026-01-01 in 2026."""
    body = _report(client, officer, 2025)
    assert body == _report(client, officer, 2025, period="statutory") | {
        "generated_at": body["generated_at"]
    }
    assert (body["period"], body["period_from"], body["period_to"]) == (
        "statutory",
        "2024-12-15",
        "2025-12-14",
    )
    # The year's target stays the target of the report's year.
    assert body["departures"] == {"total": 6, "target": 8, "percent": 75.0}
    assert _lines(body["by_market"]) == [("DE", "Đức", 1), ("JP", "Nhật Bản", 4),
                                         ("KR", "Hàn Quốc", 1)]  # fmt: skip
    assert _lines(body["by_sex"]) == [("female", "Nữ", 3), ("male", "Nam", 3)]
    assert _lines(body["by_channel"]) == [
        ("service_enterprise", "Doanh nghiệp dịch vụ", 4),
        ("contract_winner", "Doanh nghiệp trúng thầu, nhận thầu", 1),
        ("direct_contract", "Hợp đồng cá nhân trực tiếp", 1),
    ]
    # R3 was the only departure of the period's groups "ethnic minority" and of Tam Kỳ: their
    # lines go rather than show 0.
    assert _lines(body["by_policy_group"]) == [
        ("land_recovered", "Bị thu hồi đất", 1),
        ("merit_relative", "Thân nhân người có công", 1),
        ("near_poor_household", "Hộ cận nghèo", 1),
        ("poor_household", "Hộ nghèo", 1),
    ]
    assert _lines(body["by_area"]) == [
        ("48", "Thành phố Đà Nẵng", 1),
        ("49", "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)", 1),
        ("506", "Huyện Đại Lộc", 3),
        ("511", "Huyện Phước Sơn", 1),
    ]
    assert sum(x["count"] for x in body["by_commune"]) == 6
    assert body["returns"] == {"returned": 3, "returned_early": 1, "overstayed": 2}

    body = _report(client, officer, 2026)
    assert (body["period_from"], body["period_to"]) == ("2025-12-15", "2026-12-14")
    assert body["departures"] == {"total": 1, "target": None, "percent": None}
    assert _lines(body["by_market"]) == [("KR", "Hàn Quốc", 1)]
    assert _lines(body["by_area"]) == [("502", "Thành phố Tam Kỳ", 1)]
    assert body["returns"] == {"returned": 0, "returned_early": 1, "overstayed": 0}
    body = _report(client, officer, 2024)
    assert body["departures"]["total"] == 1  # R7; R2 (31 December) is 2025's
    assert body["returns"] == {"returned": 0, "returned_early": 0, "overstayed": 0}


def test_a_departure_on_20_december_counts_in_the_next_statutory_year(
    client: TestClient, make: Factory
) -> None:
    make.placement(
        registered_on="2025-09-01",
        worker={"home_area_code": "20500"},
        moves=[("contracted", "2025-09-01"), ("departed", "2025-12-20")],
    )
    viewer = make.headers(Role.viewer)
    assert _report(client, viewer, 2026)["departures"]["total"] == 1
    assert _report(client, viewer, 2025)["departures"]["total"] == 0
    assert _report(client, viewer, 2025, period="calendar")["departures"]["total"] == 1
    assert _report(client, viewer, 2026, period="calendar")["departures"]["total"] == 0


def test_annual_report_of_an_empty_year(client: TestClient, make: Factory) -> None:
    body = _report(client, make.headers(Role.viewer), 2030)
    assert body["departures"] == {"total": 0, "target": None, "percent": None}
    for key in ("by_market", "by_sex", "by_channel", "by_policy_group", "by_area"):
        assert body[key] == [], key
    assert body["returns"] == {"returned": 0, "returned_early": 0, "overstayed": 0}


# --- XLSX -------------------------------------------------------------------------------------


def _cells(ws: Worksheet) -> list[Any]:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def _table(ws: Worksheet) -> tuple[list[Any], Any, list[Any]]:
    """The data rows, the totals row and the count cells of a breakdown sheet."""
    rows = list(ws.iter_rows())
    header = next(i for i, row in enumerate(rows) if row[0].value == "STT")
    total = next(i for i, row in enumerate(rows) if row[1].value == "Tổng cộng")
    assert total > header
    return rows[header + 1 : total], rows[total], [r[2] for r in rows[header + 1 : total + 1]]


def _workbook(client: TestClient, headers: dict[str, str], **params: Any) -> Any:
    r = client.get(REPORT, params={"format": "xlsx", **params}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return r.headers["content-disposition"], load_workbook(io.BytesIO(r.content))


# Sheets that are not a list with a totals row (tests/test_reports_places.py reads them).
NOT_TABLES = {"Kế hoạch", "Kế hoạch địa bàn tỉnh cũ"}


def test_annual_report_workbook(client: TestClient, officer: dict[str, str]) -> None:
    report = _report(client, officer, 2025, period="calendar")
    disposition, wb = _workbook(client, officer, year=2025, period="calendar")
    assert 'filename="bao-cao-nam-2025-nam-duong-lich.xlsx"' in disposition
    assert wb.sheetnames[: len(SHEETS)] == SHEETS

    for ws in wb.worksheets:
        text = " ".join(str(v) for v in _cells(ws))
        assert "01/01/2025" in text and "31/12/2025" in text, ws.title
        assert "(năm dương lịch)" in text, ws.title

    summary = {row[0].value: row[1] for row in wb["Tổng hợp"].iter_rows() if row[0].value}
    values = [
        ("Số người xuất cảnh trong kỳ báo cáo", 6),
        ("Chỉ tiêu năm", 8),
        ("Số người về nước đúng hạn", 3),
        ("Số người về nước trước hạn", 1),
        ("Số người ở lại quá hạn", 1),
    ]
    for label, value in values:
        assert summary[label].value == value, label
        assert summary[label].number_format == "#,##0", label
    percent = summary["Tỷ lệ hoàn thành chỉ tiêu"]
    assert percent.value == pytest.approx(75.0)
    assert "0.0" in percent.number_format

    for title, key in TABLES.items():
        lines, total, counts = _table(wb[title])
        expected = [(x["label"], x["count"]) for x in report[key]]
        assert [(row[1].value, row[2].value) for row in lines] == expected, title
        assert [row[0].value for row in lines] == list(range(1, len(expected) + 1)), title
        assert total[2].value == sum(row[2].value for row in lines), title
        assert total[2].value == sum(count for _label, count in expected), title
        assert all(c.number_format == "#,##0" for c in counts), title
    # Every breakdown sheet, the inspection ones included, adds up and formats its counts
    # (the plans' sheet is a table of its own: tests/test_reports_places.py).
    for ws in wb.worksheets[1:]:
        if ws.title in NOT_TABLES:
            continue
        lines, total, counts = _table(ws)
        assert total[2].value == sum(row[2].value for row in lines), ws.title
        assert all(c.number_format == "#,##0" for c in counts), ws.title
    assert _table(wb["Theo thị trường"])[1][2].value == report["departures"]["total"] == 6
    assert _table(wb["Theo địa bàn"])[1][2].value == 6
    assert _table(wb["Theo đối tượng"])[1][2].value == 6  # R3 is in two groups, R8 in none
    assert sorted(NOT_TABLES) == sorted(t for t in wb.sheetnames if t.startswith("Kế hoạch"))


def test_the_workbook_of_the_statutory_period(client: TestClient, officer: dict[str, str]) -> None:
    disposition, wb = _workbook(client, officer, year=2025)
    assert 'filename="bao-cao-nam-2025-ky-bao-cao.xlsx"' in disposition
    for ws in wb.worksheets:
        text = " ".join(str(v) for v in _cells(ws))
        assert "15/12/2024" in text and "14/12/2025" in text, ws.title
        assert "Nghị định 09/2019/NĐ-CP" in text, ws.title
    summary = {row[0].value: row[1].value for row in wb["Tổng hợp"].iter_rows() if row[0].value}
    assert summary["Số người xuất cảnh trong kỳ báo cáo"] == 6
    assert summary["Số người ở lại quá hạn"] == 2
    lines, _total, _counts = _table(wb["Theo thị trường"])
    assert [(row[1].value, row[2].value) for row in lines] == [("Đức", 1), ("Nhật Bản", 4),
                                                               ("Hàn Quốc", 1)]  # fmt: skip


def test_annual_report_workbook_of_an_empty_year(client: TestClient, make: Factory) -> None:
    _disposition, wb = _workbook(client, make.headers(), year=2030)
    assert wb.sheetnames[: len(SHEETS)] == SHEETS
    for title in TABLES:
        lines, total, _counts = _table(wb[title])
        assert lines == [] and total[2].value == 0, title
        assert "15/12/2029" in " ".join(str(v) for v in _cells(wb[title]))


# --- access and validation --------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.officer, Role.viewer])
def test_officer_and_viewer_get_the_report(client: TestClient, make: Factory, role: Role) -> None:
    headers = make.headers(role)
    assert _report(client, headers, 2025)["year"] == 2025
    r = client.get(REPORT, params={"year": 2025, "format": "xlsx"}, headers=headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("role", [Role.agency, Role.inspector, Role.admin])
def test_other_roles_may_not_get_the_report(client: TestClient, make: Factory, role: Role) -> None:
    headers = make.headers(role)
    for fmt in ("json", "xlsx"):
        r = client.get(REPORT, params={"year": 2025, "format": fmt}, headers=headers)
        assert_problem(r, 403, "forbidden")


def test_report_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(REPORT, params={"year": 2025}), 401, "not_authenticated")
    r = client.get(REPORT, params={"year": 2025}, headers={"Authorization": "Bearer nope"})
    assert_problem(r, 401, "not_authenticated")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "year"),
        ({"year": "last"}, "year"),
        ({"year": 1999}, "year"),
        ({"year": 2101}, "year"),
        ({"year": 2025, "format": "pdf"}, "format"),
        ({"year": 2025, "period": "fiscal"}, "period"),
        ({"year": 2025, "period": ""}, "period"),
    ],
)
def test_report_bad_query_is_422_naming_the_field(
    client: TestClient, make: Factory, params: dict[str, Any], field: str
) -> None:
    r = client.get(REPORT, params=params, headers=make.headers(Role.officer))
    assert_problem(r, 422, "validation_error", field)


# --- the period against a direct count --------------------------------------------------------

COUNTED = ("departed", "returned", "returned_early", "overstayed")
# Departure days either side of 15 December and of 1 January, and two in mid-year.
STRADDLING = [
    "2023-12-14", "2023-12-15", "2023-12-31", "2024-01-01", "2024-06-30", "2024-12-14",
    "2024-12-15", "2024-12-20", "2024-12-31", "2025-01-01", "2025-06-30", "2025-12-14",
    "2025-12-15", "2025-12-31", "2026-01-01", "2026-06-15",
]  # fmt: skip
HOMES = ["506", "20506", "20242", "48", "49", "502"]
MARKETS = ["JP", "KR", "TW", "DE"]
GROUPS: list[list[str]] = [[], ["poor_household"], ["ethnic_minority", "poor_household"],
                           ["land_recovered"]]  # fmt: skip


@pytest.fixture
def straddling(make: Factory, session: Session) -> None:
    """Two departures on each day of STRADDLING, of varied homes, markets, sexes, channels and
    groups, some since returned; records that do not count (registered, cancelled) on those
    days; and after the tallies were kept, one departure deleted and one moved across
    15 December, so that the tallies hold rows of 0."""
    agency = make.agency().id
    n = 0
    for day in STRADDLING:
        for twin in range(2):
            n += 1
            public = n % 5 == 0
            back = date.fromisoformat(day) + timedelta(days=40)
            make.placement(
                agency_id=None if public else agency,
                channel="public_unit" if public else "service_enterprise",
                market_code=MARKETS[n % len(MARKETS)],
                service_fee_vnd=None,
                status="departed",
                registered_on="2023-06-01",
                departure_date=day,
                worker={
                    "sex": "female" if (n + twin) % 3 == 0 else "male",
                    "home_area_code": HOMES[n % len(HOMES)],
                    "policy_groups": GROUPS[n % len(GROUPS)],
                },
                moves=[("returned", back.isoformat())] if n % 4 == 0 and back <= today() else [],
            )
    for status in ("registered", "cancelled"):
        make.placement(status=status, registered_on="2023-06-01", departure_date="2024-12-20")
    deleted = make.placement(
        status="departed", registered_on="2023-06-01", departure_date="2025-12-20"
    )
    placements.delete(session, deleted)
    moved = make.placement(
        status="departed",
        registered_on="2023-06-01",
        departure_date="2025-12-10",
        worker={"home_area_code": "511"},
    )
    placements.update_placement(
        session, FACTORY, moved, PlacementUpdate(departure_date=date(2025, 12, 16))
    )
    session.commit()


def _direct(session: Session, first: date, last: date, area: str) -> dict[str, Counter[Any]]:
    """Departures in [first, last] counted placement by placement, without the tallies."""
    places = catalog.load(session)
    unit = places.newest(area)
    assert unit is not None
    within = places.territory(unit)
    found = [
        p
        for p in session.exec(
            select(Placement).where(
                col(Placement.status).in_(COUNTED),
                col(Placement.departure_date) >= first,
                col(Placement.departure_date) <= last,
            )
        ).all()
        if p.home_area_id in within
    ]
    return {
        "total": Counter({None: len(found)}),
        "by_market": Counter(p.market_code for p in found),
        "by_sex": Counter(str(p.sex) for p in found),
        "by_channel": Counter(str(p.channel) for p in found),
        "by_policy_group": Counter(g for p in found for g in p.policy_groups),
        "by_area": Counter(places.units[p.home_area_id].code for p in found),
        "year": Counter(p.departure_date.year for p in found if p.departure_date),
    }


@pytest.mark.usefixtures("straddling")
@pytest.mark.parametrize("period", ["statutory", "calendar"])
def test_each_period_counts_what_a_direct_count_does(
    client: TestClient, make: Factory, session: Session, period: str
) -> None:
    officer = make.headers(Role.officer)
    plan = {"name": "Kế hoạch 2023-2030", "area_code": "49", "year_from": 2023, "year_to": 2030,
            "value": 100}  # fmt: skip
    assert client.post("/api/v1/targets", json=plan, headers=officer).status_code == 201
    seen = set()
    for year in (2024, 2025, 2026):
        for area in ("48", "49"):
            body = _report(client, officer, year, period=period, area_code=area)
            first, last = (
                date.fromisoformat(body["period_from"]),
                date.fromisoformat(body["period_to"]),
            )
            direct = _direct(session, first, last, area)
            assert body["departures"]["total"] == direct["total"][None], (year, area)
            seen.add(direct["total"][None])
            for key in ("by_market", "by_sex", "by_channel", "by_policy_group", "by_area"):
                lines = {x["key"]: x["count"] for x in body[key] if x["count"]}
                assert lines == dict(direct[key]), (year, area, key)
                # No line of 0 but a market's with a target of its own.
                assert all(x["count"] for x in body[key] if key != "by_market"), key
            assert sum(x["count"] for x in body["by_commune"]) == direct["total"][None]
            # The former province's plan, on its own territory: from 2023 to the period's end,
            # and in the period.
            [counted] = body["plans"]
            cumulative = _direct(session, date(2023, 1, 1), last, "49")["total"][None]
            in_period = _direct(session, first, last, "49")["total"][None]
            assert (counted["actual"], counted["in_period"]) == (cumulative, in_period), year
    assert len(seen) > 2  # the years differ: the data tell the periods apart


@pytest.mark.usefixtures("straddling")
def test_any_span_of_days_counts_what_a_direct_count_does(session: Session) -> None:
    """The tallies corrected at each end (targets/progress.py, Days), on spans of every shape:
    within a year, across one or several new years, of one day, starting or ending on the
    days around 15 December and 1 January, and random ones."""
    days = [date.fromisoformat(d) for d in STRADDLING]
    edges = sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)})
    chance = random.Random(20261215)
    spans = [(date(2024, 12, 15), date(2025, 12, 14)), (date(2025, 1, 1), date(2025, 12, 31)),
             (date(2025, 12, 31), date(2025, 12, 31)), (date(2025, 12, 31), date(2026, 1, 1)),
             (date(2023, 1, 1), date(2026, 11, 30)), (date(2024, 2, 1), date(2024, 5, 31)),
             (date(2024, 9, 1), date(2024, 11, 30)), (date(2024, 9, 1), date(2025, 3, 31)),
             (date(2023, 12, 15), date(2025, 12, 14))]  # fmt: skip
    for _ in range(25):
        first, last = sorted(chance.sample(edges, 2))
        spans.append((first, last))
    places = catalog.load(session)
    # Read for the city, then answered for the former province within it.
    counts = DayCounts()
    for area in ("48", "49"):
        unit = places.newest(area)
        assert unit is not None
        within = places.territory(unit)
        for first, last in spans:
            span = Days(first, last, counts)
            direct = _direct(session, first, last, area)
            assert span.sums(session, "sex", within, None) == {None: direct["total"][None]}
            assert span.sums(session, "sex", within, None, "market_code") == direct["by_market"]
            assert span.sums(session, "sex", within, None, "value") == direct["by_sex"]
            assert span.sums(session, "channel", within, None, "value") == direct["by_channel"]
            groups = span.sums(session, "policy_group", within, None, "value")
            assert groups == direct["by_policy_group"], (first, last)
            assert span.sums(session, "sex", within, None, "year") == direct["year"]
            per_unit = span.sums(session, "sex", within, None, "area_id")
            codes = Counter({places.units[u].code: n for u, n in per_unit.items()})
            assert codes == direct["by_area"], (first, last)
            japan = span.sums(session, "sex", within, "JP", "value")
            assert sum(japan.values()) == direct["by_market"]["JP"], (first, last)


# --- the enterprises' reports ---------------------------------------------------------------


def _receive(
    client: TestClient, officer: dict[str, str], agency_id: int, period: rules.Period, at: datetime
) -> None:
    """An officer records the day a report of `period` was received."""
    body = {
        "kind": period.kind.value,
        "period_from": period.period_from.isoformat(),
        "period_to": period.period_to.isoformat(),
        "figures": {"departed": 1},
        "received_at": at.isoformat(),
    }
    r = client.post(f"/api/v1/agencies/{agency_id}/reports", json=body, headers=officer)
    assert r.status_code == 201, r.text


def _due_at(period: rules.Period, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in Vietnam on the due day."""
    day = period.due_on
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_ZONE)


@pytest.fixture
def enterprises(client: TestClient, make: Factory) -> dict[str, int]:
    """Enterprises and the reports received from them, for the statutory period of 2025
    (15 Dec 2024-14 Dec 2025), whose due dates are the annual report of 2024 (19 Dec 2024) and
    the changes of November 2024 to October 2025 (20 Dec 2024 to 20 Nov 2025):
    - on_time: all 13 on their due day, and the annual report amended late (the first filing
      says whether it came on time);
    - late: the annual report on 20 Dec, October's changes at 00:30 on 21 Nov, the rest at
      23:30 on their due day (on time: a deadline is a day in Vietnam);
    - silent: nothing; licensed_june: licensed on 2025-06-10, nothing (owes June-October);
    - elsewhere: head office in another province, owes this department nothing."""
    officer = make.headers(Role.officer)

    def agency(**fields: Any) -> int:
        made = make.agency(**fields).id
        assert made is not None
        return made

    ids = {
        "on_time": agency(name="Công ty A đúng hạn"),
        "late": agency(name="Công ty B nộp muộn"),
        "silent": agency(name="Công ty C không nộp"),
        "licensed_june": agency(name="Công ty D mới", licence_issued_on=date(2025, 6, 10)),
        "elsewhere": agency(name="Công ty E tỉnh khác", reports_elsewhere=True),
    }
    duties = [rules.annual(2024), rules.monthly(2024, 11), rules.monthly(2024, 12)]
    duties += [rules.monthly(2025, m) for m in range(1, 11)]
    late = {
        rules.annual(2024): datetime(2024, 12, 20, 8, tzinfo=LOCAL_ZONE),
        rules.monthly(2025, 10): datetime(2025, 11, 21, 0, 30, tzinfo=LOCAL_ZONE),
    }
    for period in duties:
        _receive(client, officer, ids["on_time"], period, _due_at(period))
        received = late.get(period) or _due_at(period, hour=23, minute=30)
        _receive(client, officer, ids["late"], period, received)
    amended = _due_at(rules.annual(2024)) + timedelta(days=30)
    _receive(client, officer, ids["on_time"], rules.annual(2024), amended)
    return ids


def test_the_enterprises_reports_received_on_time(
    client: TestClient, make: Factory, enterprises: dict[str, int]
) -> None:
    body = _report(client, make.headers(Role.viewer), 2025)
    found = body["enterprise_reports"]
    assert found["judged_on"] == today().isoformat()
    totals = {k: found[k] for k in ("due", "on_time", "late", "missing", "upcoming")}
    assert totals == {"due": 44, "on_time": 24, "late": 2, "missing": 18, "upcoming": 0}
    assert found["percent_on_time"] == 54.5  # 24 of 44
    assert found["by_kind"] == [
        {"key": "annual", "label": "Báo cáo định kỳ hằng năm", "due": 3, "on_time": 1,
         "late": 1, "missing": 1, "upcoming": 0},
        {"key": "monthly_changes", "label": "Báo cáo tình hình biến động người lao động hằng "
         "tháng", "due": 41, "on_time": 23, "late": 1, "missing": 17, "upcoming": 0},
    ]  # fmt: skip
    listed = [(e["agency_id"], e["due"], e["on_time"], e["late"], e["missing"])
              for e in found["enterprises"]]  # fmt: skip
    assert listed == [
        (enterprises["silent"], 13, 0, 0, 13),
        (enterprises["licensed_june"], 5, 0, 0, 5),
        (enterprises["late"], 13, 11, 2, 0),
    ]
    assert found["enterprises"][0]["agency_name"] == "Công ty C không nộp"
    assert enterprises["elsewhere"] not in {e["agency_id"] for e in found["enterprises"]}
    assert found["enterprises"][0]["licence_no"].startswith("TEST-")

    # The calendar year counts the duties due in it: December 2024's changes to November
    # 2025's and the annual report of 2025, none of which on_time filed after October's.
    calendar = _report(client, make.headers(Role.viewer), 2025, period="calendar")
    found = calendar["enterprise_reports"]
    assert (found["due"], found["on_time"]) == (13 + 13 + 13 + 7, 11 + 10)
    first = {e["agency_id"]: e for e in found["enterprises"]}
    assert (first[enterprises["on_time"]]["missing"], first[enterprises["late"]]["late"]) == (2, 1)


def test_reports_not_yet_due_are_upcoming(
    session: Session, make: Factory, enterprises: dict[str, int]
) -> None:
    """Judged on 15 November 2025, October's changes (due 20 November) not received are
    upcoming, not missing, and leave the on-time share."""
    found = report_service.annual_report(session, 2025, on=date(2025, 11, 15)).enterprise_reports
    assert (found.due, found.on_time, found.late, found.missing, found.upcoming) == (
        44, 24, 2, 16, 2
    )  # fmt: skip
    assert found.percent_on_time is not None and float(found.percent_on_time) == 57.1  # 24 of 42
    silent = next(e for e in found.enterprises if e.agency_id == enterprises["silent"])
    assert (silent.missing, silent.upcoming) == (12, 1)


def test_the_workbook_lists_the_enterprises_reports(
    client: TestClient, make: Factory, enterprises: dict[str, int]
) -> None:
    _disposition, wb = _workbook(client, make.headers(Role.viewer), year=2025)
    ws = wb["Báo cáo của doanh nghiệp"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "15/12/2024" in text and f"{today():%d/%m/%Y}" in text
    header = ["STT", "Loại báo cáo", "Phải nộp", "Đúng hạn", "Nộp muộn", "Chưa nộp",
              "Chưa đến hạn"]  # fmt: skip
    assert header in [row[:7] for row in rows]
    assert [1, "Báo cáo định kỳ hằng năm", 3, 1, 1, 1, 0] in [row[:7] for row in rows]
    assert [None, "Tổng cộng", 44, 24, 2, 18, 0] in [row[:7] for row in rows]
    named = [row for row in rows if row[1] in ("Công ty C không nộp", "Công ty B nộp muộn")]
    assert [(row[0], row[1], row[3:8]) for row in named] == [
        (1, "Công ty C không nộp", [13, 0, 0, 13, 0]),
        (3, "Công ty B nộp muộn", [13, 11, 2, 0, 0]),
    ]
    assert not any(row[1] == "Công ty A đúng hạn" for row in rows)
    summary = {row[0].value: row[1].value for row in wb["Tổng hợp"].iter_rows() if row[0].value}
    assert summary["Số báo cáo của doanh nghiệp có hạn nộp trong kỳ"] == 44
    assert summary["Số báo cáo doanh nghiệp nộp muộn"] == 2
    assert summary["Tỷ lệ báo cáo nộp đúng hạn"] == pytest.approx(54.5)
