"""A risk ranking a person can read and trust (docs/inspections.md, "The risk ranking"): every
factor said in plain units, the maximum score stated, an inspection already planned shown, a
scheduled inspection already made this year said; and the ranking moving when a late report or
an overdue remedy is added."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from overseas.core.db import today
from overseas.obligations import rules as duties
from tests.factories import Factory
from tests.placement_data import national_id

INSPECTIONS = "/api/v1/inspections"


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def _compliance(client: TestClient, officer: dict[str, str], agency_id: int) -> dict[str, Any]:
    r = client.get(f"/api/v1/agencies/{agency_id}/compliance", headers=officer)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _texts(body: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["text"] for f in body["risk_factors"]}


def test_every_factor_is_said_in_plain_units(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency = make.agency(licence_issued_on=today() - timedelta(days=900))
    assert agency.id is not None
    # Inspected 14 months ago (430 days); a remedy of it overdue by 45 days.
    make.inspection(
        agency.id,
        started_on=days_ago(435),
        violations=[{"fine_vnd": 5_000_000, "remedy_due": days_ago(45)}],
        concluded_on=days_ago(430),
    )
    # Two contracts finished, one early: 50 % of this enterprise's; the rest of the registry
    # adds no finished contract, so the province's rate is its own.
    make.placement(
        "RT-1",
        agency_id=agency.id,
        registered_on=days_ago(400),
        worker={"national_id": national_id(9101)},
        moves=(("departed", days_ago(300)), ("returned_early", days_ago(20))),
        status="contracted",
    )
    make.placement(
        "RT-2",
        agency_id=agency.id,
        registered_on=days_ago(400),
        worker={"national_id": national_id(9102)},
        moves=(("departed", days_ago(300)), ("returned", days_ago(10))),
        status="contracted",
    )
    body = _compliance(client, officer, agency.id)
    texts = _texts(body)
    assert texts["inspection_gap"] == f"14 months since the last inspection ({days_ago(430)})"
    assert texts["overdue_remedies"] == "1 remedy overdue by 45 days"
    assert texts["open_violations"] == "1 violation not yet remedied"
    assert texts["early_return_rate"].startswith("early returns 50.0 % against ")
    assert texts["early_return_rate"].endswith(" in the province")
    assert texts["reports_not_on_time"].endswith(
        "reports due in the last 12 months late or missing"
    )
    assert "annual report missing" in texts["reports_not_on_time"]
    params = {f["name"]: f["params"] for f in body["risk_factors"]}
    assert params["inspection_gap"]["months"] == 14
    assert params["overdue_remedies"] == {"count": 1, "days": 45}
    assert body["max_score"] == 100
    assert body["planned_inspection"] is None


def test_a_planned_inspection_and_this_years_scheduled_one_are_shown(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency = make.agency()
    assert agency.id is not None
    r = client.post(
        INSPECTIONS,
        json={"agency_id": agency.id, "kind": "scheduled", "planned_on": today().isoformat()},
        headers=officer,
    )
    assert r.status_code == 201, r.text
    body = _compliance(client, officer, agency.id)
    assert body["planned_inspection"]["id"] == r.json()["id"]
    assert body["planned_inspection"]["status"] == "planned"
    assert body["scheduled_this_year"] is True
    ranked = client.get(f"{INSPECTIONS}/priorities", headers=officer).json()["items"]
    mine = next(p for p in ranked if p["agency_id"] == agency.id)
    assert mine["planned_inspection"]["id"] == r.json()["id"]


def test_the_ranking_moves_when_a_report_is_late_or_a_remedy_overdue(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    a = make.agency(licence_issued_on=today() - timedelta(days=900))
    b = make.agency(licence_issued_on=today() - timedelta(days=900))
    assert a.id is not None and b.id is not None
    now = today()
    due = [
        p
        for year in (now.year - 1, now.year)
        for p in duties.periods_of(year)
        if now - timedelta(days=365) < p.due_on < now
    ]
    for agency_id in (a.id, b.id):  # both file everything on time
        for period in due:
            body = {
                "kind": period.kind.value,
                "period_from": period.period_from.isoformat(),
                "period_to": period.period_to.isoformat(),
                "received_at": f"{period.due_on.isoformat()}T09:00:00",
            }
            r = client.post(f"/api/v1/agencies/{agency_id}/reports", json=body, headers=officer)
            assert r.status_code == 201, r.text
    score = {k: _compliance(client, officer, k)["risk_score"] for k in (a.id, b.id)}
    assert score[a.id] == score[b.id]
    # A third enterprise files every report three days late: it ranks above them.
    c = make.agency(licence_issued_on=today() - timedelta(days=900))
    assert c.id is not None
    for period in due:
        late = period.due_on + timedelta(days=3)
        body = {
            "kind": period.kind.value,
            "period_from": period.period_from.isoformat(),
            "period_to": period.period_to.isoformat(),
            "received_at": f"{min(late, now).isoformat()}T09:00:00",
        }
        assert (
            client.post(f"/api/v1/agencies/{c.id}/reports", json=body, headers=officer).status_code
            == 201
        )
    late_one = _compliance(client, officer, c.id)
    assert late_one["risk_score"] > score[a.id]
    factor = {f["name"]: f for f in late_one["risk_factors"]}["reports_not_on_time"]
    assert factor["params"]["late"] > 0 and factor["value"] > 0
    # An overdue remedy moves B up.
    make.inspection(
        b.id,
        started_on=days_ago(60),
        violations=[{"fine_vnd": 1_000_000, "remedy_due": days_ago(5)}],
        concluded_on=days_ago(50),
    )
    moved = _compliance(client, officer, b.id)
    assert moved["risk_score"] != score[b.id]
    assert _texts(moved)["overdue_remedies"] == "1 remedy overdue by 5 days"
    ranked = [
        p["agency_id"]
        for p in client.get(f"{INSPECTIONS}/priorities", headers=officer).json()["items"]
    ]
    assert ranked.index(b.id) < ranked.index(a.id)


def test_complaints_and_recruiting_without_notice_move_the_ranking(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency = make.agency(reports_elsewhere=True)
    assert agency.id is not None
    before = _compliance(client, officer, agency.id)
    assert (
        _texts(before)["complaints"] == "0 complaints open, 0 substantiated in the last 24 months"
    )
    assert _texts(before)["recruiting_without_notice"] == (
        "no placement registered through it in the last 12 months"
    )
    body = {
        "agency_id": agency.id,
        "received_on": today().isoformat(),
        "source": "worker",
        "summary": "Bị thu tiền ngoài hợp đồng (ví dụ)",
    }
    assert client.post("/api/v1/complaints", json=body, headers=officer).status_code == 201
    after = _compliance(client, officer, agency.id)
    assert _texts(after)["complaints"] == "1 complaint open, 0 substantiated in the last 24 months"
    complaints = {f["name"]: f for f in after["risk_factors"]}["complaints"]
    assert complaints["value"] == 0.3333 and complaints["params"] == {"open": 1, "substantiated": 0}
    assert after["risk_score"] > before["risk_score"]
    # A worker recruited this month naming no recruitment notice (docs/notices.md).
    make.placement(agency_id=agency.id, registered_on=today().isoformat())
    recruited = _compliance(client, officer, agency.id)
    factor = {f["name"]: f for f in recruited["risk_factors"]}["recruiting_without_notice"]
    assert factor["value"] == 1 and factor["params"]["of"] == 1
    assert factor["text"] == (
        "1 of 1 placement registered in the last 12 months name no recruitment notice (100.0 %)"
    )
    assert recruited["risk_score"] > after["risk_score"]
