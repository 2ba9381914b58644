"""Personal data (Law 91/2025/QH15, Decree 356/2025): the minimum for each role, sensitive data
hidden from those who do not need it, every read traced, no full ID or phone in the audit log
or in the logs."""

import csv
import io
import json
import logging
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.core.logs import RedactPersonalData, redact
from overseas.core.principal import Role
from overseas.placements import retention
from tests import placement_data as data
from tests.factories import Factory
from tests.helpers import assert_problem, last_audit_id

PLACEMENTS = "/api/v1/placements"
FULL_ID = data.NATIONAL_ID
PHONE = "0905123456"


def _create(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    # Enterprises' own placements; an officer's are the department's direct contracts.
    overrides.setdefault("channel", "direct_contract")
    r = client.post(PLACEMENTS, json=data.item(**overrides), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _audit_rows(session: Session, since: int = 0) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(col(AuditLog.id) > since)).all())


# --- what each role sees -------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.viewer, Role.admin])
def test_masked_roles_see_no_full_id_phone_or_policy_groups(
    client: TestClient, make: Factory, officer: dict[str, str], role: Role
) -> None:
    created = _create(client, officer)
    headers = make.headers(role)
    one = client.get(f"{PLACEMENTS}/{created['id']}", headers=headers)
    assert one.status_code == 200, one.text
    listed = client.get(PLACEMENTS, headers=headers).json()["items"]
    ndjson = client.get(f"{PLACEMENTS}/export?format=ndjson", headers=headers).text
    exported = [json.loads(line) for line in ndjson.splitlines() if line]
    for worker in (one.json()["worker"], listed[0]["worker"], exported[0]["worker"]):
        assert worker["national_id"] == "049*******34"
        assert worker["phone"] == "0905****56"
        assert "policy_groups" not in worker
    table = client.get(f"{PLACEMENTS}/export?format=csv", headers=headers).text
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert "policy_groups" not in rows[0]
    assert rows[0]["national_id"] == "049*******34" and rows[0]["phone"] == "0905****56"
    for text in (one.text, json.dumps(listed), ndjson, table):
        assert FULL_ID not in text and PHONE not in text and "poor_household" not in text


def test_officers_see_the_full_record(client: TestClient, officer: dict[str, str]) -> None:
    created = _create(client, officer)
    worker = client.get(f"{PLACEMENTS}/{created['id']}", headers=officer).json()["worker"]
    assert worker["national_id"] == FULL_ID and worker["phone"] == PHONE
    assert worker["policy_groups"] == ["poor_household"]


@pytest.mark.parametrize("role", [Role.viewer, Role.admin])
def test_masked_roles_search_only_by_a_complete_id(
    client: TestClient, make: Factory, officer: dict[str, str], role: Role
) -> None:
    _create(client, officer)
    headers = make.headers(role)
    for prefix in ("049", "049095", FULL_ID[:-1]):
        r = client.get(PLACEMENTS, params={"q": prefix}, headers=headers)
        assert_problem(r, 422, "validation_error", "q")
        r = client.get(f"{PLACEMENTS}/export", params={"q": prefix}, headers=headers)
        assert_problem(r, 422, "validation_error", "q")
    found = client.get(PLACEMENTS, params={"q": FULL_ID}, headers=headers).json()["items"]
    assert len(found) == 1


def test_officers_search_by_part_of_an_id(client: TestClient, officer: dict[str, str]) -> None:
    _create(client, officer)
    found = client.get(PLACEMENTS, params={"q": "049095"}, headers=officer).json()["items"]
    assert len(found) == 1


def test_name_search_takes_percent_and_underscore_literally(
    client: TestClient, officer: dict[str, str]
) -> None:
    _create(client, officer, worker={"full_name": "Lê Văn Bình"})
    for q in ("%", "_", "L_", "%Bình"):
        r = client.get(PLACEMENTS, params={"q": q}, headers=officer)
        assert r.status_code == 200 and r.json()["items"] == [], q


# --- a worker held by two enterprises -------------------------------------------------------


