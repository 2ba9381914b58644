"""Progress against targets on a hand-made registry whose every answer is known: span edges,
statuses, home areas (and what Đà Nẵng includes by succession), markets, channels, sexes,
policy groups and enterprises; the target roll-up rules; the projection; who may read."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from overseas.core.principal import Role
from overseas.placements.models import Placement
from overseas.targets.progress import projection
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PROGRESS = "/api/v1/progress"
PUBLIC = "/api/v1/public/progress"
PLACEMENTS = "/api/v1/placements"
# The day progress takes as today in the tests that look at the projection.
ON = date(2026, 6, 30)


@dataclass
class Spec:
    """One placement of the data set; `steps` are transitions made after creating it."""

    area: str
    market: str
    channel: str
    agency: str | None  # "A", "B" or None
    sex: str
    groups: list[str]
    status: str
    departure: str | None = None
    returned: str | None = None
    steps: list[tuple[str, str]] = field(default_factory=list)
    batch: bool = False


SE, PU, CW, DC = "service_enterprise", "public_unit", "contract_winner", "direct_contract"
# Counted in 2024-2025 for 49 (Quảng Nam): P1 P3 P4 P6 P12 P13 P14; P7 lives in 48 itself.
DATA: dict[str, Spec] = {
    "P1": Spec("506", "JP", SE, "A", "male", ["poor_household"], "departed", "2024-01-01"),
    "P2": Spec(
        "506",
        "JP",
        SE,
        "A",
        "female",
        ["near_poor_household"],
        "returned",
        "2023-12-31",
        "2024-06-30",
    ),
    "P3": Spec(
        "502",
        "KR",
        PU,
        None,
        "male",
        ["ethnic_minority", "poor_household"],
        "contracted",
        steps=[("departed", "2025-12-31"), ("returned_early", "2026-03-01")],
    ),
    "P4": Spec(
        "502",
        "JP",
        CW,
        "B",
        "female",
        [],
        "contracted",
        steps=[("departed", "2025-06-15"), ("overstayed", "2026-01-10")],
    ),
    "P5": Spec("504", "DE", DC, None, "female", ["land_recovered"], "departed", "2026-01-01"),
    "P6": Spec("49", "TW", SE, "B", "male", ["merit_relative"], "departed", "2024-07-01"),
    "P7": Spec("48", "JP", SE, "A", "male", ["demobilised_soldier"], "departed", "2025-03-03"),
    # Never counted, though their (planned) departure falls in the span.
    "P8": Spec("506", "KR", "internship", "A", "male", [], "registered", "2024-05-01"),
    "P9": Spec("506", "JP", SE, "B", "female", [], "training", "2024-05-01"),
    "P10": Spec("502", "JP", SE, "A", "male", [], "contracted", "2025-02-02"),
    "P11": Spec("502", "JP", SE, "A", "male", ["poor_household"], "cancelled", "2024-08-08"),
    # Through the batch.
    "P12": Spec("508", "JP", DC, None, "male", [], "departed", "2025-12-31", batch=True),
    "P13": Spec(
        "504",
        "KR",
        "outbound_investor",
        "B",
        "female",
        ["ethnic_minority"],
        "departed",
        "2024-02-29",
        batch=True,
    ),
    "P14": Spec(
        "506",
        "DE",
        SE,
        "A",
        "female",
        ["poor_household"],
        "returned",
        "2024-03-01",
        "2025-03-01",
        batch=True,
    ),
}
NAMES = {ref: f"Người Thử {ref}" for ref in DATA}
NATIONAL_IDS = {
    ref: national_id(500 + n, sex=spec.sex) for n, (ref, spec) in enumerate(DATA.items())
}

# Targets (area, year_from, year_to, market, value).
TARGETS = [
    ("49", 2023, 2030, None, 12),
    ("49", 2024, 2024, None, 6),
    ("49", 2025, 2025, None, 3),
    ("49", 2024, 2024, "JP", 2),
    ("49", 2025, 2025, "JP", 2),
    ("49", 2024, 2025, "CA", 1),
    ("506", 2024, 2024, None, 4),
    ("502", 2024, 2024, None, 3),
]


@dataclass
class World:
    officer: dict[str, str]
    agencies: dict[str, int]
    ids: dict[str, int]


def _payload(ref: str, spec: Spec, agencies: dict[str, int]) -> dict[str, Any]:
    return item(
        ref,
        agency_id=agencies[spec.agency] if spec.agency else None,
        channel=spec.channel,
        market_code=spec.market,
        programme="other",
        service_fee_vnd=None,
        status=spec.status,
        registered_on="2023-06-01",
        departure_date=spec.departure,
        return_date=spec.returned,
        worker={
            "national_id": NATIONAL_IDS[ref],
            "full_name": NAMES[ref],
            "sex": spec.sex,
            "home_area_code": spec.area,
            "policy_groups": spec.groups,
        },
    )


def build(client: TestClient, make: Factory, *, targets: bool = True) -> World:
    officer = make.headers(Role.officer)
    a, b = make.agency().id, make.agency().id
    assert a is not None and b is not None
    agencies = {"A": a, "B": b}
    ids: dict[str, int] = {}
    batch = [_payload(ref, s, agencies) for ref, s in DATA.items() if s.batch]
    r = client.post(f"{PLACEMENTS}/batch", json={"items": batch}, headers=officer)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == len(batch)
    ids |= {i["external_ref"]: i["id"] for i in r.json()["items"]}
    for ref, spec in DATA.items():
        if spec.batch:
            continue
        placement = make.placement(**_payload(ref, spec, agencies), moves=spec.steps)
        assert placement.id is not None
        ids[ref] = placement.id
    if targets:
        for area, year_from, year_to, market, value in TARGETS:
            body = {
                "name": f"Chỉ tiêu {area} {year_from}-{year_to} {market or ''}",
                "area_code": area,
                "year_from": year_from,
                "year_to": year_to,
                "market_code": market,
                "value": value,
            }
            r = client.post("/api/v1/targets", json=body, headers=officer)
            assert r.status_code == 201, r.text
    return World(officer, agencies, ids)


@pytest.fixture
def world(client: TestClient, make: Factory, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr("overseas.targets.progress.today", lambda: ON)
    return build(client, make)


def _get(client: TestClient, headers: dict[str, str] | None, **params: Any) -> dict[str, Any]:
    r = client.get(PROGRESS if headers else PUBLIC, params=params, headers=headers or {})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _pct(value: Any) -> str | None:
    """A percent as the API writes it (a JSON number), compared as text so that 1 decimal is
    checked."""
    assert value is None or isinstance(value, float), value
    return None if value is None else str(value)


def _summary(body: dict[str, Any]) -> tuple[Any, ...]:
    return (
        body["area_code"],
        body["year_from"],
        body["year_to"],
        body["actual"],
        body["target"],
        _pct(body["percent"]),
    )


def _rows(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (r["key"], r["label"], r["target"], r["actual"], _pct(r["percent"])) for r in body["rows"]
    ]


# --- totals and target roll-up ----------------------------------------------------------------


TOTALS: list[tuple[dict[str, Any], tuple[Any, ...]]] = [
    # The plan: 9 counted in 49's subtree over 2023-2030 (P2 on Dec 31, 2023 and P5 on
    # Jan 1, 2026 inside it).
    ({"area_code": "49", "year_from": 2023, "year_to": 2030}, ("49", 2023, 2030, 9, 12, "75.0")),
    # No 2024-2025 target: the yearly ones add up (6 + 3).
    ({"area_code": "49", "year_from": 2024, "year_to": 2025}, ("49", 2024, 2025, 7, 9, "77.8")),
    ({"area_code": "49", "year_from": 2024, "year_to": 2024}, ("49", 2024, 2024, 4, 6, "66.7")),
    ({"area_code": "49", "year_from": 2025}, ("49", 2025, 2025, 3, 3, "100.0")),
    ({"area_code": "49", "year_to": 2023}, ("49", 2023, 2023, 1, None, None)),
    # Đà Nẵng has no target of its own: it rolls up to the province it succeeded, and its
    # count includes that province's districts and its own people (P7).
    ({"area_code": "48", "year_from": 2023, "year_to": 2030}, ("48", 2023, 2030, 10, 12, "83.3")),
    ({"area_code": "48", "year_from": 2024, "year_to": 2025}, ("48", 2024, 2025, 8, 9, "88.9")),
    # Default area is the root (48); default span the widest target span.
    ({}, ("48", 2023, 2030, 10, 12, "83.3")),
    ({"area_code": "49"}, ("49", 2023, 2030, 9, 12, "75.0")),
    # A district: its own yearly target; its widest span is that year.
    ({"area_code": "506", "year_from": 2024, "year_to": 2024}, ("506", 2024, 2024, 2, 4, "50.0")),
    ({"area_code": "506"}, ("506", 2024, 2024, 2, 4, "50.0")),
    ({"area_code": "502", "year_from": 2024, "year_to": 2024}, ("502", 2024, 2024, 0, 3, "0.0")),
    ({"area_code": "502", "year_from": 2025, "year_to": 2025}, ("502", 2025, 2025, 2, None, None)),
    # A district without any target; with no span given, the current year.
    ({"area_code": "504", "year_from": 2024, "year_to": 2025}, ("504", 2024, 2025, 1, None, None)),
    ({"area_code": "504"}, ("504", 2026, 2026, 1, None, None)),
    ({"area_code": "519", "year_from": 2020, "year_to": 2030}, ("519", 2020, 2030, 0, None, None)),
    # By market: JP's yearly targets add up; only CA has a span target; KR has none.
    (
        {"area_code": "49", "year_from": 2024, "year_to": 2025, "market_code": "jp"},
        ("49", 2024, 2025, 3, 4, "75.0"),
    ),
    (
        {"area_code": "48", "year_from": 2024, "year_to": 2024, "market_code": "JP"},
        ("48", 2024, 2024, 1, 2, "50.0"),
    ),
    (
        {"area_code": "48", "year_from": 2025, "year_to": 2025, "market_code": "JP"},
        ("48", 2025, 2025, 3, 2, "150.0"),
    ),
    (
        {"area_code": "49", "year_from": 2024, "year_to": 2025, "market_code": "CA"},
        ("49", 2024, 2025, 0, 1, "0.0"),
    ),
    (
        {"area_code": "49", "year_from": 2024, "year_to": 2025, "market_code": "KR"},
        ("49", 2024, 2025, 2, None, None),
    ),
    (
        {"area_code": "48", "year_from": 2023, "year_to": 2030, "market_code": "DE"},
        ("48", 2023, 2030, 2, None, None),
    ),
]


def test_progress_totals(client: TestClient, world: World) -> None:
    for params, expected in TOTALS:
        body = _get(client, world.officer, **params)
        assert _summary(body) == expected, params
        assert body["rows"] == [] and body["by"] is None
        assert body["market_code"] == ((params.get("market_code") or "").upper() or None)


def test_progress_without_any_target_is_null_and_defaults_to_this_year(
    client: TestClient, make: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("overseas.targets.progress.today", lambda: ON)
    world = build(client, make, targets=False)
    body = _get(client, world.officer)
    assert _summary(body) == ("48", 2026, 2026, 1, None, None)
    assert body["projection"] == {
        "expected_at_end": round(1 * 365 / 181),
        "required_per_year": None,
    }
    body = _get(client, world.officer, year_from=2024, year_to=2025, by="year")
    assert _summary(body) == ("48", 2024, 2025, 8, None, None)
    assert _rows(body) == [("2024", "2024", None, 4, None), ("2025", "2025", None, 4, None)]


def test_progress_projection_uses_the_pace_so_far(client: TestClient, world: World) -> None:
    # On 2026-06-30, 1,277 of the 2,922 days of 2023-2030 have passed; 5 years remain.
    body = _get(client, world.officer)
    assert body["projection"] == {"expected_at_end": 23, "required_per_year": 1}
    # 2024-2025 is over: the count is final and nothing more is required.
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2025)
    assert body["projection"] == {"expected_at_end": 7, "required_per_year": None}


# --- breakdowns -------------------------------------------------------------------------------


def test_progress_by_year(client: TestClient, world: World) -> None:
    body = _get(client, world.officer, area_code="49", year_from=2023, year_to=2026, by="year")
    assert _summary(body) == ("49", 2023, 2026, 9, None, None)
    assert _rows(body) == [
        ("2023", "2023", None, 1, None),
        ("2024", "2024", 6, 4, "66.7"),
        ("2025", "2025", 3, 3, "100.0"),
        ("2026", "2026", None, 1, None),
    ]
    # Đà Nẵng: the same yearly targets through 49, its own departure in 2025.
    body = _get(client, world.officer, area_code="48", year_from=2024, year_to=2025, by="year")
    assert _rows(body) == [("2024", "2024", 6, 4, "66.7"), ("2025", "2025", 3, 4, "133.3")]
    body = _get(client, world.officer, year_from=2024, year_to=2025, market_code="JP", by="year")
    assert _summary(body) == ("48", 2024, 2025, 4, 4, "100.0")
    assert _rows(body) == [("2024", "2024", 2, 1, "50.0"), ("2025", "2025", 2, 3, "150.0")]


def test_progress_by_area(client: TestClient, world: World) -> None:
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2024, by="area")
    assert _summary(body) == ("49", 2024, 2024, 4, 6, "66.7")
    rows = _rows(body)
    # Every district of 49, in code order, then the departures homed in 49 itself (P6). Nông
    # Sơn (519) went into Quế Sơn (509) on 2025-01-01 (the corrected reference data): it is
    # counted in 509's row.
    assert [r[0] for r in rows] == [str(c) for c in range(502, 519)] + ["49"]
    by_key = {r[0]: r for r in rows}
    assert by_key["502"] == ("502", "Thành phố Tam Kỳ", 3, 0, "0.0")
    assert by_key["504"] == ("504", "Huyện Tây Giang", None, 1, None)
    assert by_key["506"] == ("506", "Huyện Đại Lộc", 4, 2, "50.0")
    assert by_key["508"] == ("508", "Huyện Duy Xuyên", None, 0, None)
    assert by_key["49"] == ("49", "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)", None, 1, None)
    assert sum(r[3] for r in rows) == body["actual"]
    assert {r[0] for r in rows if r[3]} == {"504", "506", "49"}

    # Đà Nẵng breaks down into the province it succeeded, its own units (since the communes
    # arrived with the reference data: its communes and former districts, here without
    # departures) and its own people.
    body = _get(client, world.officer, area_code="48", year_from=2024, year_to=2025, by="area")
    assert _summary(body) == ("48", 2024, 2025, 8, 9, "88.9")
    rows = _rows(body)
    assert [r for r in rows if r[3] or r[2]] == [
        ("49", "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)", 9, 7, "77.8"),
        ("48", "Thành phố Đà Nẵng", None, 1, None),
    ]
    assert sum(r[3] for r in rows) == body["actual"]
    # A district's communes (with the reference data since the communes issue) have none of
    # these departures: they are homed in the district itself, its own row.
    body = _get(client, world.officer, area_code="506", year_from=2024, year_to=2024, by="area")
    assert [r for r in _rows(body) if r[3]] == [("506", "Huyện Đại Lộc", None, 2, None)]
    body = _get(client, world.officer, area_code="519", year_from=2024, year_to=2024, by="area")
    assert [r for r in body["rows"] if r["actual"]] == []


def test_progress_by_market(client: TestClient, world: World) -> None:
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2025, by="market")
    assert _rows(body) == [
        ("CA", "Canada", 1, 0, "0.0"),  # a target and no departure still shows
        ("DE", "Đức", None, 1, None),
        ("JP", "Nhật Bản", 4, 3, "75.0"),
        ("KR", "Hàn Quốc", None, 2, None),
        ("TW", "Đài Loan (Trung Quốc)", None, 1, None),
    ]
    body = _get(client, world.officer, area_code="48", year_from=2025, year_to=2025, by="market")
    assert _summary(body) == ("48", 2025, 2025, 4, 3, "133.3")
    # CA's target covers 2024-2025 as a whole: no share of it is 2025's.
    assert _rows(body) == [
        ("CA", "Canada", None, 0, None),
        ("JP", "Nhật Bản", 2, 3, "150.0"),
        ("KR", "Hàn Quốc", None, 1, None),
    ]
    body = _get(
        client,
        world.officer,
        area_code="49",
        year_from=2024,
        year_to=2025,
        market_code="KR",
        by="market",
    )
    assert _summary(body) == ("49", 2024, 2025, 2, None, None)
    assert _rows(body) == [("KR", "Hàn Quốc", None, 2, None)]


def test_progress_by_channel(client: TestClient, world: World) -> None:
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2025, by="channel")
    assert _summary(body) == ("49", 2024, 2025, 7, 9, "77.8")
    assert _rows(body) == [
        ("service_enterprise", "Doanh nghiệp dịch vụ", None, 3, None),
        ("contract_winner", "Doanh nghiệp trúng thầu, nhận thầu", None, 1, None),
        ("direct_contract", "Hợp đồng cá nhân trực tiếp", None, 1, None),
        ("outbound_investor", "Tổ chức, cá nhân đầu tư ra nước ngoài", None, 1, None),
        ("public_unit", "Đơn vị sự nghiệp công", None, 1, None),
    ]
    body = _get(client, world.officer, year_from=2025, year_to=2025, market_code="JP", by="channel")
    assert _rows(body) == [
        ("contract_winner", "Doanh nghiệp trúng thầu, nhận thầu", None, 1, None),
        ("direct_contract", "Hợp đồng cá nhân trực tiếp", None, 1, None),
        ("service_enterprise", "Doanh nghiệp dịch vụ", None, 1, None),
    ]


def test_progress_by_agency(client: TestClient, world: World, session: Session) -> None:
    a, b = str(world.agencies["A"]), str(world.agencies["B"])
    names = {
        a: f"{_agency_name(session, world.agencies['A'])}",
        b: f"{_agency_name(session, world.agencies['B'])}",
    }
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2025, by="agency")
    assert _rows(body) == [
        (b, names[b], None, 3, None),  # P4 P6 P13
        ("", "Không qua doanh nghiệp", None, 2, None),  # P3 P12
        (a, names[a], None, 2, None),  # P1 P14
    ]
    body = _get(client, world.officer, year_from=2023, year_to=2030, by="agency")
    assert _rows(body) == [
        (a, names[a], None, 4, None),  # and P2, P7
        ("", "Không qua doanh nghiệp", None, 3, None),  # and P5
        (b, names[b], None, 3, None),
    ]


def _agency_name(session: Session, agency_id: int) -> str:
    from overseas.agencies.models import Agency

    agency = session.get(Agency, agency_id)
    assert agency is not None
    return agency.name


def test_progress_by_sex(client: TestClient, world: World) -> None:
    body = _get(client, world.officer, area_code="49", year_from=2024, year_to=2025, by="sex")
    assert _rows(body) == [("male", "Nam", None, 4, None), ("female", "Nữ", None, 3, None)]
    body = _get(client, world.officer, year_from=2023, year_to=2030, by="sex")
    # A tie is ordered by key.
    assert _rows(body) == [("female", "Nữ", None, 5, None), ("male", "Nam", None, 5, None)]


def test_progress_by_policy_group(client: TestClient, world: World) -> None:
    body = _get(
        client, world.officer, area_code="49", year_from=2024, year_to=2025, by="policy_group"
    )
    assert _summary(body) == ("49", 2024, 2025, 7, 9, "77.8")
    assert _rows(body) == [
        ("poor_household", "Hộ nghèo", None, 3, None),  # P1 P3 P14
        ("ethnic_minority", "Dân tộc thiểu số", None, 2, None),  # P3 P13
        ("merit_relative", "Thân nhân người có công", None, 1, None),  # P6
    ]
    body = _get(client, world.officer, year_from=2023, year_to=2030, by="policy_group")
    assert _rows(body) == [
        ("poor_household", "Hộ nghèo", None, 3, None),
        ("ethnic_minority", "Dân tộc thiểu số", None, 2, None),
        ("demobilised_soldier", "Bộ đội xuất ngũ", None, 1, None),
        ("land_recovered", "Bị thu hồi đất", None, 1, None),
        ("merit_relative", "Thân nhân người có công", None, 1, None),
        ("near_poor_household", "Hộ cận nghèo", None, 1, None),
    ]


def test_progress_follows_later_changes(client: TestClient, world: World) -> None:
    """A cancelled-then-corrected record and a deleted one move the counts at once."""
    query = {"area_code": "49", "year_from": 2024, "year_to": 2025}
    assert _get(client, world.officer, **query)["actual"] == 7
    # P10 (contracted) leaves on 2025-02-02: now counted.
    r = client.post(
        f"{PLACEMENTS}/{world.ids['P10']}/transitions",
        json={"status": "departed", "on": "2025-02-02"},
        headers=world.officer,
    )
    assert r.status_code == 200, r.text
    assert _get(client, world.officer, **query)["actual"] == 8
    # P1 was really from Đà Nẵng itself: out of 49, still in 48.
    r = client.patch(
        f"{PLACEMENTS}/{world.ids['P1']}",
        json={"worker": {"home_area_code": "48"}},
        headers=world.officer,
    )
    assert r.status_code == 200, r.text
    assert _get(client, world.officer, **query)["actual"] == 7
    assert _get(client, world.officer, **(query | {"area_code": "48"}))["actual"] == 9
    r = client.delete(f"{PLACEMENTS}/{world.ids['P13']}", headers=world.officer)
    assert r.status_code == 204, r.text
    assert _get(client, world.officer, **query)["actual"] == 6


# --- actual is a plain count ------------------------------------------------------------------


QUANG_NAM = ["49", *map(str, range(502, 520))]


def test_progress_actual_equals_a_plain_count(
    client: TestClient, world: World, session: Session
) -> None:
    queries: list[tuple[str, list[str], int, int, str | None]] = [
        ("49", QUANG_NAM, 2024, 2025, None),
        ("48", ["48", *QUANG_NAM], 2023, 2030, None),
        ("506", ["506"], 2024, 2024, None),
        ("48", ["48", *QUANG_NAM], 2024, 2025, "JP"),
        ("502", ["502"], 2025, 2025, "KR"),
    ]
    for area, area_codes, year_from, year_to, market in queries:
        stmt = (
            select(func.count())
            .select_from(Placement)
            .where(
                col(Placement.status).in_(["departed", "returned", "returned_early", "overstayed"]),
                col(Placement.departure_date) >= date(year_from, 1, 1),
                col(Placement.departure_date) <= date(year_to, 12, 31),
                col(Placement.home_area_code).in_(area_codes),
            )
        )
        if market:
            stmt = stmt.where(Placement.market_code == market)
        expected = int(session.exec(stmt).one())
        assert expected > 0
        params: dict[str, Any] = {"area_code": area, "year_from": year_from, "year_to": year_to}
        body = _get(client, world.officer, **params | ({"market_code": market} if market else {}))
        assert body["actual"] == expected, params


# --- validation and access --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"area_code": "999"}, "area_code"),
        ({"market_code": "QQ"}, "market_code"),
        ({"year_from": 2025, "year_to": 2024}, "year_to"),
        ({"year_from": 1999}, "year_from"),
        ({"year_to": 2101}, "year_to"),
        ({"by": "colour"}, "by"),
    ],
)
@pytest.mark.parametrize("path", [PROGRESS, PUBLIC])
def test_progress_bad_query_is_422_naming_the_field(
    client: TestClient, make: Factory, params: dict[str, Any], field: str, path: str
) -> None:
    r = client.get(path, params=params, headers=make.headers(Role.viewer))
    assert_problem(r, 422, "validation_error", field)


def test_progress_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(PROGRESS), 401, "not_authenticated")
    r = client.get(PROGRESS, headers={"Authorization": "Bearer nope"})
    assert_problem(r, 401, "not_authenticated")


def test_any_principal_reads_progress(client: TestClient, make: Factory, world: World) -> None:
    officer_view = _get(client, world.officer, by="agency")
    assert _summary(officer_view) == ("48", 2023, 2030, 10, 12, "83.3")
    for role in Role:
        assert _get(client, make.headers(role), by="agency") == officer_view, role


def test_public_progress_matches_and_holds_no_personal_data(
    client: TestClient, world: World
) -> None:
    for by in [None, "year", "area", "market", "channel", "agency", "sex", "policy_group"]:
        params = {"area_code": "48", "year_from": 2023, "year_to": 2030} | (
            {"by": by} if by else {}
        )
        r = client.get(PUBLIC, params=params)
        assert r.status_code == 200, r.text
        cache = r.headers["cache-control"]
        assert "public" in cache and "max-age=" in cache
        assert r.json() == _get(client, world.officer, **params)
        assert r.json()["actual"] == 10
        assert set(r.json()) == {
            "area_code",
            "area_name",
            "year_from",
            "year_to",
            "market_code",
            "by",
            "target",
            "actual",
            "percent",
            "projection",
            "rows",
        }
        for ref in DATA:
            assert NATIONAL_IDS[ref] not in r.text and NATIONAL_IDS[ref][-6:] not in r.text
            assert NAMES[ref] not in r.text
        assert "national_id" not in r.text and "full_name" not in r.text
    # No login needed, so a bad token is no reason to refuse.
    r = client.get(PUBLIC, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 200, r.text
    assert r.json()["actual"] == 10


# --- the projection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "span", "on", "expected"),
    [
        # 183 of 731 days of 2024-2025 gone; 2 years left, this one included.
        (300, 1000, (2024, 2025), date(2024, 7, 1), (round(300 * 731 / 183), 350)),
        (300, 1000, (2024, 2025), date(2024, 7, 1), (1198, 350)),
        # In the second year: 456 of 731 days gone (366 + 90), 1 year left.
        (900, 1000, (2024, 2025), date(2025, 3, 31), (round(900 * 731 / 456), 100)),
        (900, 1000, (2024, 2025), date(2025, 3, 31), (1443, 100)),
        # 2023-2030 on 2026-06-30: 1,277 of 2,922 days; 5 years left: ceil(9,000 / 5).
        (3000, 12000, (2023, 2030), date(2026, 6, 30), (6865, 1800)),
        # ceil rounds up: 7 still needed over 2 years.
        (3, 10, (2026, 2027), date(2026, 12, 31), (round(3 * 730 / 365), 4)),
        # The first day: the pace of one day.
        (2, 100, (2024, 2024), date(2024, 1, 1), (732, 98)),
        # The last day: the count is the end, and the rest is needed this year.
        (40, 100, (2024, 2024), date(2024, 12, 31), (40, 60)),
        # Target met: nothing more is required.
        (120, 100, (2024, 2025), date(2024, 7, 1), (round(120 * 731 / 183), 0)),
        # No target: no requirement, the pace still projects.
        (10, None, (2024, 2025), date(2024, 7, 1), (40, None)),
        # A span entirely in the past: the count stands, nothing can be required.
        (77, 100, (2020, 2021), date(2024, 7, 1), (77, None)),
        # A span entirely in the future: no pace yet; every year of it remains.
        (0, 1000, (2027, 2029), date(2024, 7, 1), (None, 334)),
        (0, None, (2027, 2029), date(2024, 7, 1), (None, None)),
    ],
)
def test_projection_by_hand(
    actual: int,
    target: int | None,
    span: tuple[int, int],
    on: date,
    expected: tuple[int | None, int | None],
) -> None:
    p = projection(actual, target, span[0], span[1], on=on)
    assert (p.expected_at_end, p.required_per_year) == expected
