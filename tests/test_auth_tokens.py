"""Token grants and every way a token or login can be refused."""

import base64
import json
import time
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from jose import jwt
from sqlmodel import Session

from overseas.auth.models import LoginThrottle
from overseas.core.config import get_settings
from overseas.core.db import utcnow
from overseas.core.principal import Role
from overseas.core.security import JWT_ALGORITHM, create_access_token
from tests.factories import PASSWORD, Factory

TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"


def _login(client: TestClient, username: str, password: str) -> Response:
    r: Response = client.post(
        TOKEN, data={"grant_type": "password", "username": username, "password": password}
    )
    return r


def _assert_problem(response: Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_password_grant_returns_a_working_token(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    r = _login(client, user.username, PASSWORD)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == get_settings().access_token_minutes * 60
    me = client.get(ME, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json() == {
        "id": user.id,
        "username": user.username,
        "role": "officer",
        "agency_id": None,
        "kind": "user",
    }


def test_token_claims_are_pinned_and_complete(client: TestClient, make: Factory) -> None:
    user = make.user(Role.agency)
    token = _login(client, user.username, PASSWORD).json()["access_token"]
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256"
    claims = jwt.decode(token, get_settings().secret_key, algorithms=[JWT_ALGORITHM])
    assert claims["sub"] == f"user:{user.id}"
    assert claims["role"] == "agency"
    assert claims["agency_id"] == user.agency_id
    assert claims["exp"] > claims["iat"]


def test_username_is_case_insensitive(client: TestClient, make: Factory) -> None:
    user = make.user(Role.viewer)
    assert _login(client, user.username.upper(), PASSWORD).status_code == 200


def test_client_credentials_grant(client: TestClient, make: Factory) -> None:
    api_client = make.api_client(Role.agency, secret="the-client-secret-1")
    r = client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": api_client.client_id,
            "client_secret": "the-client-secret-1",
        },
    )
    assert r.status_code == 200, r.text
    me = client.get(ME, headers={"Authorization": f"Bearer {r.json()['access_token']}"})
    assert me.json()["kind"] == "client"
    assert me.json()["username"] == api_client.name
    assert me.json()["agency_id"] == api_client.agency_id


def test_wrong_password_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    _assert_problem(_login(client, user.username, "not-the-password"), 401, "invalid_credentials")


def test_unknown_user_is_401_like_a_wrong_password(client: TestClient) -> None:
    r = _login(client, "nobody-here", "whatever-password")
    _assert_problem(r, 401, "invalid_credentials")
    assert r.json()["detail"] == "wrong username or password"


def test_inactive_user_cannot_log_in(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer, active=False)
    r = _login(client, user.username, PASSWORD)
    _assert_problem(r, 401, "account_inactive")
    assert "deactivated" in r.json()["detail"]


def test_inactive_user_with_a_wrong_password_is_told_nothing_more(
    client: TestClient, make: Factory
) -> None:
    user = make.user(Role.officer, active=False)
    r = _login(client, user.username, "not-the-password")
    _assert_problem(r, 401, "invalid_credentials")
    assert r.json()["detail"] == "wrong username or password"


def test_wrong_client_secret_is_401(client: TestClient, make: Factory) -> None:
    api_client = make.api_client(Role.viewer)
    r = client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": api_client.client_id,
            "client_secret": "wrong-secret",
        },
    )
    _assert_problem(r, 401, "invalid_credentials")


def test_unknown_grant_type_is_422(client: TestClient) -> None:
    r = client.post(TOKEN, data={"grant_type": "implicit", "username": "a", "password": "b"})
    _assert_problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["field"] == "grant_type"


def test_password_grant_without_password_is_422(client: TestClient) -> None:
    r = client.post(TOKEN, data={"grant_type": "password", "username": "someone"})
    _assert_problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["field"] == "password"


def test_missing_token_is_401(client: TestClient) -> None:
    r = client.get(ME)
    _assert_problem(r, 401, "not_authenticated")
    assert r.headers["www-authenticate"] == "Bearer"


def test_garbage_token_is_401(client: TestClient) -> None:
    _assert_problem(
        client.get(ME, headers={"Authorization": "Bearer not.a.jwt"}), 401, "not_authenticated"
    )


