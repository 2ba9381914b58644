"""The complaints register (docs/complaints.md): recording, filtering and triaging complaints,
If-Match, who may see them (never an enterprise), the audit of complainants' personal data, a
complaint leading to an inspection of kind `complaint`, bad input, and the counts the risk
ranking reads."""

import logging
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from overseas.audit.models import AuditLog
from overseas.complaints import rules
from overseas.complaints.models import Complaint, ComplaintSource, ComplaintStatus
from overseas.complaints.service import ComplaintCounts, complaint_counts, window_start
from overseas.core.db import today
from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem, last_audit_id

COMPLAINTS = "/api/v1/complaints"
NAME, PHONE, ADDRESS = "Trần Thị Phản Ánh (ví dụ)", "0905123456", "Thôn Mẫu, xã Đại Lộc (ví dụ)"
# A commune of the former district Đại Lộc (the reference areas of the migrations).
COMMUNE = "20506"


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def body(**fields: Any) -> dict[str, Any]:
    return {
        "received_on": days_ago(3),
        "source": "family",
        "category": "fees",
        "summary": "Doanh nghiệp thu tiền dịch vụ cao hơn hợp đồng.",
    } | fields


def create(client: TestClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    r = client.post(COMPLAINTS, json=body(**fields), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def get(client: TestClient, headers: dict[str, str], cid: int) -> dict[str, Any]:
    r = client.get(f"{COMPLAINTS}/{cid}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def patch(
    client: TestClient, headers: dict[str, str], complaint: dict[str, Any], **changes: Any
) -> Any:
    return client.patch(
        f"{COMPLAINTS}/{complaint['id']}",
        json=changes,
        headers=headers | {"If-Match": f'"{complaint["version"]}"'},
    )


def ids(client: TestClient, headers: dict[str, str], **params: Any) -> list[int]:
    r = client.get(COMPLAINTS, params={"limit": 500} | params, headers=headers)
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["items"]]


# --- recording, reading, listing -----------------------------------------------------------


def test_a_complaint_is_recorded_open_and_read_back_with_its_etag(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    r = client.post(
        COMPLAINTS,
        json=body(
            agency_id=agency_id,
            complainant_name=f"  {NAME} ",
            complainant_phone="0905 123 456",
            complainant_address=ADDRESS,
            area_code=COMMUNE,
        ),
        headers=officer,
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert r.headers["location"] == f"{COMPLAINTS}/{made['id']}"
    assert r.headers["etag"] == '"1"'
    assert made["status"] == "open"
    assert made["agency_id"] == agency_id
    assert made["source"] == "family" and made["category"] == "fees"
    assert made["complainant_name"] == NAME
    assert made["complainant_phone"] == PHONE
    assert made["area_code"] == COMMUNE
    assert made["inspection_id"] is None and made["substantiated"] is None
    assert made["resolved_on"] is None and made["outcome"] is None

    r = client.get(f"{COMPLAINTS}/{made['id']}", headers=officer)
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == '"1"'
    assert r.json() == made


def test_an_anonymous_complaint_about_no_known_enterprise_is_recorded(
    client: TestClient, make: Factory
) -> None:
    inspector = make.headers(Role.inspector)
    made = create(client, inspector, source="press", category="other")
    assert made["agency_id"] is None and made["complainant_name"] is None


def test_a_complaint_about_a_worker_takes_the_enterprise_of_the_placement(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    placement = make.placement()
    made = create(client, officer, placement_id=placement.id, source="worker")
    assert made["agency_id"] == placement.agency_id
    assert made["placement_id"] == placement.id

    other = make.agency().id
    r = client.post(
        COMPLAINTS, json=body(agency_id=other, placement_id=placement.id), headers=officer
    )
    assert_problem(r, 422, "validation_error", "placement_id")


def test_the_list_filters_and_pages_newest_received_first(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    first, second = make.agency().id, make.agency().id
    a = create(client, officer, agency_id=first, received_on=days_ago(40), source="worker")
    b = create(client, officer, agency_id=first, received_on=days_ago(10), category="wages")
    c = create(client, officer, agency_id=second, received_on=days_ago(20), source="commune")
    d = create(client, officer, agency_id=second, received_on=days_ago(20), source="press")
    resolved = patch(client, officer, c, status="resolved", substantiated=True).json()

    mine = {a["id"], b["id"], c["id"], d["id"]}
    listed = [i for i in ids(client, officer) if i in mine]
    # Newest received first; the same day, the later recorded first.
    assert listed == [b["id"], d["id"], c["id"], a["id"]]
    assert ids(client, officer, agency_id=first) == [b["id"], a["id"]]
    assert ids(client, officer, agency_id=second, status="resolved") == [c["id"]]
    assert ids(client, officer, agency_id=second, status="open") == [d["id"]]
    assert ids(client, officer, agency_id=first, source="worker") == [a["id"]]
    assert ids(client, officer, agency_id=first, category="wages") == [b["id"]]
    assert ids(client, officer, agency_id=second, substantiated=True) == [c["id"]]
    assert ids(client, officer, agency_id=second, substantiated=False) == []
    assert ids(
        client, officer, agency_id=first, received_from=days_ago(15), received_to=days_ago(5)
    ) == [b["id"]]
    assert set(ids(client, officer, updated_since=resolved["updated_at"])) >= {c["id"]}
    assert a["id"] not in ids(client, officer, updated_since=resolved["updated_at"])

    r = client.get(
        COMPLAINTS, params={"agency_id": second, "limit": 1, "include_total": True}, headers=officer
    )
    page = r.json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["next_cursor"]
    r = client.get(
        COMPLAINTS,
        params={"agency_id": second, "limit": 1, "cursor": page["next_cursor"]},
        headers=officer,
    )
    assert [x["id"] for x in page["items"] + r.json()["items"]] == [d["id"], c["id"]]
    assert r.json()["next_cursor"] is None


# --- triage ---------------------------------------------------------------------------------


def test_triage_moves_open_to_investigating_to_resolved_with_a_finding(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    made = create(client, officer, agency_id=agency_id)
    r = patch(client, officer, made, status="investigating")
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == '"2"'
    investigating = r.json()
    assert investigating["status"] == "investigating" and investigating["version"] == 2

    r = patch(client, officer, investigating, status="resolved")
    assert_problem(r, 422, "validation_error", "substantiated")
    r = patch(
        client,
        officer,
        investigating,
        status="resolved",
        substantiated=True,
        outcome="Doanh nghiệp đã hoàn trả phần thu vượt.",
    )
    assert r.status_code == 200, r.text
    resolved = r.json()
    assert resolved["status"] == "resolved" and resolved["substantiated"] is True
    assert resolved["resolved_on"] == today().isoformat()

    # Resolved is final; its finding stays required.
    assert_problem(patch(client, officer, resolved, status="open"), 409, "invalid_transition")
    assert_problem(patch(client, officer, resolved, substantiated=None), 422, "validation_error")
    r = patch(client, officer, resolved, outcome="Đã kiểm tra lại chứng từ hoàn trả.")
    assert r.status_code == 200, r.text


def test_an_open_complaint_may_be_referred_at_once_on_a_given_day(
    client: TestClient, officer: dict[str, str]
) -> None:
    made = create(client, officer, received_on=days_ago(10))
    r = patch(client, officer, made, status="referred", resolved_on=days_ago(2))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "referred" and r.json()["resolved_on"] == days_ago(2)
    r = patch(client, officer, r.json(), status="investigating")
    assert_problem(r, 409, "invalid_transition")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"resolved_on": "2026-01-01"}, "resolved_on"),  # the complaint is still open
        ({"status": "referred", "resolved_on": "2999-01-01"}, "resolved_on"),
        ({"status": "referred", "resolved_on": "2001-01-01"}, "resolved_on"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"summary": None}, "summary"),
        ({"status": None}, "status"),
        ({"agency_id": 987654}, "agency_id"),
        ({"area_code": "nowhere"}, "area_code"),
        ({"inspection_id": 987654}, "inspection_id"),
        ({"complainant_phone": "12ab"}, "complainant_phone"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_change_is_a_422_naming_the_field_and_changes_nothing(
    client: TestClient, officer: dict[str, str], changes: dict[str, Any], field: str
) -> None:
    made = create(client, officer)
    assert_problem(patch(client, officer, made, **changes), 422, "validation_error", field)
    assert get(client, officer, made["id"]) == made


def test_a_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    made = create(client, officer)
    inspector = make.headers(Role.inspector)
    assert patch(client, inspector, made, category="wages").status_code == 200
    r = patch(client, officer, made, category="treatment")
    assert_problem(r, 412, "precondition_failed")
    now = get(client, officer, made["id"])
    assert now["category"] == "wages" and now["version"] == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"summary": "   "}, "summary"),
        ({"source": "rumour"}, "source"),
        ({"category": "weather"}, "category"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"received_on": "yesterday"}, "received_on"),
        ({"agency_id": 987654}, "agency_id"),
        ({"agency_id": 0}, "agency_id"),
        ({"placement_id": 987654}, "placement_id"),
        ({"area_code": "nowhere"}, "area_code"),
        ({"complainant_phone": "call me"}, "complainant_phone"),
        ({"complainant_name": "x" * 201}, "complainant_name"),
        ({"status": "resolved"}, "status"),  # a complaint starts open
        ({"inspection_id": 1}, "inspection_id"),  # linked by PATCH or by starting one
    ],
)
def test_bad_input_is_a_422_naming_the_field(
    client: TestClient, officer: dict[str, str], fields: dict[str, Any], field: str
) -> None:
    r = client.post(COMPLAINTS, json=body(**fields), headers=officer)
    assert_problem(r, 422, "validation_error", field)


