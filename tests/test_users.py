from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import PASSWORD, Factory
from tests.helpers import assert_problem

USERS = "/api/v1/users"
CLIENTS = "/api/v1/api-clients"
TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"
NON_ADMINS = [Role.officer, Role.inspector, Role.viewer, Role.agency]
NEW_PASSWORD = "a-long-enough-password"


def _user(**overrides: Any) -> dict[str, Any]:
    base = {"username": "nguyen.van.an", "full_name": "Nguyễn Văn An", "role": "officer"}
    return base | {"password": NEW_PASSWORD} | overrides


def _no_password(r: Any) -> None:
    assert "password" not in r.text and NEW_PASSWORD not in r.text and PASSWORD not in r.text
    assert "argon2" not in r.text


def _client_token(client: TestClient, client_id: str, secret: str) -> Any:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return client.post(TOKEN, data=form)


# --- admin only ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", NON_ADMINS)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", USERS),
        ("POST", USERS),
        ("GET", f"{USERS}/1"),
        ("PATCH", f"{USERS}/1"),
        ("GET", CLIENTS),
        ("POST", CLIENTS),
        ("DELETE", f"{CLIENTS}/1"),
    ],
)
def test_accounts_endpoint_for_non_admin_is_403(
    client: TestClient, make: Factory, role: Role, method: str, path: str
) -> None:
    body = {"name": "x", "role": "viewer"} if method != "GET" else None
    r = client.request(method, path, json=body, headers=make.headers(role))
    assert_problem(r, 403, "forbidden")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", USERS),
        ("POST", USERS),
        ("GET", f"{USERS}/1"),
        ("PATCH", f"{USERS}/1"),
        ("GET", CLIENTS),
        ("POST", CLIENTS),
        ("DELETE", f"{CLIENTS}/1"),
    ],
)
def test_accounts_endpoint_without_token_is_401(client: TestClient, method: str, path: str) -> None:
    body = {"name": "x", "role": "viewer"} if method != "GET" else None
    r = client.request(method, path, json=body)
    assert_problem(r, 401, "not_authenticated")
    assert r.headers["www-authenticate"] == "Bearer"


# --- users --------------------------------------------------------------------------------


def test_create_user_is_201_without_password(client: TestClient, make: Factory) -> None:
    r = client.post(USERS, json=_user(username="Nguyen.Van.An"), headers=make.headers(Role.admin))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["username"] == "nguyen.van.an" and body["role"] == "officer"
    assert body["active"] is True and body["agency_id"] is None
    assert r.headers["location"] == f"{USERS}/{body['id']}"
    _no_password(r)


