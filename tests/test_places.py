"""Places across the 2025 reform (docs/places.md), on hand-built records either side of
2025-07-01: the home rule of the registration day, `worker.home_area`, progress of the former
province 49, of the city 48 and of new units against a hand count, `by=commune`, the split
commune, the list filter and the export; the areas' search and dates."""

import csv
import io
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col

from overseas.areas import catalog
from overseas.core.principal import Role
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"

# (home as recorded, registered on, departed on), with what each is about.
RECORDS = {
    "A": ("20296", "2024-01-10", "2024-05-01"),  # Xã Hòa Liên, split between 20194 and 20197
    "B": ("506", "2024-01-10", "2024-06-01"),  # the district Đại Lộc (Quảng Nam)
    "C": ("20506", "2025-01-10", "2025-03-01"),  # old Xã Đại Lãnh -> Xã Thượng Đức (20506)
    "D": ("20500", "2025-08-01", "2025-09-01"),  # new Xã Đại Lộc
    "E": ("20242", "2025-08-01", "2025-09-02"),  # new Phường Hải Châu (former Đà Nẵng)
    "F": ("20242", "2024-01-10", "2024-07-01"),  # old Phường Phước Ninh -> Phường Hải Châu
    "G": ("49", "2024-01-10", "2024-08-01"),  # the former province, bare
}


def _build(make: Factory) -> dict[str, Placement]:
    return {
        key: make.placement(
            f"PL-{key}",
            registered_on=registered,
            worker={"home_area_code": home},
            moves=[("contracted", registered), ("departed", departed)],
        )
        for key, (home, registered, departed) in RECORDS.items()
    }


def _progress(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    r = client.get(
        "/api/v1/progress", params={"year_from": 2024, "year_to": 2025, **params}, headers=headers
    )
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_progress_follows_territory_across_the_reform(client: TestClient, make: Factory) -> None:
    _build(make)
    viewer = make.headers(Role.viewer)
    # Hand counts: 49 holds B, C, D (formed only from its communes) and G, not Đà Nẵng's A, E,
    # F; 48 holds everything; a new unit holds its own records and its predecessors'.
    expected = {"49": 4, "48": 7, "20500": 1, "20242": 2, "20194": 1, "20197": 0, "497": 1}
    got = {code: _progress(client, viewer, area_code=code)["actual"] for code in expected}
    assert got == expected


def test_by_commune_allocates_every_record_once(client: TestClient, make: Factory) -> None:
    _build(make)
    body = _progress(client, make.headers(Role.viewer), area_code="48", by="commune")
    counted = {row["key"]: row["actual"] for row in body["rows"] if row["actual"]}
    # Hòa Liên, split, counts under the successor with the lowest code (neither kept its
    # code): Phường Hải Vân (20194). The district and the bare province are not allocated.
    assert counted == {"20194": 1, "20242": 2, "20500": 1, "20506": 1, None: 2}
    assert sum(row["actual"] for row in body["rows"]) == body["actual"] == 7
    assert len(body["rows"]) == 95
    assert body["rows"][-1]["label"] == "Chưa xác định xã, phường"
    body = _progress(client, make.headers(Role.viewer), area_code="49", by="commune")
    # 78 new units lie wholly in the former province; its own records still unallocated.
    assert len([row for row in body["rows"] if row["key"]]) == 78
    assert {row["key"]: row["actual"] for row in body["rows"] if row["actual"]} == {
        "20500": 1,
        "20506": 1,
        None: 2,
    }


def test_the_list_filter_follows_territory_both_ways(client: TestClient, make: Factory) -> None:
    records = _build(make)
    officer = make.headers(Role.officer)

    def found(code: str) -> set[str]:
        r = client.get(PLACEMENTS, params={"home_area_code": code, "limit": 100}, headers=officer)
        assert r.status_code == 200, r.text
        ids = {p["id"] for p in r.json()["items"]}
        return {key for key, p in records.items() if p.id in ids}

    assert found("49") == {"B", "C", "D", "G"}
    assert found("48") == set(RECORDS)
    assert found("20242") == {"E", "F"}
    assert found("20194") == {"A"}
    assert found("506") == {"B", "C", "D"}


def test_home_area_and_the_export_name_todays_units(client: TestClient, make: Factory) -> None:
    records = _build(make)
    officer = make.headers(Role.officer)
    home = client.get(f"{PLACEMENTS}/{records['A'].id}", headers=officer).json()["worker"][
        "home_area"
    ]
    assert home == {
        "code": "20296",
        "name": "Xã Hòa Liên",
        "level": "commune",
        "today": [
            {"code": "20194", "name": "Phường Hải Vân"},
            {"code": "20197", "name": "Phường Liên Chiểu"},
        ],
    }
    r = client.get(f"{PLACEMENTS}/export", params={"format": "csv"}, headers=officer)
    assert r.status_code == 200, r.text
    rows = {
        row["external_ref"]: row
        for row in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")))
    }
    assert (rows["PL-F"]["home_area_code"], rows["PL-F"]["home_area_name"]) == (
        "20242",
        "Phường Phước Ninh",
    )
    assert rows["PL-F"]["home_area_today"] == "20242"
    assert rows["PL-E"]["home_area_name"] == "Phường Hải Châu"
    assert rows["PL-A"]["home_area_today"] == "20194;20197"


def _create(client: TestClient, headers: dict[str, str], home: str, registered: str) -> Any:
    body = item(
        None,
        registered_on=registered,
        worker={"national_id": national_id(4321), "home_area_code": home},
    )
    return client.post(PLACEMENTS, json=body, headers=headers)


def test_since_the_reform_a_home_is_a_new_commune(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    cases = {
        "506": "since 2025-07-01 name one of its communes: 20500 Xã Đại Lộc",
        "20503": "it was replaced by 20506 Xã Thượng Đức",
        "48": "'48' (Thành phố Đà Nẵng) is a province",
        "49": "it was replaced by 48 Thành phố Đà Nẵng; since 2025-07-01 name one of its communes",
        "99999": "no area with code '99999'",
    }
    for home, said in cases.items():
        r = _create(client, agency, home, "2025-08-01")
        message = assert_problem(r, 422, "validation_error", "worker.home_area_code")["detail"]
        assert said in message, (home, message)
    r = _create(client, agency, "20500", "2025-08-01")
    assert r.status_code == 201, r.text
    assert r.json()["worker"]["home_area"]["name"] == "Xã Đại Lộc"


def test_before_the_reform_the_old_units_stay(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    for n, home in enumerate(("506", "20503", "49")):
        body = item(
            f"OLD-{n}",
            registered_on="2024-05-01",
            worker={"national_id": national_id(5000 + n), "home_area_code": home},
        )
        r = client.post(PLACEMENTS, json=body, headers=agency)
        assert r.status_code == 201, (home, r.text)
    # A new unit did not exist yet: its code named the old commune then.
    r = _create(client, agency, "20506", "2024-05-01")
    assert r.json()["worker"]["home_area"]["name"] == "Xã Đại Lãnh"


def test_an_unchanged_resend_is_never_refused(
    client: TestClient, dry_client: TestClient, session: Session, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    body = item("LEGACY-1", registered_on="2025-08-01", worker={"national_id": national_id(6001)})
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [body]}, headers=agency)
    assert r.status_code == 200, r.text
    placement_id = r.json()["items"][0]["id"]
    # As the district-level registry stored it: the bare province.
    city = catalog.load(session).newest("48")
    assert city is not None
    session.execute(
        update(Placement)
        .where(col(Placement.id) == placement_id)
        .values(home_area_code="48", home_area_id=city.id)
    )
    session.commit()
    body["worker"]["home_area_code"] = "48"
    # (It writes nothing, not even an audit row: the client without the audit check.)
    r = dry_client.post(f"{PLACEMENTS}/batch", json={"items": [body]}, headers=agency)
    assert r.status_code == 200, r.text
    assert r.json()["items"][0]["result"] == "unchanged"
    # Changing anything else is fine too; changing the home applies the rule.
    body["notes"] = "đã bổ sung"
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [body]}, headers=agency)
    assert r.json()["items"][0]["result"] == "updated", r.text
    body["worker"]["home_area_code"] = "506"
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [body]}, headers=agency)
    assert_problem(r, 422, "validation_error", "worker.home_area_code")
    body["worker"]["home_area_code"] = "20500"
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [body]}, headers=agency)
    assert r.json()["items"][0]["result"] == "updated", r.text


