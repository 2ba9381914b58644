"""`POST /api/v1/placements/batch`: upsert by (agency_id, external_ref), all or nothing."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
BATCH = f"{PLACEMENTS}/batch"


def _count(session: Session, model: type = Placement) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _rows(n: int, agency_id: int | None, prefix: str = "B", start: int = 0) -> list[dict[str, Any]]:
    """n valid items with their own external_ref and national_id (built from one template)."""
    base = item(None, agency_id=agency_id)
    rows = []
    for i in range(start, start + n):
        row = dict(base, external_ref=f"{prefix}-{i:05d}")
        row["worker"] = dict(base["worker"], national_id=national_id(i))
        rows.append(row)
    return rows


def _batch(
    client: TestClient,
    headers: dict[str, str],
    items: list[dict[str, Any]],
    **params: Any,
) -> Any:
    return client.post(BATCH, json={"items": items}, headers=headers, params=params)


def _ok(r: Any) -> dict[str, Any]:
    assert r.status_code == 200, r.text[:2000]
    return r.json()  # type: ignore[no-any-return]


def _by_ref(client: TestClient, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    r = client.get(PLACEMENTS, params={"limit": 500}, headers=headers)
    assert r.status_code == 200, r.text
    return {p["external_ref"]: p for p in r.json()["items"]}


def test_batch_of_5000_is_all_or_nothing_then_accepted_in_one_request(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    items = _rows(5000, agency_id)
    good = items[2500]
    items[2500] = good | {"worker": good["worker"] | {"sex": "female"}}
    before = _count(session)

    body = assert_problem(_batch(client, officer, items), 422, "validation_error")
    assert [(e["index"], e["external_ref"], e["field"]) for e in body["errors"]] == [
        (2500, "B-02500", "worker.national_id")
    ]
    assert body["errors"][0]["message"]
    assert _count(session) == before

    items[2500] = good
    result = _ok(_batch(client, officer, items))
    assert (result["created"], result["updated"], result["unchanged"]) == (5000, 0, 0)
    assert result["dry_run"] is False
    assert [i["index"] for i in result["items"]] == list(range(5000))
    assert [i["external_ref"] for i in result["items"]] == [r["external_ref"] for r in items]
    assert {i["result"] for i in result["items"]} == {"created"}
    assert len({i["id"] for i in result["items"]}) == 5000
    assert _count(session) == before + 5000

    stored = session.get(Placement, result["items"][2500]["id"])
    assert stored is not None
    assert (stored.external_ref, stored.national_id, stored.agency_id) == (
        "B-02500",
        good["worker"]["national_id"],
        agency_id,
    )


def test_batch_lists_every_bad_row_and_writes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    items = _rows(6, agency_id)
    items[1]["contract_months"] = 0
    items[3]["market_code"] = "ZZ"
    items[4] = items[4] | {
        "status": "departed",
        "worker": items[4]["worker"] | {"home_area_code": "99999"},
    }
    before, audits = _count(session), _count(session, AuditLog)
    body = assert_problem(_batch(client, officer, items), 422, "validation_error")
    listed = [(e["index"], e["external_ref"], e["field"]) for e in body["errors"]]
    assert listed == [
        (1, "B-00001", "contract_months"),
        (3, "B-00003", "market_code"),
        (4, "B-00004", "departure_date"),
        (4, "B-00004", "worker.home_area_code"),
    ]
    assert all(e["message"] for e in body["errors"])
    assert "3 of 6" in body["detail"]
    assert _count(session) == before
    assert _count(session, AuditLog) == audits


def test_batch_dry_run_reports_without_writing(
    client: TestClient,
    dry_client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    session: Session,
) -> None:
    items = _rows(3, agency_id)
    before, audits = _count(session), _count(session, AuditLog)
    result = _ok(_batch(dry_client, officer, items, dry_run="true"))
    assert result["dry_run"] is True
    assert (result["created"], result["updated"], result["unchanged"]) == (3, 0, 0)
    assert [(i["index"], i["id"], i["result"]) for i in result["items"]] == [
        (0, None, "created"),
        (1, None, "created"),
        (2, None, "created"),
    ]
    assert _count(session) == before
    assert _count(session, AuditLog) == audits

    _ok(_batch(client, officer, items))
    stored = _by_ref(client, officer)
    changed = items[0] | {"occupation": "Xây dựng"}
    new = _rows(1, agency_id, start=3)[0]
    audits = _count(session, AuditLog)
    result = _ok(_batch(dry_client, officer, [changed, items[1], items[2], new], dry_run="true"))
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 1, 2)
    assert [(i["id"], i["result"]) for i in result["items"]] == [
        (stored["B-00000"]["id"], "updated"),
        (stored["B-00001"]["id"], "unchanged"),
        (stored["B-00002"]["id"], "unchanged"),
        (None, "created"),
    ]
    assert _count(session, AuditLog) == audits
    # (Reading the register back is itself audited, so it comes after the count.)
    assert _by_ref(client, officer) == stored


def test_batch_dry_run_still_rejects_bad_rows(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items = _rows(2, agency_id)
    items[1]["worker"]["date_of_birth"] = "2010-01-01"
    body = assert_problem(_batch(client, officer, items, dry_run="true"), 422, "validation_error")
    assert {(e["index"], e["field"]) for e in body["errors"]} >= {(1, "worker.date_of_birth")}


def test_batch_resend_reports_created_updated_unchanged(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items = _rows(4, agency_id)
    first = _ok(_batch(client, officer, items))
    ids = [i["id"] for i in first["items"]]
    before = _by_ref(client, officer)

    items[1] = items[1] | {"service_fee_vnd": 25_000_000}
    items[3] = items[3] | {"worker": items[3]["worker"] | {"phone": "0987654321"}}
    new = _rows(2, agency_id, start=4)
    # The same salary written another way is no change.
    items[2] = items[2] | {"monthly_salary": "180000.00"}
    result = _ok(_batch(client, officer, items + new))
    assert (result["created"], result["updated"], result["unchanged"]) == (2, 2, 2)
    assert [(i["id"], i["result"]) for i in result["items"][:4]] == [
        (ids[0], "unchanged"),
        (ids[1], "updated"),
        (ids[2], "unchanged"),
        (ids[3], "updated"),
    ]
    assert [i["result"] for i in result["items"][4:]] == ["created", "created"]

    after = _by_ref(client, officer)
    assert after["B-00000"] == before["B-00000"]
    assert after["B-00002"] == before["B-00002"]
    assert after["B-00001"]["service_fee_vnd"] == 25_000_000
    assert after["B-00001"]["version"] == before["B-00001"]["version"] + 1
    assert after["B-00003"]["worker"]["phone"] == "0987654321"
    assert len(after) == 6


def test_batch_replayed_idempotency_key_returns_first_response_and_writes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    headers = officer | {"Idempotency-Key": "batch-2024-06-01"}
    items = _rows(3, agency_id)
    first = client.post(BATCH, json={"items": items}, headers=headers)
    assert first.status_code == 200, first.text
    assert "idempotent-replayed" not in first.headers
    count, audits = _count(session), _count(session, AuditLog)

    again = client.post(BATCH, json={"items": items}, headers=headers)
    assert again.status_code == 200, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.json()["created"] == 3
    assert (_count(session), _count(session, AuditLog)) == (count, audits)

    other = [items[0] | {"occupation": "Cơ khí"}]
    r = client.post(BATCH, json={"items": other}, headers=headers)
    assert_problem(r, 422, "idempotency_key_reused")
    assert _by_ref(client, officer)["B-00000"]["occupation"] == items[0]["occupation"]
    assert _count(session) == count


def test_batch_with_duplicate_external_ref_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    items = _rows(3, agency_id)
    items[2]["external_ref"] = items[0]["external_ref"]
    before = _count(session)
    body = assert_problem(_batch(client, officer, items), 422, "validation_error", "external_ref")
    assert [(e["index"], e["field"]) for e in body["errors"]] == [(2, "external_ref")]
    assert _count(session) == before


def test_batch_item_without_external_ref_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items = _rows(2, agency_id)
    items[1]["external_ref"] = None
    body = assert_problem(_batch(client, officer, items), 422, "validation_error", "external_ref")
    assert [e["index"] for e in body["errors"]] == [1]


def test_batch_same_ref_for_two_enterprises_is_two_placements(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    a, b = make.agency().id, make.agency().id
    items = _rows(1, a, prefix="SAME") + _rows(1, b, prefix="SAME", start=1)
    items[1]["external_ref"] = items[0]["external_ref"]
    result = _ok(_batch(client, officer, items))
    assert result["created"] == 2
    assert result["items"][0]["id"] != result["items"][1]["id"]


def test_batch_over_5000_items_is_422(client: TestClient, officer: dict[str, str]) -> None:
    r = client.post(BATCH, json={"items": [{}] * 5001}, headers=officer)
    assert_problem(r, 422, "validation_error", "items")


@pytest.mark.parametrize("body", [{"items": []}, {}, {"items": "many"}])
def test_batch_without_items_is_422(
    client: TestClient, officer: dict[str, str], body: dict[str, Any]
) -> None:
    assert_problem(client.post(BATCH, json=body, headers=officer), 422, "validation_error", "items")


def test_batch_item_that_is_not_an_object_is_422_naming_its_index(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items: list[Any] = [*_rows(1, agency_id), "not a placement"]
    body = assert_problem(_batch(client, officer, items), 422, "validation_error")
    assert {e["index"] for e in body["errors"]} == {1}


def test_batch_moving_status_backwards_is_422_naming_status(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    departed = _rows(2, agency_id)
    for row in departed:
        row |= {"status": "departed", "departure_date": "2024-06-01"}
    _ok(_batch(client, officer, departed))
    before = _by_ref(client, officer)

    back = [departed[0], departed[1] | {"status": "registered", "departure_date": None}]
    body = assert_problem(_batch(client, officer, back), 422, "validation_error", "status")
    assert [(e["index"], e["external_ref"], e["field"]) for e in body["errors"]] == [
        (1, "B-00001", "status")
    ]
    assert _by_ref(client, officer) == before


def test_batch_moving_several_steps_forward_updates_and_shows_in_history(
    client: TestClient, make: Factory, agency_id: int
) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    items = _rows(1, agency_id)
    created = _ok(_batch(client, headers, items))["items"][0]
    moved = items[0] | {"status": "departed", "departure_date": "2024-06-01"}
    result = _ok(_batch(client, headers, [moved]))
    assert (result["updated"], result["items"][0]["id"]) == (1, created["id"])

    r = client.get(f"{PLACEMENTS}/{created['id']}", headers=headers)
    assert (r.json()["status"], r.json()["departure_date"]) == ("departed", "2024-06-01")
    r = client.get(f"{PLACEMENTS}/{created['id']}/history", headers=headers)
    assert r.status_code == 200, r.text
    assert [(h["status"], h["on"], h["actor"]) for h in r.json()["items"]] == [
        ("registered", "2024-01-10", user.username),
        ("departed", "2024-06-01", user.username),
    ]


def test_batch_updates_keep_the_rules_of_a_single_record(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    items = _rows(2, agency_id)
    _ok(_batch(client, officer, items))
    items[0] = items[0] | {"status": "returned", "departure_date": "2024-06-01"}
    body = assert_problem(_batch(client, officer, items), 422, "validation_error", "return_date")
    assert {e["index"] for e in body["errors"]} == {0}


def test_batch_for_a_suspended_enterprise_is_422(
    client: TestClient, officer: dict[str, str], make: Factory, session: Session
) -> None:
    agency = make.agency(status="suspended")
    before = _count(session)
    body = assert_problem(
        _batch(client, officer, _rows(2, agency.id)), 422, "validation_error", "agency_id"
    )
    assert {e["index"] for e in body["errors"]} == {0, 1}
    assert _count(session) == before
