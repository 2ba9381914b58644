"""What batches leave in every table they write: placements, workers, status history, audit log
and departure tallies, beside the answers (and the errors of a refused batch), compared with a
recorded copy for each database (tests/fixtures/batch_tables_<database>.json).

The batches cover creates and updates, unchanged re-sends, every flag, a notice's quota, a
person found twice, numbers taken away, masked personal data and an enterprise's own batch.
Ids, timestamps and account names differ from run to run: they are replaced by labels (P1..
for placements in id order, W1.. for workers, R1.. for the request a timestamp was made in).

A change to what a batch writes must be deliberate: record the copy again with
OVERSEAS_RECORD_BATCH_TABLES=1 and read the difference before committing it."""

import json
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Text, cast, select
from sqlmodel import Session

from overseas.audit.models import AuditLog
from overseas.core.bulk import table_of
from overseas.core.db import today, utcnow
from overseas.core.principal import Role
from overseas.placements.models import DepartureTally, Placement, PlacementEvent, Worker
from tests.factories import Factory
from tests.helpers import last_audit_id
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
BATCH = f"{PLACEMENTS}/batch"
FIXTURES = Path(__file__).parent / "fixtures"
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _first_batch(agency: int, other: int, notice: int) -> list[dict[str, Any]]:
    """Creates in most statuses and channels with every flag, a person already stored and a
    person twice in the batch."""
    departed = {"status": "departed", "departure_date": "2024-06-01"}
    return [
        item("T-00", agency_id=agency, worker={"national_id": national_id(1)}),
        item(
            "T-01",
            agency_id=agency,
            service_fee_vnd=100_000_000,
            worker={"national_id": national_id(2)},
            **departed,
        ),
        item(
            "T-02",
            agency_id=agency,
            status="returned",
            departure_date="2024-06-01",
            return_date="2025-06-01",
            deposit_vnd=5_000_000,
            worker={"national_id": national_id(3), "policy_groups": []},
        ),
        item(
            "T-03",
            agency_id=None,
            channel="direct_contract",
            programme=None,
            salary_currency="vnd",
            monthly_salary="15000000.50",
            employer_name="  Công ty   Mẫu  ",
            notes="Ghi chú",
            loan_vnd=10_000_000,
            service_fee_vnd=None,
            deposit_vnd=None,
            status="contracted",
            contract_signed_on="2024-02-01",
            worker={
                "national_id": national_id(4),
                "previous_national_id": "201234567",
                "phone": None,
                "policy_groups": ["ethnic_minority", "poor_household", "ethnic_minority"],
            },
        ),
        item(
            "T-04",
            agency_id=agency,
            registered_on="2025-08-01",
            status="training",
            worker={"national_id": national_id(5)},
        ),
        item("T-05", agency_id=agency, worker={"national_id": national_id(9001)}),
        item("T-06", agency_id=agency, worker={"national_id": national_id(9002)}),
        item("T-07", agency_id=agency, worker={"national_id": national_id(9002)}),
        *(
            item(
                f"T-{8 + k:02d}",
                agency_id=agency,
                recruitment_notice_id=notice,
                registered_on=f"2024-03-0{k + 1}",
                worker={"national_id": national_id(10 + k)},
            )
            for k in range(3)
        ),
        item(
            "T-11",
            agency_id=other,
            channel="internship",
            market_code="KR",
            programme=None,
            salary_currency="KRW",
            monthly_salary="2000000",
            deposit_vnd=40_000_000,
            worker={"national_id": national_id(20)},
            **departed,
        ),
        item(
            "T-12",
            agency_id=agency,
            status="overstayed",
            departure_date="2024-06-01",
            worker={"national_id": national_id(21)},
        ),
        item("T-13", agency_id=agency, status="cancelled", worker={"national_id": national_id(22)}),
        item(
            "T-14",
            agency_id=agency,
            market_code=" jp",
            salary_currency=" jpy ",
            occupation="  Điều   dưỡng ",
            worker={
                "national_id": national_id(23, sex="female", year=1998),
                "full_name": "  tra\u0300n   thi\u0323  Bi\u0301ch ",
                "sex": "female",
                "date_of_birth": "1998-12-31",
                "phone": "0905 123.456",
            },
        ),
        item(
            "T-15",
            agency_id=None,
            channel="public_unit",
            market_code="KR",
            programme="EPS",
            salary_currency="KRW",
            monthly_salary="2100000",
            service_fee_vnd=1_000_000,
            worker={"national_id": national_id(24)},
        ),
    ]