def test_a_duplicate_across_enterprises_is_the_departments_to_see(
    client: TestClient, make: Factory
) -> None:
    a_user, b_user = make.user(Role.agency), make.user(Role.agency)
    a, b = make.headers_for(a_user), make.headers_for(b_user)
    mine = _create(client, a, external_ref="A-1", channel="service_enterprise")
    before = client.get(f"{PLACEMENTS}/{mine['id']}", headers=a)
    theirs = _create(client, b, external_ref="B-1", channel="service_enterprise")
    # Enterprise B is not told that A holds the worker, and A's record did not change.
    assert "possible_duplicate" not in theirs["flags"]
    after = client.get(f"{PLACEMENTS}/{mine['id']}", headers=a)
    assert "possible_duplicate" not in after.json()["flags"]
    assert after.headers["etag"] == before.headers["etag"]
    assert after.json()["updated_at"] == before.json()["updated_at"]
    assert after.json()["version"] == before.json()["version"]
    assert_problem(
        client.get(PLACEMENTS, params={"flag": "possible_duplicate"}, headers=b),
        422,
        "validation_error",
        "flag",
    )
    # The department sees both.
    officer = make.headers(Role.officer)
    flagged = client.get(PLACEMENTS, params={"flag": "possible_duplicate"}, headers=officer)
    assert {p["id"] for p in flagged.json()["items"]} == {mine["id"], theirs["id"]}
    inspector = make.headers(Role.inspector)
    seen = client.get(f"{PLACEMENTS}/{mine['id']}", headers=inspector).json()
    assert "possible_duplicate" in seen["flags"]


# --- the audit log ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.officer, Role.inspector, Role.viewer, Role.admin])
def test_every_read_of_a_record_is_audited_for_every_role(
    client: TestClient, make: Factory, session: Session, officer: dict[str, str], role: Role
) -> None:
    created = _create(client, officer)
    headers = make.headers(role)
    start = last_audit_id(session)
    assert client.get(f"{PLACEMENTS}/{created['id']}", headers=headers).status_code == 200
    assert client.get(PLACEMENTS, headers=headers).status_code == 200
    rows = [r for r in _audit_rows(session, start) if r.action == "read_pii"]
    assert [r.entity_id for r in rows] == [str(created["id"]), str(created["id"])]


@pytest.mark.parametrize("role", [Role.officer, Role.viewer, Role.admin])
def test_every_export_is_audited_without_a_full_id(
    client: TestClient, make: Factory, session: Session, officer: dict[str, str], role: Role
) -> None:
    _create(client, officer)
    start = last_audit_id(session)
    r = client.get(f"{PLACEMENTS}/export", params={"q": FULL_ID}, headers=make.headers(role))
    assert r.status_code == 200
    rows = [r for r in _audit_rows(session, start) if r.entity_id == "export"]
    assert len(rows) == 1 and rows[0].action == "read_pii"
    assert rows[0].changes["filters"]["q"] == "049*******34"


def test_the_audit_log_never_holds_a_full_id_or_phone(
    client: TestClient, make: Factory, session: Session, officer: dict[str, str]
) -> None:
    start = last_audit_id(session)
    created = _create(client, officer)
    batch = client.post(
        f"{PLACEMENTS}/batch",
        json={
            "items": [
                data.item(
                    f"R-{n}",
                    channel="direct_contract",
                    worker={"national_id": data.national_id(n), "phone": PHONE},
                )
                for n in range(3)
            ]
        },
        headers=officer,
    )
    assert batch.status_code == 200, batch.text
    url = f"{PLACEMENTS}/{created['id']}"
    r = client.patch(url, json={"worker": {"phone": "0912345678"}}, headers=officer)
    assert r.status_code == 200, r.text
    etag = r.headers["etag"]
    r = client.delete(url, headers={**officer, "If-Match": etag})
    assert r.status_code == 204, r.text
    rows = _audit_rows(session, start)
    assert {r.action for r in rows} >= {"create", "update", "delete"}
    text = json.dumps([r.changes for r in rows], ensure_ascii=False)
    for secret in (FULL_ID, PHONE, "0912345678", *(data.national_id(n) for n in range(3))):
        assert secret not in text
    update = next(r for r in rows if r.action == "update" and "phone" in r.changes)
    assert update.changes["phone"] == {"before": "0905****56", "after": "0912****78"}


