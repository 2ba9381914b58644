"""The factories make what the registry's rules accept: placements whose national ID matches
the worker (Circular 59/2021/TT-BCA Art. 7) and that flag nothing, and inspections taken
through their steps in order."""

from datetime import date

from fastapi.testclient import TestClient

from overseas.inspections.models import InspectionStatus, Result
from overseas.placements.models import Flag, Status
from tests.factories import Factory

PLACEMENTS = "/api/v1/placements"
INSPECTIONS = "/api/v1/inspections"


def test_placements_are_valid_distinct_and_read_as_written(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    first, second = make.placement(), make.placement()
    woman = make.placement(worker={"sex": "female", "date_of_birth": "2001-05-06"})
    assert len({first.national_id, second.national_id, woman.national_id}) == 3
    assert first.agency_id != second.agency_id
    # Digit 4 is the sex and century, digits 5-6 the year of birth.
    assert (first.national_id[3:6], woman.national_id[3:6]) == ("095", "301")
    for placement in (first, second, woman):
        assert [f for f in Flag if getattr(placement, f.value)] == []
        r = client.get(f"{PLACEMENTS}/{placement.id}", headers=officer)
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["flags"]) == ("registered", [])


def test_a_placement_makes_its_moves(make: Factory) -> None:
    placement = make.placement(
        status="contracted", moves=[("departed", "2025-03-10"), ("returned", date(2025, 9, 9))]
    )
    assert placement.status == Status.returned
    assert (placement.departure_date, placement.return_date) == (
        date(2025, 3, 10),
        date(2025, 9, 9),
    )


def test_inspections_take_their_steps_in_order(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    planned = make.inspection()
    assert (planned.status, planned.kind) == (InspectionStatus.planned, "scheduled")
    compliant = make.inspection(
        planned.agency_id, started_on="2025-01-02", concluded_on="2025-01-03"
    )
    assert (compliant.status, compliant.result) == (InspectionStatus.concluded, Result.compliant)
    closed = make.inspection(
        kind="complaint",
        started_on="2025-02-01",
        violations=[{"fine_vnd": 1_000_000, "remedied_on": "2025-02-10"}, {"waived": True}],
        concluded_on="2025-02-05",
        closed_on="2025-02-20",
    )
    r = client.get(f"{INSPECTIONS}/{closed.id}", headers=officer)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["result"], body["closed_on"]) == (
        "closed",
        "violations",
        "2025-02-20",
    )
    assert [(v["category"], v["fine_vnd"], v["waived"]) for v in body["violations"]] == [
        ("other", 1_000_000, False),
        ("other", 0, True),
    ]