def test_a_missing_field_and_a_reversed_period_are_422_naming_them(
    client: TestClient, officer: dict[str, str]
) -> None:
    r = client.post(COMPLAINTS, json={"source": "worker"}, headers=officer)
    problem = assert_problem(r, 422, "validation_error")
    assert {"received_on", "summary"} <= {e["field"] for e in problem["errors"]}
    r = client.get(
        COMPLAINTS,
        params={"received_from": "2026-02-01", "received_to": "2026-01-01"},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "received_to")


# --- who may see it ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.agency, Role.viewer, Role.admin])
def test_no_one_but_officers_and_inspectors_reaches_a_complaint(
    client: TestClient, officer: dict[str, str], make: Factory, role: Role
) -> None:
    # The enterprise complained about is the caller's own: it still learns nothing.
    caller = make.user(role)
    agency_id = caller.agency_id or make.agency().id
    made = create(client, officer, agency_id=agency_id, complainant_name=NAME)
    headers = make.headers_for(caller)
    one = f"{COMPLAINTS}/{made['id']}"
    answers = [
        client.get(COMPLAINTS, headers=headers),
        client.post(COMPLAINTS, json=body(agency_id=agency_id), headers=headers),
        client.get(one, headers=headers),
        client.patch(one, json={"status": "investigating"}, headers=headers),
        client.post(f"{one}/inspection", json={}, headers=headers),
    ]
    for r in answers:
        assert_problem(r, 403, "forbidden")
        assert NAME not in r.text
    assert get(client, officer, made["id"]) == made


