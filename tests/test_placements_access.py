"""Who may read and write placements: enterprises see only their own (others' answer 404),
viewers see masked national ids and leave a trace, and every endpoint needs a token."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from overseas.auth.models import User
from overseas.core.principal import Role
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import NATIONAL_ID, item, national_id

PLACEMENTS = "/api/v1/placements"
MISSING = 987654


@pytest.fixture
def user_a(make: Factory) -> User:
    return make.user(Role.agency)


@pytest.fixture
def user_b(make: Factory) -> User:
    return make.user(Role.agency)


@pytest.fixture
def b_placement(client: TestClient, make: Factory, user_b: User) -> dict[str, Any]:
    r = client.post(PLACEMENTS, json=item("B-1"), headers=make.headers_for(user_b))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _create(client: TestClient, headers: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    r = client.post(PLACEMENTS, json=payload, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _get(client: TestClient, headers: dict[str, str], pid: int) -> dict[str, Any]:
    r = client.get(f"{PLACEMENTS}/{pid}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _list_ids(client: TestClient, headers: dict[str, str], **params: Any) -> set[int]:
    r = client.get(PLACEMENTS, params=params, headers=headers)
    assert r.status_code == 200, r.text
    return {p["id"] for p in r.json()["items"]}


# --- one enterprise cannot see or touch another's -------------------------------------------


def test_agency_reading_another_enterprises_placement_is_404(
    client: TestClient, make: Factory, user_a: User, b_placement: dict[str, Any]
) -> None:
    headers = make.headers_for(user_a)
    for suffix in ("", "/history"):
        path = f"{PLACEMENTS}/{b_placement['id']}{suffix}"
        other = assert_problem(client.get(path, headers=headers), 404, "not_found")
        missing = client.get(f"{PLACEMENTS}/{MISSING}{suffix}", headers=headers)
        body = assert_problem(missing, 404, "not_found")
        # The same answer as for an id that does not exist, so ids cannot be probed.
        assert other["title"] == body["title"]
        assert other["detail"] == body["detail"].replace(str(MISSING), str(b_placement["id"]))


def test_agency_patching_another_enterprises_placement_is_404_and_changes_nothing(
    client: TestClient,
    make: Factory,
    user_a: User,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    r = client.patch(
        f"{PLACEMENTS}/{b_placement['id']}",
        json={"occupation": "Xây dựng"},
        headers=make.headers_for(user_a),
    )
    assert_problem(r, 404, "not_found")
    assert _get(client, officer, b_placement["id"]) == b_placement


def test_agency_transitioning_another_enterprises_placement_is_404_and_changes_nothing(
    client: TestClient,
    make: Factory,
    user_a: User,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    r = client.post(
        f"{PLACEMENTS}/{b_placement['id']}/transitions",
        json={"status": "cancelled", "on": "2024-02-01"},
        headers=make.headers_for(user_a),
    )
    assert_problem(r, 404, "not_found")
    assert _get(client, officer, b_placement["id"]) == b_placement


def test_agency_deleting_another_enterprises_placement_reveals_nothing_and_deletes_nothing(
    client: TestClient,
    make: Factory,
    user_a: User,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    headers = make.headers_for(user_a)
    other = client.delete(f"{PLACEMENTS}/{b_placement['id']}", headers=headers)
    missing = client.delete(f"{PLACEMENTS}/{MISSING}", headers=headers)
    assert other.status_code == missing.status_code
    assert other.status_code == 403
    assert _get(client, officer, b_placement["id"]) == b_placement


def test_agency_list_shows_only_its_own(
    client: TestClient,
    make: Factory,
    user_a: User,
    user_b: User,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    headers = make.headers_for(user_a)
    own = _create(client, headers, item("A-1", worker={"national_id": national_id(2)}))
    assert _list_ids(client, headers) == {own["id"]}
    assert _list_ids(client, headers, agency_id=user_b.agency_id) == set()
    assert _list_ids(client, headers, q=NATIONAL_ID) == set()
    assert _list_ids(client, headers, q="nguyen") == {own["id"]}
    assert _list_ids(client, headers, updated_since="2000-01-01T00:00:00Z") == {own["id"]}
    assert _list_ids(client, headers, status="registered", market_code="JP") == {own["id"]}
    assert _list_ids(client, officer) == {own["id"], b_placement["id"]}


def test_agency_create_is_forced_to_its_own_enterprise(
    client: TestClient, make: Factory, user_a: User, user_b: User
) -> None:
    headers = make.headers_for(user_a)
    forged = _create(client, headers, item("A-1", agency_id=user_b.agency_id))
    assert forged["agency_id"] == user_a.agency_id
    omitted = _create(
        client, headers, item("A-2", channel="direct_contract", worker={"national_id": "205123456"})
    )
    assert omitted["agency_id"] == user_a.agency_id
    b_headers = make.headers_for(user_b)
    assert_problem(client.get(f"{PLACEMENTS}/{forged['id']}", headers=b_headers), 404, "not_found")


def test_agency_patch_cannot_move_a_placement_to_another_enterprise(
    client: TestClient, make: Factory, user_a: User, user_b: User
) -> None:
    headers = make.headers_for(user_a)
    own = _create(client, headers, item("A-1"))
    r = client.patch(
        f"{PLACEMENTS}/{own['id']}",
        json={"agency_id": user_b.agency_id, "occupation": "Xây dựng"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["agency_id"] == user_a.agency_id
    stored = _get(client, headers, own["id"])
    assert (stored["agency_id"], stored["occupation"]) == (user_a.agency_id, "Xây dựng")


def test_agency_batch_item_for_another_enterprise_lands_in_its_own(
    client: TestClient,
    make: Factory,
    user_a: User,
    user_b: User,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    headers = make.headers_for(user_a)
    # The same external_ref as B's placement, and B's agency_id: a new placement of A's.
    row = item(
        b_placement["external_ref"],
        agency_id=user_b.agency_id,
        occupation="Xây dựng",
        worker={"national_id": national_id(3)},
    )
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [row]}, headers=headers)
    assert r.status_code == 200, r.text
    result = r.json()["items"][0]
    assert result["result"] == "created" and result["id"] != b_placement["id"]
    assert _get(client, officer, result["id"])["agency_id"] == user_a.agency_id
    assert _get(client, officer, b_placement["id"]) == b_placement


def test_agency_reads_are_logged_as_read_pii(
    client: TestClient, make: Factory, user_a: User
) -> None:
    headers = make.headers_for(user_a)
    own = _create(client, headers, item("A-1"))
    _get(client, headers, own["id"])
    entries = _read_pii(client, make, user_a.username)
    assert str(own["id"]) in {e["entity_id"] for e in entries}


# --- viewers, inspectors, officers ----------------------------------------------------------


def _read_pii(client: TestClient, make: Factory, actor: str) -> list[dict[str, Any]]:
    r = client.get(
        "/api/v1/audit",
        params={"action": "read_pii", "actor": actor, "limit": 500},
        headers=make.headers(Role.admin),
    )
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def test_viewer_sees_national_id_masked_and_reads_are_audited(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    agency = make.agency().id
    new = _create(client, officer, item("V-1", agency_id=agency))
    legacy = _create(
        client, officer, item("V-2", agency_id=agency, worker={"national_id": "205123456"})
    )
    viewer = make.user(Role.viewer)
    headers = make.headers_for(viewer)
    assert _read_pii(client, make, viewer.username) == []

    one = _get(client, headers, new["id"])
    assert one["worker"]["national_id"] == "049*******34"
    assert one["worker"]["full_name"] == new["worker"]["full_name"]
    r = client.get(PLACEMENTS, headers=headers)
    assert r.status_code == 200, r.text
    shown = {p["id"]: p["worker"]["national_id"] for p in r.json()["items"]}
    assert shown == {new["id"]: "049*******34", legacy["id"]: "205****56"}
    assert NATIONAL_ID not in r.text and "205123456" not in r.text

    entries = _read_pii(client, make, viewer.username)
    assert len(entries) == 2
    assert all(e["entity"] == "placements" for e in entries)
    single = next(e for e in entries if e["entity_id"] == str(new["id"]))
    assert single["actor"] == viewer.username
    listed = next(e for e in entries if e["entity_id"] != str(new["id"]))
    assert set(listed["changes"]["ids"]) == {new["id"], legacy["id"]}


def test_viewer_cannot_search_by_a_full_national_id_it_cannot_see(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    created = _create(client, officer, item("V-1", agency_id=make.agency().id))
    headers = make.headers(Role.viewer)
    r = client.get(PLACEMENTS, params={"q": "nguyen van an"}, headers=headers)
    assert r.status_code == 200, r.text
    assert [p["worker"]["national_id"] for p in r.json()["items"]] == ["049*******34"]
    assert created["worker"]["national_id"] not in r.text


@pytest.mark.parametrize("role", [Role.officer, Role.inspector])
def test_officer_and_inspector_see_every_placement_unmasked(
    client: TestClient, make: Factory, role: Role, b_placement: dict[str, Any]
) -> None:
    headers = make.headers(role)
    a_user = make.user(Role.agency)
    own = _create(
        client, make.headers_for(a_user), item("A-1", worker={"national_id": national_id(2)})
    )
    assert _list_ids(client, headers) == {own["id"], b_placement["id"]}
    assert _get(client, headers, b_placement["id"])["worker"]["national_id"] == NATIONAL_ID
    r = client.get(f"{PLACEMENTS}/{own['id']}/history", headers=headers)
    assert r.status_code == 200, r.text
    assert _read_pii(client, make, a_user.username) == []


def test_officer_reads_are_logged_as_read_pii(
    client: TestClient, make: Factory, b_placement: dict[str, Any]
) -> None:
    # Every role's reads of a worker's record are traced (Law 91/2025/QH15), not only those
    # of viewers and enterprises as before.
    user = make.user(Role.officer)
    _get(client, make.headers_for(user), b_placement["id"])
    entries = _read_pii(client, make, user.username)
    assert [e["entity_id"] for e in entries] == [str(b_placement["id"])]


def _writes(pid: int) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("POST", PLACEMENTS, item("W-1", worker={"national_id": national_id(5)})),
        ("POST", f"{PLACEMENTS}/batch", {"items": [item("W-2")]}),
        ("PATCH", f"{PLACEMENTS}/{pid}", {"occupation": "Xây dựng"}),
        ("POST", f"{PLACEMENTS}/{pid}/transitions", {"status": "cancelled", "on": "2024-02-01"}),
        ("DELETE", f"{PLACEMENTS}/{pid}", None),
    ]


@pytest.mark.parametrize("role", [Role.inspector, Role.admin, Role.viewer])
def test_roles_that_may_not_write_get_403_and_change_nothing(
    client: TestClient,
    make: Factory,
    session: Session,
    role: Role,
    b_placement: dict[str, Any],
    officer: dict[str, str],
) -> None:
    headers = make.headers(role)
    before = session.get(Placement, b_placement["id"])
    assert before is not None
    for method, path, body in _writes(b_placement["id"]):
        r = client.request(method, path, json=body, headers=headers)
        assert_problem(r, 403, "forbidden")
    assert _list_ids(client, officer) == {b_placement["id"]}
    assert _get(client, officer, b_placement["id"]) == b_placement


def test_inspector_may_read(client: TestClient, make: Factory, b_placement: dict[str, Any]) -> None:
    headers = make.headers(Role.inspector)
    assert _get(client, headers, b_placement["id"])["id"] == b_placement["id"]
    r = client.get(f"{PLACEMENTS}/{b_placement['id']}/history", headers=headers)
    assert r.status_code == 200 and r.json()["items"][0]["status"] == "registered"


def test_agency_may_not_delete_even_its_own(
    client: TestClient, make: Factory, user_b: User, b_placement: dict[str, Any]
) -> None:
    headers = make.headers_for(user_b)
    r = client.delete(f"{PLACEMENTS}/{b_placement['id']}", headers=headers)
    assert_problem(r, 403, "forbidden")
    assert _get(client, headers, b_placement["id"]) == b_placement


# --- authentication -------------------------------------------------------------------------

ENDPOINTS = [
    ("GET", PLACEMENTS, None),
    ("POST", PLACEMENTS, item()),
    ("POST", f"{PLACEMENTS}/batch", {"items": [item()]}),
    ("GET", f"{PLACEMENTS}/1", None),
    ("PATCH", f"{PLACEMENTS}/1", {"occupation": "Xây dựng"}),
    ("DELETE", f"{PLACEMENTS}/1", None),
    ("POST", f"{PLACEMENTS}/1/transitions", {"status": "cancelled", "on": "2024-02-01"}),
    ("GET", f"{PLACEMENTS}/1/history", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
@pytest.mark.parametrize("token", [None, "not-a-jwt"])
def test_every_placements_endpoint_without_a_valid_token_is_401(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None, token: str | None
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = client.request(method, path, json=body, headers=headers)
    assert_problem(r, 401, "not_authenticated")
