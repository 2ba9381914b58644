"""The registry's list sorted by the columns people sort by, walked by cursor both ways
(`next_cursor`, `prev_cursor`), names in Vietnamese order, and the search by part of an ID."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import national_id

PLACEMENTS = "/api/v1/placements"

# (name, status, registered_on, departure_date): ties in every column but the id.
ROWS: list[tuple[str, str, str, str | None]] = [
    ("Lê Bình", "departed", "2024-03-01", "2024-09-01"),
    ("Trần Thị Ánh", "registered", "2024-01-10", None),
    ("Nguyễn Văn An", "departed", "2024-01-10", "2024-06-01"),
    ("Lê Văn Đức", "contracted", "2024-02-15", None),
    ("Lê Văn Dũng", "departed", "2024-03-01", "2024-06-01"),
    ("Phạm Thị Ân", "training", "2024-02-15", None),
    ("Hồ Văn Ăn", "departed", "2024-01-10", "2024-09-01"),
    ("Nguyễn Văn An", "registered", "2024-05-20", None),
    ("Đỗ Thị Hà", "departed", "2024-04-02", "2024-10-15"),
    ("Võ Thị Hạ", "cancelled", "2024-04-02", None),
    ("Bùi Ước", "departed", "2024-03-01", "2024-06-01"),
]


@pytest.fixture
def listed(make: Factory) -> dict[str, Any]:
    agency = make.agency()
    for i, (name, status, registered, departed) in enumerate(ROWS):
        make.placement(
            agency_id=agency.id,
            status=status,
            registered_on=registered,
            departure_date=departed,
            worker={"full_name": name, "national_id": national_id(910_000 + i)},
        )
    return {"agency_id": agency.id, "headers": make.headers(Role.officer)}


def _page(client: TestClient, listed: dict[str, Any], **params: Any) -> dict[str, Any]:
    query = {"agency_id": listed["agency_id"], "limit": 3} | params
    r = client.get(PLACEMENTS, params=query, headers=listed["headers"])
    assert r.status_code == 200, r.text
    page: dict[str, Any] = r.json()
    return page


def _walk_both_ways(
    client: TestClient, listed: dict[str, Any], sort: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every row forward by `next_cursor`, then back from the last page by `prev_cursor`."""
    forward: list[dict[str, Any]] = []
    page = _page(client, listed, sort=sort)
    assert page["prev_cursor"] is None
    while True:
        forward += page["items"]
        if page["next_cursor"] is None:
            break
        page = _page(client, listed, sort=sort, cursor=page["next_cursor"])
    backward = list(page["items"])
    while page["prev_cursor"] is not None:
        page = _page(client, listed, sort=sort, cursor=page["prev_cursor"])
        assert len(page["items"]) == 3
        backward = page["items"] + backward
    return forward, backward


def _nulls_last(day: str | None) -> tuple[bool, str]:
    return (day is None, day or "")


EXPECTED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "id": lambda p: p["id"],
    "registered_on": lambda p: (p["registered_on"], p["id"]),
    "departure_date": lambda p: (*_nulls_last(p["departure_date"]), p["id"]),
    "status": lambda p: (p["status"], p["id"]),
    "updated_at": lambda p: (p["updated_at"], p["id"]),
}


@pytest.mark.parametrize("sort", [*EXPECTED, "full_name"])
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_walks_every_row_once_forward_and_back(
    client: TestClient, listed: dict[str, Any], sort: str, descending: bool
) -> None:
    name = f"-{sort}" if descending else sort
    forward, backward = _walk_both_ways(client, listed, name)
    ids = [p["id"] for p in forward]
    assert len(ids) == len(ROWS) == len(set(ids))
    assert [p["id"] for p in backward] == ids
    if sort in EXPECTED:
        assert forward == sorted(forward, key=EXPECTED[sort], reverse=descending)


def test_names_sort_by_given_name_in_vietnamese_order(
    client: TestClient, listed: dict[str, Any]
) -> None:
    forward, _ = _walk_both_ways(client, listed, "full_name")
    names = [p["worker"]["full_name"] for p in forward]
    # Given name first (An, Ánh, Ăn, Ân, Bình, Dũng, Đức, Hà, Hạ, Ước): letter by letter, ă
    # and â after a, đ after d, ư after u, tones after letters; then the family and middle names.
    assert names == [
        "Nguyễn Văn An",
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Hồ Văn Ăn",
        "Phạm Thị Ân",
        "Lê Bình",
        "Lê Văn Dũng",
        "Lê Văn Đức",
        "Đỗ Thị Hà",
        "Võ Thị Hạ",
        "Bùi Ước",
    ]
    same = [p["id"] for p in forward[:2]]
    assert same == sorted(same), "equal names are in id order"
    backward, _ = _walk_both_ways(client, listed, "-full_name")
    assert [p["id"] for p in backward] == [p["id"] for p in reversed(forward)]


