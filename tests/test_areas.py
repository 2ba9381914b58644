from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

AREAS = "/api/v1/areas"


def _codes(r: Any) -> list[str]:
    assert r.status_code == 200, r.text
    return [a["code"] for a in r.json()["items"]]


def _commune(**overrides: Any) -> dict[str, Any]:
    base = {"code": "20999", "name": "Phường Hải Châu", "level": "commune", "parent_code": "48"}
    return base | overrides


# --- list ---------------------------------------------------------------------------------


def test_list_areas_returns_seeded_units_in_code_order(client: TestClient, make: Factory) -> None:
    codes = _codes(client.get(AREAS, params={"limit": 500}, headers=make.headers(Role.viewer)))
    expected = ["48", "49", *[str(c) for c in range(502, 519)]]
    assert set(expected) <= set(codes)
    assert codes == sorted(codes)


def test_list_areas_shows_dissolved_province_with_successor(
    client: TestClient, make: Factory
) -> None:
    r = client.get(AREAS, params={"limit": 500}, headers=make.headers(Role.agency))
    assert r.status_code == 200, r.text
    area = next(a for a in r.json()["items"] if a["code"] == "49")
    assert area["level"] == "province"
    assert area["valid_to"] == "2025-06-30"
    assert area["successor_code"] == "48"
    assert area["parent_code"] is None


def test_list_areas_filters_by_parent_code(client: TestClient, make: Factory) -> None:
    r = client.get(AREAS, params={"parent_code": "49"}, headers=make.headers())
    codes = _codes(r)
    assert {str(c) for c in range(502, 519)} <= set(codes)
    assert "48" not in codes and "49" not in codes
    assert all(a["parent_code"] == "49" for a in r.json()["items"])


def test_list_areas_filters_by_level(client: TestClient, make: Factory) -> None:
    r = client.get(AREAS, params={"level": "province"}, headers=make.headers())
    assert _codes(r) == ["48", "49"]


def test_list_areas_active_on_2024_includes_quang_nam(client: TestClient, make: Factory) -> None:
    r = client.get(AREAS, params={"active_on": "2024-01-01", "limit": 500}, headers=make.headers())
    codes = _codes(r)
    assert "49" in codes and "48" in codes and "506" in codes


def test_list_areas_active_on_2026_excludes_dissolved_units(
    client: TestClient, make: Factory
) -> None:
    r = client.get(AREAS, params={"active_on": "2026-01-01", "limit": 500}, headers=make.headers())
    codes = _codes(r)
    assert "48" in codes
    assert "49" not in codes and "506" not in codes


def test_list_areas_active_on_last_valid_day_includes_unit(
    client: TestClient, make: Factory
) -> None:
    r = client.get(AREAS, params={"active_on": "2025-06-30", "limit": 500}, headers=make.headers())
    assert "49" in _codes(r)


def test_list_areas_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(AREAS), 401, "not_authenticated")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"level": "hamlet"}, "level"), ({"active_on": "soon"}, "active_on"), ({"limit": 0}, "limit")],
)
def test_list_areas_bad_filter_is_422(
    client: TestClient, make: Factory, params: dict[str, Any], field: str
) -> None:
    r = client.get(AREAS, params=params, headers=make.headers())
    assert_problem(r, 422, "validation_error", field)


# --- get ----------------------------------------------------------------------------------


def test_get_area_returns_unit_with_etag(client: TestClient, make: Factory) -> None:
    r = client.get(f"{AREAS}/48", headers=make.headers(Role.inspector))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == "48" and body["name"] == "Thành phố Đà Nẵng"
    assert r.headers["etag"] == f'"{body["version"]}"'


def test_get_area_unknown_code_is_404(client: TestClient, make: Factory) -> None:
    assert_problem(client.get(f"{AREAS}/99999", headers=make.headers()), 404, "not_found")


def test_get_area_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(f"{AREAS}/48"), 401, "not_authenticated")


# --- create -------------------------------------------------------------------------------


def test_create_area_by_admin_is_201(client: TestClient, make: Factory) -> None:
    r = client.post(AREAS, json=_commune(), headers=make.headers(Role.admin))
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"{AREAS}/20999"
    assert r.headers["etag"] == '"1"'
    body = r.json()
    assert body["level"] == "commune" and body["parent_code"] == "48"
    again = client.get(f"{AREAS}/20999", headers=make.headers())
    assert again.status_code == 200 and again.json()["name"] == "Phường Hải Châu"


def test_create_area_commune_under_district_is_201(client: TestClient, make: Factory) -> None:
    r = client.post(AREAS, json=_commune(parent_code="506"), headers=make.headers(Role.admin))
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("role", [Role.officer, Role.inspector, Role.viewer, Role.agency])
def test_create_area_by_non_admin_is_403(client: TestClient, make: Factory, role: Role) -> None:
    r = client.post(AREAS, json=_commune(), headers=make.headers(role))
    assert_problem(r, 403, "forbidden")


def test_create_area_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.post(AREAS, json=_commune()), 401, "not_authenticated")