def test_expired_token_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    now = int(time.time())
    token = jwt.encode(
        {"sub": f"user:{user.id}", "role": "officer", "iat": now - 7200, "exp": now - 3600},
        get_settings().secret_key,
        algorithm="HS256",
    )
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


def test_token_signed_with_another_key_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.admin)
    now = int(time.time())
    token = jwt.encode(
        {"sub": f"user:{user.id}", "role": "admin", "iat": now, "exp": now + 600},
        "some-other-secret-key-entirely",
        algorithm="HS256",
    )
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


def test_token_with_alg_none_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.admin)
    now = int(time.time())

    def b64(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    claims = {"sub": f"user:{user.id}", "role": "admin", "iat": now, "exp": now + 600}
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


def test_token_with_another_algorithm_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.admin)
    now = int(time.time())
    token = jwt.encode(
        {"sub": f"user:{user.id}", "role": "admin", "iat": now, "exp": now + 600},
        get_settings().secret_key,
        algorithm="HS512",
    )
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


def test_token_without_exp_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.admin)
    token = jwt.encode(
        {"sub": f"user:{user.id}", "role": "admin", "iat": int(time.time())},
        get_settings().secret_key,
        algorithm="HS256",
    )
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


def test_revoked_client_token_stops_working(
    client: TestClient, make: Factory, session: Session
) -> None:
    api_client = make.api_client(Role.agency)
    token, _ = create_access_token(f"client:{api_client.id}", "agency", api_client.agency_id)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(ME, headers=headers).status_code == 200
    revoked = client.delete(
        f"/api/v1/api-clients/{api_client.id}", headers=make.headers(Role.admin)
    )
    assert revoked.status_code == 204
    _assert_problem(client.get(ME, headers=headers), 401, "not_authenticated")


