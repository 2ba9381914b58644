"""On SQLite a batch checks and plans its items outside the write lock, then takes the lock
again and keeps the plan only if what it read is unchanged (core.db.outside_write_lock,
placements.planning.plan_holds). The other tests run the application on one session that
never leaves its transaction; these run the request's own session (core.db.get_session) on a
SQLite file of their own, whatever the database under test, and write between the plan and
the write what a concurrent request would."""

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from overseas.audit.models import AuditLog
from overseas.core import db as core_db
from overseas.core.db import SQLITE_WRITER, build_engine, outside_write_lock, utcnow
from overseas.core.migrate import upgrade
from overseas.core.principal import Role
from overseas.core.sqlite import SQLITE_IMMEDIATE
from overseas.main import create_app
from overseas.placements import planning, service
from overseas.placements.models import Placement
from overseas.system.models import IdempotencyKey
from tests.factories import Factory
from tests.placement_data import item, national_id

BATCH = "/api/v1/placements/batch"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('planning') / 'registry.db'}"
    upgrade(url)
    engine = build_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The application with the request sessions of production, on the module's file."""
    monkeypatch.setattr(core_db, "get_engine", lambda: engine)
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def make(engine: Engine) -> Iterator[Factory]:
    with Session(engine, expire_on_commit=False) as session:
        yield Factory(session)


@pytest.fixture
def enterprise(make: Factory) -> tuple[int, dict[str, str]]:
    """An enterprise and the headers of one of its users."""
    agency = make.agency()
    assert agency.id is not None
    return agency.id, make.headers(Role.agency, agency_id=agency.id)


_people = itertools.count(700_000)


def _items(refs: range, tag: str) -> list[dict[str, Any]]:
    """Items with references of their own, each for a new person."""
    return [item(f"{tag}-{n}", worker={"national_id": national_id(next(_people))}) for n in refs]


def _between_plan_and_write(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[Session], None]
) -> list[bool]:
    """Run `meanwhile` once, just after the batch's first plan; the plans made, each as
    whether the request's session was outside the write lock at the time."""
    plan = planning.plan
    made: list[bool] = []
    busy = False

    def spy(session: Session, *args: Any, **kwargs: Any) -> Any:
        nonlocal busy
        if busy:  # `meanwhile` writing through the registry's own path
            return plan(session, *args, **kwargs)
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        made.append(not raw.in_transaction or _query_only(raw))
        planned = plan(session, *args, **kwargs)
        if len(made) == 1:
            busy = True
            try:
                meanwhile(session)
            finally:
                busy = False
        return planned

    monkeypatch.setattr(service, "plan", spy)
    return made


def _query_only(raw: Any) -> bool:
    return bool(raw.execute("PRAGMA query_only").fetchone()[0])


