"""Targets: who may read and write them, validation, duplicates, If-Match and delete."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from overseas.targets.models import Target
from tests.factories import Factory
from tests.helpers import assert_problem

TARGETS = "/api/v1/targets"
READERS = [Role.admin, Role.officer, Role.inspector, Role.viewer]
NON_WRITERS = [Role.admin, Role.inspector, Role.viewer, Role.agency]


def _target(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Kế hoạch 2023-2030",
        "area_code": "49",
        "year_from": 2023,
        "year_to": 2030,
        "value": 12000,
        "notes": "Chương trình 30-CTr/TU",
    }
    return base | overrides


def _create(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    r = client.post(TARGETS, json=_target(**overrides), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Target)).one())


@pytest.fixture
def target(client: TestClient, officer: dict[str, str]) -> dict[str, Any]:
    return _create(client, officer)


# --- create and read --------------------------------------------------------------------------


def test_create_target_by_officer_is_201_with_location_and_etag(
    client: TestClient, officer: dict[str, str], session: Session
) -> None:
    r = client.post(TARGETS, json=_target(name="  Kế hoạch   2023-2030 "), headers=officer)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"{TARGETS}/{body['id']}"
    assert r.headers["etag"] == f'"{body["version"]}"'
    assert {k: body[k] for k in _target()} == _target()  # the name's spaces collapse
    assert body["market_code"] is None
    stored = session.get(Target, body["id"])
    assert stored is not None and stored.value == 12000
    audit = session.exec(
        select(AuditLog).where(AuditLog.entity == "targets", AuditLog.entity_id == str(body["id"]))
    ).all()
    assert [a.action for a in audit] == ["create"]


def test_create_target_for_market_upper_cases_the_code(
    client: TestClient, officer: dict[str, str]
) -> None:
    body = _create(client, officer, market_code=" jp ", year_from=2024, year_to=2024, value=300)
    assert body["market_code"] == "JP"


@pytest.mark.parametrize("role", READERS)
def test_staff_read_targets(
    client: TestClient, make: Factory, target: dict[str, Any], role: Role
) -> None:
    headers = make.headers(role)
    r = client.get(TARGETS, headers=headers)
    assert r.status_code == 200, r.text
    assert [t["id"] for t in r.json()["items"]] == [target["id"]]
    r = client.get(f"{TARGETS}/{target['id']}", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json() == target
    assert r.headers["etag"] == f'"{target["version"]}"'


def test_list_targets_filters_by_area_market_and_year(
    client: TestClient, officer: dict[str, str], target: dict[str, Any]
) -> None:
    yearly = _create(client, officer, year_from=2024, year_to=2024, value=1500)
    japan = _create(client, officer, year_from=2024, year_to=2024, market_code="JP", value=600)
    district = _create(client, officer, area_code="506", year_from=2024, year_to=2024, value=90)

    def ids(**params: Any) -> list[int]:
        r = client.get(TARGETS, params=params, headers=officer)
        assert r.status_code == 200, r.text
        return [t["id"] for t in r.json()["items"]]

    everything = [target["id"], yearly["id"], japan["id"], district["id"]]
    assert ids() == everything
    assert ids(area_code="49") == [target["id"], yearly["id"], japan["id"]]
    assert ids(market_code="jp") == [japan["id"]]
    assert ids(year=2023) == [target["id"]]
    assert ids(year=2024) == everything
    assert ids(year=2031) == []


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", NON_WRITERS)
def test_non_officer_may_not_write_targets(
    client: TestClient, make: Factory, target: dict[str, Any], session: Session, role: Role
) -> None:
    headers = make.headers(role)
    url = f"{TARGETS}/{target['id']}"
    new = _target(year_from=2024, year_to=2024)
    assert_problem(client.post(TARGETS, json=new, headers=headers), 403, "forbidden")
    assert_problem(client.patch(url, json={"value": 1}, headers=headers), 403, "forbidden")
    assert_problem(client.delete(url, headers=headers), 403, "forbidden")
    assert _count(session) == 1
    stored = session.get(Target, target["id"])
    assert stored is not None and stored.value == 12000


def test_agency_may_not_read_targets(
    client: TestClient, make: Factory, target: dict[str, Any]
) -> None:
    headers = make.headers(Role.agency)
    assert_problem(client.get(TARGETS, headers=headers), 403, "forbidden")
    assert_problem(client.get(f"{TARGETS}/{target['id']}", headers=headers), 403, "forbidden")
    assert_problem(client.get(f"{TARGETS}/999999", headers=headers), 403, "forbidden")


def test_targets_without_token_are_401(client: TestClient, target: dict[str, Any]) -> None:
    url = f"{TARGETS}/{target['id']}"
    assert_problem(client.get(TARGETS), 401, "not_authenticated")
    assert_problem(client.get(url), 401, "not_authenticated")
    assert_problem(client.post(TARGETS, json=_target(year_to=2029)), 401, "not_authenticated")
    assert_problem(client.patch(url, json={"value": 1}), 401, "not_authenticated")
    assert_problem(client.delete(url), 401, "not_authenticated")


def test_bad_token_is_401(client: TestClient) -> None:
    r = client.get(TARGETS, headers={"Authorization": "Bearer not-a-token"})
    assert_problem(r, 401, "not_authenticated")


def test_unknown_target_is_404(client: TestClient, officer: dict[str, str]) -> None:
    url = f"{TARGETS}/999999"
    assert_problem(client.get(url, headers=officer), 404, "not_found")
    assert_problem(client.patch(url, json={"value": 1}, headers=officer), 404, "not_found")
    assert_problem(client.delete(url, headers=officer), 404, "not_found")


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"area_code": "999"}, "area_code"),
        ({"market_code": "QQ"}, "market_code"),
        ({"market_code": "JPN"}, "market_code"),
        ({"year_from": 2030, "year_to": 2023}, "year_to"),
        ({"value": -1}, "value"),
        ({"year_from": 1999}, "year_from"),
        ({"year_to": 2101}, "year_to"),
        ({"name": "   "}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_create_invalid_target_is_422_naming_the_field(
    client: TestClient,
    officer: dict[str, str],
    session: Session,
    overrides: dict[str, Any],
    field: str,
) -> None:
    r = client.post(TARGETS, json=_target(**overrides), headers=officer)
    assert_problem(r, 422, "validation_error", field)
    assert _count(session) == 0


def test_create_target_without_value_is_422(client: TestClient, officer: dict[str, str]) -> None:
    body = _target()
    del body["value"]
    r = client.post(TARGETS, json=body, headers=officer)
    assert_problem(r, 422, "validation_error", "value")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"area_code": "999"}, "area_code"),
        ({"market_code": "QQ"}, "market_code"),
        ({"year_to": 2022}, "year_to"),
        ({"year_from": 2031}, "year_to"),
        ({"value": -5}, "value"),
        ({"name": None}, "name"),
        ({"value": None}, "value"),
    ],
)
def test_patch_invalid_target_is_422_naming_the_field(
    client: TestClient,
    officer: dict[str, str],
    target: dict[str, Any],
    session: Session,
    change: dict[str, Any],
    field: str,
) -> None:
    r = client.patch(f"{TARGETS}/{target['id']}", json=change, headers=officer)
    assert_problem(r, 422, "validation_error", field)
    session.expire_all()
    stored = session.get(Target, target["id"])
    assert stored is not None
    assert (stored.area_code, stored.year_from, stored.year_to, stored.value, stored.version) == (
        "49",
        2023,
        2030,
        12000,
        target["version"],
    )


# --- duplicates -------------------------------------------------------------------------------


@pytest.mark.parametrize("market", [None, "JP"])
def test_duplicate_target_is_409(
    client: TestClient, officer: dict[str, str], session: Session, market: str | None
) -> None:
    first = _create(client, officer, market_code=market)
    r = client.post(
        TARGETS, json=_target(name="Bản sao", value=1, market_code=market), headers=officer
    )
    body = assert_problem(r, 409, "target_exists")
    assert str(first["id"]) in body["detail"]
    assert _count(session) == 1


def test_targets_differing_in_one_key_part_are_not_duplicates(
    client: TestClient, officer: dict[str, str], target: dict[str, Any], session: Session
) -> None:
    _create(client, officer, area_code="506")
    _create(client, officer, year_from=2024)
    _create(client, officer, year_to=2029)
    _create(client, officer, market_code="JP")
    _create(client, officer, market_code="KR")
    assert _count(session) == 6


def test_patch_into_another_targets_key_is_409(
    client: TestClient, officer: dict[str, str], target: dict[str, Any], session: Session
) -> None:
    other = _create(client, officer, year_from=2024, year_to=2024, value=1500)
    r = client.patch(
        f"{TARGETS}/{other['id']}", json={"year_from": 2023, "year_to": 2030}, headers=officer
    )
    assert_problem(r, 409, "target_exists")
    session.expire_all()
    stored = session.get(Target, other["id"])
    assert stored is not None and (stored.year_from, stored.year_to) == (2024, 2024)


def test_patch_keeping_its_own_key_is_not_a_duplicate(
    client: TestClient, officer: dict[str, str], target: dict[str, Any]
) -> None:
    r = client.patch(
        f"{TARGETS}/{target['id']}", json={"area_code": "49", "value": 11000}, headers=officer
    )
    assert r.status_code == 200, r.text
    assert r.json()["value"] == 11000


# --- update and delete ------------------------------------------------------------------------


def test_patch_target_changes_only_what_is_sent(
    client: TestClient, officer: dict[str, str], target: dict[str, Any]
) -> None:
    url = f"{TARGETS}/{target['id']}"
    r = client.patch(
        url,
        json={"value": 11500, "market_code": "kr"},
        headers=officer | {"If-Match": f'"{target["version"]}"'},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["value"] == 11500 and body["market_code"] == "KR"
    assert body["name"] == target["name"] and body["notes"] == target["notes"]
    assert body["version"] == target["version"] + 1
    assert r.headers["etag"] == f'"{body["version"]}"'
    assert client.get(url, headers=officer).json() == body


def test_patch_with_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, officer: dict[str, str], target: dict[str, Any]
) -> None:
    url = f"{TARGETS}/{target['id']}"
    stale = {"If-Match": f'"{target["version"]}"'}
    assert client.patch(url, json={"value": 11000}, headers=officer | stale).status_code == 200
    r = client.patch(url, json={"value": 1}, headers=officer | stale)
    assert_problem(r, 412, "precondition_failed")
    assert client.get(url, headers=officer).json()["value"] == 11000


def test_delete_with_stale_if_match_is_412(
    client: TestClient, officer: dict[str, str], target: dict[str, Any]
) -> None:
    url = f"{TARGETS}/{target['id']}"
    r = client.delete(url, headers=officer | {"If-Match": '"999"'})
    assert_problem(r, 412, "precondition_failed")
    assert client.get(url, headers=officer).status_code == 200


def test_delete_target_is_204_then_404(
    client: TestClient, officer: dict[str, str], target: dict[str, Any], session: Session
) -> None:
    url = f"{TARGETS}/{target['id']}"
    r = client.delete(url, headers=officer | {"If-Match": f'"{target["version"]}"'})
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert_problem(client.get(url, headers=officer), 404, "not_found")
    assert_problem(client.delete(url, headers=officer), 404, "not_found")
    assert _count(session) == 0
    # The key is free again.
    _create(client, officer)
