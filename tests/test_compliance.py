"""An enterprise's compliance record, the risk score that ranks whom to inspect next, and the
inspections part of the annual report, checked against a hand-built set of enterprises."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from overseas.core.db import today
from overseas.inspections import risk
from tests.factories import Factory
from tests.placement_data import national_id

INSPECTIONS = "/api/v1/inspections"
PLACEMENTS = "/api/v1/placements"
# The documented weights, in the order the factors are listed; they add up to 100.
WEIGHTS = {
    "inspection_gap": 15,
    "overdue_remedies": 25,
    "open_violations": 5,
    "flagged_share": 10,
    "early_return_rate": 5,
    "overstay_rate": 5,
    "late_report_rate": 5,
    "reports_not_on_time": 10,
    "complaints": 10,
    "recruiting_without_notice": 10,
}


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def _placement(
    make: Factory, agency_id: int, n: int, *moves: tuple[str, str], **fields: Any
) -> None:
    """Placement CMP-n of the enterprise, registered 400 days ago, then moved by `moves`."""
    make.placement(
        f"CMP-{n}",
        agency_id=agency_id,
        registered_on=days_ago(400),
        service_fee_vnd=None,
        worker={"national_id": national_id(n)},
        moves=moves,
        **fields,
    )


def _factors(expected: dict[str, tuple[str, str]]) -> dict[str, tuple[Decimal, int, Decimal]]:
    """Every factor as (value, weight, score); the ones not named are zero."""
    out = {}
    for name, weight in WEIGHTS.items():
        value, score = expected.get(name, ("0", "0"))
        out[name] = (Decimal(value), weight, Decimal(score))
    return out


def _rounded(value: float, places: int) -> bool:
    """A JSON number rounded to at most `places` decimals."""
    exact = Decimal(str(value))
    return exact == round(exact, places)


def _check(
    body: dict[str, Any], record: dict[str, Any], factors: dict[str, Any], total: str
) -> None:
    rates = ("early_return_rate", "overstay_rate", "late_report_rate")
    got = {k: body[k] for k in record}
    for rate in rates:
        if got.get(rate) is not None:
            got[rate] = Decimal(str(got[rate]))
    assert got == record
    assert [f["name"] for f in body["risk_factors"]] == list(WEIGHTS)
    assert {
        f["name"]: (Decimal(str(f["value"])), Decimal(str(f["weight"])), Decimal(str(f["score"])))
        for f in body["risk_factors"]
    } == factors
    assert [f["description"] for f in body["risk_factors"]] == [
        risk.FACTORS[name].description for name in WEIGHTS
    ]
    assert sum(Decimal(str(f["weight"])) for f in body["risk_factors"]) == 100
    assert Decimal(str(body["risk_score"])) == Decimal(total)
    # JSON numbers: rates and values to 4 decimals, scores to 2, the total to 1.
    assert all(isinstance(body[rate], float) for rate in rates if body[rate] is not None)
    assert all(_rounded(body[rate], 4) for rate in rates if body[rate] is not None)
    assert all(_rounded(f["value"], 4) and _rounded(f["score"], 2) for f in body["risk_factors"])
    assert isinstance(body["risk_score"], float) and _rounded(body["risk_score"], 1)


def test_compliance_and_priorities_of_a_hand_built_set_of_enterprises(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    # Created before `never`, so that only the tie-break (the longer gap first) ranks them.
    # Their head offices are elsewhere: reporting to the department has its own tests
    # (tests/test_obligations.py), and here would add the same factor to all of them.
    elsewhere = {"reports_elsewhere": True}
    long_ago = make.agency(name="Thanh tra bốn năm trước", **elsewhere)
    never = make.agency(name="Chưa từng thanh tra", **elsewhere)
    recent = make.agency(name="Thanh tra sáu tháng trước", **elsewhere)
    overdue = make.agency(name="Quá hạn khắc phục", **elsewhere)
    signals = make.agency(name="Nhiều dấu hiệu", **elsewhere)
    suspended = make.agency(name="Bị đình chỉ", status="suspended", **elsewhere)
    ids = {
        "never": never.id,
        "recent": recent.id,
        "long_ago": long_ago.id,
        "overdue": overdue.id,
        "signals": signals.id,
        "suspended": suspended.id,
    }
    assert all(isinstance(v, int) for v in ids.values())

    # Concluded 182 days ago with one violation, remedied, and closed: nothing open.
    make.inspection(
        ids["recent"],
        started_on=days_ago(190),
        violations=[
            {
                "category": "fee_above_cap",
                "fine_vnd": 20_000_000,
                "remedy_due": days_ago(160),
                "remedied_on": days_ago(150),
            }
        ],
        concluded_on=days_ago(182),
        closed_on=days_ago(100),
    )
    make.inspection(ids["recent"])  # planned: no bearing on the record

    # Concluded four years ago: the gap is capped at 36 months.
    on = days_ago(1461)
    make.inspection(ids["long_ago"], started_on=on, concluded_on=on, closed_on=on)

    # Concluded 60 days ago: one remedy overdue, one not yet due, one waived, one remedied;
    # a second inspection, still in progress, has another remedy overdue since yesterday.
    make.inspection(
        ids["overdue"],
        kind="complaint",
        started_on=days_ago(70),
        violations=[
            {"category": "fee_above_cap", "fine_vnd": 50_000_000, "remedy_due": days_ago(10)},
            {"category": "deposit_breach", "fine_vnd": 10_000_000, "remedy_due": days_ago(-30)},
            {
                "category": "other",
                "fine_vnd": 5_000_000,
                "remedy_due": days_ago(20),
                "waived": True,
            },
            {
                "category": "orientation_breach",
                "fine_vnd": 2_000_000,
                "remedy_due": days_ago(30),
                "remedied_on": days_ago(31),
            },
        ],
        concluded_on=days_ago(60),
    )
    make.inspection(
        ids["overdue"],
        kind="unscheduled",
        started_on=days_ago(5),
        violations=[{"category": "late_or_missing_report", "remedy_due": days_ago(1)}],
    )

    # Registry signals: 8 placements, 3 flagged (2 late reports, 1 deposit above the cap);
    # 5 departed, 3 of them back (1 early), 1 overstayed. Inspected a year ago, compliant.
    on = days_ago(365)
    make.inspection(ids["signals"], started_on=on, concluded_on=on, closed_on=on)
    a = ids["signals"]
    assert a is not None
    _placement(make, a, 1, status="departed", departure_date=days_ago(10))
    _placement(
        make, a, 2, ("departed", days_ago(3)), ("returned_early", days_ago(1)), status="contracted"
    )
    _placement(
        make, a, 3, ("departed", days_ago(20)), ("overstayed", days_ago(1)), status="contracted"
    )
    _placement(make, a, 4, deposit_vnd=1_000_000)
    _placement(make, a, 5)
    _placement(make, a, 6, ("cancelled", days_ago(2)))
    _placement(
        make, a, 7, ("departed", days_ago(4)), ("returned", days_ago(2)), status="contracted"
    )
    # Reported exactly 5 days after leaving: on time.
    _placement(
        make, a, 8, ("departed", days_ago(5)), ("returned", days_ago(2)), status="contracted"
    )
    flags = {
        p["external_ref"]: p["flags"]
        for p in _ok(client.get(PLACEMENTS, params={"agency_id": a}, headers=officer))["items"]
    }
    assert flags == {
        "CMP-1": ["late_report"],
        "CMP-2": [],
        "CMP-3": ["late_report"],
        "CMP-4": ["deposit_above_cap"],
        "CMP-5": [],
        "CMP-6": [],
        "CMP-7": [],
        "CMP-8": [],
    }

    # Suspended, and risky: it has its record but is never proposed for inspection.
    make.inspection(
        ids["suspended"],
        started_on=days_ago(30),
        violations=[{"fine_vnd": 1_000_000, "remedy_due": days_ago(3)}],
    )

    empty = {
        "placements": 0,
        "flagged_placements": 0,
        "early_return_rate": None,
        "overstay_rate": None,
        "late_report_rate": None,
    }
    expected: dict[str, tuple[dict[str, Any], dict[str, tuple[str, str]], str]] = {
        "never": (
            {"open_violations": 0, "overdue_remedies": 0, "fines_vnd": 0, "last_inspected_on": None}
            | empty,
            {"inspection_gap": ("1", "15")},
            "15.0",
        ),
        "recent": (
            {
                "open_violations": 0,
                "overdue_remedies": 0,
                "fines_vnd": 20_000_000,
                "last_inspected_on": days_ago(182),
            }
            | empty,
            # 182 days / 30.4375 = 5.9795 months; / 36 = 0.16610 → 0.1661; * 15 = 2.4915
            {"inspection_gap": ("0.1661", "2.49")},
            "2.5",
        ),
        "long_ago": (
            {
                "open_violations": 0,
                "overdue_remedies": 0,
                "fines_vnd": 0,
                "last_inspected_on": days_ago(1461),
            }
            | empty,
            # 48 months, at most 36 count.
            {"inspection_gap": ("1", "15")},
            "15.0",
        ),
        "overdue": (
            {
                "open_violations": 3,
                "overdue_remedies": 2,
                "fines_vnd": 67_000_000,
                "last_inspected_on": days_ago(60),
            }
            | empty,
            {
                # 60 / 30.4375 / 36 = 0.054757 → 0.0548; * 15 = 0.822
                "inspection_gap": ("0.0548", "0.82"),
                # 0.7 + 0.1 * 2
                "overdue_remedies": ("0.9", "22.5"),
                # 3 / 5
                "open_violations": ("0.6", "3"),
            },
            "26.3",  # 26.32
        ),
        "signals": (
            {
                "open_violations": 0,
                "overdue_remedies": 0,
                "fines_vnd": 0,
                "last_inspected_on": days_ago(365),
                "placements": 8,
                "flagged_placements": 3,
                "early_return_rate": Decimal("0.3333"),
                "overstay_rate": Decimal("0.2"),
                "late_report_rate": Decimal("0.4"),
            },
            {
                # 365 / 30.4375 / 36 = 0.33310 → 0.3331; * 15 = 4.9965
                "inspection_gap": ("0.3331", "5.00"),
                # 3 / 8 = 0.375; * 10
                "flagged_share": ("0.375", "3.75"),
                # 1 early of 3 back; * 5 = 1.6665
                "early_return_rate": ("0.3333", "1.67"),
                # 1 overstayed of 5 departed
                "overstay_rate": ("0.2", "1"),
                # 2 late of 5 departed
                "late_report_rate": ("0.4", "2"),
            },
            "13.4",  # 13.42
        ),
        "suspended": (
            {
                "open_violations": 1,
                "overdue_remedies": 1,
                "fines_vnd": 1_000_000,
                "last_inspected_on": None,
            }
            | empty,
            {
                "inspection_gap": ("1", "15"),
                "overdue_remedies": ("0.8", "20"),
                "open_violations": ("0.2", "1"),
            },
            "36.0",
        ),
    }

    for key, (record, factors, total) in expected.items():
        r = client.get(f"/api/v1/agencies/{ids[key]}/compliance", headers=officer)
        body = _ok(r)
        assert body["agency_id"] == ids[key]
        _check(body, record, _factors(factors), total)

    priorities = _ok(client.get(f"{INSPECTIONS}/priorities", headers=officer))["items"]
    ours = [p for p in priorities if p["agency_id"] in ids.values()]
    # Overdue remedies, then never inspected, then long uninspected (a tie broken by the
    # longer gap), then registry signals, then recently inspected; never the suspended one.
    order = ["overdue", "never", "long_ago", "signals", "recent"]
    assert [p["agency_id"] for p in ours] == [ids[k] for k in order]
    scores = [Decimal(str(p["risk_score"])) for p in priorities]
    assert scores == sorted(scores, reverse=True)
    agencies = {
        "never": never,
        "recent": recent,
        "long_ago": long_ago,
        "overdue": overdue,
        "signals": signals,
    }
    for key, p in zip(order, ours, strict=True):
        record, factors, total = expected[key]
        _check(p, record, _factors(factors), total)
        assert (p["licence_no"], p["name"]) == (agencies[key].licence_no, agencies[key].name)
        compliance = _ok(client.get(f"/api/v1/agencies/{ids[key]}/compliance", headers=officer))
        assert {k: v for k, v in p.items() if k not in ("licence_no", "name")} == compliance


def test_overdue_and_open_violations_count_at_most_one_each(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency_id = make.agency().id
    assert agency_id is not None
    overdue = [{"fine_vnd": 1_000_000, "remedy_due": days_ago(n + 1)} for n in range(6)]
    # Due today: open, not yet overdue.
    due_today = {"remedy_due": today().isoformat()}
    make.inspection(agency_id, started_on=days_ago(40), violations=[*overdue, due_today])
    body = _ok(client.get(f"/api/v1/agencies/{agency_id}/compliance", headers=officer))
    record = {
        "open_violations": 7,
        "overdue_remedies": 6,
        "fines_vnd": 6_000_000,
        "last_inspected_on": None,
        "placements": 0,
    }
    factors = {
        "inspection_gap": ("1", "15"),  # in progress is not yet inspected
        "overdue_remedies": ("1", "25"),  # 0.7 + 0.6, at most 1
        "open_violations": ("1", "5"),  # 7 / 5, at most 1
        "reports_not_on_time": ("1", "10"),  # it has filed no report that fell due
    }
    _check(body, record, _factors(factors), "55.0")


def test_the_annual_report_counts_inspections_concluded_in_the_period(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency_id = make.agency().id
    assert agency_id is not None
    # Concluded on the last day of 2023, with two violations (one remedied, one waived).
    make.inspection(
        agency_id,
        kind="scheduled",
        started_on="2023-12-01",
        violations=[
            {"category": "fee_above_cap", "fine_vnd": 30_000_000, "remedied_on": "2023-12-20"},
            {"category": "deposit_breach", "fine_vnd": 10_000_000, "waived": True},
        ],
        concluded_on="2023-12-31",
    )
    # Concluded on the first day of 2023, compliant.
    make.inspection(
        agency_id,
        kind="complaint",
        started_on="2023-01-01",
        concluded_on="2023-01-01",
        result="compliant",
    )
    # Concluded mid-2023 and closed in 2024: it counts in the year it was concluded.
    make.inspection(
        agency_id,
        kind="scheduled",
        started_on="2023-05-01",
        violations=[
            {"category": "fee_above_cap", "fine_vnd": 5_000_000, "remedied_on": "2023-07-01"}
        ],
        concluded_on="2023-06-15",
        closed_on="2024-02-01",
    )
    # Started in 2023, concluded on the first day of 2024: not in 2023.
    make.inspection(
        agency_id,
        kind="unscheduled",
        started_on="2023-12-20",
        violations=[{"category": "other", "fine_vnd": 99_000_000}],
        concluded_on="2024-01-01",
    )
    # Concluded on the last day of 2022.
    make.inspection(agency_id, started_on="2022-12-31", concluded_on="2022-12-31")
    # Started in 2023, never concluded.
    make.inspection(
        agency_id,
        kind="unscheduled",
        started_on="2023-06-01",
        violations=[{"category": "licence_misuse", "fine_vnd": 7_000_000}],
    )

    def inspections(year: int, period: str = "calendar") -> dict[str, Any]:
        params = {"year": year, "period": period}
        r = client.get("/api/v1/reports/annual", params=params, headers=officer)
        return _ok(r)["inspections"]  # type: ignore[no-any-return]

    assert inspections(2023) == {
        "concluded": 3,
        "with_violations": 2,
        "by_kind": [
            {"key": "complaint", "label": "Theo khiếu nại", "count": 1},
            {"key": "scheduled", "label": "Theo kế hoạch", "count": 2},
        ],
        "violations": 3,
        "by_category": [
            {"key": "deposit_breach", "label": "Vi phạm về tiền ký quỹ", "count": 1},
            {"key": "fee_above_cap", "label": "Thu tiền dịch vụ vượt mức trần", "count": 2},
        ],
        "fines_vnd": 45_000_000,
    }
    assert inspections(2024) == {
        "concluded": 1,
        "with_violations": 1,
        "by_kind": [{"key": "unscheduled", "label": "Đột xuất", "count": 1}],
        "violations": 1,
        "by_category": [{"key": "other", "label": "Vi phạm khác", "count": 1}],
        "fines_vnd": 99_000_000,
    }
    assert inspections(2022) == {
        "concluded": 1,
        "with_violations": 0,
        "by_kind": [{"key": "scheduled", "label": "Theo kế hoạch", "count": 1}],
        "violations": 0,
        "by_category": [],
        "fines_vnd": 0,
    }
    # The statutory period (the default), 15 December to 14 December: the inspections
    # concluded on 2022-12-31, 2023-01-01 and 2023-06-15 are 2023's; those of 2023-12-31 and
    # 2024-01-01 are 2024's.
    assert inspections(2023, "statutory") == {
        "concluded": 3,
        "with_violations": 1,
        "by_kind": [
            {"key": "complaint", "label": "Theo khiếu nại", "count": 1},
            {"key": "scheduled", "label": "Theo kế hoạch", "count": 2},
        ],
        "violations": 1,
        "by_category": [
            {"key": "fee_above_cap", "label": "Thu tiền dịch vụ vượt mức trần", "count": 1}
        ],
        "fines_vnd": 5_000_000,
    }
    statutory = inspections(2024, "statutory")
    assert (statutory["concluded"], statutory["violations"], statutory["fines_vnd"]) == (
        2,
        3,
        139_000_000,
    )
    r = client.get("/api/v1/reports/annual", params={"year": 2024}, headers=officer)
    assert _ok(r)["inspections"] == statutory
    assert inspections(2022, "statutory")["concluded"] == 0
