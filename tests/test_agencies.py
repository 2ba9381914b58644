from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

AGENCIES = "/api/v1/agencies"
WRITERS = [Role.admin, Role.officer]
NON_WRITERS = [Role.inspector, Role.viewer, Role.agency]


def _agency(**overrides: Any) -> dict[str, Any]:
    base = {
        "licence_no": "123/LĐTBXH-GP",
        "name": "Công ty Cổ phần Nhân lực Quốc tế Miền Trung",
        "tax_code": "4000123456",
        "licence_issued_on": "2021-05-10",
        "address": "12 Trần Phú, Tam Kỳ",
        "phone": "0235 3812 345",
        "email": "info@nhanluc.example.vn",
    }
    return base | overrides


# --- list and get -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.admin, Role.officer, Role.inspector, Role.viewer])
def test_list_agencies_for_staff_shows_every_enterprise(
    client: TestClient, make: Factory, role: Role
) -> None:
    a, b = make.agency(), make.agency()
    r = client.get(AGENCIES, params={"limit": 500}, headers=make.headers(role))
    assert r.status_code == 200, r.text
    assert {a.id, b.id} <= {x["id"] for x in r.json()["items"]}


def test_list_agencies_for_agency_shows_only_its_own(client: TestClient, make: Factory) -> None:
    own, _other = make.agency(), make.agency()
    r = client.get(AGENCIES, headers=make.headers(Role.agency, agency_id=own.id))
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["items"]] == [own.id]


def test_list_agencies_filters_by_status_and_q(client: TestClient, make: Factory) -> None:
    suspended = make.agency(status="suspended", name="Công ty Tạm Ngưng")
    make.agency(name="Công ty Đang Chạy")
    headers = make.headers()
    r = client.get(AGENCIES, params={"status": "suspended", "limit": 500}, headers=headers)
    assert r.status_code == 200, r.text
    assert suspended.id in {x["id"] for x in r.json()["items"]}
    assert all(x["status"] == "suspended" for x in r.json()["items"])
    r = client.get(AGENCIES, params={"q": suspended.licence_no}, headers=headers)
    assert [x["id"] for x in r.json()["items"]] == [suspended.id]


def test_list_agencies_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(AGENCIES), 401, "not_authenticated")


def test_list_agencies_bad_status_is_422(client: TestClient, make: Factory) -> None:
    r = client.get(AGENCIES, params={"status": "closed"}, headers=make.headers())
    assert_problem(r, 422, "validation_error", "status")


def test_get_agency_returns_it_with_etag(client: TestClient, make: Factory) -> None:
    agency = make.agency()
    r = client.get(f"{AGENCIES}/{agency.id}", headers=make.headers(Role.viewer))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["licence_no"] == agency.licence_no and body["status"] == "active"
    assert r.headers["etag"] == f'"{body["version"]}"'


def test_get_agency_own_for_agency_is_200(client: TestClient, make: Factory) -> None:
    own = make.agency()
    r = client.get(f"{AGENCIES}/{own.id}", headers=make.headers(Role.agency, agency_id=own.id))
    assert r.status_code == 200, r.text


def test_get_agency_of_another_enterprise_for_agency_is_404(
    client: TestClient, make: Factory
) -> None:
    own, other = make.agency(), make.agency()
    headers = make.headers(Role.agency, agency_id=own.id)
    assert_problem(client.get(f"{AGENCIES}/{other.id}", headers=headers), 404, "not_found")


def test_get_agency_unknown_id_is_404(client: TestClient, make: Factory) -> None:
    assert_problem(client.get(f"{AGENCIES}/999999", headers=make.headers()), 404, "not_found")


def test_get_agency_without_token_is_401(client: TestClient, make: Factory) -> None:
    agency = make.agency()
    assert_problem(client.get(f"{AGENCIES}/{agency.id}"), 401, "not_authenticated")


def test_get_agency_non_numeric_id_is_422(client: TestClient, make: Factory) -> None:
    r = client.get(f"{AGENCIES}/abc", headers=make.headers())
    assert_problem(r, 422, "validation_error", "agency_id")


# --- create -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", WRITERS)
def test_create_agency_by_writer_is_201(client: TestClient, make: Factory, role: Role) -> None:
    headers = make.headers(role)
    r = client.post(AGENCIES, json=_agency(), headers=headers)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "active" and body["tax_code"] == "4000123456"
    assert r.headers["location"] == f"{AGENCIES}/{body['id']}"
    assert r.headers["etag"] == '"1"'
    assert client.get(f"{AGENCIES}/{body['id']}", headers=headers).json() == body


def test_create_agency_branch_tax_code_is_201(client: TestClient, make: Factory) -> None:
    r = client.post(AGENCIES, json=_agency(tax_code="0101234567-001"), headers=make.headers())
    assert r.status_code == 201, r.text
    assert r.json()["tax_code"] == "0101234567-001"


@pytest.mark.parametrize("role", NON_WRITERS)
def test_create_agency_by_non_writer_is_403(client: TestClient, make: Factory, role: Role) -> None:
    assert_problem(
        client.post(AGENCIES, json=_agency(), headers=make.headers(role)), 403, "forbidden"
    )


def test_create_agency_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.post(AGENCIES, json=_agency()), 401, "not_authenticated")


