"""The single-record placements API: validation rules, round trip, transitions, history,
If-Match, delete and the list filters."""

import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from overseas.core.principal import Role
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"


def _count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Placement)).one())


def _create(client: TestClient, headers: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    r = client.post(PLACEMENTS, json=payload, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _get(client: TestClient, headers: dict[str, str], pid: int) -> dict[str, Any]:
    r = client.get(f"{PLACEMENTS}/{pid}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _history(client: TestClient, headers: dict[str, str], pid: int) -> list[dict[str, Any]]:
    r = client.get(f"{PLACEMENTS}/{pid}/history", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def _fullwidth(digits: str) -> str:
    """The same digits as a Japanese or Chinese keyboard may type them."""
    return "".join(chr(0xFF10 + int(d)) for d in digits)


# --- round trip -----------------------------------------------------------------------------


NAME_NFD = unicodedata.normalize("NFD", "Nguyễn  Văn An ")
NAME_NFC = unicodedata.normalize("NFC", "Nguyễn Văn An")

ROUND_TRIPS: dict[str, dict[str, Any]] = {
    "registered_in_japan": {},
    "returned_from_germany": {
        "market_code": "DE",
        "programme": "other",
        "channel": "direct_contract",
        "occupation": "Điều dưỡng",
        "employer_name": None,
        "contract_months": 24,
        "monthly_salary": "2850.75",
        "salary_currency": "EUR",
        "service_fee_vnd": None,
        "deposit_vnd": None,
        "loan_vnd": 50_000_000,
        "status": "returned",
        "departure_date": "2024-03-01",
        "return_date": "2026-03-01",
        "worker": {
            "national_id": national_id(7, sex="female", year=2001),
            "date_of_birth": "2001-12-31",
            "sex": "female",
            "home_area_code": "48",
            "phone": None,
            "policy_groups": [],
        },
    },
}


@pytest.mark.parametrize("case", list(ROUND_TRIPS))
def test_create_then_get_returns_exactly_what_was_sent(
    client: TestClient, officer: dict[str, str], agency_id: int, case: str
) -> None:
    overrides = dict(ROUND_TRIPS[case])
    overrides["worker"] = {"full_name": NAME_NFD} | overrides.get("worker", {})
    sent = item("AG-2024-0001", agency_id=agency_id, notes="Đã khám sức khoẻ", **overrides)
    r = client.post(PLACEMENTS, json=sent, headers=officer)
    assert r.status_code == 201, r.text
    created = r.json()
    assert r.headers["location"] == f"{PLACEMENTS}/{created['id']}"
    assert r.headers["etag"] == f'"{created["version"]}"'

    got = _get(client, officer, created["id"])
    assert got == created
    for key, value in sent.items():
        if key == "worker":
            continue
        if key == "monthly_salary":
            assert Decimal(got[key]) == Decimal(value)
        else:
            assert got[key] == value, key
    # Not sent: the old identity card's number reads as null.
    expected_worker = {"previous_national_id": None} | sent["worker"] | {"full_name": NAME_NFC}
    home = got["worker"].pop("home_area")  # read-only: the unit the code named, and today's
    assert home["code"] == sent["worker"]["home_area_code"]
    assert got["worker"] == expected_worker
    assert got["worker"]["full_name"] == "Nguy\u1ec5n V\u0103n An"
    assert got["status"] == sent["status"] and got["version"] == 1


def test_create_and_batch_write_one_audit_row_per_placement_with_its_values(
    client: TestClient, officer: dict[str, str], agency_id: int, make: Factory
) -> None:
    def payload(n: int) -> dict[str, Any]:
        return item(f"AUD-{n}", agency_id=agency_id, worker={"national_id": national_id(900 + n)})

    one = client.post(PLACEMENTS, json=payload(1), headers=officer)
    assert one.status_code == 201, one.text
    batch = client.post(
        f"{PLACEMENTS}/batch",
        json={"items": [payload(2), payload(3)]},
        headers=officer,
    )
    assert batch.status_code == 200, batch.text
    ids = [one.json()["id"]] + [row["id"] for row in batch.json()["items"]]
    admin = make.headers(Role.admin)
    for n, placement_id in enumerate(ids, start=1):
        rows = client.get(
            "/api/v1/audit",
            params={"entity": "placements", "entity_id": str(placement_id)},
            headers=admin,
        ).json()["items"]
        assert [r["action"] for r in rows] == ["create"]
        changes = rows[0]["changes"]
        assert changes["external_ref"] == {"before": None, "after": f"AUD-{n}"}
        # Masked: the audit log never holds a full national ID (Law 91/2025/QH15).
        full = national_id(900 + n)
        assert changes["national_id"] == {"before": None, "after": full[:3] + "*******" + full[-2:]}
        assert changes["status"] == {"before": None, "after": "registered"}
        assert changes["agency_id"] == {"before": None, "after": agency_id}
        assert Decimal(str(changes["monthly_salary"]["after"])) == Decimal("180000")
        # Nulls and bookkeeping columns are left out.
        assert "departure_date" not in changes and "updated_at" not in changes


def test_create_with_same_external_ref_for_the_same_enterprise_is_409(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    _create(client, officer, item("DUP-1", agency_id=agency_id))
    payload = item("DUP-1", agency_id=agency_id, worker={"national_id": national_id(2)})
    r = client.post(PLACEMENTS, json=payload, headers=officer)
    assert_problem(r, 409, "external_ref_exists")


def test_create_with_idempotency_key_replays_and_writes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    headers = officer | {"Idempotency-Key": "placement-1"}
    payload = item("IDEM-1", agency_id=agency_id)
    first = client.post(PLACEMENTS, json=payload, headers=headers)
    assert first.status_code == 201, first.text
    before = _count(session)
    again = client.post(PLACEMENTS, json=payload, headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert _count(session) == before


# --- validation rules -----------------------------------------------------------------------


def _rejects(
    client: TestClient, headers: dict[str, str], payload: dict[str, Any], field: str
) -> dict[str, Any]:
    r = client.post(PLACEMENTS, json=payload, headers=headers)
    return assert_problem(r, 422, "validation_error", field)


@pytest.mark.parametrize(
    ("nid", "sex", "born"),
    [
        (national_id(1), "male", "1995-04-02"),
        (national_id(1, sex="female"), "female", "1995-04-02"),
        (national_id(1, year=2001), "male", "2001-05-06"),
        (national_id(1, sex="female", year=2003), "female", "2003-05-06"),
        ("205123456", "male", "1995-04-02"),
        (" 049095001234 ", "male", "1995-04-02"),
    ],
)
def test_create_accepts_matching_national_id(
    client: TestClient, officer: dict[str, str], agency_id: int, nid: str, sex: str, born: str
) -> None:
    worker = {"national_id": nid, "sex": sex, "date_of_birth": born}
    created = _create(client, officer, item(agency_id=agency_id, worker=worker))
    assert created["worker"]["national_id"] == nid.strip()


@pytest.mark.parametrize(
    ("nid", "sex", "born"),
    [
        ("049095001234", "female", "1995-04-02"),  # digit 4 says male
        ("049195001234", "male", "1995-04-02"),  # digit 4 says female
        ("049095001234", "male", "2001-04-02"),  # digit 4 says born 1900-1999
        ("049201001234", "male", "1999-04-02"),  # digit 4 says born 2000-2099
        ("049096001234", "male", "1995-04-02"),  # digits 5-6 say 1996
        ("04909500123", "male", "1995-04-02"),  # 11 digits
        ("0490950012345", "male", "1995-04-02"),  # 13 digits
        ("0490950012", "male", "1995-04-02"),  # 10 digits
        ("04909500123X", "male", "1995-04-02"),
        ("049 95001234", "male", "1995-04-02"),
        (_fullwidth("049095001234"), "male", "1995-04-02"),  # full-width digits
        (_fullwidth("205123456"), "male", "1995-04-02"),  # full-width legacy number
        ("049²95001234", "male", "1995-04-02"),  # a superscript two
        ("", "male", "1995-04-02"),
    ],
)
def test_create_rejects_bad_national_id(
    client: TestClient, officer: dict[str, str], agency_id: int, nid: str, sex: str, born: str
) -> None:
    worker = {"national_id": nid, "sex": sex, "date_of_birth": born}
    _rejects(client, officer, item(agency_id=agency_id, worker=worker), "worker.national_id")


def _born_2006(**overrides: Any) -> dict[str, Any]:
    return {"national_id": national_id(3, year=2006), "date_of_birth": "2006-03-15"} | overrides


def test_create_accepts_worker_exactly_18_on_departure(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(
        agency_id=agency_id,
        worker=_born_2006(),
        registered_on="2024-01-10",
        status="departed",
        departure_date="2024-03-15",
    )
    assert _create(client, officer, payload)["departure_date"] == "2024-03-15"


def test_create_rejects_worker_under_18_on_departure(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    payload = item(
        agency_id=agency_id,
        worker=_born_2006(),
        registered_on="2024-01-10",
        status="departed",
        departure_date="2024-03-14",
    )
    before = _count(session)
    _rejects(client, officer, payload, "worker.date_of_birth")
    assert _count(session) == before


def test_create_checks_age_on_registered_on_without_departure(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    young = item(agency_id=agency_id, worker=_born_2006(), registered_on="2024-03-14")
    _rejects(client, officer, young, "worker.date_of_birth")
    of_age = item(agency_id=agency_id, worker=_born_2006(), registered_on="2024-03-15")
    assert _create(client, officer, of_age)["registered_on"] == "2024-03-15"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"registered_on": "1995-04-01"}, "worker.date_of_birth"),
        ({"registered_on": "1995-04-02"}, "worker.date_of_birth"),
        (
            {"status": "departed", "registered_on": "2024-05-01", "departure_date": "2024-04-30"},
            "departure_date",
        ),
        (
            {"status": "returned", "departure_date": "2024-06-01", "return_date": "2024-05-31"},
            "return_date",
        ),
        ({"registered_on": "2999-01-01"}, "registered_on"),
        ({"status": "departed", "departure_date": "2999-01-01"}, "departure_date"),
    ],
)
def test_create_rejects_dates_out_of_order(
    client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    overrides: dict[str, Any],
    field: str,
) -> None:
    _rejects(client, officer, item(agency_id=agency_id, **overrides), field)


def test_create_accepts_same_day_departure_and_return(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(
        agency_id=agency_id,
        status="returned_early",
        registered_on="2024-06-01",
        departure_date="2024-06-01",
        return_date="2024-06-01",
    )
    created = _create(client, officer, payload)
    assert created["return_date"] == created["departure_date"] == "2024-06-01"


@pytest.mark.parametrize("status", ["departed", "returned", "returned_early", "overstayed"])
def test_create_requires_departure_date_once_departed(
    client: TestClient, officer: dict[str, str], agency_id: int, status: str
) -> None:
    payload = item(agency_id=agency_id, status=status, return_date="2025-01-01")
    if status == "overstayed":
        payload["return_date"] = None
    _rejects(client, officer, payload, "departure_date")


@pytest.mark.parametrize("status", ["returned", "returned_early"])
def test_create_requires_return_date_once_returned(
    client: TestClient, officer: dict[str, str], agency_id: int, status: str
) -> None:
    payload = item(agency_id=agency_id, status=status, departure_date="2024-06-01")
    _rejects(client, officer, payload, "return_date")


def test_create_rejects_unknown_home_area(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(agency_id=agency_id, worker={"home_area_code": "99999"})
    _rejects(client, officer, payload, "worker.home_area_code")


@pytest.mark.parametrize("market", ["ZZ", "XX"])
def test_create_rejects_unknown_market(
    client: TestClient, officer: dict[str, str], agency_id: int, market: str
) -> None:
    _rejects(client, officer, item(agency_id=agency_id, market_code=market), "market_code")


@pytest.mark.parametrize("months", [0, 121, -1])
def test_create_rejects_contract_months_out_of_range(
    client: TestClient, officer: dict[str, str], agency_id: int, months: int
) -> None:
    _rejects(client, officer, item(agency_id=agency_id, contract_months=months), "contract_months")


@pytest.mark.parametrize("months", [1, 120])
def test_create_accepts_contract_months_at_the_bounds(
    client: TestClient, officer: dict[str, str], agency_id: int, months: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id, contract_months=months))
    assert created["contract_months"] == months


@pytest.mark.parametrize(
    "channel", ["service_enterprise", "contract_winner", "internship", "outbound_investor"]
)
def test_create_requires_agency_for_enterprise_channels(
    client: TestClient, officer: dict[str, str], channel: str
) -> None:
    _rejects(client, officer, item(channel=channel), "agency_id")


@pytest.mark.parametrize("channel", ["direct_contract", "public_unit"])
def test_create_without_agency_for_direct_and_public_channels(
    client: TestClient, officer: dict[str, str], channel: str
) -> None:
    created = _create(client, officer, item(channel=channel, service_fee_vnd=0))
    assert created["agency_id"] is None and created["channel"] == channel


def test_create_with_unknown_agency_is_422(client: TestClient, officer: dict[str, str]) -> None:
    _rejects(client, officer, item(agency_id=987654), "agency_id")


@pytest.mark.parametrize("status", ["suspended", "revoked"])
def test_create_for_suspended_enterprise_is_422(
    client: TestClient, officer: dict[str, str], make: Factory, session: Session, status: str
) -> None:
    agency = make.agency(status=status)
    before = _count(session)
    _rejects(client, officer, item(agency_id=agency.id), "agency_id")
    assert _count(session) == before


def test_create_reports_every_broken_rule_at_once(
    client: TestClient, officer: dict[str, str]
) -> None:
    payload = item(
        market_code="ZZ",
        worker={"home_area_code": "99999", "national_id": "049195001234"},
    )
    body = _rejects(client, officer, payload, "agency_id")
    fields = {e["field"] for e in body["errors"]}
    assert {"agency_id", "market_code", "worker.home_area_code", "worker.national_id"} <= fields
    assert all("index" not in e for e in body["errors"])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"monthly_salary": "0"}, "monthly_salary"),
        ({"salary_currency": "yens"}, "salary_currency"),
        ({"service_fee_vnd": -1}, "service_fee_vnd"),
        ({"status": "lost"}, "status"),
        ({"channel": "smuggling"}, "channel"),
        ({"worker": {"full_name": "   "}}, "worker.full_name"),
        ({"worker": {"sex": "x"}}, "worker.sex"),
        ({"worker": {"phone": "12"}}, "worker.phone"),
        ({"worker": {"policy_groups": ["rich"]}}, "worker.policy_groups.0"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_create_rejects_malformed_fields(
    client: TestClient,
    officer: dict[str, str],
    agency_id: int,
    overrides: dict[str, Any],
    field: str,
) -> None:
    _rejects(client, officer, item(agency_id=agency_id, **overrides), field)


# --- transitions ----------------------------------------------------------------------------

DEPARTED_ON = "2024-06-01"
RETURNED_ON = "2025-06-01"

ALLOWED = [
    ("registered", "training"),
    ("registered", "contracted"),
    ("registered", "cancelled"),
    ("training", "contracted"),
    ("training", "cancelled"),
    ("contracted", "departed"),
    ("contracted", "cancelled"),
    ("departed", "returned"),
    ("departed", "returned_early"),
    ("departed", "overstayed"),
    ("overstayed", "returned"),
]


def _at(status: str, agency_id: int, **overrides: Any) -> dict[str, Any]:
    """A payload already at `status`."""
    dates: dict[str, Any] = {}
    if status in ("departed", "overstayed", "returned", "returned_early"):
        dates["departure_date"] = DEPARTED_ON
    if status in ("returned", "returned_early"):
        dates["return_date"] = RETURNED_ON
    return item(agency_id=agency_id, status=status, **(dates | overrides))


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_transition_allowed_moves_and_records_history(
    client: TestClient, make: Factory, agency_id: int, start: str, target: str
) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    created = _create(client, headers, _at(start, agency_id))
    on = {"departed": DEPARTED_ON, "returned": RETURNED_ON, "returned_early": RETURNED_ON}.get(
        target, "2024-07-01" if start in ("departed", "overstayed") else "2024-02-01"
    )
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": target, "on": on, "reason": "theo báo cáo"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    moved = r.json()
    assert moved["status"] == target
    assert moved["version"] == created["version"] + 1
    assert r.headers["etag"] == f'"{moved["version"]}"'
    if target == "departed":
        assert moved["departure_date"] == on
    if target in ("returned", "returned_early"):
        assert moved["return_date"] == on
        assert moved["departure_date"] == created["departure_date"]
    assert _get(client, headers, created["id"]) == moved
    last = _history(client, headers, created["id"])[-1]
    assert (last["status"], last["on"], last["reason"], last["actor"]) == (
        target,
        on,
        "theo báo cáo",
        user.username,
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("registered", "registered"),
        ("registered", "departed"),
        ("registered", "returned"),
        ("training", "registered"),
        ("contracted", "training"),
        ("departed", "cancelled"),
        ("departed", "registered"),
        ("overstayed", "returned_early"),
        ("returned", "departed"),
        ("returned_early", "returned"),
        ("cancelled", "registered"),
        ("cancelled", "training"),
    ],
)
def test_transition_not_allowed_is_409_and_changes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int, start: str, target: str
) -> None:
    if start == "cancelled":
        created = _create(client, officer, _at("registered", agency_id))
        r = client.post(
            f"{PLACEMENTS}/{created['id']}/transitions",
            json={"status": "cancelled", "on": "2024-02-01"},
            headers=officer,
        )
        assert r.status_code == 200, r.text
        created = r.json()
    else:
        created = _create(client, officer, _at(start, agency_id))
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": target, "on": "2024-08-01"},
        headers=officer,
    )
    assert_problem(r, 409, "invalid_transition")
    assert _get(client, officer, created["id"]) == created


def test_transition_to_departed_before_registration_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, _at("contracted", agency_id))
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": "departed", "on": "2023-12-31"},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "departure_date")
    assert _get(client, officer, created["id"]) == created


def test_transition_to_departed_of_a_minor_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = _at("contracted", agency_id, worker=_born_2006(), registered_on="2024-03-15")
    created = _create(client, officer, payload)
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": "departed", "on": "2024-03-14"},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "departure_date")


def test_transition_with_stale_if_match_is_412(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, _at("registered", agency_id))
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": "training", "on": "2024-02-01"},
        headers=officer | {"If-Match": '"7"'},
    )
    assert_problem(r, 412, "precondition_failed")
    assert _get(client, officer, created["id"]) == created