def test_departure_dates_missing_come_last_and_first_descending(
    client: TestClient, listed: dict[str, Any]
) -> None:
    ascending, _ = _walk_both_ways(client, listed, "departure_date")
    descending, _ = _walk_both_ways(client, listed, "-departure_date")
    missing = sum(1 for r in ROWS if r[3] is None)
    assert [p["departure_date"] for p in ascending[-missing:]] == [None] * missing
    assert [p["departure_date"] for p in descending[:missing]] == [None] * missing
    assert descending == ascending[::-1]


def test_the_total_comes_on_request_with_any_sort(
    client: TestClient, listed: dict[str, Any]
) -> None:
    first = _page(client, listed, sort="-registered_on", include_total="true")
    assert first["total"] == len(ROWS)
    second = _page(client, listed, sort="-registered_on", cursor=first["next_cursor"])
    assert second["total"] is None
    back = _page(
        client, listed, sort="-registered_on", cursor=second["prev_cursor"], include_total="true"
    )
    assert back["items"] == first["items"] and back["total"] == len(ROWS)
    assert back["prev_cursor"] is None and back["next_cursor"] is not None


def test_an_unknown_sort_is_refused_naming_sort(client: TestClient, listed: dict[str, Any]) -> None:
    for sort in ("national_id", "name", "--id", ""):
        r = client.get(PLACEMENTS, params={"sort": sort}, headers=listed["headers"])
        assert_problem(r, 422, "validation_error", "sort")


def test_a_cursor_of_another_sort_is_refused_naming_cursor(
    client: TestClient, listed: dict[str, Any]
) -> None:
    cursor = _page(client, listed, sort="full_name")["next_cursor"]
    for sort in ("-full_name", "registered_on", "id"):
        r = client.get(
            PLACEMENTS, params={"sort": sort, "cursor": cursor}, headers=listed["headers"]
        )
        assert_problem(r, 422, "invalid_cursor", "cursor")


# --- searching by part of a national ID ----------------------------------------------------


def _ids(client: TestClient, headers: dict[str, str], q: str) -> set[int]:
    r = client.get(PLACEMENTS, params={"q": q, "limit": 500}, headers=headers)
    assert r.status_code == 200, r.text
    return {p["id"] for p in r.json()["items"]}


@pytest.mark.parametrize("role", [Role.officer, Role.inspector])
def test_roles_that_see_full_ids_find_a_record_by_its_first_or_last_digits(
    client: TestClient, make: Factory, role: Role
) -> None:
    one = make.placement(worker={"national_id": national_id(987_654)})
    other = make.placement(worker={"national_id": national_id(123_456)})
    headers = make.headers(role)
    full = one.national_id
    for q in (full[-4:], full[-6:], full[:9], full, full[-11:]):
        found = _ids(client, headers, q)
        assert one.id in found and other.id not in found, q
    # Digits from the middle of the number find nothing: only its start or its end.
    assert one.id not in _ids(client, headers, full[4:8])


def test_an_enterprise_finds_its_own_record_by_the_last_digits_and_no_other(
    client: TestClient, make: Factory
) -> None:
    user = make.user(Role.agency)
    own = make.placement(agency_id=user.agency_id, worker={"national_id": national_id(424_242)})
    # Another enterprise's worker whose number ends with the same digits.
    theirs = make.placement(worker={"national_id": national_id(524_242)})
    assert theirs.national_id[-5:] == own.national_id[-5:]
    assert _ids(client, make.headers_for(user), own.national_id[-5:]) == {own.id}


@pytest.mark.parametrize("role", [Role.viewer, Role.admin])
def test_masked_roles_cannot_search_by_the_last_digits(
    client: TestClient, make: Factory, role: Role
) -> None:
    one = make.placement()
    r = client.get(PLACEMENTS, params={"q": one.national_id[-5:]}, headers=make.headers(role))
    assert_problem(r, 422, "validation_error", "q")


# --- administrators read the register, masked ----------------------------------------------


def test_an_administrator_reads_the_register_masked_and_cannot_write(
    client: TestClient, make: Factory
) -> None:
    one = make.placement(worker={"phone": "0905123456"})
    headers = make.headers(Role.admin)
    page = client.get(
        PLACEMENTS, params={"q": one.national_id, "sort": "full_name"}, headers=headers
    )
    assert page.status_code == 200, page.text
    [item] = page.json()["items"]
    masked = one.national_id[:3] + "*" * 7 + one.national_id[-2:]
    assert item["worker"]["national_id"] == masked
    assert item["worker"]["phone"] == "0905****56"
    assert item["worker"].get("policy_groups") is None
    record = client.get(f"{PLACEMENTS}/{one.id}", headers=headers)
    assert record.status_code == 200 and record.json()["worker"]["national_id"] == masked
    r = client.patch(
        f"{PLACEMENTS}/{one.id}",
        json={"occupation": "Xây dựng"},
        headers=headers | {"If-Match": record.headers["ETag"]},
    )
    assert_problem(r, 403, "forbidden")