def test_create_agency_duplicate_licence_no_is_409(client: TestClient, make: Factory) -> None:
    existing = make.agency()
    r = client.post(AGENCIES, json=_agency(licence_no=existing.licence_no), headers=make.headers())
    assert_problem(r, 409, "licence_no_taken")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"tax_code": "123"}, "tax_code"),
        ({"tax_code": "40001234567"}, "tax_code"),
        ({"tax_code": "4000123456-1"}, "tax_code"),
        ({"tax_code": "400012345A"}, "tax_code"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@b"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"licence_no": " "}, "licence_no"),
        ({"name": ""}, "name"),
        ({"status": "closed"}, "status"),
        ({"licence_issued_on": "10/05/2021"}, "licence_issued_on"),
        ({"owner": "x"}, "owner"),
    ],
)
def test_create_agency_invalid_is_422_naming_field(
    client: TestClient, make: Factory, overrides: dict[str, Any], field: str
) -> None:
    r = client.post(AGENCIES, json=_agency(**overrides), headers=make.headers())
    assert_problem(r, 422, "validation_error", field)


def test_create_agency_missing_tax_code_is_422(client: TestClient, make: Factory) -> None:
    body = _agency()
    del body["tax_code"]
    r = client.post(AGENCIES, json=body, headers=make.headers())
    assert_problem(r, 422, "validation_error", "tax_code")


# --- patch --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", WRITERS)
def test_patch_agency_with_matching_if_match_is_200(
    client: TestClient, make: Factory, role: Role
) -> None:
    agency = make.agency()
    headers = make.headers(role)
    etag = client.get(f"{AGENCIES}/{agency.id}", headers=headers).headers["etag"]
    change = {"status": "suspended", "email": "new@example.vn"}
    r = client.patch(f"{AGENCIES}/{agency.id}", json=change, headers=headers | {"If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "suspended" and r.json()["email"] == "new@example.vn"
    assert r.headers["etag"] != etag


def test_patch_agency_with_stale_if_match_is_412_and_leaves_row(
    client: TestClient, make: Factory
) -> None:
    agency = make.agency()
    headers = make.headers()
    url = f"{AGENCIES}/{agency.id}"
    stale = client.get(url, headers=headers).headers["etag"]
    first = client.patch(url, json={"name": "Tên thứ nhất"}, headers=headers)
    assert first.status_code == 200, first.text
    r = client.patch(url, json={"name": "Tên thứ hai"}, headers=headers | {"If-Match": stale})
    assert_problem(r, 412, "precondition_failed")
    now = client.get(url, headers=headers)
    assert now.json() == first.json()
    assert now.headers["etag"] == first.headers["etag"]


def test_patch_agency_licence_no_taken_is_409(client: TestClient, make: Factory) -> None:
    agency, other = make.agency(), make.agency()
    r = client.patch(
        f"{AGENCIES}/{agency.id}", json={"licence_no": other.licence_no}, headers=make.headers()
    )
    assert_problem(r, 409, "licence_no_taken")


@pytest.mark.parametrize("role", NON_WRITERS)
def test_patch_agency_by_non_writer_is_403(client: TestClient, make: Factory, role: Role) -> None:
    agency = make.agency()
    headers = make.headers(role, **({"agency_id": agency.id} if role == Role.agency else {}))
    r = client.patch(f"{AGENCIES}/{agency.id}", json={"name": "Khác"}, headers=headers)
    assert_problem(r, 403, "forbidden")


def test_patch_agency_without_token_is_401(client: TestClient, make: Factory) -> None:
    agency = make.agency()
    r = client.patch(f"{AGENCIES}/{agency.id}", json={"name": "Khác"})
    assert_problem(r, 401, "not_authenticated")


def test_patch_agency_unknown_id_is_404(client: TestClient, make: Factory) -> None:
    r = client.patch(f"{AGENCIES}/999999", json={"name": "Khác"}, headers=make.headers())
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tax_code": "123"}, "tax_code"),
        ({"tax_code": None}, "tax_code"),
        ({"email": "nope"}, "email"),
        ({"phone": "abc"}, "phone"),
        ({"name": None}, "name"),
        ({"status": "closed"}, "status"),
        ({"id": 5}, "id"),
    ],
)
def test_patch_agency_invalid_is_422_naming_field(
    client: TestClient, make: Factory, change: dict[str, Any], field: str
) -> None:
    agency = make.agency()
    headers = make.headers()
    url = f"{AGENCIES}/{agency.id}"
    before = client.get(url, headers=headers).json()
    assert_problem(client.patch(url, json=change, headers=headers), 422, "validation_error", field)
    assert client.get(url, headers=headers).json() == before


# --- public -------------------------------------------------------------------------------


def test_public_agencies_without_token_exposes_only_licence_name_status(
    client: TestClient, make: Factory
) -> None:
    agency = make.agency(
        status="suspended", phone="0905123456", email="x@example.vn", address="Hội An"
    )
    r = client.get("/api/v1/public/agencies", params={"limit": 500})
    assert r.status_code == 200, r.text
    assert "max-age" in r.headers["cache-control"]
    items = r.json()["items"]
    assert all(set(x) == {"licence_no", "name", "status"} for x in items)
    assert {"licence_no": agency.licence_no, "name": agency.name, "status": "suspended"} in items


def test_public_agencies_bad_limit_is_422(client: TestClient) -> None:
    r = client.get("/api/v1/public/agencies", params={"limit": 501})
    assert_problem(r, 422, "validation_error", "limit")