# --- logs ------------------------------------------------------------------------------------


def test_logs_hold_no_id_phone_or_searched_text(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("overseas.test-redaction")
    logger.addFilter(RedactPersonalData())
    try:
        raise ValueError(f"DETAIL:  Key (national_id)=({FULL_ID}) already exists; {PHONE}")
    except ValueError:
        with caplog.at_level(logging.ERROR, logger="overseas.test-redaction"):
            logger.exception("unhandled error")
    access = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/api/v1/placements?q={FULL_ID}&limit=5", "1.1", 200),
        None,
    )
    RedactPersonalData().filter(access)
    text = caplog.text + access.getMessage()
    assert FULL_ID not in text and PHONE not in text
    assert "049*********" in text and "limit=5" in text
    assert redact("/p?q=Nguy%E1%BB%85n+V%C4%83n&x=1") == "/p?q=[redacted]&x=1"


# --- a person's own request -----------------------------------------------------------------

DATA_REQUEST = "/api/v1/workers/data-request"
CORRECTION = "/api/v1/workers/correction"


@pytest.mark.parametrize("role", [Role.officer, Role.admin])
def test_a_data_request_gives_everything_held_about_one_person(
    client: TestClient, make: Factory, session: Session, officer: dict[str, str], role: Role
) -> None:
    first = _create(client, officer, external_ref="P-1")
    client.post(
        f"{PLACEMENTS}/{first['id']}/transitions",
        json={"status": "cancelled", "on": "2024-02-01", "reason": "đổi ý"},
        headers=officer,
    )
    second = _create(client, officer, external_ref="P-2")
    _create(client, officer, external_ref="OTHER", worker={"national_id": data.national_id(77)})
    start = last_audit_id(session)
    r = client.post(DATA_REQUEST, json={"national_id": FULL_ID}, headers=make.headers(role))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["national_id"] == FULL_ID
    assert [p["placement"]["id"] for p in body["placements"]] == [first["id"], second["id"]]
    held = body["placements"][0]
    assert held["placement"]["worker"]["phone"] == PHONE  # in full, for the person
    assert held["placement"]["worker"]["policy_groups"] == ["poor_household"]
    assert [h["status"] for h in held["history"]] == ["registered", "cancelled"]
    assert {a["action"] for a in held["audit"]} >= {"create", "update"}
    rows = [r for r in _audit_rows(session, start) if r.entity == "workers"]
    assert len(rows) == 1 and rows[0].action == "read_pii"
    assert FULL_ID not in json.dumps(rows[0].changes) + rows[0].entity_id
    assert FULL_ID not in r.request.url.path + str(r.request.url.query)


def test_a_data_request_for_nobody_is_404_and_others_may_not_ask(
    client: TestClient, make: Factory
) -> None:
    r = client.post(DATA_REQUEST, json={"national_id": FULL_ID}, headers=make.headers(Role.officer))
    body = assert_problem(r, 404, "not_found")
    assert FULL_ID not in body["detail"]
    for role in (Role.viewer, Role.inspector, Role.agency):
        r = client.post(DATA_REQUEST, json={"national_id": FULL_ID}, headers=make.headers(role))
        assert_problem(r, 403, "forbidden")
    r = client.post(DATA_REQUEST, json={}, headers=make.headers(Role.officer))
    assert_problem(r, 422, "validation_error", "national_id")