def test_the_batch_plans_outside_the_write_lock_and_writes_under_it(
    client: TestClient,
    engine: Engine,
    enterprise: tuple[int, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def another_writer_goes(_session: Session) -> None:
        other = sqlite3.connect(str(engine.url.database), timeout=0.05, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # the lock is free while the batch plans
            other.execute("ROLLBACK")
        finally:
            other.close()

    plans = _between_plan_and_write(monkeypatch, another_writer_goes)
    _, headers = enterprise
    r = client.post(BATCH, json={"items": _items(range(3), "OUT")}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3
    assert plans == [True]  # planned once, outside the lock: the plan held


def test_a_placement_stored_meanwhile_is_updated_not_created_again(
    client: TestClient,
    engine: Engine,
    enterprise: tuple[int, dict[str, str]],
    make: Factory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agency_id, headers = enterprise
    items = _items(range(3), "RACE")
    stored: list[Placement] = []

    def another_request_creates_one(_session: Session) -> None:
        values = dict(items[1], contract_months=24)
        stored.append(make.placement(values.pop("external_ref"), agency_id=agency_id, **values))

    plans = _between_plan_and_write(monkeypatch, another_request_creates_one)
    r = client.post(BATCH, json={"items": items}, headers=headers)
    assert r.status_code == 200, r.text
    # Planned again under the lock, as if the other request had come first.
    assert plans == [True, False]
    results = {i["external_ref"]: (i["result"], i["id"]) for i in r.json()["items"]}
    assert results["RACE-1"] == ("updated", stored[0].id)
    assert [results[f"RACE-{n}"][0] for n in (0, 2)] == ["created", "created"]
    with Session(engine) as check:
        row = check.exec(
            select(Placement).where(
                Placement.agency_id == agency_id, Placement.external_ref == "RACE-1"
            )
        ).one()
        assert (row.id, row.contract_months, row.version) == (stored[0].id, 36, 2)


def test_a_flag_changed_meanwhile_is_planned_again(
    client: TestClient,
    engine: Engine,
    enterprise: tuple[int, dict[str, str]],
    make: Factory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A flag the department sets changes no version: the whole stored row is compared.
    agency_id, headers = enterprise
    items = _items(range(1), "FLAG")
    values = dict(items[0], contract_months=24)
    kept = make.placement(values.pop("external_ref"), agency_id=agency_id, **values)

    def the_flag_changes(_session: Session) -> None:
        with engine.begin() as conn:
            flip = "UPDATE placements SET possible_duplicate = 1 - possible_duplicate"
            conn.execute(text(flip + " WHERE id = :id"), {"id": kept.id})

    plans = _between_plan_and_write(monkeypatch, the_flag_changes)
    r = client.post(BATCH, json={"items": items}, headers=headers)
    assert r.status_code == 200, r.text
    assert plans == [True, False]


def test_a_licence_suspended_meanwhile_refuses_the_batch(
    client: TestClient,
    engine: Engine,
    enterprise: tuple[int, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agency_id, headers = enterprise

    def the_licence_is_suspended(_session: Session) -> None:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE agencies SET status = 'suspended' WHERE id = :id"), {"id": agency_id}
            )

    plans = _between_plan_and_write(monkeypatch, the_licence_is_suspended)
    r = client.post(BATCH, json={"items": _items(range(2), "SUSP")}, headers=headers)
    assert plans == [True, False]
    assert r.status_code == 422, r.text
    assert {e["code"] for e in r.json()["errors"]} == {"licence_not_active"}
    with Session(engine) as check:
        assert not check.exec(select(Placement).where(Placement.agency_id == agency_id)).all()


def test_an_answer_stored_meanwhile_for_the_key_is_replayed(
    client: TestClient,
    engine: Engine,
    enterprise: tuple[int, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, headers = enterprise
    keyed = headers | {"Idempotency-Key": "planned-twice"}
    body = {"items": _items(range(2), "KEY")}
    first = client.post(BATCH, json=body, headers=keyed)
    assert first.status_code == 200, first.text
    with Session(engine) as s:
        row = s.exec(select(IdempotencyKey).where(IdempotencyKey.key == "planned-twice")).one()
        answer = row.model_dump()
        s.delete(row)
        s.commit()

    def the_first_request_answers(_session: Session) -> None:
        with Session(engine) as s:
            s.add(IdempotencyKey(**answer))
            s.commit()

    plans = _between_plan_and_write(monkeypatch, the_first_request_answers)
    again = client.post(BATCH, json=body, headers=keyed)
    assert plans == [True]
    assert again.status_code == 200, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()


def _writer_session(engine: Engine) -> Session:
    session = Session(engine, expire_on_commit=False)
    session.connection(execution_options={SQLITE_IMMEDIATE: True})
    session.info[SQLITE_WRITER] = True
    return session


def test_what_is_planned_outside_the_lock_may_not_write(engine: Engine) -> None:
    with _writer_session(engine) as session:
        with pytest.raises(OperationalError, match="readonly"), outside_write_lock(session):
            session.connection().execute(text("DELETE FROM idempotency_keys"))
        session.rollback()
    used: list[Any] = []
    with _writer_session(engine) as session:
        with pytest.raises(OperationalError, match="readonly"), outside_write_lock(session):
            used.append(session.connection().connection.dbapi_connection)
            session.add(AuditLog(at=utcnow(), actor="x", action="x", entity="x", entity_id="1"))
        session.rollback()
    assert not _query_only(used[0])  # the connection writes again once given back


def test_a_request_that_has_written_stays_under_the_lock(
    engine: Engine, enterprise: tuple[int, dict[str, str]]
) -> None:
    agency_id, _ = enterprise
    with _writer_session(engine) as session:
        session.connection().execute(text("DELETE FROM idempotency_keys WHERE id = -1"))
        with outside_write_lock(session) as outside:
            assert outside  # nothing written yet
        session.connection().execute(
            text("UPDATE agencies SET name = name WHERE id = :id"), {"id": agency_id}
        )
        with outside_write_lock(session) as outside:
            assert not outside
        session.rollback()
    with Session(engine) as session, outside_write_lock(session) as outside:
        assert not outside  # not a request's writing session


def test_the_lock_is_taken_again_after_the_plan(engine: Engine) -> None:
    with _writer_session(engine) as session:
        with outside_write_lock(session) as outside:
            assert outside
            session.connection().execute(text("SELECT count(*) FROM placements"))
        other = sqlite3.connect(str(engine.url.database), timeout=0.05, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        session.rollback()
