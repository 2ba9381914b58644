"""Reports by place (docs/places.md, "Reports and risk by place"): the annual report of any
area with its departures by today's commune and the multi-year plans covering the year (the
former Quảng Nam's keeps counting after 2025-07-01), and early returns and overstays by
today's commune, each on hand-built records either side of the reform."""

import io
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

REPORT = "/api/v1/reports/annual"
COMMUNES = "/api/v1/reports/communes"
# The former province's territory as the report and the web app name it (docs/places.md).
FORMER = "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)"


def _departed(
    make: Factory, home: str, registered: str, departed: str, *later: tuple[str, str]
) -> None:
    make.placement(
        registered_on=registered,
        worker={"home_area_code": home},
        moves=[("contracted", registered), ("departed", departed), *later],
    )


def _registry(client: TestClient, make: Factory) -> dict[str, str]:
    """Departures of 2025 either side of the reform:
    - old Đại Lãnh (20506, in Đại Lộc 506), whose successor is Xã Thượng Đức (20506): 1,
      overstayed;
    - the district Đại Lộc itself (506): 1, not allocated to a commune;
    - new Xã Đại Lộc (20500): 2, one back early, one back on time;
    - new Phường Hải Châu (20242), of the former Đà Nẵng: 1.
    One departure of 2024 at old Ái Nghĩa (20500, whose successor is Xã Đại Lộc) and a
    2023-2030 plan of 40 for the former province 49."""
    _departed(make, "20506", "2025-01-10", "2025-02-01", ("overstayed", "2025-11-01"))
    _departed(make, "506", "2025-01-10", "2025-03-01")
    _departed(make, "20500", "2025-07-10", "2025-08-01", ("returned_early", "2025-10-01"))
    _departed(make, "20500", "2025-07-10", "2025-08-02", ("returned", "2025-11-02"))
    _departed(make, "20242", "2025-07-10", "2025-09-01")
    _departed(make, "20500", "2024-01-10", "2024-03-01")
    officer = make.headers(Role.officer)
    body = {"name": "Kế hoạch 2023-2030", "area_code": "49", "year_from": 2023, "year_to": 2030,
            "value": 40}  # fmt: skip
    r = client.post("/api/v1/targets", json=body, headers=officer)
    assert r.status_code == 201, r.text
    return officer


