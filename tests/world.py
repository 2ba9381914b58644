"""A small registry to call every route against: two enterprises, each with a placement and a
concluded inspection with a violation, two complaints, two targets, two market records, two
API clients, a spare user, and a principal of every role (the enterprise account belongs to
the first enterprise).

`WorldHarness` makes the world once (for a test module, inside a transaction rolled back at its
end) and runs each test inside a savepoint rolled back after it, so that what one test deletes
or changes is back for the next."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session, SQLModel

from overseas.core.db import request_session, today
from overseas.core.principal import Role
from overseas.main import create_app
from tests.factories import Factory
from tests.helpers import last_audit_id
from tests.placement_data import item, national_id

AREA = "49"
MARKET = "JP"


@dataclass(frozen=True)
class World:
    headers: dict[Role, dict[str, str]]
    own_agency: int  # the enterprise account's own
    other_agency: int
    own_placement: int
    other_placement: int
    own_inspection: int  # concluded, so its enterprise may read it
    other_inspection: int
    own_violation: int
    other_violation: int
    own_remedy: int
    other_remedy: int
    own_file: int  # a scan attached to the concluded inspection
    other_file: int
    own_report: int  # a filing with a file attached
    other_report: int
    complaint: int  # about the first enterprise, naming its complainant; open
    own_notice: int  # a recruitment notice, submitted
    other_notice: int
    target: int
    market_record: int
    api_client: int
    user: int  # no principal of the world: safe to change

    def path_values(self, *, own: bool = True) -> dict[str, Any]:
        """Path parameter values naming objects that exist; `own=False` names the other
        enterprise's objects where there is a choice."""
        return {
            "agency_id": self.own_agency if own else self.other_agency,
            "placement_id": self.own_placement if own else self.other_placement,
            "inspection_id": self.own_inspection if own else self.other_inspection,
            "violation_id": self.own_violation if own else self.other_violation,
            "remedy_id": self.own_remedy if own else self.other_remedy,
            "file_id": self.own_file if own else self.other_file,
            "report_id": self.own_report if own else self.other_report,
            "complaint_id": self.complaint,
            "notice_id": self.own_notice if own else self.other_notice,
            "target_id": self.target,
            "user_id": self.user,
            "client_id": self.api_client,
        }


