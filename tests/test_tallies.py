"""The departure tallies kept with every placement write always equal a plain count over the
placements: after a seeded random run of creates, corrections, transitions, batch upserts
and deletes, and after a rebuild."""

import random
from collections import Counter
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import extract, func
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.core.principal import Role
from overseas.placements import tallies
from overseas.placements.models import DepartureTally, Placement, Status
from overseas.placements.rules import TRANSITIONS
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
COUNTED = ["departed", "returned", "returned_early", "overstayed"]
DEPARTED = set(COUNTED)
RETURNED = {"returned", "returned_early"}
# Departure days on both sides of each year's edge, and a few ordinary ones.
DAYS = [
    "2023-05-05",
    "2023-12-31",
    "2024-01-01",
    "2024-02-29",
    "2024-12-31",
    "2025-01-01",
    "2025-06-30",
    "2025-07-01",
    "2025-12-31",
    "2026-01-01",
    "2026-03-15",
]
AREAS = ["48", "49", "502", "506", "506", "511", "519"]
MARKETS = ["JP", "KR", "DE", "TW"]
CHANNELS = [
    "service_enterprise",
    "public_unit",
    "contract_winner",
    "internship",
    "outbound_investor",
    "direct_contract",
]
GROUPS = [
    "poor_household",
    "near_poor_household",
    "ethnic_minority",
    "land_recovered",
    "merit_relative",
    "demobilised_soldier",
]
READ_ONLY = ("id", "flags", "version", "created_at", "updated_at")


def plain_count(session: Session) -> dict[tallies.Key, int]:
    """What the tallies must hold, counted straight from the placements."""
    year = extract("year", col(Placement.departure_date))
    counted = (
        col(Placement.status).in_(COUNTED),
        col(Placement.departure_date).is_not(None),
    )
    expected: Counter[tallies.Key] = Counter()
    for dimension, column in (
        ("channel", col(Placement.channel)),
        ("agency", col(Placement.agency_id)),
        ("sex", col(Placement.sex)),
    ):
        # sqlmodel types select() for at most four columns; this one has five.
        rows = session.exec(
            select(  # type: ignore[call-overload]
                year, Placement.home_area_id, Placement.market_code, column, func.count()
            )
            .where(*counted)
            .group_by(year, Placement.home_area_id, Placement.market_code, column)
        ).all()
        for y, area, market, value, n in rows:
            value = getattr(value, "value", value)
            key = "" if value is None else str(value)
            expected[(int(y), area, market, dimension, key)] += int(n)
    groups = session.exec(
        select(year, Placement.home_area_id, Placement.market_code, Placement.policy_groups)
        .where(*counted)
    ).all()  # fmt: skip
    for y, area, market, policy_groups in groups:
        for g in policy_groups or []:
            expected[(int(y), area, market, "policy_group", g)] += 1
    return dict(expected)


def assert_tallies_match(session: Session, step: str) -> dict[tallies.Key, int]:
    kept = tallies.snapshot(session)
    assert kept == plain_count(session), step
    negative = session.exec(select(DepartureTally).where(col(DepartureTally.count) < 0)).all()
    assert negative == [], step
    return kept


