"""The principal cache (overseas.auth.cache, docs/security.md): a token's account is read again
at least every OVERSEAS_AUTH_CACHE_SECONDS, at once after a change made through this process."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from overseas.auth import cache
from overseas.auth.models import User
from overseas.core.config import get_settings
from overseas.core.principal import Principal, Role
from tests.factories import Factory

ME = "/api/v1/auth/me"
STALENESS = 0.3


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cache on, with a staleness short enough to wait out in a test."""
    monkeypatch.setattr(get_settings(), "auth_cache_seconds", STALENESS)
    cache.clear()
    yield
    cache.clear()


def _deactivate_elsewhere(session: Session, user_id: int) -> None:
    # A plain UPDATE, as another server process's change looks to this one.
    session.execute(update(User).where(User.id == user_id).values(active=False))  # type: ignore[arg-type]
    session.flush()


def test_another_process_deactivating_a_user_takes_effect_within_the_staleness(
    cached: None, client: TestClient, make: Factory, session: Session
) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    assert client.get(ME, headers=headers).status_code == 200
    assert user.id is not None
    _deactivate_elsewhere(session, user.id)
    # Within the staleness the kept principal still answers: the cache is in use...
    assert client.get(ME, headers=headers).status_code == 200
    time.sleep(STALENESS + 0.1)
    # ...and after it the account is read again and refused.
    assert client.get(ME, headers=headers).status_code == 401


def test_a_deactivation_through_this_process_takes_effect_at_once(
    cached: None, client: TestClient, make: Factory
) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    assert client.get(ME, headers=headers).status_code == 200
    r = client.patch(
        f"/api/v1/users/{user.id}", json={"active": False}, headers=make.headers(Role.admin)
    )
    assert r.status_code == 200
    assert client.get(ME, headers=headers).status_code == 401


def test_a_password_change_through_this_process_ends_cached_tokens_at_once(
    cached: None, client: TestClient, make: Factory
) -> None:
    user = make.user(Role.officer)
    headers = make.headers_for(user)
    assert client.get(ME, headers=headers).status_code == 200
    r = client.patch(
        f"/api/v1/users/{user.id}",
        json={"password": "another-long-pass-2026"},
        headers=make.headers(Role.admin),
    )
    assert r.status_code == 200, r.text
    assert client.get(ME, headers=headers).status_code == 401


def test_an_entry_never_outlives_its_token(cached: None) -> None:
    principal = Principal("user", 1, "someone", Role.officer, None)
    cache.keep("expired-token", principal, time.time() - 1)
    assert cache.lookup("expired-token") is None
    cache.keep("live-token", principal, time.time() + 3600)
    assert cache.lookup("live-token") == principal


def test_the_cache_is_bounded(cached: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    principal = Principal("user", 1, "someone", Role.officer, None)
    for i in range(10):
        cache.keep(f"token-{i}", principal, time.time() + 3600)
    assert len(cache._entries) == 3
    assert cache.lookup("token-9") == principal
    assert cache.lookup("token-0") is None


def test_off_when_the_staleness_is_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "auth_cache_seconds", 0)
    cache.clear()
    cache.keep("token", Principal("user", 1, "someone", Role.officer, None), time.time() + 60)
    assert cache.lookup("token") is None
