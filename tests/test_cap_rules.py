"""The caps as dated rows an administrator keeps (docs/law.md): read by staff with their
sources, added and ended as the law changes, never overlapping for one key; a new or changed
row judges again only the placements it applies to and says how many flags changed; a 2025 flag
stays when a 2026 rule is entered."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

FEES = "/api/v1/rules/fee-caps"
DEPOSITS = "/api/v1/rules/deposit-caps"
PLACEMENTS = "/api/v1/placements"
# A cap for Japan's technical interns from 2026-06-30, as a test enters one (synthetic
# figures: not the caps of Circular 09/2026).
NEW_TITP = {
    "market_code": "JP",
    "programme": "TITP",
    "channel": "*",
    "cap_months_per_12": "0.5",
    "cap_months_max": "1.5",
    "valid_from": "2026-06-30",
    "note": "Mức trần thử nghiệm (ví dụ tổng hợp)",
    "source": "Thông tư thử nghiệm (ví dụ)",
}
# 1.5 months of 180,000 JPY at 170 VND: 45,900,000 VND; the general cap is 91,800,000.
FEE = 50_000_000


def _placement(
    client: TestClient, headers: dict[str, str], agency: int, n: int, signed: str, **values: Any
) -> dict[str, Any]:
    body = item(
        f"CAP-{n}",
        registered_on="2025-01-10",
        contract_signed_on=signed,
        worker={"national_id": national_id(600 + n)},
        **({"service_fee_vnd": FEE, "agency_id": agency} | values),
    )
    r = client.post(PLACEMENTS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _flags(client: TestClient, headers: dict[str, str], pid: int) -> list[str]:
    return client.get(f"{PLACEMENTS}/{pid}", headers=headers).json()["flags"]  # type: ignore[no-any-return]


def _rate(client: TestClient, officer: dict[str, str]) -> None:
    body = {"kind": "wage", "title": "Tỷ giá JPY", "value": "170", "unit": "VND/JPY",
            "effective_on": "2024-01-01"}  # fmt: skip
    assert client.post("/api/v1/markets/JP/records", json=body, headers=officer).status_code == 201


def test_staff_read_the_rows_with_their_sources(client: TestClient, make: Factory) -> None:
    viewer = make.headers(Role.viewer)
    rows = client.get(FEES, headers=viewer).json()["items"]
    general = next(r for r in rows if (r["market_code"], r["channel"]) == ("*", "*"))
    assert (general["source"], general["cap_months_max"]) == ("Law 69/2020/QH14 Art. 23", 3.0)
    on_day = client.get(FEES, params={"on": "2026-07-01"}, headers=viewer).json()["items"]
    assert not [r for r in on_day if r["market_code"] == "JP"]  # the 2024 table had ended
    deposits = client.get(DEPOSITS, headers=viewer).json()["items"]
    eps = next(r for r in deposits if r["channel"] == "public_unit")
    assert eps["cap_vnd"] is None and eps["source"] == "Decree 112/2021/NĐ-CP Art. 33"
    assert client.get(FEES, headers=make.headers(Role.agency)).status_code == 403


def test_a_new_rule_judges_only_the_placements_it_applies_to(
    client: TestClient, session: Session, make: Factory, agency_id: int
) -> None:
    officer, admin = make.headers(Role.officer), make.headers(Role.admin)
    _rate(client, officer)
    before = _placement(client, officer, agency_id, 1, "2025-03-01")  # judged in 2025
    after = _placement(client, officer, agency_id, 2, "2026-07-10")  # judged after the rule begins
    other = _placement(client, officer, agency_id, 3, "2026-07-10", programme="SSW")
    assert [p["flags"] for p in (before, after, other)] == [[], [], []]
    r = client.post(FEES, json=NEW_TITP, headers=admin)
    assert r.status_code == 201, r.text
    rule = r.json()
    assert rule["flags_changed"] == 1
    assert r.headers["location"] == f"{FEES}/{rule['id']}"
    assert _flags(client, officer, after["id"]) == ["fee_above_cap"]
    assert _flags(client, officer, before["id"]) == []  # a 2025 flag is not moved
    assert _flags(client, officer, other["id"]) == []
    # Ending the rule before the placement's day lifts the flag again.
    r = client.patch(
        f"{FEES}/{rule['id']}",
        json={"valid_to": "2026-07-01"},
        headers=admin | {"If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["flags_changed"], r.json()["valid_to"]) == (1, "2026-07-01")
    assert _flags(client, officer, after["id"]) == []
    actions = session.exec(
        select(AuditLog).where(AuditLog.action == "rejudge_caps").order_by(col(AuditLog.id))
    ).all()
    assert [(a.changes or {})["flags_changed"] for a in actions] == [1, 1]


def test_rows_of_one_key_do_not_overlap(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    first = client.post(FEES, json=NEW_TITP, headers=admin).json()
    r = client.post(FEES, json=NEW_TITP | {"valid_from": "2027-01-01"}, headers=admin)
    problem = assert_problem(r, 409, "rule_overlaps")
    assert f"overlaps rule {first['id']}" in problem["detail"]
    # Ended first, the next row follows it.
    client.patch(f"{FEES}/{first['id']}", json={"valid_to": "2026-12-31"}, headers=admin)
    r = client.post(FEES, json=NEW_TITP | {"valid_from": "2027-01-01"}, headers=admin)
    assert r.status_code == 201, r.text
    # Another key is another rule.
    r = client.post(FEES, json=NEW_TITP | {"programme": "SSW"}, headers=admin)
    assert r.status_code == 201, r.text


def test_a_deposit_rule_changes_the_deposit_flags_of_its_days(
    client: TestClient, make: Factory, agency_id: int
) -> None:
    officer, admin = make.headers(Role.officer), make.headers(Role.admin)
    korea = {"market_code": "KR", "programme": "other", "salary_currency": "KRW",
             "monthly_salary": "2000000", "service_fee_vnd": None}  # fmt: skip
    old = _placement(client, officer, agency_id, 4, "2025-03-01", deposit_vnd=38_000_000, **korea)
    new = _placement(client, officer, agency_id, 5, "2026-03-01", deposit_vnd=38_000_000, **korea)
    assert (old["flags"], new["flags"]) == (["deposit_above_cap"], ["deposit_above_cap"])
    viewer = make.headers(Role.viewer)
    row = next(
        r
        for r in client.get(DEPOSITS, headers=viewer).json()["items"]
        if (r["market_code"], r["channel"]) == ("KR", "*")
    )
    r = client.patch(f"{DEPOSITS}/{row['id']}", json={"valid_to": "2025-12-31"}, headers=admin)
    assert r.status_code == 200, r.text
    body = {"market_code": "KR", "programme": "*", "channel": "*", "cap_vnd": 40_000_000,
            "valid_from": "2026-01-01", "note": "Mức thử nghiệm (ví dụ tổng hợp)",
            "source": "Văn bản thử nghiệm (ví dụ)"}  # fmt: skip
    r = client.post(DEPOSITS, json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert _flags(client, officer, new["id"]) == []
    assert _flags(client, officer, old["id"]) == ["deposit_above_cap"]


def test_bad_rows_name_their_field_and_only_administrators_write(
    client: TestClient, make: Factory
) -> None:
    admin = make.headers(Role.admin)
    for change, field in (
        ({"market_code": "ZZ"}, "market_code"),
        ({"programme": "XYZ"}, "programme"),
        ({"channel": "cousin"}, "channel"),
        ({"valid_to": "2026-01-01"}, "valid_to"),
        ({"cap_months_max": "13"}, "cap_months_max"),
        ({"source": ""}, "source"),
    ):
        r = client.post(FEES, json=NEW_TITP | change, headers=admin)
        problem = assert_problem(r, 422, "validation_error")
        assert field in problem["detail"], (field, problem)
    for role in (Role.officer, Role.inspector, Role.viewer, Role.agency):
        assert client.post(FEES, json=NEW_TITP, headers=make.headers(role)).status_code == 403
    assert client.patch(f"{FEES}/999999", json={}, headers=admin).status_code == 404