def test_create_area_duplicate_code_is_409(client: TestClient, make: Factory) -> None:
    body = {"code": "48", "name": "Đà Nẵng", "level": "province"}
    r = client.post(AREAS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 409, "area_exists")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "A1"}, "code"),
        ({"code": "1"}, "code"),
        ({"name": "   "}, "name"),
        ({"level": "hamlet"}, "level"),
        ({"parent_code": "99999"}, "parent_code"),
        ({"parent_code": None}, "parent_code"),
        ({"parent_code": "20334", "level": "commune"}, "parent_code"),
        ({"successor_code": "99999"}, "successor_code"),
        ({"successor_code": "20999"}, "successor_code"),
        ({"valid_from": "2025-07-01", "valid_to": "2025-01-01"}, "valid_to"),
        ({"valid_from": "not-a-date"}, "valid_from"),
        ({"population": 1}, "population"),
    ],
)
def test_create_area_invalid_is_422_naming_field(
    client: TestClient, make: Factory, overrides: dict[str, Any], field: str
) -> None:
    headers = make.headers(Role.admin)
    if overrides.get("parent_code") == "20334":
        # A commune may not sit under another commune.
        other = _commune(code="20334")
        assert client.post(AREAS, json=other, headers=headers).status_code == 201
    r = client.post(AREAS, json=_commune(**overrides), headers=headers)
    assert_problem(r, 422, "validation_error", field)


def test_create_area_province_under_province_is_422(client: TestClient, make: Factory) -> None:
    body = {"code": "47", "name": "Tỉnh thử", "level": "province", "parent_code": "48"}
    r = client.post(AREAS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "parent_code")


def test_create_area_district_without_parent_is_422(client: TestClient, make: Factory) -> None:
    body = {"code": "520", "name": "Huyện thử", "level": "district"}
    r = client.post(AREAS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "parent_code")


def test_create_area_missing_level_is_422(client: TestClient, make: Factory) -> None:
    body = {"code": "20999", "name": "Phường Hải Châu", "parent_code": "48"}
    r = client.post(AREAS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "level")


# --- patch --------------------------------------------------------------------------------


def test_patch_area_with_matching_if_match_is_200(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.admin)
    etag = client.get(f"{AREAS}/506", headers=headers).headers["etag"]
    r = client.patch(
        f"{AREAS}/506", json={"name": "Huyện Đại Lộc mới"}, headers=headers | {"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Huyện Đại Lộc mới"
    assert r.headers["etag"] != etag
    assert client.get(f"{AREAS}/506", headers=headers).headers["etag"] == r.headers["etag"]


def test_patch_area_with_stale_if_match_is_412(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.admin)
    etag = client.get(f"{AREAS}/507", headers=headers).headers["etag"]
    assert client.patch(f"{AREAS}/507", json={"name": "Một"}, headers=headers).status_code == 200
    r = client.patch(f"{AREAS}/507", json={"name": "Hai"}, headers=headers | {"If-Match": etag})
    assert_problem(r, 412, "precondition_failed")
    assert client.get(f"{AREAS}/507", headers=headers).json()["name"] == "Một"


def test_patch_area_sets_successor_and_valid_to(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.admin)
    assert client.post(AREAS, json=_commune(), headers=headers).status_code == 201
    change = {"valid_to": "2026-06-30", "successor_code": "48"}
    r = client.patch(f"{AREAS}/20999", json=change, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["valid_to"] == "2026-06-30" and r.json()["successor_code"] == "48"


@pytest.mark.parametrize("role", [Role.officer, Role.inspector, Role.viewer, Role.agency])
def test_patch_area_by_non_admin_is_403(client: TestClient, make: Factory, role: Role) -> None:
    r = client.patch(f"{AREAS}/506", json={"name": "Khác"}, headers=make.headers(role))
    assert_problem(r, 403, "forbidden")


def test_patch_area_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.patch(f"{AREAS}/506", json={"name": "X"}), 401, "not_authenticated")


def test_patch_area_unknown_code_is_404(client: TestClient, make: Factory) -> None:
    r = client.patch(f"{AREAS}/99999", json={"name": "X"}, headers=make.headers(Role.admin))
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": None}, "name"),
        ({"successor_code": "506"}, "successor_code"),
        ({"successor_code": "99999"}, "successor_code"),
        ({"parent_code": "502"}, "parent_code"),
        ({"parent_code": "99999"}, "parent_code"),
        ({"valid_from": "2026-01-01"}, "valid_to"),
        ({"code": "599"}, "code"),
        ({"level": "commune"}, "level"),
    ],
)
def test_patch_area_invalid_is_422_naming_field(
    client: TestClient, make: Factory, change: dict[str, Any], field: str
) -> None:
    headers = make.headers(Role.admin)
    before = client.get(f"{AREAS}/506", headers=headers).json()
    r = client.patch(f"{AREAS}/506", json=change, headers=headers)
    assert_problem(r, 422, "validation_error", field)
    assert client.get(f"{AREAS}/506", headers=headers).json() == before