def _second_batch(first: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Updates beside unchanged re-sends: a departure, a number taken away, a phone, a notice
    left, and one new placement."""
    by_ref = {i["external_ref"]: i for i in first}
    changed = {
        "T-00": {"status": "departed", "departure_date": "2024-07-01"},
        "T-06": {"worker": by_ref["T-06"]["worker"] | {"national_id": national_id(9003)}},
        "T-02": {"worker": by_ref["T-02"]["worker"] | {"phone": "0912345678"}},
        "T-08": {"recruitment_notice_id": None},
        "T-12": {"status": "returned", "return_date": "2025-01-15"},
    }
    items = [by_ref[ref] | change for ref, change in changed.items()]
    items += [by_ref["T-01"], by_ref["T-11"]]
    new = item(
        "T-16", agency_id=by_ref["T-00"]["agency_id"], worker={"national_id": national_id(30)}
    )
    items.append(new)
    return items


def _enterprise_batch() -> list[dict[str, Any]]:
    """The enterprise's own: its id is taken from its account."""
    return [
        item(
            "T-04",
            registered_on="2025-08-01",
            status="contracted",
            employer_name="Khác K.K.",
            worker={"national_id": national_id(5)},
        ),
        item("T-17", worker={"national_id": national_id(31)}, status="training"),
    ]


def _refused_batch(agency: int) -> list[Any]:
    """Every kind of error at once: types, limits, unknown fields, rules, references."""
    return [
        item("X-00", agency_id=agency, contract_months=0, worker={"national_id": national_id(40)}),
        item("X-01", agency_id=agency, market_code="ZZ", worker={"national_id": national_id(41)}),
        item("X-02", agency_id=agency, status="departed", worker={"home_area_code": "99999"}),
        item("X-03", agency_id=agency, registered_on="not a day", extra=1),
        item("X-04", agency_id=agency, worker={"national_id": national_id(42), "sex": "female"}),
        item("X-04", agency_id=agency, worker={"national_id": national_id(43)}),
        item(
            "X-06",
            agency_id=agency,
            status="registered",
            departure_date="2024-01-01",
            return_date="2023-01-01",
            worker={"date_of_birth": "2010-01-01"},
        ),
        item("T-01", agency_id=agency, status="registered", worker={"national_id": national_id(2)}),
        "not an item",
    ]


class _Labels:
    """Stable names for what differs between runs."""

    def __init__(self, session: Session, agencies: dict[int, str], notices: dict[int, str]):
        conn = session.connection()
        placements = table_of(Placement)
        workers = table_of(Worker)
        self.placements = {
            pid: f"P{n}"
            for n, (pid,) in enumerate(conn.execute(select(placements.c.id).order_by("id")), 1)
        }
        self.workers = {
            wid: f"W{n}"
            for n, (wid,) in enumerate(conn.execute(select(workers.c.id).order_by("id")), 1)
        }
        self.agencies = agencies
        self.notices = notices
        self.requests: list[datetime] = []
        self.actors: dict[str, str] = {}
        self.today = today()

    def ids(self) -> dict[str, Callable[[Any], Any]]:
        def by(mapping: dict[Any, str]) -> Callable[[Any], Any]:
            return lambda v: mapping.get(v, v) if v is not None else None

        return {
            "id": by(self.placements),
            "placement_id": by(self.placements),
            "worker_id": by(self.workers),
            "agency_id": by(self.agencies),
            "recruitment_notice_id": by(self.notices),
        }

    def stamp(self, value: datetime) -> str:
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        made = [n for n, started in enumerate(self.requests, 1) if started <= value]
        return f"R{made[-1] if made else 0}"

    def actor(self, name: str) -> str:
        return self.actors.setdefault(name, f"ACTOR{len(self.actors) + 1}")

    def value(self, v: Any, key: str | None = None) -> Any:
        if key is not None and key in self.ids() and isinstance(v, int):
            return self.ids()[key](v)
        if isinstance(v, dict):
            return {
                k: self.value(x, k if k not in ("before", "after") else key) for k, x in v.items()
            }
        if isinstance(v, list):
            return [self.value(x, key) for x in v]
        if isinstance(v, datetime):
            return self.stamp(v)
        if isinstance(v, date):
            return "TODAY" if v == self.today else v.isoformat()
        if isinstance(v, str) and _STAMP.match(v):
            return self.stamp(datetime.fromisoformat(v))
        if (
            isinstance(v, str)
            and key in ("on", "departure_date", "return_date")
            and v == str(self.today)
        ):
            return "TODAY"
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, Enum):
            return v.value
        return v


def _table(session: Session, labels: _Labels, model: type, order: Any) -> list[dict[str, Any]]:
    table = table_of(model)
    stmt = select(table).order_by(*order(table))
    rows = []
    for row in session.connection().execute(stmt):
        values = dict(row._mapping)
        if model is PlacementEvent:
            del values["id"]
        if model is Worker:
            values["id"] = labels.workers[values["id"]]
        if "actor" in values:
            values["actor"] = labels.actor(values["actor"])
        rows.append(labels.value(values))
    return rows