# --- personal data -----------------------------------------------------------------------


def _read_pii(session: Session, since: int) -> list[AuditLog]:
    return list(
        session.exec(
            select(AuditLog)
            .where(col(AuditLog.id) > since, AuditLog.action == "read_pii")
            .order_by(col(AuditLog.id))
        ).all()
    )


def test_each_read_that_shows_a_complainant_is_audited(
    client: TestClient, session: Session, make: Factory
) -> None:
    user = make.user(Role.inspector)
    headers = make.headers_for(user)
    agency_id = make.agency().id
    named = create(client, headers, agency_id=agency_id, complainant_name=NAME)
    anonymous = create(client, headers, agency_id=agency_id)
    start = last_audit_id(session)

    get(client, headers, anonymous["id"])
    assert _read_pii(session, start) == []

    get(client, headers, named["id"])
    (one,) = _read_pii(session, start)
    assert (one.actor, one.entity, one.entity_id) == (user.username, "complaints", str(named["id"]))

    start = last_audit_id(session)
    assert set(ids(client, headers, agency_id=agency_id)) == {named["id"], anonymous["id"]}
    (page,) = _read_pii(session, start)
    # The page showed one complainant: the anonymous complaint is no read of personal data.
    assert page.entity == "complaints" and page.changes == {"ids": [named["id"]]}