def _ok(r: Any, status: int = 201) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def _concluded_inspection(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> tuple[int, int, int]:
    base = "/api/v1/inspections"
    on = today().isoformat()
    iid = _ok(
        client.post(base, json={"agency_id": agency_id, "kind": "scheduled"}, headers=officer)
    )["id"]
    _ok(
        client.post(
            f"{base}/{iid}/transitions", json={"status": "in_progress", "on": on}, headers=officer
        ),
        200,
    )
    violation = _ok(
        client.post(
            f"{base}/{iid}/violations",
            json={
                "category": "fee_above_cap",
                "description": "Thu phí vượt trần",
                "remedies": [{"kind": "other", "description": "Nộp báo cáo khắc phục"}],
            },
            headers=officer,
        )
    )
    _ok(
        client.post(
            f"{base}/{iid}/transitions",
            json={"status": "concluded", "on": on, "result": "violations"},
            headers=officer,
        ),
        200,
    )
    return iid, violation["id"], violation["remedies"][0]["id"]


def last_month() -> tuple[str, str]:
    """The first and last day of the month before this one: a period whose changes are due."""
    first_of_this = today().replace(day=1)
    last = first_of_this - timedelta(days=1)
    return last.replace(day=1).isoformat(), last.isoformat()


def _filed_report(client: TestClient, headers: dict[str, str], agency_id: int) -> int:
    period_from, period_to = last_month()
    form = {"kind": "monthly_changes", "period_from": period_from, "period_to": period_to}
    pdf = ("bao-cao.pdf", b"%PDF-1.4\n% synthetic test report\n", "application/pdf")
    r = client.post(
        f"/api/v1/agencies/{agency_id}/reports", data=form, files={"file": pdf}, headers=headers
    )
    return int(_ok(r)["id"])


def _attached(client: TestClient, officer: dict[str, str], inspection_id: int) -> int:
    scan = ("bien-ban.pdf", b"%PDF-1.4\n% synthetic check record\n", "application/pdf")
    r = client.post(
        f"/api/v1/inspections/{inspection_id}/files",
        data={"kind": "check_record"},
        files={"file": scan},
        headers=officer,
    )
    return int(_ok(r)["id"])


def notice_body(n: int = 1, **overrides: Any) -> dict[str, Any]:
    """A recruitment notice in force from a month ago, in Xã Đại Lộc (docs/notices.md)."""
    return {
        "market_code": MARKET,
        "occupation": "Chế biến thực phẩm",
        "quota": 10 + n,
        "approved_contract_no": f"HĐ-{n:04d}/SYN",
        "period_from": (today() - timedelta(days=30)).isoformat(),
        "period_to": (today() + timedelta(days=300)).isoformat(),
        "area_codes": ["20500"],
    } | overrides


def build_world(client: TestClient, make: Factory) -> World:
    headers: dict[Role, dict[str, str]] = {
        role: make.headers(role) for role in Role if role != Role.agency
    }
    own_user = make.user(Role.agency)
    other_user = make.user(Role.agency)
    assert own_user.agency_id is not None and other_user.agency_id is not None
    headers[Role.agency] = make.headers_for(own_user)
    officer = headers[Role.officer]

    own_placement = _ok(
        client.post("/api/v1/placements", json=item("W-OWN"), headers=headers[Role.agency])
    )
    other = item("W-OTHER", worker={"national_id": national_id(7)})
    other_placement = _ok(
        client.post("/api/v1/placements", json=other, headers=make.headers_for(other_user))
    )
    own_inspection, own_violation, own_remedy = _concluded_inspection(
        client, officer, own_user.agency_id
    )
    other_inspection, other_violation, other_remedy = _concluded_inspection(
        client, officer, other_user.agency_id
    )
    own_file, other_file = (
        _attached(client, officer, inspection) for inspection in (own_inspection, other_inspection)
    )
    own_report = _filed_report(client, headers[Role.agency], own_user.agency_id)
    _filed_report(client, headers[Role.agency], own_user.agency_id)  # an amendment: two pages
    other_report = _filed_report(client, officer, other_user.agency_id)
    complaints = [
        _ok(
            client.post(
                "/api/v1/complaints",
                json={
                    "agency_id": agency_id,
                    "received_on": today().isoformat(),
                    "source": source,
                    "summary": "Thu phí cao hơn hợp đồng (ví dụ)",
                }
                | person,
                headers=officer,
            )
        )
        for agency_id, source, person in (
            (
                own_user.agency_id,
                "family",
                {"complainant_name": "Người phản ánh (ví dụ)", "complainant_phone": "0905000001"},
            ),
            (other_user.agency_id, "press", {}),
        )
    ]
    notices = "/api/v1/recruitment-notices"
    own_notice = _ok(client.post(notices, json=notice_body(1), headers=headers[Role.agency]))
    other_notice = _ok(
        client.post(notices, json=notice_body(3, agency_id=other_user.agency_id), headers=officer)
    )
    # Two acknowledged, so that the public list has a second page too.
    for made in (
        _ok(client.post(notices, json=notice_body(2), headers=headers[Role.agency])),
        other_notice,
    ):
        acknowledge = {"status": "acknowledged"}
        _ok(client.patch(f"{notices}/{made['id']}", json=acknowledge, headers=officer), 200)
    # Two of each listed thing at least, so that every list has a second page.
    targets = [
        _ok(
            client.post(
                "/api/v1/targets",
                json={
                    "name": "Kế hoạch",
                    "area_code": AREA,
                    "year_from": year_from,
                    "year_to": year_from + 4,
                    "value": 100,
                },
                headers=officer,
            )
        )
        for year_from in (2021, 2026)
    ]
    records = [
        _ok(
            client.post(
                f"/api/v1/markets/{MARKET}/records",
                json={"kind": "demand", "title": f"Cần {n} thực tập sinh", "effective_on": on},
                headers=officer,
            )
        )
        for n, on in ((200, "2024-03-01"), (300, "2024-04-01"))
    ]
    api_client, _ = make.api_client(), make.api_client()
    spare = make.user(Role.viewer)
    assert api_client.id is not None and spare.id is not None
    return World(
        headers=headers,
        own_agency=own_user.agency_id,
        other_agency=other_user.agency_id,
        own_placement=own_placement["id"],
        other_placement=other_placement["id"],
        own_inspection=own_inspection,
        other_inspection=other_inspection,
        own_violation=own_violation,
        other_violation=other_violation,
        own_remedy=own_remedy,
        other_remedy=other_remedy,
        own_file=own_file,
        other_file=other_file,
        own_report=own_report,
        other_report=other_report,
        complaint=complaints[0]["id"],
        own_notice=own_notice["id"],
        other_notice=other_notice["id"],
        target=targets[0]["id"],
        market_record=records[0]["id"],
        api_client=api_client.id,
        user=spare.id,
    )


# The tables whose rows the audit log follows (core/models: `__audited__`).
AUDITED_TABLES = frozenset(
    mapper.class_.__tablename__
    for mapper in SQLModel._sa_registry.mappers
    if getattr(mapper.class_, "__audited__", False)
)
_DML = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


class WorldHarness:
    """One application on one connection, for a test module. A successful request that wrote
    to an audited table must leave an audit row; one that wrote nothing (a change to the same
    values, a revoke of a revoked client) need not."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.session: Session | None = None
        self.unaudited: list[str] = []
        self._written: set[str] = set()
        event.listen(connection, "before_cursor_execute", self._on_execute)
        self.app = create_app()
        self.app.dependency_overrides[request_session] = self._session
        self.app.middleware("http")(self._check_audit)
        with self.test(keep=True), TestClient(self.app) as client:
            self.world = build_world(client, Factory(self._current()))

    @classmethod
    @contextmanager
    def open(cls, engine: Engine) -> Iterator["WorldHarness"]:
        connection = engine.connect()
        outer = connection.begin()
        try:
            yield cls(connection)
        finally:
            outer.rollback()
            connection.close()

    def _current(self) -> Session:
        assert self.session is not None, "no test is running"
        return self.session

    def _session(self) -> Iterator[Session]:
        session = self._current()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    def _on_execute(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        match = _DML.match(statement)
        if match:
            self._written.add(match.group(1).lower())

    async def _check_audit(self, request: Request, call_next: Any) -> Any:
        before = last_audit_id(self._current())
        self._written.clear()
        response = await call_next(request)
        replayed = response.headers.get("Idempotent-Replayed") == "true"
        wrote = self._written & AUDITED_TABLES
        if (
            response.status_code < 300
            and not replayed
            and wrote
            and last_audit_id(self._current()) <= before
        ):
            self.unaudited.append(f"{request.method} {request.url} wrote {sorted(wrote)}")
        return response

    @contextmanager
    def test(self, *, keep: bool = False) -> Iterator[FastAPI]:
        """The application on a fresh session inside a savepoint, rolled back afterwards (kept
        only while the world is made)."""
        savepoint = self.connection.begin_nested()
        self.session = Session(
            bind=self.connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        self.unaudited = []
        try:
            yield self.app
        finally:
            self.session.close()
            self.session = None
            if keep:
                savepoint.commit()
            else:
                savepoint.rollback()
        assert not self.unaudited, f"writes without an audit row: {self.unaudited}"
