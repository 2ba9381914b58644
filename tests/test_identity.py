"""Identity numbers (docs/api.md, "Identity numbers"): a CCCD starts with the province of
birth registration; a 9-digit identity card names a person only on records registered before
2025-01-01; the old number beside the CCCD (`previous_national_id`) makes two placements the
same person's for the duplicate check, and is masked like the CCCD."""

from typing import Any

from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item

PLACEMENTS = "/api/v1/placements"
OLD_ID = "205123456"
CCCD = "049095007777"


def _send(client: TestClient, headers: dict[str, str], ref: str, **worker: Any) -> Any:
    registered = worker.pop("registered_on", "2025-03-01")
    body = item(ref, registered_on=registered, worker=worker)
    return client.post(PLACEMENTS, json=body, headers=headers)


def _created(r: Any) -> dict[str, Any]:
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_a_cccd_starts_with_a_province_of_birth_registration(
    client: TestClient, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    # 003 is no province's code (Hà Giang is 002, Cao Bằng 004).
    r = _send(client, agency, "P-1", national_id="003095001234")
    message = assert_problem(r, 422, "validation_error", "worker.national_id")["detail"]
    assert "digits 1-3 (003)" in message
    _created(_send(client, agency, "P-2", national_id="001095001234"))  # Hà Nội
    _created(_send(client, agency, "P-3", national_id="048095001234"))  # Đà Nẵng


def test_a_nine_digit_card_names_a_person_only_before_2025(
    client: TestClient, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    r = _send(client, agency, "N-1", national_id=OLD_ID, registered_on="2025-01-01")
    message = assert_problem(r, 422, "validation_error", "worker.national_id")["detail"]
    assert "before 2025-01-01" in message
    _created(_send(client, agency, "N-2", national_id=OLD_ID, registered_on="2024-12-31"))


def test_the_old_number_joins_the_duplicates_and_leaving_it_out_settles_them(
    client: TestClient, make: Factory
) -> None:
    agency, officer = make.headers(Role.agency), make.headers(Role.officer)
    old = _created(_send(client, agency, "D-1", national_id=OLD_ID, registered_on="2024-06-01"))
    new = _created(_send(client, agency, "D-2", national_id=CCCD, previous_national_id=OLD_ID))
    # (Shown to the department only: an enterprise never learns of another's twin.)
    assert new["flags"] == []
    got = client.get(f"{PLACEMENTS}/{new['id']}", headers=officer).json()
    assert got["flags"] == ["possible_duplicate"]
    got = client.get(f"{PLACEMENTS}/{old['id']}", headers=officer).json()
    assert got["flags"] == ["possible_duplicate"]
    # The department learns the old number was typed by mistake: the twin is settled too.
    r = client.patch(
        f"{PLACEMENTS}/{new['id']}",
        json={"worker": {"previous_national_id": None}},
        headers=officer | {"If-Match": f'"{new["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["flags"] == []
    assert client.get(f"{PLACEMENTS}/{old['id']}", headers=officer).json()["flags"] == []


def test_the_old_number_is_checked_and_masked(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    for previous, said in (("12345", "must be 9 digits"), (CCCD, "the same as national_id")):
        r = _send(client, agency, "M-1", national_id=CCCD, previous_national_id=previous)
        detail = assert_problem(r, 422, "validation_error", "worker.previous_national_id")
        assert said in detail["detail"]
    created = _created(_send(client, agency, "M-2", national_id=CCCD, previous_national_id=OLD_ID))
    assert created["worker"]["previous_national_id"] == OLD_ID
    viewer = make.headers(Role.viewer)
    shown = client.get(f"{PLACEMENTS}/{created['id']}", headers=viewer).json()["worker"]
    assert shown["previous_national_id"] == "205****56"
    # A person's data request by the old number finds the placement too.
    r = client.post(
        "/api/v1/workers/data-request",
        json={"national_id": OLD_ID},
        headers=make.headers(Role.officer),
    )
    assert r.status_code == 200, r.text
    assert [p["placement"]["id"] for p in r.json()["placements"]] == [created["id"]]
