"""Read-only flags: they appear and disappear as the inputs change."""

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.db import LOCAL_ZONE, today
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
# Law 69/2020 Art. 23: a 36-month contract at 180,000 JPY allows 3 months' salary.
RATE = 170
CAP_36_MONTHS = 3 * 180_000 * RATE


def _create(client: TestClient, headers: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    r = client.post(PLACEMENTS, json=payload, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _flags(client: TestClient, headers: dict[str, str], pid: int) -> list[str]:
    r = client.get(f"{PLACEMENTS}/{pid}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["flags"]  # type: ignore[no-any-return]


def _patch(
    client: TestClient, headers: dict[str, str], pid: int, body: dict[str, Any]
) -> dict[str, Any]:
    r = client.patch(f"{PLACEMENTS}/{pid}", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _transition(
    client: TestClient, headers: dict[str, str], pid: int, status: str, on: str
) -> dict[str, Any]:
    r = client.post(
        f"{PLACEMENTS}/{pid}/transitions", json={"status": status, "on": on}, headers=headers
    )
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _add_rate(
    client: TestClient, headers: dict[str, str], value: str, effective_on: str = "2024-01-01"
) -> None:
    r = client.post(
        "/api/v1/markets/JP/records",
        json={
            "kind": "wage",
            "title": "Tỷ giá tham chiếu JPY",
            "value": value,
            "unit": "VND/JPY",
            "effective_on": effective_on,
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text


def _person(n: int) -> dict[str, Any]:
    return {"national_id": national_id(n)}


# --- fee_above_cap --------------------------------------------------------------------------


def test_fee_above_cap_needs_a_known_rate_and_follows_the_fee(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    above = _create(
        client,
        officer,
        item("FEE-1", agency_id=agency_id, service_fee_vnd=CAP_36_MONTHS + 1, worker=_person(1)),
    )
    at_cap = _create(
        client,
        officer,
        item("FEE-2", agency_id=agency_id, service_fee_vnd=CAP_36_MONTHS, worker=_person(2)),
    )
    # No exchange rate known: never a guess.
    assert above["flags"] == [] and at_cap["flags"] == []

    _add_rate(client, officer, str(RATE))
    assert _flags(client, officer, above["id"]) == ["fee_above_cap"]
    assert _flags(client, officer, at_cap["id"]) == []

    lowered = _patch(client, officer, above["id"], {"service_fee_vnd": CAP_36_MONTHS})
    assert lowered["flags"] == []
    assert _flags(client, officer, above["id"]) == []
    raised = _patch(client, officer, at_cap["id"], {"service_fee_vnd": CAP_36_MONTHS + 1})
    assert raised["flags"] == ["fee_above_cap"]


def test_fee_above_cap_created_after_the_rate_is_flagged_at_once(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    _add_rate(client, officer, str(RATE))
    created = _create(client, officer, item(agency_id=agency_id, service_fee_vnd=CAP_36_MONTHS + 1))
    assert created["flags"] == ["fee_above_cap"]


@pytest.mark.parametrize(("months", "cap_months"), [(12, 1), (24, 2), (36, 3), (60, 3), (120, 3)])
def test_fee_above_cap_is_one_month_per_twelve_at_most_three(
    client: TestClient, officer: dict[str, str], agency_id: int, months: int, cap_months: int
) -> None:
    _add_rate(client, officer, str(RATE))
    cap = cap_months * 180_000 * RATE
    at_cap = _create(
        client,
        officer,
        item("AT", agency_id=agency_id, contract_months=months, service_fee_vnd=cap),
    )
    above = _create(
        client,
        officer,
        item(
            "ABOVE",
            agency_id=agency_id,
            contract_months=months,
            service_fee_vnd=cap + 1,
            worker=_person(2),
        ),
    )
    assert at_cap["flags"] == []
    assert above["flags"] == ["fee_above_cap"]


def test_fee_above_cap_uses_the_rate_of_the_judgement_day(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    """A placement is judged at the rate in force on its contract date (else departure, else
    registration): a later rate leaves a flag as it was (docs/api.md)."""
    _add_rate(client, officer, str(RATE), "2024-01-01")
    fee = CAP_36_MONTHS + 1
    # Registered on 2024-01-10, no contract date: judged on 2024-01-10.
    created = _create(client, officer, item(agency_id=agency_id, service_fee_vnd=fee))
    assert created["flags"] == ["fee_above_cap"]
    # Signed on 2024-06-05: judged that day.
    signed = _create(
        client,
        officer,
        item("SIGNED", agency_id=agency_id, service_fee_vnd=fee, worker=_person(3),
             contract_signed_on="2024-06-05"),
    )  # fmt: skip
    assert signed["flags"] == ["fee_above_cap"]
    # An older rate entered later changes nothing; a newer, higher one lifts the cap only for
    # the placement judged after it takes effect.
    _add_rate(client, officer, "150", "2023-01-01")
    assert _flags(client, officer, created["id"]) == ["fee_above_cap"]
    _add_rate(client, officer, "180", "2024-06-01")
    assert _flags(client, officer, created["id"]) == ["fee_above_cap"]
    assert _flags(client, officer, signed["id"]) == []
    # A rate between an old one and the placement's day re-judges it.
    _add_rate(client, officer, "190", "2024-01-05")
    assert _flags(client, officer, created["id"]) == []
    # Each rate leaves one audited system action saying how many flags it changed.
    changed = [
        (a.changes or {})["flags_changed"]
        for a in session.exec(
            select(AuditLog).where(AuditLog.action == "rejudge_fees").order_by(col(AuditLog.id))
        ).all()
    ]
    assert changed == [0, 0, 1, 1]


def test_a_contract_date_after_the_departure_is_refused(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(agency_id=agency_id, status="departed", departure_date="2024-02-01",
                   contract_signed_on="2024-03-01")  # fmt: skip
    r = client.post("/api/v1/placements", json=payload, headers=officer)
    assert_problem(r, 422, "validation_error", "contract_signed_on")


def test_fee_above_cap_follows_salary_and_contract_changes(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    _add_rate(client, officer, str(RATE))
    created = _create(client, officer, item(agency_id=agency_id, service_fee_vnd=CAP_36_MONTHS))
    assert created["flags"] == []
    assert _patch(client, officer, created["id"], {"contract_months": 24})["flags"] == [
        "fee_above_cap"
    ]
    assert _patch(client, officer, created["id"], {"monthly_salary": "270000"})["flags"] == []


def test_fee_above_cap_in_vnd_needs_no_rate(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(
        agency_id=agency_id,
        market_code="DE",
        programme="other",
        monthly_salary="10000000",
        salary_currency="VND",
        service_fee_vnd=30_000_001,
    )
    assert _create(client, officer, payload)["flags"] == ["fee_above_cap"]


@pytest.mark.parametrize(("fee", "flags"), [(1, ["fee_above_cap"]), (0, []), (None, [])])
def test_public_unit_charging_any_fee_is_flagged_without_a_rate(
    client: TestClient, officer: dict[str, str], fee: int | None, flags: list[str]
) -> None:
    payload = item(
        channel="public_unit",
        market_code="KR",
        programme="EPS",
        monthly_salary="2100000",
        salary_currency="KRW",
        service_fee_vnd=fee,
    )
    assert _create(client, officer, payload)["flags"] == flags


def test_public_unit_japan_titp_is_flagged_despite_the_programme_cap(
    client: TestClient, officer: dict[str, str]
) -> None:
    _add_rate(client, officer, str(RATE))
    payload = item(channel="public_unit", service_fee_vnd=1_000_000)
    assert _create(client, officer, payload)["flags"] == ["fee_above_cap"]


# --- deposit_above_cap ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("market", "deposit", "flags"),
    [
        ("KR", 36_000_000, []),
        ("KR", 36_000_001, ["deposit_above_cap"]),
        ("TW", 12_000_001, ["deposit_above_cap"]),
        ("JP", 0, []),
        ("JP", 1, ["deposit_above_cap"]),
        ("DE", 500_000_000, []),
        ("KR", None, []),
    ],
)
def test_deposit_above_cap_by_market(
    client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    market: str,
    deposit: int | None,
    flags: list[str],
) -> None:
    payload = item(
        agency_id=agency_id,
        market_code=market,
        programme="other",
        salary_currency="USD",
        monthly_salary="1500",
        deposit_vnd=deposit,
    )
    assert _create(client, officer, payload)["flags"] == flags


def test_deposit_above_cap_disappears_when_lowered(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id, deposit_vnd=5_000_000))
    assert created["flags"] == ["deposit_above_cap"]
    assert _patch(client, officer, created["id"], {"deposit_vnd": 0})["flags"] == []
    moved = _patch(client, officer, created["id"], {"market_code": "KR", "deposit_vnd": 36_000_001})
    assert moved["flags"] == ["deposit_above_cap"]


# --- possible_duplicate ---------------------------------------------------------------------


def test_possible_duplicate_flags_both_and_clears_when_one_is_cancelled(
    client: TestClient, officer: dict[str, str], agency_id: int, make: Factory
) -> None:
    first = _create(client, officer, item("DUP-A", agency_id=agency_id))
    assert first["flags"] == []
    other_agency = make.agency().id
    second = _create(client, officer, item("DUP-B", agency_id=other_agency, market_code="KR"))
    assert second["flags"] == ["possible_duplicate"]
    assert _flags(client, officer, first["id"]) == ["possible_duplicate"]
    unrelated = _create(client, officer, item("DUP-C", agency_id=agency_id, worker=_person(9)))
    assert unrelated["flags"] == []

    _transition(client, officer, second["id"], "cancelled", "2024-02-01")
    assert _flags(client, officer, first["id"]) == []


def test_possible_duplicate_ignores_finished_placements(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    earlier = item(
        "FIRST-CONTRACT",
        agency_id=agency_id,
        registered_on="2019-01-10",
        status="returned",
        departure_date="2019-06-01",
        return_date="2022-06-01",
    )
    assert "possible_duplicate" not in _create(client, officer, earlier)["flags"]
    again = _create(client, officer, item("SECOND-CONTRACT", agency_id=agency_id))
    assert again["flags"] == []


def test_possible_duplicate_clears_when_the_other_is_deleted(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    first = _create(client, officer, item("DEL-A", agency_id=agency_id))
    second = _create(client, officer, item("DEL-B", agency_id=agency_id))
    assert second["flags"] == ["possible_duplicate"]
    r = client.delete(f"{PLACEMENTS}/{second['id']}", headers=officer)
    assert r.status_code == 204, r.text
    assert _flags(client, officer, first["id"]) == []


def test_possible_duplicate_within_one_batch(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items = [item("BATCH-A", agency_id=agency_id), item("BATCH-B", agency_id=agency_id)]
    r = client.post(f"{PLACEMENTS}/batch", json={"items": items}, headers=officer)
    assert r.status_code == 200, r.text
    for result in r.json()["items"]:
        assert _flags(client, officer, result["id"]) == ["possible_duplicate"]


# --- late_report ----------------------------------------------------------------------------


def _days_ago(days: int) -> str:
    return (today() - timedelta(days=days)).isoformat()


def _departed(ref: str, agency_id: int, days_ago: int, n: int) -> dict[str, Any]:
    return item(
        ref,
        agency_id=agency_id,
        registered_on=_days_ago(days_ago + 60),
        status="departed",
        departure_date=_days_ago(days_ago),
        worker=_person(n),
    )


@pytest.mark.parametrize(("days_ago", "flags"), [(0, []), (5, []), (6, ["late_report"])])
def test_late_report_when_a_departure_is_recorded_after_five_days(
    client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    days_ago: int,
    flags: list[str],
) -> None:
    created = _create(client, officer, _departed("LATE", agency_id, days_ago, 1))
    assert created["flags"] == flags


@pytest.mark.parametrize(("days_ago", "flags"), [(5, []), (10, ["late_report"])])
def test_late_report_by_transition_to_departed(
    client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    days_ago: int,
    flags: list[str],
) -> None:
    payload = item(agency_id=agency_id, registered_on=_days_ago(90), status="contracted")
    created = _create(client, officer, payload)
    assert created["flags"] == []
    moved = _transition(client, officer, created["id"], "departed", _days_ago(days_ago))
    assert moved["flags"] == flags


def test_late_report_by_batch_update_to_departed(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    row = item("LATE-B", agency_id=agency_id, registered_on=_days_ago(90))
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [row]}, headers=officer)
    assert r.status_code == 200, r.text
    pid = r.json()["items"][0]["id"]
    assert _flags(client, officer, pid) == []
    row |= {"status": "departed", "departure_date": _days_ago(6)}
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [row]}, headers=officer)
    assert r.status_code == 200, r.text
    assert _flags(client, officer, pid) == ["late_report"]


def test_late_report_counts_from_the_first_report_of_the_departure(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    created = _create(client, officer, _departed("ON-TIME", agency_id, 20, 1))
    assert created["flags"] == ["late_report"]
    # As if the departure had been reported on the day: a later correction keeps that day.
    reported = datetime.combine(today() - timedelta(days=20), time(12), tzinfo=LOCAL_ZONE)
    session.exec(
        update(Placement)
        .where(col(Placement.id) == created["id"])
        .values(departure_reported_at=reported)
    )
    session.commit()
    session.expire_all()
    assert _patch(client, officer, created["id"], {"occupation": "Cơ khí"})["flags"] == []


# --- flag filter ----------------------------------------------------------------------------


def test_list_filters_by_flag(client: TestClient, officer: dict[str, str], agency_id: int) -> None:
    _add_rate(client, officer, str(RATE))
    fee = _create(
        client,
        officer,
        item("F-FEE", agency_id=agency_id, service_fee_vnd=CAP_36_MONTHS + 1, worker=_person(1)),
    )
    deposit = _create(
        client, officer, item("F-DEP", agency_id=agency_id, deposit_vnd=1, worker=_person(2))
    )
    dup_a = _create(client, officer, item("F-DUP-A", agency_id=agency_id, worker=_person(3)))
    dup_b = _create(client, officer, item("F-DUP-B", agency_id=agency_id, worker=_person(3)))
    late = _create(client, officer, _departed("F-LATE", agency_id, 30, 4))
    clean = _create(client, officer, item("F-CLEAN", agency_id=agency_id, worker=_person(5)))
    expected = {
        "fee_above_cap": {fee["id"]},
        "deposit_above_cap": {deposit["id"]},
        "possible_duplicate": {dup_a["id"], dup_b["id"]},
        "late_report": {late["id"]},
    }
    for flag, ids in expected.items():
        r = client.get(PLACEMENTS, params={"flag": flag}, headers=officer)
        assert r.status_code == 200, r.text
        assert {p["id"] for p in r.json()["items"]} == ids, flag
        assert all(flag in p["flags"] for p in r.json()["items"])
    r = client.get(PLACEMENTS, headers=officer)
    assert clean["id"] in {p["id"] for p in r.json()["items"]}

    _patch(client, officer, deposit["id"], {"deposit_vnd": 0})
    r = client.get(PLACEMENTS, params={"flag": "deposit_above_cap"}, headers=officer)
    assert r.json()["items"] == []