def test_transition_with_unknown_status_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, _at("registered", agency_id))
    r = client.post(
        f"{PLACEMENTS}/{created['id']}/transitions",
        json={"status": "vanished", "on": "2024-02-01"},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "status")


def test_transition_of_unknown_placement_is_404(
    client: TestClient, officer: dict[str, str]
) -> None:
    r = client.post(
        f"{PLACEMENTS}/987654/transitions",
        json={"status": "training", "on": "2024-02-01"},
        headers=officer,
    )
    assert_problem(r, 404, "not_found")


# --- history --------------------------------------------------------------------------------


def test_history_lists_every_status_change_oldest_first_with_actor_and_on(
    client: TestClient, make: Factory
) -> None:
    agency_user = make.user(Role.agency)
    officer_user = make.user(Role.officer)
    agency_headers, officer_headers = make.headers_for(agency_user), make.headers_for(officer_user)
    created = _create(client, agency_headers, item("HIS-1"))
    steps = [
        (officer_headers, "training", "2024-02-01", "vào lớp tiếng Nhật"),
        (agency_headers, "contracted", "2024-04-15", None),
        (officer_headers, "departed", "2024-06-01", "xuất cảnh"),
        (agency_headers, "returned_early", "2025-02-10", "ốm"),
    ]
    for headers, status, on, reason in steps:
        r = client.post(
            f"{PLACEMENTS}/{created['id']}/transitions",
            json={"status": status, "on": on, "reason": reason},
            headers=headers,
        )
        assert r.status_code == 200, r.text

    items = _history(client, officer_headers, created["id"])
    assert [(h["status"], h["on"], h["actor"]) for h in items] == [
        ("registered", "2024-01-10", agency_user.username),
        ("training", "2024-02-01", officer_user.username),
        ("contracted", "2024-04-15", agency_user.username),
        ("departed", "2024-06-01", officer_user.username),
        ("returned_early", "2025-02-10", agency_user.username),
    ]
    assert [h["reason"] for h in items[1:]] == [s[3] for s in steps]
    stamps = [h["at"] for h in items]
    assert stamps == sorted(stamps)
    assert _history(client, agency_headers, created["id"]) == items


