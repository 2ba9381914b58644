"""Who may fine how much under Decree 283/2026 (Art. 55-62), as dated rows (docs/law.md): read
by staff with their caps, scopes and sources, each "to be confirmed" until an administrator has
checked it against the signed text; administrators correct, confirm, end and add rows."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem, last_audit_id

POWERS = "/api/v1/rules/sanction-powers"


def test_the_powers_are_loaded_and_unconfirmed(client: TestClient, make: Factory) -> None:
    inspector = make.headers(Role.inspector)
    rows = client.get(POWERS, headers=inspector).json()["items"]
    assert len(rows) == 22
    assert {r["confirmed"] for r in rows} == {False}
    assert {r["valid_from"] for r in rows} == {"2026-09-10"}
    director = next(r for r in rows if r["code"] == "d283-61-1")
    assert director["authority_vi"] == "Giám đốc Sở Nội vụ"
    assert (director["max_fine_vnd"], director["scope"]) == (80_000_000, "")
    assert director["source"] == "Decree 283/2026/NĐ-CP Art. 61(1)(b)"
    police = next(r for r in rows if r["code"] == "d283-58-4")
    assert police["scope"].startswith("49(1)(a,b,e)")  # Art. 63(5) limits the police
    # Before Decree 283/2026 took effect its powers did not exist.
    assert client.get(POWERS, params={"on": "2026-09-09"}, headers=inspector).json()["items"] == []
    assert client.get(POWERS, headers=make.headers(Role.agency)).status_code == 403


def test_administrators_confirm_end_and_add(
    client: TestClient, make: Factory, session: Session
) -> None:
    admin = make.headers(Role.admin)
    before = last_audit_id(session)
    r = client.get(POWERS, headers=admin)
    current = next(p for p in r.json()["items"] if p["code"] == "d283-55-2")
    r = client.patch(
        f"{POWERS}/d283-55-2",
        json={"confirmed": True},
        headers=admin | {"If-Match": f'"{current["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["confirmed"], r.json()["version"]) == (True, current["version"] + 1)
    assert last_audit_id(session) > before
    r = client.patch(f"{POWERS}/d283-55-2", json={"valid_to": "2020-01-01"}, headers=admin)
    assert_problem(r, 422, "validation_error", "valid_to")
    r = client.patch(f"{POWERS}/d283-55-2", json={"max_fine_vnd": None}, headers=admin)
    assert_problem(r, 422, "validation_error", "max_fine_vnd")
    r = client.patch(
        f"{POWERS}/d283-55-2", json={"scope": "x"}, headers=admin | {"If-Match": '"1"'}
    )
    assert r.status_code == 412
    assert_problem(client.patch(f"{POWERS}/nope", json={}, headers=admin), 404, "not_found")
    r = client.patch(f"{POWERS}/d283-55-2", json={"confirmed": False}, headers=make.headers())
    assert_problem(r, 403, "forbidden")
    body = {
        "code": "test-power-1",
        "authority_vi": "Chức danh thử nghiệm (ví dụ tổng hợp)",
        "max_fine_vnd": 10_000_000,
        "article": "99",
        "valid_from": "2027-01-01",
        "source": "Văn bản thử nghiệm (ví dụ)",
    }
    r = client.post(POWERS, json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"{POWERS}/test-power-1"
    assert r.json()["confirmed"] is False
    assert_problem(client.post(POWERS, json=body, headers=admin), 409, "already_exists")
    bad = body | {"code": "test-power-2", "valid_to": "2026-01-01"}
    assert_problem(client.post(POWERS, json=bad, headers=admin), 422, "validation_error")
    r = client.get(POWERS, params={"on": "2026-12-01"}, headers=admin)
    assert "test-power-1" not in {p["code"] for p in r.json()["items"]}