def _report(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    r = client.get(REPORT, params=params, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _counted(lines: list[dict[str, Any]]) -> dict[str | None, int]:
    return {x["key"]: x["count"] for x in lines if x["count"]}


def test_the_citys_report_by_todays_commune_with_the_former_provinces_plan(
    client: TestClient, make: Factory
) -> None:
    officer = _registry(client, make)
    body = _report(client, officer, year=2025)
    assert body["area_code"] == "48"
    assert body["departures"]["total"] == 5
    assert _counted(body["by_commune"]) == {"20506": 1, "20500": 2, "20242": 1, None: 1}
    # Today's 94 units, and the line of records not allocated to a commune.
    assert len(body["by_commune"]) == 95
    # The plan of 49 counts its territory from 2023 through the period's end (14 December
    # 2025): everything but Hải Châu; in the period, everything but 2024's departure too.
    assert body["plans"] == [
        {
            "area_code": "49",
            "area_name": FORMER,
            "year_from": 2023,
            "year_to": 2030,
            "target": 40,
            "actual": 5,
            "percent": 12.5,
            "name": "Kế hoạch 2023-2030",
            "counted_from": "2023-01-01",
            "counted_to": "2025-12-14",
            "in_period": 4,
            "remaining": 35,
        }
    ]
    # The former province's plan is a section of its own.
    assert body["former_province_plans"] == body["plans"]
    assert body["returns"] == {"returned": 1, "returned_early": 1, "overstayed": 1}


def test_the_report_of_the_former_province_and_of_a_new_commune(
    client: TestClient, make: Factory
) -> None:
    officer = _registry(client, make)
    body = _report(client, officer, year=2025, area_code="49")
    assert (body["area_code"], body["area_name"]) == ("49", FORMER)
    assert body["departures"]["total"] == 4
    assert _counted(body["by_commune"]) == {"20506": 1, "20500": 2, None: 1}
    assert [p["actual"] for p in body["plans"]] == [5]
    # Its own plan, not a province it took over.
    assert body["former_province_plans"] == []
    body = _report(client, officer, year=2025, area_code="20500")
    assert body["departures"]["total"] == 2
    assert _counted(body["by_commune"]) == {"20500": 2}
    assert body["returns"] == {"returned": 1, "returned_early": 1, "overstayed": 0}
    assert body["plans"] == []
    # Its old records count too: Ái Nghĩa's departure of 2024.
    assert _report(client, officer, year=2024, area_code="20500")["departures"]["total"] == 1
    r = client.get(REPORT, params={"year": 2025, "area_code": "99999"}, headers=officer)
    assert_problem(r, 422, "validation_error", "area_code")


def test_the_workbook_has_the_communes_and_the_plans(client: TestClient, make: Factory) -> None:
    officer = _registry(client, make)
    r = client.get(REPORT, params={"year": 2025, "format": "xlsx"}, headers=officer)
    assert r.status_code == 200, r.text
    wb = load_workbook(io.BytesIO(r.content))
    rows = [[c.value for c in row] for row in wb["Theo xã, phường"].iter_rows()]
    named = {row[1]: row[2] for row in rows if isinstance(row[0], int)}
    assert named["Xã Đại Lộc"] == 2 and named["Xã Thượng Đức"] == 1
    assert named["Chưa xác định xã, phường"] == 1
    assert next(row for row in rows if row[1] == "Tổng cộng")[2] == 5
    plans = [[c.value for c in row] for row in wb["Kế hoạch"].iter_rows()]
    assert [FORMER, "2023-2030", 40, 5, 12.5, 4, 35, "01/01/2023"] in plans
    assert "Đã xuất cảnh lũy kế đến 14/12/2025" in plans[3]
    # The former province's plan has a sheet of its own.
    former = wb["Kế hoạch địa bàn tỉnh cũ"]
    cells = {row[0].value: row[1] for row in former.iter_rows() if row[0].value}
    assert former["A1"].value == f"Kế hoạch nhiều năm: {FORMER}"
    assert "Kế hoạch 2023-2030" in cells
    assert cells["Giai đoạn"].value == "2023-2030"
    assert (cells["Chỉ tiêu"].value, cells["Chỉ tiêu"].number_format) == (40, "#,##0")
    assert cells["Đã xuất cảnh lũy kế từ 01/01/2023 đến 14/12/2025"].value == 5
    assert cells["Tỷ lệ hoàn thành"].value == 12.5
    assert cells["Xuất cảnh trong kỳ báo cáo"].value == 4
    assert cells["Còn phải thực hiện"].value == 35
    # A commune's workbook has no such sheet.
    r = client.get(REPORT, params={"year": 2025, "format": "xlsx", "area_code": "20500"},
                   headers=officer)  # fmt: skip
    names = load_workbook(io.BytesIO(r.content)).sheetnames
    assert "Kế hoạch" in names and not any(" cũ" in n for n in names)


def test_the_report_and_progress_name_the_former_province_alike(
    client: TestClient, make: Factory
) -> None:
    """The former province's territory has one name in the report's JSON, its workbook and
    progress; today's city keeps its own; the summary's first column is not "Chỉ tiêu"
    (target) but "Nội dung"."""
    officer = _registry(client, make)
    body = _report(client, officer, year=2025)
    assert body["area_name"] == "Thành phố Đà Nẵng"
    assert [p["area_name"] for p in body["former_province_plans"]] == [FORMER]
    progress = client.get("/api/v1/progress", params={"area_code": "49"}, headers=officer)
    assert progress.json()["area_name"] == FORMER
    city = client.get("/api/v1/progress", params={"area_code": "48"}, headers=officer)
    assert city.json()["area_name"] == "Thành phố Đà Nẵng"
    r = client.get(REPORT, params={"year": 2025, "format": "xlsx"}, headers=officer)
    summary = load_workbook(io.BytesIO(r.content))["Tổng hợp"]
    header = next(row for row in summary.iter_rows(values_only=True) if row[1] == "Giá trị")
    assert header[:2] == ("Nội dung", "Giá trị")
    cells = [c for row in summary.iter_rows(values_only=True) for c in row if c]
    assert "Chỉ tiêu" not in cells


def test_the_plan_counts_through_the_end_of_the_reports_period(
    client: TestClient, make: Factory
) -> None:
    """A departure on 20 December 2025 is in the plan's cumulative count of 2026's statutory
    report (to 14 December 2026) and of 2025's calendar one, not of 2025's statutory one."""
    officer = _registry(client, make)
    _departed(make, "20500", "2025-07-10", "2025-12-20")

    def plan(year: int, period: str) -> dict[str, Any]:
        body = _report(client, officer, year=year, period=period)
        [found] = body["former_province_plans"]
        assert found == body["plans"][0]
        return found  # type: ignore[no-any-return]

    found = plan(2025, "statutory")
    assert (found["counted_to"], found["actual"], found["in_period"], found["remaining"]) == (
        "2025-12-14",
        5,
        4,
        35,
    )
    found = plan(2025, "calendar")
    assert (found["counted_to"], found["actual"], found["in_period"]) == ("2025-12-31", 6, 5)
    found = plan(2026, "statutory")
    assert (found["counted_from"], found["counted_to"]) == ("2023-01-01", "2026-12-14")
    assert (found["actual"], found["in_period"], found["percent"]) == (6, 1, 15.0)
    found = plan(2026, "calendar")
    assert (found["actual"], found["in_period"], found["remaining"]) == (6, 0, 34)


def _risks(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str | None, Any]:
    r = client.get(COMMUNES, params=params, headers=headers)
    assert r.status_code == 200, r.text
    return {row["code"]: row for row in r.json()["rows"]}


def test_early_returns_and_overstays_by_todays_commune(client: TestClient, make: Factory) -> None:
    officer = _registry(client, make)
    rows = _risks(client, officer)
    assert len(rows) == 95
    assert rows["20500"] | {"name": "Xã Đại Lộc"} == {
        "code": "20500",
        "name": "Xã Đại Lộc",
        "departed": 3,
        "finished": 2,
        "returned_early": 1,
        "overstayed": 0,
        "early_return_rate": 0.5,
        "overstay_rate": 0.0,
    }
    assert (rows["20506"]["overstayed"], rows["20506"]["overstay_rate"]) == (1, 1.0)
    assert rows["20506"]["early_return_rate"] is None  # no finished contract
    assert (rows[None]["departed"], rows[None]["name"]) == (1, "Chưa xác định xã, phường")
    assert rows["20194"]["departed"] == 0 and rows["20194"]["overstay_rate"] is None
    # A span of departure dates, and an area.
    rows = _risks(client, officer, departed_from="2025-01-01", area_code="49")
    assert rows["20500"]["departed"] == 2
    assert "20242" not in rows
    r = client.get(COMMUNES, params={"departed_from": "2025-02-01", "departed_to": "2025-01-01"},
                   headers=officer)  # fmt: skip
    assert_problem(r, 422, "validation_error", "departed_to")


def test_who_reads_the_communes_report(client: TestClient, make: Factory) -> None:
    for role in (Role.officer, Role.viewer):
        assert client.get(COMMUNES, headers=make.headers(role)).status_code == 200
    for role in (Role.inspector, Role.admin, Role.agency):
        assert client.get(COMMUNES, headers=make.headers(role)).status_code == 403