class Run:
    """Random valid operations through the API, with the registry as the API shows it."""

    def __init__(self, client: TestClient, make: Factory, seed: int) -> None:
        self.client = client
        self.rng = random.Random(seed)
        self.officer = make.headers(Role.officer)
        self.agencies = [make.agency().id, make.agency().id]
        self.people = 0
        self.refs = 0
        self.state: dict[str, dict[str, Any]] = {}  # by external_ref
        self.kinds: Counter[str] = Counter()

    # -- helpers --------------------------------------------------------------------------

    def reload(self) -> None:
        r = self.client.get(PLACEMENTS, params={"limit": 500}, headers=self.officer)
        assert r.status_code == 200, r.text
        self.state = {p["external_ref"]: p for p in r.json()["items"]}

    def pick(self) -> dict[str, Any]:
        return self.state[self.rng.choice(sorted(self.state))]

    def person(self, sex: str) -> str:
        self.people += 1
        return national_id(7000 + self.people, sex=sex)

    def channel_and_agency(self) -> tuple[str, int | None]:
        channel = self.rng.choice(CHANNELS)
        if channel in ("direct_contract", "public_unit") and self.rng.random() < 0.7:
            return channel, None
        return channel, self.rng.choice(self.agencies)

    def groups(self) -> list[str]:
        return sorted(self.rng.sample(GROUPS, self.rng.choice([0, 0, 1, 1, 2, 3])))

    def new_item(self) -> dict[str, Any]:
        self.refs += 1
        status = self.rng.choice([s.value for s in Status])
        departure = None
        if status in DEPARTED or self.rng.random() < 0.4:
            departure = self.rng.choice(DAYS)
        returned = None
        if status in RETURNED:
            assert departure is not None
            returned = self.rng.choice([d for d in DAYS if d >= departure])
        channel, agency = self.channel_and_agency()
        sex = self.rng.choice(["male", "female"])
        return item(
            f"T-{self.refs:03d}",
            agency_id=agency,
            channel=channel,
            market_code=self.rng.choice(MARKETS),
            programme="other",
            service_fee_vnd=None,
            status=status,
            registered_on="2023-01-15",
            departure_date=departure,
            return_date=returned,
            worker={
                "national_id": self.person(sex),
                "full_name": f"Người Thử {self.refs}",
                "sex": sex,
                "home_area_code": self.rng.choice(AREAS),
                "policy_groups": self.groups(),
            },
        )

    def other(self, options: list[Any], current: Any) -> Any:
        """A random choice that differs from the current value (a write that changes nothing
        is no write)."""
        return self.rng.choice([o for o in options if o != current])

    def change(self, p: dict[str, Any], *, keep_agency: bool = False) -> dict[str, Any]:
        """A real correction of one aspect of a placement, as a PATCH body; the batch keeps
        the enterprise (it is half of the key it updates by)."""
        aspect = self.rng.choice(
            ["departure_date", "home_area", "market", "sex", "policy_groups", "channel"]
        )
        self.kinds[f"change {aspect}"] += 1
        worker = p["worker"]
        if aspect == "departure_date":
            latest = p["return_date"] or DAYS[-1]
            options: list[Any] = [d for d in DAYS if d <= latest]
            if p["status"] not in DEPARTED:
                options.append(None)
            return {"departure_date": self.other(options, p["departure_date"])}
        if aspect == "home_area":
            return {"worker": {"home_area_code": self.other(AREAS, worker["home_area_code"])}}
        if aspect == "market":
            return {"market_code": self.other(MARKETS, p["market_code"])}
        if aspect == "sex":
            sex = "female" if worker["sex"] == "male" else "male"
            return {"worker": {"sex": sex, "national_id": self.person(sex)}}
        if aspect == "policy_groups":
            groups = self.groups()
            while groups == sorted(worker["policy_groups"]):
                groups = self.groups()
            return {"worker": {"policy_groups": groups}}
        if keep_agency:
            without = ["direct_contract", "public_unit"]
            return {"channel": self.other(CHANNELS if p["agency_id"] else without, p["channel"])}
        channel, agency = self.channel_and_agency()
        while (channel, agency) == (p["channel"], p["agency_id"]):
            channel, agency = self.channel_and_agency()
        return {"channel": channel, "agency_id": agency}

    # -- operations -----------------------------------------------------------------------

    def create(self) -> None:
        r = self.client.post(PLACEMENTS, json=self.new_item(), headers=self.officer)
        assert r.status_code == 201, r.text

    def patch(self) -> None:
        p = self.pick()
        body = self.change(p)
        r = self.client.patch(
            f"{PLACEMENTS}/{p['id']}",
            json=body,
            headers=self.officer | {"If-Match": f'"{p["version"]}"'},
        )
        assert r.status_code == 200, (body, r.text)

    def transition(self) -> None:
        movable = sorted(ref for ref, p in self.state.items() if TRANSITIONS[Status(p["status"])])
        if not movable:
            return self.create()
        p = self.state[self.rng.choice(movable)]
        status = self.rng.choice(sorted(s.value for s in TRANSITIONS[Status(p["status"])]))
        self.kinds[f"transition {status}"] += 1
        if status in RETURNED:
            on = self.rng.choice([d for d in DAYS if d >= p["departure_date"]])
        else:
            on = self.rng.choice(DAYS)
        r = self.client.post(
            f"{PLACEMENTS}/{p['id']}/transitions",
            json={"status": status, "on": on, "reason": "random run"},
            headers=self.officer,
        )
        assert r.status_code == 200, r.text

    def batch(self) -> None:
        items = [self.new_item() for _ in range(self.rng.randint(0, 2))]
        changed = self.rng.sample(sorted(self.state), min(len(self.state), self.rng.randint(1, 3)))
        for ref in changed:
            p = self.state[ref]
            body = {k: v for k, v in p.items() if k not in READ_ONLY}
            patch = self.change(p, keep_agency=True)
            # The home unit is read-only (worker.home_area): what the API shows, not what is sent.
            sent_worker = {k: v for k, v in body["worker"].items() if k != "home_area"}
            body["worker"] = sent_worker | patch.pop("worker", {})
            body |= patch
            items.append(body)
        r = self.client.post(f"{PLACEMENTS}/batch", json={"items": items}, headers=self.officer)
        assert r.status_code == 200, (items, r.text)
        self.kinds["batch created"] += r.json()["created"]
        self.kinds["batch updated"] += r.json()["updated"]

    def delete(self) -> None:
        p = self.pick()
        r = self.client.delete(f"{PLACEMENTS}/{p['id']}", headers=self.officer)
        assert r.status_code == 204, r.text

    def step(self) -> str:
        if len(self.state) < 4:
            kind = "create"
        else:
            kind = self.rng.choices(
                ["create", "patch", "transition", "batch", "delete"], weights=[3, 4, 4, 2, 2]
            )[0]
        getattr(self, kind)()
        self.kinds[kind] += 1
        self.reload()
        return kind