def test_a_province_without_communes_is_recorded_at_province_level(
    client: TestClient, make: Factory
) -> None:
    admin = make.headers(Role.admin)
    r = client.post(
        "/api/v1/areas",
        json={"code": "01", "name": "Thành phố Hà Nội", "level": "province"},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    r = _create(client, make.headers(Role.agency), "01", "2025-08-01")
    assert r.status_code == 201, r.text


def test_areas_are_found_without_diacritics_and_by_date(client: TestClient, make: Factory) -> None:
    viewer = make.headers(Role.viewer)
    r = client.get("/api/v1/areas", params={"q": "tam xuan", "limit": 50}, headers=viewer)
    names = {a["name"] for a in r.json()["items"]}
    assert {"Xã Tam Xuân I", "Xã Tam Xuân II", "Xã Tam Xuân"} <= names
    r = client.get("/api/v1/areas", params={"q": "hoa lien"}, headers=viewer)
    assert [a["code"] for a in r.json()["items"]] == ["20296"]
    r = client.get(
        "/api/v1/areas", params={"q": "tam xuan", "on": "2025-08-01", "limit": 50}, headers=viewer
    )
    assert [a["name"] for a in r.json()["items"]] == ["Xã Tam Xuân"]
    old = client.get("/api/v1/areas/20242", params={"on": "2024-01-01"}, headers=viewer).json()
    new = client.get("/api/v1/areas/20242", headers=viewer).json()
    assert (old["name"], new["name"]) == ("Phường Phước Ninh", "Phường Hải Châu")
    assert {"code": "20242", "valid_from": "2025-07-01", "part": "whole"} in old["successors"]
    assert {p["code"] for p in new["predecessors"]} >= {"20227", "20230", "20242"}
    split = client.get("/api/v1/areas/20296", headers=viewer).json()
    assert {(s["code"], s["part"]) for s in split["successors"]} == {
        ("20194", "part"),
        ("20197", "part"),
    }
    # Đặc khu Hoàng Sa is the one new unit that kept no predecessor's code.
    r = client.get("/api/v1/areas/20333", params={"on": "2024-01-01"}, headers=viewer)
    assert r.status_code == 404
