from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

AUDIT = "/api/v1/audit"
AGENCY = {"licence_no": "77/GP-AUDIT", "name": "Công ty Kiểm Toán", "tax_code": "4000777777"}


def _audit(client: TestClient, admin: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get(AUDIT, params={"limit": 500, **params}, headers=admin)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def _create_agency(client: TestClient, headers: dict[str, str], **overrides: Any) -> int:
    r = client.post("/api/v1/agencies", json=AGENCY | overrides, headers=headers)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


@pytest.mark.parametrize("role", [Role.officer, Role.inspector, Role.viewer, Role.agency])
def test_audit_for_non_admin_is_403(client: TestClient, make: Factory, role: Role) -> None:
    assert_problem(client.get(AUDIT, headers=make.headers(role)), 403, "forbidden")


def test_audit_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(AUDIT), 401, "not_authenticated")


def test_audit_bad_since_is_422(client: TestClient, make: Factory) -> None:
    r = client.get(AUDIT, params={"since": "last week"}, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "since")


def test_audit_records_agency_create_then_update(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    officer = make.user(Role.officer)
    headers = make.headers_for(officer)
    agency_id = _create_agency(client, headers)
    r = client.patch(
        f"/api/v1/agencies/{agency_id}", json={"name": "Công ty Đổi Tên"}, headers=headers
    )
    assert r.status_code == 200, r.text

    rows = _audit(client, admin, entity="agencies", entity_id=str(agency_id))
    assert [row["action"] for row in rows] == ["create", "update"]
    for row in rows:
        assert row["actor"] == officer.username
        assert row["entity"] == "agencies" and row["entity_id"] == str(agency_id)
        assert row["at"]
    created, updated = rows
    assert created["changes"]["licence_no"] == {"before": None, "after": "77/GP-AUDIT"}
    assert created["changes"]["tax_code"]["after"] == "4000777777"
    assert updated["changes"] == {
        "name": {"before": "Công ty Kiểm Toán", "after": "Công ty Đổi Tên"}
    }


def test_audit_of_user_creation_never_holds_password(client: TestClient, make: Factory) -> None:
    admin_user = make.user(Role.admin)
    admin = make.headers_for(admin_user)
    password = "a-secret-password-42"
    body = {"username": "audited.user", "role": "viewer", "password": password}
    r = client.post("/api/v1/users", json=body, headers=admin)
    assert r.status_code == 201, r.text
    user_id = str(r.json()["id"])

    rows = _audit(client, admin, entity="users", entity_id=user_id)
    assert [row["action"] for row in rows] == ["create"]
    changes = rows[0]["changes"]
    assert rows[0]["actor"] == admin_user.username
    assert changes["username"]["after"] == "audited.user"
    assert not any("password" in key for key in changes)
    text = str(rows)
    assert password not in text and "argon2" not in text


def test_audit_of_password_change_never_holds_hash(client: TestClient, make: Factory) -> None:
    user = make.user(Role.viewer)
    admin = make.headers(Role.admin)
    change = {"password": "a-new-secret-password", "full_name": "Tên Mới"}
    r = client.patch(f"/api/v1/users/{user.id}", json=change, headers=admin)
    assert r.status_code == 200, r.text
    rows = _audit(client, admin, entity="users", entity_id=str(user.id), action="update")
    assert rows and all("password_hash" not in row["changes"] for row in rows)
    assert "argon2" not in str(rows) and "a-new-secret-password" not in str(rows)


def test_audit_of_api_client_never_holds_secret(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    r = client.post("/api/v1/api-clients", json={"name": "x", "role": "viewer"}, headers=admin)
    assert r.status_code == 201, r.text
    rows = _audit(client, admin, entity="api_clients", entity_id=str(r.json()["id"]))
    assert [row["action"] for row in rows] == ["create"]
    assert "secret_hash" not in rows[0]["changes"]
    assert r.json()["client_secret"] not in str(rows) and "argon2" not in str(rows)


def test_audit_filters_by_entity_entity_id_and_actor(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    first, second = make.user(Role.officer), make.user(Role.officer)
    one = _create_agency(client, make.headers_for(first))
    two = _create_agency(client, make.headers_for(second), licence_no="78/GP-AUDIT")
    r = client.post(
        "/api/v1/markets",
        json={"code": "QZ", "name_vi": "Thử", "name_en": "Test"},
        headers=make.headers_for(first),
    )
    assert r.status_code == 201, r.text

    by_actor = _audit(client, admin, actor=first.username)
    assert {(row["entity"], row["entity_id"]) for row in by_actor} == {
        ("agencies", str(one)),
        ("markets", "QZ"),
    }
    by_entity = _audit(client, admin, entity="agencies", actor=first.username)
    assert [row["entity_id"] for row in by_entity] == [str(one)]
    by_id = _audit(client, admin, entity="agencies", entity_id=str(two))
    assert [(row["actor"], row["action"]) for row in by_id] == [(second.username, "create")]
    markets = _audit(client, admin, entity="markets", entity_id="QZ")
    assert [row["actor"] for row in markets] == [first.username]


def test_audit_lists_rows_oldest_first(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    _create_agency(client, make.headers(Role.officer))
    _create_agency(client, make.headers(Role.admin), licence_no="79/GP-AUDIT")
    rows = _audit(client, admin)
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids)