def test_create_user_can_log_in_with_its_password(client: TestClient, make: Factory) -> None:
    assert client.post(USERS, json=_user(), headers=make.headers(Role.admin)).status_code == 201
    form = {"grant_type": "password", "username": "nguyen.van.an", "password": NEW_PASSWORD}
    token = client.post(TOKEN, data=form)
    assert token.status_code == 200, token.text
    me = client.get(ME, headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert me.json()["username"] == "nguyen.van.an" and me.json()["role"] == "officer"


def test_create_agency_user_with_agency_id_is_201(client: TestClient, make: Factory) -> None:
    agency = make.agency()
    body = _user(role="agency", agency_id=agency.id)
    r = client.post(USERS, json=body, headers=make.headers(Role.admin))
    assert r.status_code == 201, r.text
    assert r.json()["agency_id"] == agency.id


def test_create_user_short_password_is_422(client: TestClient, make: Factory) -> None:
    r = client.post(USERS, json=_user(password="short-pw1"), headers=make.headers(Role.admin))
    body = assert_problem(r, 422, "validation_error", "password")
    assert "short-pw1" not in r.text and "input" not in body["errors"][0]


def test_create_user_duplicate_username_is_409(client: TestClient, make: Factory) -> None:
    existing = make.user(Role.viewer)
    r = client.post(
        USERS, json=_user(username=existing.username.upper()), headers=make.headers(Role.admin)
    )
    assert_problem(r, 409, "username_taken")


def test_create_agency_user_without_agency_id_is_422(client: TestClient, make: Factory) -> None:
    r = client.post(USERS, json=_user(role="agency"), headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "agency_id")


def test_create_agency_user_with_unknown_agency_is_422(client: TestClient, make: Factory) -> None:
    body = _user(role="agency", agency_id=999999)
    r = client.post(USERS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "agency_id")


@pytest.mark.parametrize("role", ["admin", "officer", "inspector", "viewer"])
def test_create_staff_user_with_agency_id_is_422(
    client: TestClient, make: Factory, role: str
) -> None:
    body = _user(role=role, agency_id=make.agency().id)
    r = client.post(USERS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", "agency_id")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "a"}, "username"),
        ({"username": "has space"}, "username"),
        ({"role": "root"}, "role"),
        ({"password": None}, "password"),
        ({"password_hash": "x"}, "password_hash"),
    ],
)
def test_create_user_invalid_is_422_naming_field(
    client: TestClient, make: Factory, overrides: dict[str, Any], field: str
) -> None:
    r = client.post(USERS, json=_user(**overrides), headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", field)


def test_list_users_never_shows_passwords(client: TestClient, make: Factory) -> None:
    user = make.user(Role.viewer)
    r = client.get(USERS, params={"role": "viewer", "limit": 500}, headers=make.headers(Role.admin))
    assert r.status_code == 200, r.text
    assert user.id in {u["id"] for u in r.json()["items"]}
    assert all(u["role"] == "viewer" for u in r.json()["items"])
    _no_password(r)


def test_get_user_returns_it_with_etag(client: TestClient, make: Factory) -> None:
    user = make.user(Role.inspector)
    r = client.get(f"{USERS}/{user.id}", headers=make.headers(Role.admin))
    assert r.status_code == 200, r.text
    assert r.json()["username"] == user.username and r.json()["role"] == "inspector"
    assert r.headers["etag"]
    _no_password(r)


def test_get_user_unknown_id_is_404(client: TestClient, make: Factory) -> None:
    assert_problem(
        client.get(f"{USERS}/999999", headers=make.headers(Role.admin)), 404, "not_found"
    )


def test_patch_user_changes_name_without_showing_password(
    client: TestClient, make: Factory
) -> None:
    user = make.user(Role.viewer)
    change = {"full_name": "Trần Thị Bình", "password": "another-long-password"}
    r = client.patch(f"{USERS}/{user.id}", json=change, headers=make.headers(Role.admin))
    assert r.status_code == 200, r.text
    assert r.json()["full_name"] == "Trần Thị Bình"
    assert "another-long-password" not in r.text
    _no_password(r)


def test_patch_user_deactivate_makes_its_token_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    token = make.headers_for(user)
    assert client.get(ME, headers=token).status_code == 200
    r = client.patch(f"{USERS}/{user.id}", json={"active": False}, headers=make.headers(Role.admin))
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False
    assert_problem(client.get(ME, headers=token), 401, "not_authenticated")
    assert_problem(client.get("/api/v1/agencies", headers=token), 401, "not_authenticated")


def test_patch_user_unknown_id_is_404(client: TestClient, make: Factory) -> None:
    r = client.patch(f"{USERS}/999999", json={"active": False}, headers=make.headers(Role.admin))
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password": "too-short"}, "password"),
        ({"role": "agency"}, "agency_id"),
        ({"active": None}, "active"),
        ({"username": "renamed"}, "username"),
    ],
)
def test_patch_user_invalid_is_422_naming_field(
    client: TestClient, make: Factory, change: dict[str, Any], field: str
) -> None:
    user = make.user(Role.viewer)
    headers = make.headers(Role.admin)
    before = client.get(f"{USERS}/{user.id}", headers=headers).json()
    r = client.patch(f"{USERS}/{user.id}", json=change, headers=headers)
    assert_problem(r, 422, "validation_error", field)
    assert client.get(f"{USERS}/{user.id}", headers=headers).json() == before


# --- api clients --------------------------------------------------------------------------