def _audit(session: Session, labels: _Labels, after: int) -> list[dict[str, Any]]:
    table = table_of(AuditLog)
    # The document as stored, numbers as written: a JSON number read back as a float would
    # hide 180000 becoming 180000.00.
    document = cast(table.c.changes, Text).label("changes")
    columns = [c for c in table.c if c.name not in ("id", "changes")]
    stmt = select(*columns, document).where(table.c.id > after).order_by(table.c.id)
    rows = []
    for row in session.connection().execute(stmt):
        values = dict(row._mapping)
        values["changes"] = json.loads(values["changes"], parse_float=lambda text: {"number": text})
        values["actor"] = labels.actor(values["actor"])
        if values["entity"] == "placements":
            values["entity_id"] = labels.placements.get(int(values["entity_id"]))
        rows.append(labels.value(values))
    return rows


def _tallies(session: Session, labels: _Labels) -> list[dict[str, Any]]:
    rows = _table(session, labels, DepartureTally, lambda t: list(t.primary_key.columns))
    for row in rows:
        if row["dimension"] == "agency" and row["value"]:
            row["value"] = labels.agencies.get(int(row["value"]), row["value"])
    return rows


def test_batches_write_the_recorded_rows_in_every_table(
    client: TestClient, officer: dict[str, str], make: Factory, session: Session
) -> None:
    user = make.user(Role.agency)
    assert user.agency_id is not None
    agency, other = user.agency_id, make.agency().id
    assert other is not None
    enterprise = make.headers_for(user)
    rate = {"kind": "wage", "title": "Tỷ giá JPY", "value": "170", "unit": "VND/JPY",
            "effective_on": "2024-01-01"}  # fmt: skip
    r = client.post("/api/v1/markets/JP/records", json=rate, headers=officer)
    assert r.status_code == 201, r.text
    notice_body = {
        "market_code": "JP",
        "occupation": "Chế biến thực phẩm",
        "quota": 2,
        "approved_contract_no": "HĐ-0001/2026/SYN",
        "period_from": "2024-01-01",
        "period_to": "2026-12-31",
        "area_codes": ["48"],
    }
    r = client.post("/api/v1/recruitment-notices", json=notice_body, headers=enterprise)
    assert r.status_code == 201, r.text
    notice = r.json()
    r = client.patch(
        f"/api/v1/recruitment-notices/{notice['id']}",
        json={"status": "acknowledged"},
        headers=officer | {"If-Match": f'"{notice["version"]}"'},
    )
    assert r.status_code == 200, r.text
    stored = item("PRE-1", agency_id=other, worker={"national_id": national_id(9001)})
    assert client.post(PLACEMENTS, json=stored, headers=officer).status_code == 201
    after = last_audit_id(session)

    requests: list[datetime] = []
    answers: list[Any] = []

    def send(headers: dict[str, str], items: list[Any], **params: Any) -> dict[str, Any]:
        requests.append(utcnow())
        r = client.post(BATCH, json={"items": items}, headers=headers, params=params)
        answers.append({"status": r.status_code, "body": r.json()})
        return r.json()  # type: ignore[no-any-return]

    first = _first_batch(agency, other, notice["id"])
    assert send(officer, first)["created"] == len(first)
    second = send(officer, _second_batch(first))
    assert (second["created"], second["updated"], second["unchanged"]) == (1, 5, 2)
    third = send(enterprise, _enterprise_batch())
    assert (third["created"], third["updated"]) == (1, 1)
    refused = send(officer, _refused_batch(agency))
    assert refused["status"] == 422, refused
    resent = _first_batch(agency, other, notice["id"])[1]
    new = item("T-99", agency_id=agency, worker={"national_id": national_id(50)})
    dry = send(officer, [resent, new], dry_run="true")
    assert (dry["created"], dry["unchanged"]) == (1, 1)

    labels = _Labels(session, {agency: "A1", other: "A2"}, {notice["id"]: "N1"})
    labels.requests = requests
    for answer in answers:
        for one in answer["body"].get("items", []):
            one["id"] = labels.placements.get(one["id"], one["id"])
    got = {
        "answers": answers,
        "placements": _table(session, labels, Placement, lambda t: [t.c.id]),
        "workers": _table(session, labels, Worker, lambda t: [t.c.id]),
        "placement_events": _table(session, labels, PlacementEvent, lambda t: [t.c.id]),
        "audit_log": _audit(session, labels, after),
        "departure_tallies": _tallies(session, labels),
    }
    got = json.loads(json.dumps(got, ensure_ascii=False))
    database = session.get_bind().dialect.name
    recorded = FIXTURES / f"batch_tables_{database}.json"
    if os.environ.get("OVERSEAS_RECORD_BATCH_TABLES") == "1":
        recorded.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    expected = json.loads(recorded.read_text())
    for name in expected:
        assert got[name] == expected[name], f"{name} differs from {recorded.name}"
    assert set(got) == set(expected)