def test_history_of_unknown_placement_is_404(client: TestClient, officer: dict[str, str]) -> None:
    assert_problem(client.get(f"{PLACEMENTS}/987654/history", headers=officer), 404, "not_found")


def test_patch_without_a_status_change_adds_no_history(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    r = client.patch(
        f"{PLACEMENTS}/{created['id']}", json={"occupation": "Xây dựng"}, headers=officer
    )
    assert r.status_code == 200, r.text
    assert [h["status"] for h in _history(client, officer, created["id"])] == ["registered"]


# --- PATCH and If-Match ---------------------------------------------------------------------


def test_patch_changes_only_what_was_sent(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    r = client.patch(
        f"{PLACEMENTS}/{created['id']}",
        json={"worker": {"phone": "0912 345 678"}, "monthly_salary": "190000.5"},
        headers=officer | {"If-Match": f'"{created["version"]}"'},
    )
    assert r.status_code == 200, r.text
    patched = r.json()
    assert patched["worker"]["phone"] == "0912345678"
    assert Decimal(patched["monthly_salary"]) == Decimal("190000.5")
    assert patched["version"] == created["version"] + 1
    assert r.headers["etag"] == f'"{patched["version"]}"'
    unchanged = {"worker", "monthly_salary", "version", "updated_at"}
    assert {k: v for k, v in patched.items() if k not in unchanged} == {
        k: v for k, v in created.items() if k not in unchanged
    }
    assert patched["worker"] | {"phone": None} == created["worker"] | {"phone": None}
    assert _get(client, officer, created["id"]) == patched


def test_patch_with_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    stale = f'"{created["version"]}"'
    first = client.patch(
        f"{PLACEMENTS}/{created['id']}",
        json={"occupation": "Điều dưỡng"},
        headers=officer | {"If-Match": stale},
    )
    assert first.status_code == 200, first.text
    r = client.patch(
        f"{PLACEMENTS}/{created['id']}",
        json={"occupation": "Cơ khí", "service_fee_vnd": 1},
        headers=officer | {"If-Match": stale},
    )
    assert_problem(r, 412, "precondition_failed")
    assert _get(client, officer, created["id"]) == first.json()


def test_patch_that_breaks_a_rule_is_422_and_changes_nothing(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    for body, field in [
        ({"worker": {"sex": "female"}}, "worker.national_id"),
        ({"status": "departed"}, "departure_date"),
        ({"market_code": "ZZ"}, "market_code"),
        ({"contract_months": 121}, "contract_months"),
        ({"worker": {"full_name": None}}, "worker.full_name"),
        ({"registered_on": None}, "registered_on"),
    ]:
        r = client.patch(f"{PLACEMENTS}/{created['id']}", json=body, headers=officer)
        assert_problem(r, 422, "validation_error", field)
    assert _get(client, officer, created["id"]) == created


def test_patch_moving_status_backwards_is_422(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, _at("departed", agency_id))
    r = client.patch(
        f"{PLACEMENTS}/{created['id']}",
        json={"status": "registered", "departure_date": None},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "status")
    assert _get(client, officer, created["id"]) == created


def test_patch_of_unknown_placement_is_404(client: TestClient, officer: dict[str, str]) -> None:
    r = client.patch(f"{PLACEMENTS}/987654", json={"occupation": "X"}, headers=officer)
    assert_problem(r, 404, "not_found")


# --- delete ---------------------------------------------------------------------------------


def test_delete_removes_the_placement_and_its_history(
    client: TestClient, officer: dict[str, str], agency_id: int, session: Session
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    before = _count(session)
    r = client.delete(f"{PLACEMENTS}/{created['id']}", headers=officer)
    assert r.status_code == 204, r.text
    assert _count(session) == before - 1
    assert_problem(client.get(f"{PLACEMENTS}/{created['id']}", headers=officer), 404, "not_found")
    r = client.get(f"{PLACEMENTS}/{created['id']}/history", headers=officer)
    assert_problem(r, 404, "not_found")


def test_delete_with_stale_if_match_is_412(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = _create(client, officer, item(agency_id=agency_id))
    r = client.delete(f"{PLACEMENTS}/{created['id']}", headers=officer | {"If-Match": '"9"'})
    assert_problem(r, 412, "precondition_failed")
    assert _get(client, officer, created["id"]) == created


def test_delete_of_unknown_placement_is_404(client: TestClient, officer: dict[str, str]) -> None:
    assert_problem(client.delete(f"{PLACEMENTS}/987654", headers=officer), 404, "not_found")


# --- list filters ---------------------------------------------------------------------------


def _ids(client: TestClient, headers: dict[str, str], **params: Any) -> set[int]:
    r = client.get(PLACEMENTS, params=params | {"limit": 500}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["next_cursor"] is None
    return {p["id"] for p in body["items"]}


@pytest.fixture
def registry(client: TestClient, make: Factory) -> dict[str, Any]:
    """Five placements across two enterprises, markets, channels, statuses and areas."""
    admin, officer = make.headers(Role.admin), make.headers(Role.officer)
    r = client.post(
        "/api/v1/areas",
        json={"code": "01", "name": "Thành phố Hà Nội", "level": "province"},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    a, b = make.agency(), make.agency()
    specs = {
        "an": item(
            "F-1",
            agency_id=a.id,
            worker={"national_id": national_id(1), "home_area_code": "506"},
        ),
        "binh": item(
            "F-2",
            agency_id=a.id,
            market_code="KR",
            programme="EPS",
            salary_currency="KRW",
            monthly_salary="2100000",
            status="departed",
            departure_date="2024-06-01",
            worker={
                "national_id": national_id(2, sex="female"),
                "full_name": "Trần Thị Bình",
                "sex": "female",
                "home_area_code": "502",
            },
        ),
        "cuong": item(
            "F-3",
            channel="direct_contract",
            market_code="DE",
            programme="other",
            salary_currency="EUR",
            monthly_salary="2500",
            status="departed",
            departure_date="2024-09-15",
            worker={
                "national_id": national_id(3),
                "full_name": "Lê Văn Cường",
                "home_area_code": "48",
            },
        ),
        "duc": item(
            "F-4",
            agency_id=b.id,
            channel="internship",
            status="contracted",
            worker={
                "national_id": national_id(4),
                "full_name": "Phạm Minh Đức",
                "home_area_code": "49",
            },
        ),
        "hanoi": item(
            "F-5",
            agency_id=b.id,
            worker={
                "national_id": national_id(5),
                "full_name": "Hoàng Văn Em",
                "home_area_code": "01",
            },
        ),
    }
    ids = {name: _create(client, officer, payload)["id"] for name, payload in specs.items()}
    return {"ids": ids, "a": a.id, "b": b.id, "headers": officer}


def _names(registry: dict[str, Any], *names: str) -> set[int]:
    return {registry["ids"][n] for n in names}


FILTER_CASES: list[tuple[dict[str, Any], tuple[str, ...]]] = [
    ({}, ("an", "binh", "cuong", "duc", "hanoi")),
    ({"status": "departed"}, ("binh", "cuong")),
    ({"status": "contracted"}, ("duc",)),
    ({"market_code": "JP"}, ("an", "duc", "hanoi")),
    ({"market_code": "jp"}, ("an", "duc", "hanoi")),
    ({"market_code": "DE"}, ("cuong",)),
    ({"channel": "direct_contract"}, ("cuong",)),
    ({"channel": "internship"}, ("duc",)),
    ({"departed_from": "2024-07-01"}, ("cuong",)),
    ({"departed_to": "2024-07-01"}, ("binh",)),
    ({"departed_from": "2024-06-01", "departed_to": "2024-09-15"}, ("binh", "cuong")),
    ({"departed_from": "2024-06-02", "departed_to": "2024-09-14"}, ()),
    ({"q": "nguyen van an"}, ("an",)),
    ({"q": "Nguyễn Văn An"}, ("an",)),
    ({"q": "NGUYEN"}, ("an",)),
    ({"q": "duc"}, ("duc",)),
    ({"q": "tran thi"}, ("binh",)),
    ({"q": "04919"}, ("binh",)),
    ({"q": national_id(3)}, ("cuong",)),
    ({"q": "049095"}, ("an", "cuong", "duc", "hanoi")),
    ({"q": "95001"}, ()),
    ({"home_area_code": "48"}, ("an", "binh", "cuong", "duc")),
    ({"home_area_code": "49"}, ("an", "binh", "duc")),
    ({"home_area_code": "502"}, ("binh",)),
    ({"home_area_code": "506"}, ("an",)),
    ({"home_area_code": "01"}, ("hanoi",)),
    ({"status": "departed", "market_code": "KR"}, ("binh",)),
]


def test_list_filters(client: TestClient, registry: dict[str, Any]) -> None:
    for params, expected in FILTER_CASES:
        got = _ids(client, registry["headers"], **params)
        assert got == _names(registry, *expected), params


def test_list_filters_by_agency(client: TestClient, registry: dict[str, Any]) -> None:
    headers = registry["headers"]
    assert _ids(client, headers, agency_id=registry["a"]) == _names(registry, "an", "binh")
    assert _ids(client, headers, agency_id=registry["b"]) == _names(registry, "duc", "hanoi")
    assert _ids(client, headers, agency_id=987654) == set()


def test_list_is_in_id_order_and_counts_on_request(
    client: TestClient, registry: dict[str, Any]
) -> None:
    r = client.get(PLACEMENTS, params={"include_total": "true"}, headers=registry["headers"])
    assert r.status_code == 200, r.text
    ids = [p["id"] for p in r.json()["items"]]
    assert ids == sorted(ids) and r.json()["total"] == 5
    r = client.get(PLACEMENTS, headers=registry["headers"])
    assert r.json()["total"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"channel": "boat"}, "channel"),
        ({"flag": "odd"}, "flag"),
        ({"departed_from": "yesterday"}, "departed_from"),
        ({"updated_since": "soon"}, "updated_since"),
        ({"limit": 501}, "limit"),
    ],
)
def test_list_with_bad_filter_is_422(
    client: TestClient, officer: dict[str, str], params: dict[str, Any], field: str
) -> None:
    r = client.get(PLACEMENTS, params=params, headers=officer)
    assert_problem(r, 422, "validation_error", field)


def test_updated_since_cursor_walk_returns_each_changed_row_once(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    created = [
        _create(
            client,
            officer,
            item(f"SYNC-{n}", agency_id=agency_id, worker={"national_id": national_id(100 + n)}),
        )
        for n in range(8)
    ]
    changed = [created[n]["id"] for n in (5, 1, 6, 3, 7)]
    stamps = []
    for pid in changed:
        r = client.patch(f"{PLACEMENTS}/{pid}", json={"notes": f"đổi {pid}"}, headers=officer)
        assert r.status_code == 200, r.text
        stamps.append(r.json()["updated_at"])
    since = stamps[0]

    seen: list[int] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"updated_since": since, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        r = client.get(PLACEMENTS, params=params, headers=officer)
        assert r.status_code == 200, r.text
        seen += [p["id"] for p in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        pages += 1
        if pages == 1:
            # A row changed during the walk comes after the rows already read.
            late = created[0]["id"]
            r = client.patch(f"{PLACEMENTS}/{late}", json={"notes": "muộn"}, headers=officer)
            assert r.status_code == 200, r.text
            changed.append(late)
        if cursor is None:
            break
    assert seen == changed
    assert len(seen) == len(set(seen))
    assert pages >= 3


def test_the_contract_date_is_read_back_and_changed_with_patch(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    """contract_signed_on (docs/api.md, "Caps judged as of the contract date") comes back on a
    read, so the edit form shows it, and PATCH takes it."""
    sent = item("AG-SIGNED-1", agency_id=agency_id, contract_signed_on="2024-01-05")
    r = client.post(PLACEMENTS, json=sent, headers=officer)
    assert r.status_code == 201, r.text
    assert r.json()["contract_signed_on"] == "2024-01-05"
    url = f"{PLACEMENTS}/{r.json()['id']}"
    r = client.patch(url, json={"contract_signed_on": "2024-01-08"}, headers=officer)
    assert r.status_code == 200, r.text
    assert _get(client, officer, r.json()["id"])["contract_signed_on"] == "2024-01-08"