def test_create_api_client_shows_secret_once(client: TestClient, make: Factory) -> None:
    agency = make.agency()
    headers = make.headers(Role.admin)
    body = {"name": "Hệ thống công ty", "role": "agency", "agency_id": agency.id}
    r = client.post(CLIENTS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    created = r.json()
    secret = created["client_secret"]
    assert secret and created["client_id"] and created["revoked_at"] is None
    assert r.headers["location"] == f"{CLIENTS}/{created['id']}"

    listed = client.get(CLIENTS, params={"limit": 500}, headers=headers)
    assert listed.status_code == 200, listed.text
    row = next(c for c in listed.json()["items"] if c["id"] == created["id"])
    assert "client_secret" not in row and "secret_hash" not in row
    assert secret not in listed.text and "secret" not in listed.text


def test_api_client_gets_token_with_client_credentials(client: TestClient, make: Factory) -> None:
    body = {"name": "Script báo cáo", "role": "viewer"}
    created = client.post(CLIENTS, json=body, headers=make.headers(Role.admin)).json()
    r = _client_token(client, created["client_id"], created["client_secret"])
    assert r.status_code == 200, r.text
    assert r.json()["token_type"] == "bearer" and r.json()["expires_in"] > 0
    me = client.get(ME, headers={"Authorization": f"Bearer {r.json()['access_token']}"})
    assert me.status_code == 200, me.text
    assert me.json()["username"] == "Script báo cáo" and me.json()["role"] == "viewer"


def test_api_client_wrong_secret_is_401(client: TestClient, make: Factory) -> None:
    created = client.post(
        CLIENTS, json={"name": "x", "role": "viewer"}, headers=make.headers(Role.admin)
    ).json()
    r = _client_token(client, created["client_id"], "wrong-" + created["client_secret"])
    assert_problem(r, 401, "invalid_credentials")


def test_delete_api_client_revokes_tokens_and_logins(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    created = client.post(CLIENTS, json={"name": "x", "role": "officer"}, headers=admin).json()
    login = _client_token(client, created["client_id"], created["client_secret"])
    token = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert client.get(ME, headers=token).status_code == 200

    r = client.delete(f"{CLIENTS}/{created['id']}", headers=admin)
    assert r.status_code == 204, r.text
    assert_problem(client.get(ME, headers=token), 401, "not_authenticated")
    again = _client_token(client, created["client_id"], created["client_secret"])
    assert_problem(again, 401, "account_inactive")
    wrong = _client_token(client, created["client_id"], "wrong-" + created["client_secret"])
    assert_problem(wrong, 401, "invalid_credentials")
    listed = client.get(CLIENTS, headers=admin).json()["items"]
    assert next(c for c in listed if c["id"] == created["id"])["revoked_at"] is not None
    active = client.get(CLIENTS, params={"include_revoked": "false"}, headers=admin).json()
    assert created["id"] not in {c["id"] for c in active["items"]}


def test_delete_api_client_unknown_id_is_404(client: TestClient, make: Factory) -> None:
    r = client.delete(f"{CLIENTS}/999999", headers=make.headers(Role.admin))
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "role": "admin"}, "role"),
        ({"name": "", "role": "viewer"}, "name"),
        ({"name": "x", "role": "agency"}, "agency_id"),
        ({"name": "x", "role": "viewer", "agency_id": 1}, "agency_id"),
        ({"name": "x", "role": "viewer", "client_secret": "mine"}, "client_secret"),
    ],
)
def test_create_api_client_invalid_is_422_naming_field(
    client: TestClient, make: Factory, body: dict[str, Any], field: str
) -> None:
    r = client.post(CLIENTS, json=body, headers=make.headers(Role.admin))
    assert_problem(r, 422, "validation_error", field)


# --- the last administrator ---------------------------------------------------------------


@pytest.mark.parametrize("change", [{"active": False}, {"role": "officer"}])
def test_the_last_active_admin_cannot_be_deactivated_or_demoted(
    client: TestClient, make: Factory, change: dict[str, Any]
) -> None:
    admin = make.user(Role.admin)
    make.user(Role.admin, active=False)  # an inactive administrator does not count
    headers = make.headers_for(admin)
    r = client.patch(f"{USERS}/{admin.id}", json=change, headers=headers)
    body = assert_problem(r, 409, "last_admin")
    assert "last active administrator" in body["detail"]
    after = client.get(f"{USERS}/{admin.id}", headers=headers).json()
    assert after["active"] is True and after["role"] == "admin"


def test_an_admin_may_leave_once_another_is_active(client: TestClient, make: Factory) -> None:
    admin = make.user(Role.admin)
    other = make.user(Role.admin)
    r = client.patch(f"{USERS}/{admin.id}", json={"active": False}, headers=make.headers_for(other))
    assert r.status_code == 200, r.text
    r = client.patch(
        f"{USERS}/{other.id}", json={"role": "officer"}, headers=make.headers_for(other)
    )
    assert_problem(r, 409, "last_admin")