def test_a_correction_applies_to_every_record_of_the_person(
    client: TestClient, make: Factory, session: Session, officer: dict[str, str]
) -> None:
    first = _create(client, officer, external_ref="P-1")
    second = _create(client, officer, external_ref="P-2")
    fixed_id = data.national_id(55)
    r = client.post(
        CORRECTION,
        json={
            "national_id": FULL_ID,
            "reason": "the person showed their CCCD",
            "changes": {"full_name": "Nguyễn Văn Ân", "national_id": fixed_id},
        },
        headers=officer,
    )
    assert r.status_code == 200, r.text
    assert r.json()["national_id"] == fixed_id
    for created in (first, second):
        now = client.get(f"{PLACEMENTS}/{created['id']}", headers=officer).json()
        assert now["worker"]["full_name"] == "Nguyễn Văn Ân"
        assert now["worker"]["national_id"] == fixed_id
        assert now["version"] == created["version"] + 1
    row = session.exec(select(AuditLog).where(AuditLog.action == "correct_pii")).one()
    assert row.changes["reason"] == "the person showed their CCCD"
    assert row.changes["fields"] == ["full_name", "national_id"]
    r = client.post(DATA_REQUEST, json={"national_id": FULL_ID}, headers=officer)
    assert_problem(r, 404, "not_found")


def test_a_correction_that_breaks_a_rule_changes_nothing(
    client: TestClient, session: Session, officer: dict[str, str]
) -> None:
    created = _create(client, officer, external_ref="P-1")
    r = client.post(
        CORRECTION,
        json={"national_id": FULL_ID, "reason": "typo", "changes": {"date_of_birth": "2015-01-01"}},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "worker.date_of_birth")
    now = client.get(f"{PLACEMENTS}/{created['id']}", headers=officer).json()
    assert now["worker"]["date_of_birth"] == "1995-04-02" and now["version"] == created["version"]


# --- retention -------------------------------------------------------------------------------


def test_retention_anonymises_placements_cancelled_long_ago(
    client: TestClient, session: Session, officer: dict[str, str]
) -> None:
    def cancelled(ref: str, registered: str, on: str) -> dict[str, Any]:
        created = _create(client, officer, external_ref=ref, registered_on=registered)
        r = client.post(
            f"{PLACEMENTS}/{created['id']}/transitions",
            json={"status": "cancelled", "on": on},
            headers=officer,
        )
        assert r.status_code == 200, r.text
        return created

    old = cancelled("OLD", "2019-01-10", "2019-06-01")
    recent = cancelled("RECENT", "2023-01-10", "2023-06-01")
    active = _create(client, officer, external_ref="ACTIVE")
    today = date(2026, 11, 30)

    report = retention.run(session, years=5, today=today, dry_run=True)
    assert (report.cutoff, report.anonymised) == (date(2021, 11, 30), 1)
    seen = client.get(f"{PLACEMENTS}/{old['id']}", headers=officer).json()
    assert seen["worker"]["national_id"] == FULL_ID

    report = retention.run(session, years=5, today=today, dry_run=False)
    session.commit()
    assert report.anonymised == 1
    gone = client.get(f"{PLACEMENTS}/{old['id']}", headers=officer).json()
    assert gone["worker"]["full_name"] == retention.ANONYMOUS_NAME
    assert gone["worker"]["national_id"] == f"X{old['id']:011d}"
    assert gone["worker"]["date_of_birth"] == "1995-01-01"
    assert gone["worker"]["phone"] is None and gone["worker"]["policy_groups"] == []
    assert gone["status"] == "cancelled" and gone["version"] == old["version"] + 2
    rows = session.exec(
        select(AuditLog).where(
            AuditLog.entity == "placements", AuditLog.entity_id == str(old["id"])
        )
    ).all()
    assert "Nguyễn" not in json.dumps([r.changes for r in rows], ensure_ascii=False)
    # The person's other records are untouched and still theirs.
    for kept in (recent, active):
        worker = client.get(f"{PLACEMENTS}/{kept['id']}", headers=officer).json()["worker"]
        assert worker["national_id"] == FULL_ID and worker["full_name"] == "Nguyễn Văn An"
    held = client.post(
        "/api/v1/workers/data-request", json={"national_id": FULL_ID}, headers=officer
    )
    assert {p["placement"]["id"] for p in held.json()["placements"]} == {recent["id"], active["id"]}
    assert retention.run(session, years=5, today=today, dry_run=False).anonymised == 0