def test_the_audit_log_holds_the_complainant_masked(
    client: TestClient, session: Session, officer: dict[str, str]
) -> None:
    start = last_audit_id(session)
    made = create(
        client,
        officer,
        complainant_name=NAME,
        complainant_phone=PHONE,
        complainant_address=ADDRESS,
    )
    patch(client, officer, made, complainant_phone="0912345678")
    rows = session.exec(
        select(AuditLog).where(col(AuditLog.id) > start, AuditLog.entity == "complaints")
    ).all()
    assert [r.action for r in rows] == ["create", "update"]
    created, updated = rows[0].changes, rows[1].changes
    assert created["complainant_name"]["after"] == "*" * len(NAME)
    assert created["complainant_address"]["after"] == "*" * len(ADDRESS)
    assert created["complainant_phone"]["after"] == "0905****56"
    assert updated["complainant_phone"] == {"before": "0905****56", "after": "0912****78"}
    assert created["summary"]["after"] == made["summary"]
    text = str([r.changes for r in rows])
    assert NAME not in text and PHONE not in text and ADDRESS not in text


def test_complainants_are_never_written_into_the_logs(
    client: TestClient, officer: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    made = create(client, officer, complainant_name=NAME, complainant_phone=PHONE)
    get(client, officer, made["id"])
    ids(client, officer)
    patch(client, officer, made, complainant_address=ADDRESS)
    # A refused write echoes nothing of the person either.
    r = client.post(
        COMPLAINTS,
        json=body(agency_id=987654, complainant_name=NAME, complainant_phone=PHONE),
        headers=officer,
    )
    assert r.status_code == 422
    assert NAME not in r.text and PHONE not in r.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert NAME not in logged and PHONE not in logged and ADDRESS not in logged


# --- a complaint leading to an inspection ----------------------------------------------------


def test_a_complaint_leads_to_an_inspection_of_kind_complaint(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency_id = make.agency().id
    inspector = make.headers(Role.inspector)
    made = create(client, officer, agency_id=agency_id, complainant_name=NAME)

    r = client.post(
        f"{COMPLAINTS}/{made['id']}/inspection",
        json={"decision_no": " 12/QĐ-TTr ", "planned_on": days_ago(-7)},
        headers=inspector,
    )
    assert r.status_code == 201, r.text
    linked = r.json()
    inspection_id = linked["inspection_id"]
    assert inspection_id is not None
    assert r.headers["location"] == f"/api/v1/inspections/{inspection_id}"
    assert linked["status"] == "investigating" and linked["version"] == 2
    assert get(client, officer, made["id"]) == linked

    r = client.get(f"/api/v1/inspections/{inspection_id}", headers=officer)
    assert r.status_code == 200, r.text
    inspection = r.json()
    assert inspection["kind"] == "complaint" and inspection["agency_id"] == agency_id
    assert inspection["status"] == "planned" and inspection["decision_no"] == "12/QĐ-TTr"
    assert inspection["planned_on"] == days_ago(-7)
    # No personal data of the complainant travels into the inspection.
    assert NAME not in r.text
    r = client.get(
        "/api/v1/inspections", params={"agency_id": agency_id, "kind": "complaint"}, headers=officer
    )
    assert [i["id"] for i in r.json()["items"]] == [inspection_id]
    assert ids(client, officer, inspection_id=inspection_id) == [made["id"]]

    # Once is enough: a second start is refused and plans nothing.
    r = client.post(f"{COMPLAINTS}/{made['id']}/inspection", json={}, headers=officer)
    assert_problem(r, 409, "complaint_has_inspection")
    r = client.get("/api/v1/inspections", params={"agency_id": agency_id}, headers=officer)
    assert len(r.json()["items"]) == 1

    # The inspection's findings settle the complaint.
    r = patch(client, officer, linked, status="resolved", substantiated=True)
    assert r.status_code == 200, r.text


def test_an_inspection_needs_an_enterprise_and_a_complaint_still_open(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    nameless = create(client, officer)
    r = client.post(f"{COMPLAINTS}/{nameless['id']}/inspection", json={}, headers=officer)
    assert_problem(r, 422, "validation_error", "agency_id")

    done = create(client, officer, agency_id=agency_id)
    done = patch(client, officer, done, status="resolved", substantiated=False).json()
    r = client.post(f"{COMPLAINTS}/{done['id']}/inspection", json={}, headers=officer)
    assert_problem(r, 409, "complaint_closed")

    fresh = create(client, officer, agency_id=agency_id)
    r = client.post(
        f"{COMPLAINTS}/{fresh['id']}/inspection",
        json={"scope_from": "2025-06-01", "scope_to": "2025-01-01"},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "scope_to")
    r = client.post(f"{COMPLAINTS}/{fresh['id']}/inspection", json={"kind": "x"}, headers=officer)
    assert_problem(r, 422, "validation_error", "kind")
    assert get(client, officer, fresh["id"]) == fresh
    assert client.get(f"{COMPLAINTS}/987654", headers=officer).status_code == 404


def test_a_complaint_joins_an_existing_inspection_of_its_enterprise_only(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    agency_id, other = make.agency().id, make.agency().id
    ours = make.inspection(agency_id, kind="unscheduled")
    theirs = make.inspection(other)
    made = create(client, officer, agency_id=agency_id)

    r = patch(client, officer, made, inspection_id=theirs.id)
    assert_problem(r, 422, "validation_error", "inspection_id")
    r = patch(client, officer, made, inspection_id=ours.id)
    assert r.status_code == 200, r.text
    linked = r.json()
    assert linked["inspection_id"] == ours.id and linked["status"] == "investigating"

    # The enterprise cannot change away from the linked inspection's.
    r = patch(client, officer, linked, agency_id=other)
    assert_problem(r, 422, "validation_error", "agency_id")
    r = patch(client, officer, linked, agency_id=other, inspection_id=theirs.id)
    assert r.status_code == 200, r.text
    assert r.json()["agency_id"] == other and r.json()["inspection_id"] == theirs.id


def test_deleting_a_placement_entered_by_mistake_keeps_the_complaint(
    client: TestClient, officer: dict[str, str], make: Factory
) -> None:
    placement = make.placement()
    made = create(client, officer, placement_id=placement.id)
    r = client.delete(f"/api/v1/placements/{placement.id}", headers=officer)
    assert r.status_code == 204, r.text
    kept = get(client, officer, made["id"])
    assert kept["placement_id"] is None and kept["agency_id"] == placement.agency_id


# --- the counts the risk ranking reads -----------------------------------------------------


def _complaint(
    session: Session,
    agency_id: int | None,
    received_on: date,
    status: ComplaintStatus = ComplaintStatus.open,
    substantiated: bool | None = None,
) -> None:
    session.add(
        Complaint(
            agency_id=agency_id,
            received_on=received_on,
            source=ComplaintSource.worker,
            summary="Phản ánh (ví dụ)",
            status=status,
            substantiated=substantiated,
        )
    )
    session.commit()


def test_the_risk_counts_are_open_complaints_and_substantiated_ones_of_24_months(
    session: Session, make: Factory
) -> None:
    on = date(2026, 5, 31)
    busy, quiet, clean = make.agency().id, make.agency().id, make.agency().id
    assert busy and quiet and clean
    open_, investigating = ComplaintStatus.open, ComplaintStatus.investigating
    resolved, referred = ComplaintStatus.resolved, ComplaintStatus.referred
    # Open, however old; substantiated, only received from 2024-05-31 to 2026-05-31.
    _complaint(session, busy, date(2019, 1, 1), open_)
    _complaint(session, busy, date(2026, 5, 1), investigating, substantiated=True)
    _complaint(session, busy, date(2024, 5, 31), resolved, substantiated=True)
    _complaint(session, busy, date(2024, 5, 30), resolved, substantiated=True)
    _complaint(session, busy, date(2025, 1, 1), resolved, substantiated=False)
    _complaint(session, busy, date(2025, 1, 1), referred)
    _complaint(session, busy, date(2026, 6, 1), resolved, substantiated=True)  # after `on`
    _complaint(session, quiet, date(2025, 3, 3), referred)
    _complaint(session, None, date(2026, 5, 1), open_)

    counts = complaint_counts(session, [busy, quiet, clean], on=on)
    assert counts == {
        busy: ComplaintCounts(open=2, substantiated=2),
        quiet: ComplaintCounts(open=0, substantiated=0),
        clean: ComplaintCounts(open=0, substantiated=0),
    }
    everyone = complaint_counts(session, on=on)
    assert everyone[busy] == counts[busy] and everyone[quiet] == counts[quiet]
    assert clean not in everyone
    assert complaint_counts(session, [], on=on) == {}


def test_the_window_starts_the_same_day_two_years_before() -> None:
    assert window_start(date(2026, 5, 31)) == date(2024, 5, 31)
    assert window_start(date(2026, 2, 28)) == date(2024, 2, 28)
    assert window_start(date(2028, 2, 29)) == date(2026, 2, 28)
    assert window_start(date(2026, 3, 31), months=1) == date(2026, 2, 28)
    assert rules.SUBSTANTIATED_WINDOW_MONTHS == 24