def test_deactivated_user_token_stops_working(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    assert client.get(ME, headers=headers).status_code == 200
    r = client.patch(
        f"/api/v1/users/{user.id}", json={"active": False}, headers=make.headers(Role.admin)
    )
    assert r.status_code == 200
    _assert_problem(client.get(ME, headers=headers), 401, "not_authenticated")


def test_role_without_the_right_is_403(client: TestClient, make: Factory) -> None:
    r = client.get("/api/v1/users", headers=make.headers(Role.officer))
    _assert_problem(r, 403, "forbidden")


def test_sixth_failed_login_in_the_window_is_429(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    for _ in range(5):
        _assert_problem(_login(client, user.username, "wrong-password"), 401, "invalid_credentials")
    r = _login(client, user.username, "wrong-password")
    _assert_problem(r, 429, "too_many_login_attempts")
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60
    # Locked even with the right password until the window passes.
    _assert_problem(_login(client, user.username, PASSWORD), 429, "too_many_login_attempts")


def test_throttle_counts_unknown_usernames_too(client: TestClient) -> None:
    for _ in range(5):
        _login(client, "ghost-user", "wrong-password")
    _assert_problem(_login(client, "ghost-user", "wrong-password"), 429, "too_many_login_attempts")


def test_failures_outside_the_window_do_not_count(
    client: TestClient, make: Factory, session: Session
) -> None:
    user = make.user(Role.officer)
    old = utcnow() - timedelta(minutes=16)
    for key in (f"user:{user.username}", f"user:{user.username}|testclient"):
        session.add(LoginThrottle(key=key, window_start=old, count=50))
    session.commit()
    assert _login(client, user.username, PASSWORD).status_code == 200


def test_throttle_is_per_username(client: TestClient, make: Factory) -> None:
    locked, other = make.user(Role.officer), make.user(Role.officer)
    for _ in range(6):
        _login(client, locked.username, "wrong-password")
    assert _login(client, other.username, PASSWORD).status_code == 200


def test_success_clears_earlier_failures(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    for _ in range(4):
        _login(client, user.username, "wrong-password")
    assert _login(client, user.username, PASSWORD).status_code == 200
    for _ in range(4):
        _assert_problem(_login(client, user.username, "wrong-password"), 401, "invalid_credentials")


@pytest.mark.parametrize(
    "subject",
    [
        "user:99999999999999999999",
        "user:0",
        "user:-1",
        "user:\uff11\uff12",
        "client:2147483648",
        "user:",
    ],
)
def test_token_with_an_odd_subject_is_401(client: TestClient, subject: str) -> None:
    now = int(time.time())
    token = jwt.encode(
        {"sub": subject, "role": "admin", "iat": now, "exp": now + 600},
        get_settings().secret_key,
        algorithm="HS256",
    )
    _assert_problem(
        client.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "not_authenticated"
    )


# --- throttling per (name, address), with a backstop per name -------------------------------


def _client_at(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, client=(address, 40000))


def test_a_stranger_elsewhere_cannot_lock_an_account_out(app: FastAPI, make: Factory) -> None:
    user = make.user(Role.officer)
    with _client_at(app, "203.0.113.9") as stranger, _client_at(app, "198.51.100.4") as owner:
        for _ in range(5):
            _assert_problem(_login(stranger, user.username, "wrong"), 401, "invalid_credentials")
        _assert_problem(_login(stranger, user.username, PASSWORD), 429, "too_many_login_attempts")
        assert _login(owner, user.username, PASSWORD).status_code == 200


def test_the_backstop_per_name_holds_across_addresses(
    app: FastAPI, make: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "login_backstop_failures", 8)
    user = make.user(Role.officer)
    for n in range(8):
        with _client_at(app, f"203.0.113.{n + 1}") as c:
            _assert_problem(_login(c, user.username, "wrong"), 401, "invalid_credentials")
    with _client_at(app, "198.51.100.4") as c:
        r = _login(c, user.username, PASSWORD)
        _assert_problem(r, 429, "too_many_login_attempts")
        assert int(r.headers["retry-after"]) > 0


def test_forwarded_for_counts_only_behind_a_trusted_proxy(
    app: FastAPI, make: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make.user(Role.officer)
    spoofed = {"X-Forwarded-For": "192.0.2.77"}
    with _client_at(app, "203.0.113.9") as c:
        # Not a trusted proxy: every attempt is the peer's, whatever the header says.
        for n in range(5):
            headers = {"X-Forwarded-For": f"192.0.2.{n}"}
            r = c.post(TOKEN, data=_form(user.username, "wrong"), headers=headers)
            _assert_problem(r, 401, "invalid_credentials")
        r = c.post(TOKEN, data=_form(user.username, PASSWORD), headers=spoofed)
        _assert_problem(r, 429, "too_many_login_attempts")
    monkeypatch.setattr(get_settings(), "trusted_proxies", ["10.0.0.0/8"])
    with _client_at(app, "10.1.2.3") as proxy:
        # Through the trusted proxy the forwarded address is the client: another person.
        r = proxy.post(TOKEN, data=_form(user.username, PASSWORD), headers=spoofed)
        assert r.status_code == 200, r.text


def _form(username: str, password: str) -> dict[str, str]:
    return {"grant_type": "password", "username": username, "password": password}


# --- tokens end with the password they were issued under -----------------------------------


def test_a_password_change_ends_earlier_tokens(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    old = client.post(TOKEN, data=_form(user.username, PASSWORD)).json()["access_token"]
    old_headers = {"Authorization": f"Bearer {old}"}
    assert client.get(ME, headers=old_headers).status_code == 200
    r = client.patch(
        f"/api/v1/users/{user.id}",
        json={"password": "a-brand-new-password"},
        headers=make.headers(Role.admin),
    )
    assert r.status_code == 200, r.text
    _assert_problem(client.get(ME, headers=old_headers), 401, "not_authenticated")
    new = client.post(TOKEN, data=_form(user.username, "a-brand-new-password")).json()
    assert client.get(ME, headers={"Authorization": f"Bearer {new['access_token']}"}).is_success


def test_a_token_issued_in_the_future_is_401(client: TestClient, make: Factory) -> None:
    user = make.user(Role.officer)
    now = int(time.time())
    for iat, ok in ((now + 30, True), (now + 120, False)):
        token = jwt.encode(
            {"sub": f"user:{user.id}", "role": "officer", "iat": iat, "exp": now + 3600},
            get_settings().secret_key,
            algorithm="HS256",
        )
        r = client.get(ME, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == (200 if ok else 401), r.text
