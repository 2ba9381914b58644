"""Decree 283/2026's catalogue of sanctionable acts as dated rows (docs/law.md): read by staff
with their fine ranges and sources, each "to be confirmed" until an administrator has checked
it against the signed text; administrators correct, confirm, end and add rows."""

from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

TYPES = "/api/v1/rules/violation-types"


def test_the_catalogue_is_loaded_and_unconfirmed(client: TestClient, make: Factory) -> None:
    viewer = make.headers(Role.viewer)
    rows = client.get(TYPES, headers=viewer).json()["items"]
    assert len(rows) == 110
    assert {r["confirmed"] for r in rows} == {False}
    first = next(r for r in rows if r["code"] == "d283-49-1-a")
    assert (first["fine_min_vnd"], first["fine_max_vnd"], first["fine_basis"]) == (
        10_000_000,
        15_000_000,
        "organisation",
    )
    assert first["source"] == "Decree 283/2026/NĐ-CP Art. 49(1)(a)"
    # Acts that ended before 2026-09-10 fall under Decree 12/2022, whose catalogue is not loaded.
    assert client.get(TYPES, params={"on": "2026-09-09"}, headers=viewer).json()["items"] == []
    investors = client.get(TYPES, params={"applies_to": "outbound_investor"}, headers=viewer)
    assert len(investors.json()["items"]) == 18
    assert client.get(TYPES, headers=make.headers(Role.agency)).status_code == 403


def test_administrators_confirm_correct_and_add(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    current = client.get(TYPES, headers=admin).json()["items"][0]
    r = client.patch(
        f"{TYPES}/{current['code']}",
        json={"confirmed": True},
        headers=admin | {"If-Match": f'"{current["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["confirmed"], r.json()["version"]) == (True, current["version"] + 1)
    r = client.patch(f"{TYPES}/{current['code']}", json={"fine_min_vnd": 99_000_000}, headers=admin)
    assert_problem(r, 422, "validation_error", "fine_min_vnd")
    r = client.patch(
        f"{TYPES}/{current['code']}", json={"title_vi": "x"}, headers=admin | {"If-Match": '"1"'}
    )
    assert r.status_code == 412
    body = {
        "code": "test-1",
        "article": "53",
        "clause": "9",
        "applies_to": "any",
        "title_vi": "Hành vi thử nghiệm (ví dụ tổng hợp)",
        "fine_max_vnd": 1_000_000,
        "fine_basis": "individual",
        "valid_from": "2027-01-01",
        "source": "Văn bản thử nghiệm (ví dụ)",
    }
    r = client.post(TYPES, json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["confirmed"] is False
    assert_problem(client.post(TYPES, json=body, headers=admin), 409, "already_exists")
    for bad, field in (
        ({"applies_to": "nobody"}, "applies_to"),
        ({"fine_basis": "x"}, "fine_basis"),
    ):
        r = client.post(TYPES, json=body | {"code": "test-2"} | bad, headers=admin)
        assert_problem(r, 422, "validation_error", field)
    assert client.post(TYPES, json=body, headers=make.headers(Role.officer)).status_code == 403
    assert client.patch(f"{TYPES}/nope", json={}, headers=admin).status_code == 404
