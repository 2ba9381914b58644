"""The registry's hot reads (`placements.answers`) write their JSON without building the
response models; their answers must stay, byte for byte, what the response models would write
from `reading.to_read`: for every role that reads, masked or not, with flags, policy groups,
a previous ID, missing values and each page of a walk by cursor."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlmodel import Session

from overseas.areas import catalog
from overseas.auth.models import User
from overseas.core.pagination import TwoWayPage
from overseas.core.principal import Principal, Role
from overseas.placements import reading
from overseas.placements.models import Placement
from overseas.placements.schemas import PlacementRead
from tests.factories import Factory
from tests.placement_data import national_id

PLACEMENTS = "/api/v1/placements"
ONE = TypeAdapter(PlacementRead)
PAGE = TypeAdapter(TwoWayPage[PlacementRead])


@pytest.fixture
def registry(make: Factory) -> dict[str, Any]:
    """Placements of two enterprises: the same worker with both (a possible duplicate), a fee
    above the cap, a previous ID, no phone, an empty list of policy groups, notes, a departure."""
    first, second = make.agency(), make.agency()
    shared = national_id(930_001)
    rows = [
        make.placement(agency_id=first.id, worker={"national_id": shared}),
        make.placement(agency_id=second.id, worker={"national_id": shared}),
        make.placement(agency_id=first.id, service_fee_vnd=900_000_000, notes='Ghi chú; "x"'),
        make.placement(
            agency_id=first.id,
            worker={
                "national_id": national_id(930_002),
                "previous_national_id": "201234567",
                "phone": None,
                "policy_groups": [],
            },
        ),
        make.placement(
            agency_id=first.id,
            worker={"national_id": national_id(930_003)},
            moves=[("contracted", "2024-02-01"), ("departed", "2024-03-01")],
        ),
    ]
    return {"agency_id": first.id, "ids": [p.id for p in rows]}


def _reader(make: Factory, role: Role, agency_id: int) -> tuple[dict[str, str], Principal]:
    extra = {"agency_id": agency_id} if role == Role.agency else {}
    user: User = make.user(role, **extra)
    assert user.id is not None
    principal = Principal("user", user.id, user.username, role, user.agency_id)
    return make.headers_for(user), principal


@pytest.mark.parametrize(
    "role", [Role.officer, Role.inspector, Role.viewer, Role.admin, Role.agency]
)
def test_one_placement_is_written_as_its_response_model_would(
    client: TestClient, session: Session, make: Factory, registry: dict[str, Any], role: Role
) -> None:
    headers, principal = _reader(make, role, registry["agency_id"])
    places = catalog.load(session)
    for placement_id in registry["ids"]:
        answer = client.get(f"{PLACEMENTS}/{placement_id}", headers=headers)
        placement = session.get(Placement, placement_id)
        assert placement is not None
        if role == Role.agency and placement.agency_id != registry["agency_id"]:
            assert answer.status_code == 404
            continue
        assert answer.status_code == 200, answer.text
        expected = ONE.dump_json(reading.to_read(placement, principal, places))
        assert answer.content == expected
        assert answer.headers["etag"] == f'"{placement.version}"'
        assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize("role", [Role.officer, Role.viewer, Role.agency])
@pytest.mark.parametrize("sort", ["id", "-full_name", "departure_date"])
def test_pages_are_written_as_their_response_model_would(
    client: TestClient,
    session: Session,
    make: Factory,
    registry: dict[str, Any],
    role: Role,
    sort: str,
) -> None:
    headers, principal = _reader(make, role, registry["agency_id"])
    places = catalog.load(session)
    query: dict[str, Any] = {"agency_id": registry["agency_id"], "limit": 2, "sort": sort}
    query["include_total"] = "true"
    walked = 0
    while True:
        answer = client.get(PLACEMENTS, params=query, headers=headers)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        rows = [session.get(Placement, item["id"]) for item in page["items"]]
        expected = TwoWayPage[PlacementRead](
            items=[reading.to_read(p, principal, places) for p in rows if p is not None],
            next_cursor=page["next_cursor"],
            prev_cursor=page["prev_cursor"],
            total=page["total"],
        )
        assert answer.content == PAGE.dump_json(expected)
        walked += len(rows)
        if page["next_cursor"] is None:
            break
        query["cursor"] = page["next_cursor"]
    assert walked == page["total"] == 4


def test_an_empty_page_needs_no_catalog(
    client: TestClient, make: Factory, registry: dict[str, Any]
) -> None:
    headers = make.headers(Role.officer)
    answer = client.get(PLACEMENTS, params={"q": "Không Có Ai"}, headers=headers)
    assert answer.status_code == 200
    assert answer.content == PAGE.dump_json(TwoWayPage[PlacementRead](items=[]))
