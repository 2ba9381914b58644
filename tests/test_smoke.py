from fastapi.testclient import TestClient

from overseas.auth.models import Role
from tests.factories import Factory


def test_markets_list_for_officer(client: TestClient, make: Factory) -> None:
    r = client.get("/api/v1/markets", headers=make.headers(Role.officer))
    assert r.status_code == 200, r.text
    codes = [m["code"] for m in r.json()["items"]]
    assert "JP" in codes and "KR" in codes
