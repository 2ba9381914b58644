"""Records without a commune (docs/places.md): the `unallocated` filter finds the records of
the city coded above commune level, and officers give them communes in bulk — each record the
unit with the chosen code on its registration day, inside the unit it was registered in, all or
nothing, audited, with the tallies following."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from overseas.placements import tallies
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem

PLACEMENTS = "/api/v1/placements"
ASSIGN = PLACEMENTS + "/assign-commune"
BEFORE, AFTER = "2024-03-01", "2025-08-01"


def _at_bare_province(session: Session, placement: Placement) -> None:
    """A record made since 2025-07-01 under the bare province, as the district-level registry
    stored it before communes existed (the API refuses such a record today)."""
    places = catalog.load(session)
    city = places.newest("48")
    assert city is not None
    session.execute(
        update(Placement)
        .where(col(Placement.id) == placement.id)
        .values(home_area_code="48", home_area_id=city.id)
    )
    session.commit()


def _records(session: Session, make: Factory) -> dict[str, Placement]:
    """Either side of the reform: at a former district, at an old commune, at the bare
    province, at a new commune; two of them departed (they are in the tallies)."""
    departed = [("contracted", "2024-03-05"), ("departed", "2024-04-01")]
    out = {
        "district": make.placement(registered_on=BEFORE, moves=departed),
        "district_2": make.placement(registered_on=BEFORE),
        "old_commune": make.placement(registered_on=BEFORE, worker={"home_area_code": "20503"}),
        "province": make.placement(
            registered_on=AFTER, moves=[("contracted", "2025-08-05"), ("departed", "2025-09-01")]
        ),
        "new_commune": make.placement(registered_on=AFTER),
    }
    _at_bare_province(session, out["province"])
    tallies.rebuild(session)
    session.commit()
    return out


def _ids(r: Any) -> set[int]:
    assert r.status_code == 200, r.text
    return {p["id"] for p in r.json()["items"]}


def test_unallocated_finds_the_records_coded_above_commune_level(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    found = _ids(client.get(PLACEMENTS, params={"unallocated": "true"}, headers=officer))
    assert found == {records[k].id for k in ("district", "district_2", "province")}
    r = client.get(
        PLACEMENTS, params={"unallocated": "true", "include_total": "true"}, headers=officer
    )
    assert r.json()["total"] == 3


def test_registered_dates_filter_the_list(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    before = _ids(client.get(PLACEMENTS, params={"registered_to": "2025-06-30"}, headers=officer))
    after = _ids(client.get(PLACEMENTS, params={"registered_from": "2025-07-01"}, headers=officer))
    assert before == {records[k].id for k in ("district", "district_2", "old_commune")}
    assert after == {records[k].id for k in ("province", "new_commune")}


def test_dry_run_counts_and_writes_nothing(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    body = {
        "home_area_code": "20506",
        "filter": {"unallocated": True, "registered_to": "2025-06-30"},
    }
    r = client.post(ASSIGN, params={"dry_run": "true"}, json=body, headers=officer)
    assert r.status_code == 200, r.text
    assert r.json() == {"dry_run": True, "matched": 2, "updated": 2}
    session.expire_all()
    assert session.get(Placement, records["district"].id).home_area_code == "506"  # type: ignore[union-attr]


def test_records_before_the_reform_take_an_old_commune_of_their_district(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    versions = {k: p.version for k, p in records.items()}
    body = {
        "home_area_code": "20506",
        "filter": {"unallocated": True, "registered_to": "2025-06-30"},
    }
    r = client.post(ASSIGN, json=body, headers=officer)
    assert r.status_code == 200, r.text
    assert r.json() == {"dry_run": False, "matched": 2, "updated": 2}
    session.expire_all()
    for key in ("district", "district_2"):
        p = client.get(f"{PLACEMENTS}/{records[key].id}", headers=officer).json()
        assert p["worker"]["home_area_code"] == "20506"
        assert p["worker"]["home_area"]["name"] == "Xã Đại Lãnh"
        assert p["version"] == versions[key] + 1
    # The other records are untouched; the tallies moved with the departed record.
    assert session.get(Placement, records["province"].id).home_area_code == "48"  # type: ignore[union-attr]
    assert tallies.check(session) == {}
    old = catalog.load(session).on("20506", records["district"].registered_on)
    assert old is not None
    progress = client.get(
        "/api/v1/progress",
        params={"area_code": "506", "year_from": 2024, "year_to": 2024},
        headers=officer,
    )
    assert progress.json()["actual"] == 1
    logged = session.exec(select(AuditLog).where(AuditLog.action == "assign_commune")).all()
    assert len(logged) == 1
    changes = logged[0].changes or {}
    assert set(changes["ids"]) == {records["district"].id, records["district_2"].id}
    left = _ids(client.get(PLACEMENTS, params={"unallocated": "true"}, headers=officer))
    assert left == {records["province"].id}


def test_records_since_the_reform_take_a_new_commune(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    body = {"home_area_code": "20500", "filter": {"unallocated": True, "registered_from": AFTER}}
    r = client.post(ASSIGN, json=body, headers=officer)
    assert r.json() == {"dry_run": False, "matched": 1, "updated": 1}, r.text
    p = client.get(f"{PLACEMENTS}/{records['province'].id}", headers=officer).json()
    assert p["worker"]["home_area"]["name"] == "Xã Đại Lộc"
    assert tallies.check(session) == {}
    by_commune = client.get(
        "/api/v1/progress",
        params={"area_code": "48", "year_from": 2025, "year_to": 2025, "by": "commune"},
        headers=officer,
    ).json()["rows"]
    counted = {row["key"]: row["actual"] for row in by_commune if row["actual"]}
    assert counted == {"20500": 1}


def test_a_commune_outside_the_records_unit_is_refused_and_nothing_is_written(
    client: TestClient, session: Session, make: Factory
) -> None:
    records = _records(session, make)
    officer = make.headers(Role.officer)
    # 20242 was Phường Phước Ninh (Hải Châu, Đà Nẵng) before the reform: not in Đại Lộc (506).
    body = {"home_area_code": "20242", "filter": {"unallocated": True}}
    r = client.post(ASSIGN, json=body, headers=officer)
    problem = assert_problem(r, 422, "validation_error", "home_area_code")
    assert "outside the unit they were registered in" in problem["detail"]
    session.expire_all()
    assert {session.get(Placement, p.id).home_area_code for p in records.values()} == {  # type: ignore[union-attr]
        "506",
        "20503",
        "48",
        "20500",
    }


def test_a_code_that_is_not_a_commune_on_the_day_is_refused(
    client: TestClient, session: Session, make: Factory
) -> None:
    _records(session, make)
    officer = make.headers(Role.officer)
    for code, why in (("506", "it is a district"), ("99999", "no area with code")):
        body = {
            "home_area_code": code,
            "filter": {"unallocated": True, "registered_to": "2025-06-30"},
        }
        r = client.post(ASSIGN, json=body, headers=officer)
        assert why in assert_problem(r, 422, "validation_error", "home_area_code")["detail"]
    r = client.post(
        ASSIGN, json={"home_area_code": "20506", "filter": {"unknown": 1}}, headers=officer
    )
    assert_problem(r, 422, "validation_error", "filter.unknown")


def test_only_officers_assign(client: TestClient, session: Session, make: Factory) -> None:
    _records(session, make)
    body = {"home_area_code": "20506", "filter": {"unallocated": True}}
    for role in (Role.viewer, Role.inspector, Role.admin, Role.agency):
        r = client.post(ASSIGN, json=body, headers=make.headers(role))
        assert r.status_code == 403, (role, r.text)
