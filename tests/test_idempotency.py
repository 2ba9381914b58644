"""`Idempotency-Key`: a replay returns the first answer and writes nothing."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select, update

from overseas.agencies.models import Agency
from overseas.audit.models import AuditLog
from overseas.core.db import utcnow
from overseas.core.principal import Role
from overseas.system.models import IdempotencyKey
from tests.factories import Factory

AGENCIES = "/api/v1/agencies"


def _agency_body(n: int = 1) -> dict[str, str]:
    return {"licence_no": f"IDEM-{n}/GP", "name": f"Công ty Idem {n}", "tax_code": "0312345678"}


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_replay_returns_the_first_response_and_writes_nothing(
    client: TestClient, make: Factory, session: Session
) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "key-1"}
    first = client.post(AGENCIES, json=_agency_body(), headers=headers)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    agencies, audits = _count(session, Agency), _count(session, AuditLog)

    again = client.post(AGENCIES, json=_agency_body(), headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert _count(session, Agency) == agencies
    assert _count(session, AuditLog) == audits


def test_same_json_with_other_spacing_is_the_same_request(
    client: TestClient, make: Factory
) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "key-2"}
    client.post(AGENCIES, json=_agency_body(), headers=headers)
    body = (
        b'{ "tax_code": "0312345678", "name": "C\\u00f4ng ty Idem 1", "licence_no": "IDEM-1/GP" }'
    )
    r = client.post(AGENCIES, content=body, headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == 201
    assert r.headers["idempotent-replayed"] == "true"


def test_same_key_with_another_body_is_422(
    client: TestClient, make: Factory, session: Session
) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "key-3"}
    assert client.post(AGENCIES, json=_agency_body(1), headers=headers).status_code == 201
    before = _count(session, Agency)
    r = client.post(AGENCIES, json=_agency_body(2), headers=headers)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "idempotency_key_reused"
    assert r.json()["errors"][0]["field"] == "Idempotency-Key"
    assert _count(session, Agency) == before


def test_same_key_on_another_endpoint_is_422(client: TestClient, make: Factory) -> None:
    headers = {**make.headers(Role.admin), "Idempotency-Key": "key-4"}
    assert client.post(AGENCIES, json=_agency_body(), headers=headers).status_code == 201
    r = client.post(
        "/api/v1/markets",
        json={"code": "XK", "name_vi": "Thử", "name_en": "Test"},
        headers=headers,
    )
    assert r.json()["code"] == "idempotency_key_reused"


def test_keys_are_per_principal(client: TestClient, make: Factory) -> None:
    one = {**make.headers(Role.officer), "Idempotency-Key": "shared"}
    two = {**make.headers(Role.officer), "Idempotency-Key": "shared"}
    assert client.post(AGENCIES, json=_agency_body(1), headers=one).status_code == 201
    r = client.post(AGENCIES, json=_agency_body(2), headers=two)
    assert r.status_code == 201
    assert "idempotent-replayed" not in r.headers


def test_failed_request_keeps_no_key(client: TestClient, make: Factory) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "key-5"}
    bad = client.post(AGENCIES, json={**_agency_body(), "tax_code": "12"}, headers=headers)
    assert bad.status_code == 422
    good = client.post(AGENCIES, json=_agency_body(), headers=headers)
    assert good.status_code == 201
    assert "idempotent-replayed" not in good.headers


def test_key_older_than_24_hours_is_forgotten(
    client: TestClient, make: Factory, session: Session
) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "key-6"}
    assert client.post(AGENCIES, json=_agency_body(1), headers=headers).status_code == 201
    session.exec(
        update(IdempotencyKey)
        .where(col(IdempotencyKey.key) == "key-6")
        .values(created_at=utcnow() - timedelta(hours=25))
    )
    session.commit()
    r = client.post(AGENCIES, json=_agency_body(2), headers=headers)
    assert r.status_code == 201
    assert "idempotent-replayed" not in r.headers


def test_empty_key_is_422(client: TestClient, make: Factory) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "  "}
    r = client.post(AGENCIES, json=_agency_body(), headers=headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "Idempotency-Key"


def test_keys_live_in_the_database(client: TestClient, make: Factory, session: Session) -> None:
    headers = {**make.headers(Role.officer), "Idempotency-Key": "stored-key"}
    client.post(AGENCIES, json=_agency_body(), headers=headers)
    stored = session.exec(select(IdempotencyKey).where(IdempotencyKey.key == "stored-key")).one()
    assert stored.status_code == 201
    assert stored.body["licence_no"] == "IDEM-1/GP"