@pytest.mark.parametrize("seed", [20240101, 20251231])
def test_tallies_equal_a_plain_count_through_a_random_run(
    client: TestClient, make: Factory, session: Session, seed: int
) -> None:
    run = Run(client, make, seed)
    assert_tallies_match(session, "empty")
    seen: set[tallies.Key] = set()
    for n in range(60):
        kind = run.step()
        if n % 4 == 3:
            seen |= assert_tallies_match(session, f"step {n} ({kind})").keys()
    kept = assert_tallies_match(session, "end")
    # The run did exercise what it is about.
    for kind in ("create", "patch", "transition", "batch", "delete"):
        assert run.kinds[kind] >= 3, run.kinds
    assert sum(n for k, n in run.kinds.items() if k.startswith("change ")) >= 15, run.kinds
    assert run.kinds["batch created"] >= 3 and run.kinds["batch updated"] >= 5, run.kinds
    assert all(run.kinds[f"transition {s}"] for s in ("departed", "returned", "cancelled")), (
        run.kinds
    )
    assert len({k[0] for k in seen}) >= 3, seen
    assert {k[3] for k in seen} == {"channel", "agency", "sex", "policy_group"}
    assert ("agency", "") in {(k[3], k[4]) for k in seen}
    units = catalog.load(session).units
    assert {units[k[1]].code for k in seen} >= {"48", "49", "506"}

    tallies.rebuild(session)
    assert tallies.snapshot(session) == kept


def test_rejected_writes_leave_the_tallies_alone(
    client: TestClient, make: Factory, session: Session
) -> None:
    run = Run(client, make, 7)
    for _ in range(8):
        run.create()
    run.reload()
    before = assert_tallies_match(session, "before")
    assert before

    bad = run.new_item()
    bad["worker"]["home_area_code"] = "99999"
    good = run.new_item() | {"status": "departed", "departure_date": "2024-01-01"}
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [good, bad]}, headers=run.officer)
    assert_problem(r, 422, "validation_error")

    departed = next((p for p in run.state.values() if p["status"] == "departed"), None)
    if departed is not None:
        r = client.post(
            f"{PLACEMENTS}/{departed['id']}/transitions",
            json={"status": "contracted", "on": "2025-01-01"},
            headers=run.officer,
        )
        assert_problem(r, 409, "invalid_transition")
    r = client.post(f"{PLACEMENTS}/batch?dry_run=true", json={"items": [good]}, headers=run.officer)
    assert r.status_code == 200, r.text
    assert tallies.snapshot(session) == before
    assert_tallies_match(session, "after")


def test_rebuild_repairs_a_damaged_tally(
    client: TestClient, make: Factory, session: Session
) -> None:
    run = Run(client, make, 11)
    for _ in range(10):
        run.create()
    kept = assert_tallies_match(session, "kept")
    assert kept
    key = sorted(kept)[0]
    row = session.get(DepartureTally, key)
    assert row is not None
    row.count += 5
    session.add(
        DepartureTally(
            year=2019, area_id=1, market_code="JP", dimension="sex", value="male", count=3
        )
    )
    session.flush()
    assert tallies.snapshot(session) != plain_count(session)
    tallies.rebuild(session)
    session.expire_all()
    assert tallies.snapshot(session) == kept == plain_count(session)


def test_rebuild_of_an_empty_registry_is_empty(session: Session) -> None:
    tallies.rebuild(session)
    assert tallies.snapshot(session) == {} == plain_count(session)


def test_departure_on_new_years_eve_and_day_fall_in_their_own_years(
    client: TestClient, make: Factory, session: Session
) -> None:
    officer = make.headers(Role.officer)
    for n, day in enumerate(["2024-12-31", "2025-01-01"]):
        payload = item(
            f"NY-{n}",
            channel="direct_contract",
            status="departed",
            registered_on="2024-01-10",
            departure_date=day,
            worker={"national_id": national_id(8800 + n), "policy_groups": []},
        )
        r = client.post(PLACEMENTS, json=payload, headers=officer)
        assert r.status_code == 201, r.text
    kept = assert_tallies_match(session, "new year")
    # Both registered in 2024 under Đại Lộc (506), the unit that code named then.
    dai_loc = catalog.load(session).on("506", date(2024, 1, 10))
    assert dai_loc is not None
    assert kept == {
        (2024, dai_loc.id, "JP", "channel", "direct_contract"): 1,
        (2024, dai_loc.id, "JP", "agency", ""): 1,
        (2024, dai_loc.id, "JP", "sex", "male"): 1,
        (2025, dai_loc.id, "JP", "channel", "direct_contract"): 1,
        (2025, dai_loc.id, "JP", "agency", ""): 1,
        (2025, dai_loc.id, "JP", "sex", "male"): 1,
    }
