"""Inspections as the sanctioning procedure runs them (docs/inspections.md): violations chosen
from Decree 283/2026's catalogue with fines within the act's range for the offender (per worker
affected, up to the cap; an organisation pays twice an individual's amount, Art. 7(1)), the time
limit (2 years, Art. 3(4)(b)), remedies as items done or cancelled by an amending decision, the
check record, the sanction decision within its signer's power (Art. 55-63) and attached scans."""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from overseas.core.db import today
from overseas.core.principal import Role
from overseas.law import fines
from overseas.law.models import SanctionPower, ViolationType
from tests.factories import Factory
from tests.helpers import assert_problem

INSPECTIONS = "/api/v1/inspections"
PDF = b"%PDF-1.4\n% synthetic scan for tests\n"
# An act that ended after Decree 283/2026 took effect, within the time limit whenever the
# tests run.
ENDED = max(fines.DECREE_283_IN_FORCE, today() - timedelta(days=30)).isoformat()


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


@pytest.fixture
def started(client: TestClient, officer: dict[str, str], agency_id: int) -> dict[str, Any]:
    """An inspection decided and started five days ago."""
    five_days_ago = (today() - timedelta(days=5)).isoformat()
    body = {
        "agency_id": agency_id,
        "kind": "scheduled",
        "decision_no": "15/QĐ-SNV",
        "decision_date": five_days_ago,
        "decision_signer": "Giám đốc Sở Nội vụ (ví dụ)",
        "team_members": ["Trưởng đoàn (ví dụ)", "Thành viên (ví dụ)"],
    }
    created = _ok(client.post(INSPECTIONS, json=body, headers=officer), 201)
    step = {"status": "in_progress", "on": five_days_ago}
    return _ok(
        client.post(f"{INSPECTIONS}/{created['id']}/transitions", json=step, headers=officer)
    )


def _violation(client: TestClient, officer: dict[str, str], iid: int, **body: Any) -> Any:
    return client.post(f"{INSPECTIONS}/{iid}/violations", json=body, headers=officer)


def _act(code: str) -> dict[str, Any]:
    return {"violation_type": code, "act_ended_on": ENDED}


# --- fines -----------------------------------------------------------------------------------


def test_a_per_worker_act_is_fined_per_worker_up_to_its_cap(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    # Art. 49(2)(a): 10-20 million per worker affected, at most 200 million (organisation).
    three = _act("d283-49-2-a") | {"affected_workers": 3}
    assert_problem(
        _violation(client, officer, iid, **three, fine_vnd=61_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )
    assert_problem(
        _violation(client, officer, iid, **three, fine_vnd=29_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )
    made = _ok(_violation(client, officer, iid, **three, fine_vnd=45_000_000), 201)
    assert made["catalogued"] is True and made["offender"] == "organisation"
    assert made["legal_basis"] == "Decree 283/2026/NĐ-CP Art. 49(2)(a)"
    assert made["description"]  # the catalogue's title when none is given
    many = _act("d283-49-2-a") | {"affected_workers": 15}
    # 15 workers: 150-300 million, capped at 200 million.
    assert_problem(
        _violation(client, officer, iid, **many, fine_vnd=210_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )
    _ok(_violation(client, officer, iid, **many, fine_vnd=200_000_000), 201)
    problem = assert_problem(
        _violation(client, officer, iid, **_act("d283-49-2-a"), fine_vnd=20_000_000),
        422,
        "validation_error",
        "affected_workers",
    )
    assert "workers affected" in problem["errors"][0]["message"]


def test_an_organisation_pays_twice_an_individuals_amount(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    # Art. 51(7)(a) prints 75-90 million for an individual: a company pays 150-180 million.
    act = _act("d283-51-7-a")
    assert_problem(
        _violation(client, officer, iid, **act, fine_vnd=90_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )
    company = _ok(_violation(client, officer, iid, **act, fine_vnd=160_000_000), 201)
    assert company["offender"] == "organisation"
    person = act | {"offender": "individual"}
    assert_problem(
        _violation(client, officer, iid, **person, fine_vnd=160_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )
    _ok(_violation(client, officer, iid, **person, fine_vnd=80_000_000), 201)
    # Art. 49(1)(a) prints 10-15 million for an organisation: an individual pays half.
    half = _act("d283-49-1-a") | {"offender": "individual"}
    _ok(_violation(client, officer, iid, **half, fine_vnd=6_000_000), 201)
    assert_problem(
        _violation(client, officer, iid, **half, fine_vnd=12_000_000),
        422,
        "validation_error",
        "fine_vnd",
    )


def test_the_fine_rules_directly(session: Session) -> None:
    per_worker = session.get(ViolationType, "d283-51-3-a")  # 5-10 million, individual, cap 100
    assert per_worker is not None
    person = fines.fine_range(per_worker, fines.Offender.individual, 4)
    assert (person.low, person.high, person.top) == (20_000_000, 40_000_000, 100_000_000)
    company = fines.fine_range(per_worker, fines.Offender.organisation, 30)
    assert (company.low, company.high, company.top) == (200_000_000, 200_000_000, 200_000_000)
    assert fines.time_limit_ends(date(2024, 2, 29)) == date(2026, 2, 28)
    assert fines.time_limit_ends(date(2026, 10, 1)) == date(2028, 10, 1)


# --- the act and the time limit --------------------------------------------------------------


def test_the_act_must_be_in_the_catalogue_on_the_day_it_ended(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    before = {"violation_type": "d283-49-1-a", "act_ended_on": "2026-08-31"}
    problem = assert_problem(
        _violation(client, officer, iid, **before, fine_vnd=12_000_000),
        422,
        "validation_error",
        "violation_type",
    )
    assert "Decree 12/2022" in problem["errors"][0]["message"]
    assert_problem(
        _violation(client, officer, iid, violation_type="d283-49-1-a", fine_vnd=12_000_000),
        422,
        "validation_error",
        "act_ended_on",
    )
    assert_problem(
        _violation(client, officer, iid, **_act("d283-99-9"), fine_vnd=1),
        422,
        "validation_error",
        "violation_type",
    )
    # An act of 2025 stays free text with its legal basis under Decree 12/2022.
    old = _ok(
        _violation(
            client,
            officer,
            iid,
            category="late_or_missing_report",
            description="Không báo cáo định kỳ năm 2025",
            legal_basis="Nghị định 12/2022/NĐ-CP Điều 40",
            act_ended_on="2025-12-19",
            fine_vnd=5_000_000,
        ),
        201,
    )
    assert old["catalogued"] is False and old["violation_type"] is None


def test_an_act_past_the_time_limit_is_refused(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    too_old = today().replace(year=today().year - 2) - timedelta(days=1)
    problem = assert_problem(
        _violation(
            client,
            officer,
            started["id"],
            description="Thu phí vượt trần",
            legal_basis="Nghị định 12/2022/NĐ-CP Điều 41",
            act_ended_on=too_old.isoformat(),
        ),
        422,
        "validation_error",
        "act_ended_on",
    )
    assert "Art. 3(4)(b)" in problem["errors"][0]["message"]
    in_time = today().replace(year=today().year - 2) + timedelta(days=1)
    _ok(
        _violation(
            client,
            officer,
            started["id"],
            description="Thu phí vượt trần",
            legal_basis="Nghị định 12/2022/NĐ-CP Điều 41",
            act_ended_on=in_time.isoformat(),
        ),
        201,
    )


# --- remedies --------------------------------------------------------------------------------


def _placement_of(make: Factory, agency_id: int) -> int:
    placement = make.placement(agency_id=agency_id)
    assert placement.id is not None
    return placement.id


def test_remedies_are_items_done_or_cancelled_by_an_amending_decision(
    client: TestClient,
    officer: dict[str, str],
    started: dict[str, Any],
    make: Factory,
    agency_id: int,
) -> None:
    iid = started["id"]
    ours = [_placement_of(make, agency_id), _placement_of(make, agency_id)]
    theirs = _placement_of(make, int(make.agency().id or 0))
    due = (today() + timedelta(days=30)).isoformat()
    refund = {
        "kind": "refund_workers",
        "description": "Trả lại tiền thu vượt cho người lao động",
        "amount_vnd": 24_000_000,
        "placement_ids": ours,
        "due_on": due,
    }
    body = _act("d283-49-6-b") | {"affected_workers": 2, "fine_vnd": 110_000_000}
    # A refund states the amount and whom; the placements are the enterprise's own.
    no_whom = refund | {"placement_ids": []}
    assert_problem(
        _violation(client, officer, iid, **body, remedies=[no_whom]), 422, "validation_error"
    )
    stranger = refund | {"placement_ids": [*ours, theirs]}
    assert_problem(
        _violation(client, officer, iid, **body, remedies=[stranger]),
        422,
        "validation_error",
        "remedies.placement_ids",
    )
    fund = {"kind": "pay_support_fund", "description": "Nộp vào Quỹ", "due_on": due}
    made = _ok(_violation(client, officer, iid, **body, remedies=[refund, fund]), 201)
    assert [r["kind"] for r in made["remedies"]] == ["refund_workers", "pay_support_fund"]
    assert made["remedy"] == "Trả lại tiền thu vượt cho người lao động; Nộp vào Quỹ"
    assert (made["remedy_due"], made["remedied_on"]) == (due, None)
    vid, (first, second) = made["id"], made["remedies"]
    base = f"{INSPECTIONS}/{iid}/violations/{vid}"
    # The summary follows the items; the law has no waiver.
    assert_problem(
        client.patch(base, json={"waived": True}, headers=officer),
        422,
        "validation_error",
        "waived",
    )
    assert_problem(
        client.patch(base, json={"remedied_on": today().isoformat()}, headers=officer),
        422,
        "validation_error",
        "remedied_on",
    )
    done = _ok(
        client.patch(
            f"{base}/remedies/{first['id']}",
            json={"done_on": today().isoformat()},
            headers=officer | {"If-Match": '"1"'},
        )
    )
    assert done["remedied_on"] is None  # one item still due
    assert_problem(
        client.patch(
            f"{base}/remedies/{second['id']}", json={"cancelled_by": "20/QĐ-SNV"}, headers=officer
        ),
        422,
        "validation_error",
        "cancelled_on",
    )
    r = client.patch(
        f"{base}/remedies/{second['id']}",
        json={"cancelled_by": "20/QĐ-SNV", "cancelled_on": today().isoformat()},
        headers=officer | {"If-Match": '"9"'},
    )
    assert_problem(r, 412, "precondition_failed")
    settled = _ok(
        client.patch(
            f"{base}/remedies/{second['id']}",
            json={"cancelled_by": "20/QĐ-SNV", "cancelled_on": today().isoformat()},
            headers=officer,
        )
    )
    assert settled["remedied_on"] == today().isoformat()
    assert settled["remedies"][1]["cancelled_by"] == "20/QĐ-SNV"


# --- the procedure's records -----------------------------------------------------------------


def _check_record(**overrides: Any) -> dict[str, Any]:
    return {
        "held_at": f"{(today() - timedelta(days=3)).isoformat()}T09:00:00",
        "place": "Trụ sở doanh nghiệp (ví dụ)",
        "representative_name": "Người đại diện (ví dụ)",
        "representative_position": "Giám đốc",
        "period_from": "2025-01-01",
        "period_to": "2026-06-30",
        "documents_sampled": "Sổ theo dõi hợp đồng, chứng từ thu phí",
        "worker_files_sampled": 20,
        "findings": "Thu tiền dịch vụ vượt mức trần của 2 người lao động",
        "explanation": "Doanh nghiệp thừa nhận",
    } | overrides


def test_the_check_record_follows_the_decision(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    url = f"{INSPECTIONS}/{iid}/check-record"
    early = _check_record(held_at=f"{(today() - timedelta(days=9)).isoformat()}T09:00:00")
    assert_problem(client.put(url, json=early, headers=officer), 422, "validation_error", "held_at")
    refused = _check_record(signed=False)
    assert_problem(client.put(url, json=refused, headers=officer), 422, "validation_error")
    r = client.put(url, json=_check_record(), headers=officer)
    record = _ok(r)
    assert r.headers["etag"] == '"1"' and record["signed"] is True
    again = _check_record(signed=False, refusal_reason="Người đại diện không đồng ý kết luận")
    r = client.put(url, json=again, headers=officer | {"If-Match": '"5"'})
    assert_problem(r, 412, "precondition_failed")
    r = client.put(url, json=again, headers=officer | {"If-Match": '"1"'})
    assert _ok(r)["refusal_reason"] == "Người đại diện không đồng ý kết luận"
    # A decision dated after the check it ordered is refused.
    later = (today() - timedelta(days=1)).isoformat()
    r = client.patch(f"{INSPECTIONS}/{iid}", json={"decision_date": later}, headers=officer)
    assert_problem(r, 422, "validation_error", "decision_date")
    shown = _ok(client.get(f"{INSPECTIONS}/{iid}", headers=officer))
    assert shown["check_record"]["worker_files_sampled"] == 20
    assert shown["team_members"] == ["Trưởng đoàn (ví dụ)", "Thành viên (ví dụ)"]
    assert shown["decision_signer"] == "Giám đốc Sở Nội vụ (ví dụ)"


def _concluded_with(
    client: TestClient, officer: dict[str, str], iid: int, **violation: Any
) -> dict[str, Any]:
    made = _ok(_violation(client, officer, iid, **violation), 201)
    on = today().isoformat()
    step = {"status": "concluded", "on": on, "result": "violations"}
    _ok(client.post(f"{INSPECTIONS}/{iid}/transitions", json=step, headers=officer))
    return made


def _decision(**overrides: Any) -> dict[str, Any]:
    return {
        "number": "25/QĐ-XPHC",
        "decided_on": today().isoformat(),
        "signer_power": "d283-61-1",
        "signer_name": "Giám đốc Sở Nội vụ (ví dụ)",
    } | overrides


def test_the_signer_must_hold_the_power_for_the_act(
    client: TestClient, officer: dict[str, str], started: dict[str, Any], session: Session
) -> None:
    iid = started["id"]
    url = f"{INSPECTIONS}/{iid}/sanction-decision"
    assert_problem(
        client.put(url, json=_decision(), headers=officer), 409, "not_concluded_with_violations"
    )
    # Art. 49(9): 150-200 million for an organisation.
    _concluded_with(client, officer, iid, **_act("d283-49-9-a"), fine_vnd=160_000_000)
    # The Director of the Department of Home Affairs: 80 million, 160 for an organisation.
    problem = assert_problem(
        client.put(url, json=_decision(), headers=officer), 422, "validation_error", "signer_power"
    )
    assert "Art. 63(1)" in problem["errors"][0]["message"]
    # A commune police chief may sanction Art. 49(9) (Art. 63(5)) but only up to 100 million.
    assert_problem(
        client.put(url, json=_decision(signer_power="d283-58-4"), headers=officer),
        422,
        "validation_error",
        "signer_power",
    )
    assert_problem(
        client.put(url, json=_decision(signer_power="nobody"), headers=officer),
        422,
        "validation_error",
        "signer_power",
    )
    # The provincial chairman: 100 million, 200 for an organisation.
    r = client.put(url, json=_decision(signer_power="d283-55-2"), headers=officer)
    decision = _ok(r)
    assert decision["total_fine_vnd"] == 160_000_000
    assert decision["payment_due_on"] == (today() + timedelta(days=10)).isoformat()
    assert decision["status"] == "unpaid"
    paid = _decision(
        signer_power="d283-55-2", paid_on=today().isoformat(), paid_amount_vnd=160_000_000
    )
    r = client.put(url, json=paid, headers=officer | {"If-Match": r.headers["etag"]})
    assert _ok(r)["status"] == "paid"
    assert_problem(
        client.put(
            url,
            json=_decision(signer_power="d283-55-2", paid_on=today().isoformat()),
            headers=officer,
        ),
        422,
        "validation_error",
    )
    power = session.get(SanctionPower, "d283-58-4")
    act = session.get(ViolationType, "d283-49-2-a")
    assert power is not None and act is not None
    assert not fines.covers(power, act)  # the police may not sanction Art. 49(2) (Art. 63(5))


def test_the_enterprise_reads_who_signed_its_decision(
    client: TestClient, officer: dict[str, str], started: dict[str, Any], make: Factory
) -> None:
    """The enterprise may not read the sanction powers (rules), so its decision names the
    signer's title itself, in both languages."""
    iid = started["id"]
    _concluded_with(client, officer, iid, **_act("d283-49-1-e"), fine_vnd=12_000_000)
    decision = _ok(
        client.put(f"{INSPECTIONS}/{iid}/sanction-decision", json=_decision(), headers=officer)
    )
    assert decision["signer_authority_vi"] == "Giám đốc Sở Nội vụ"
    assert (
        decision["signer_authority_en"] == "Director of the provincial Department of Home Affairs"
    )
    mine = make.headers_for(make.user(Role.agency, agency_id=started["agency_id"]))
    assert client.get("/api/v1/rules/sanction-powers", headers=mine).status_code == 403
    shown = _ok(client.get(f"{INSPECTIONS}/{iid}", headers=mine))["sanction_decision"]
    assert shown["signer_authority_vi"] == "Giám đốc Sở Nội vụ"


def test_a_decision_cannot_precede_the_check(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    _ok(client.put(f"{INSPECTIONS}/{iid}/check-record", json=_check_record(), headers=officer))
    _concluded_with(client, officer, iid, **_act("d283-49-1-a"), fine_vnd=12_000_000)
    early = _decision(decided_on=(today() - timedelta(days=4)).isoformat())
    assert_problem(
        client.put(f"{INSPECTIONS}/{iid}/sanction-decision", json=early, headers=officer),
        422,
        "validation_error",
        "decided_on",
    )


def test_scans_are_attached_and_read_by_those_who_see_the_inspection(
    client: TestClient, officer: dict[str, str], started: dict[str, Any], make: Factory
) -> None:
    iid = started["id"]
    r = client.post(
        f"{INSPECTIONS}/{iid}/files",
        data={"kind": "check_record"},
        files={"file": ("bien-ban.pdf", PDF, "application/pdf")},
        headers=officer,
    )
    attached = _ok(r, 201)
    assert (attached["kind"], attached["media_type"], attached["size"]) == (
        "check_record",
        "application/pdf",
        len(PDF),
    )
    got = client.get(f"{INSPECTIONS}/{iid}/files/{attached['id']}", headers=officer)
    assert got.status_code == 200 and got.content == PDF
    r = client.post(
        f"{INSPECTIONS}/{iid}/files",
        files={"file": ("virus.pdf", b"MZ\x90\x00", "application/pdf")},
        headers=officer,
    )
    assert_problem(r, 422, "validation_error", "file")
    # The enterprise sees its inspection, and so its files, only once concluded.
    account = make.user(Role.agency, agency_id=started["agency_id"])
    mine = make.headers_for(account)
    r = client.get(f"{INSPECTIONS}/{iid}/files/{attached['id']}", headers=mine)
    assert_problem(r, 404, "not_found")
    shown = _ok(client.get(f"{INSPECTIONS}/{iid}", headers=officer))
    assert [f["id"] for f in shown["files"]] == [attached["id"]]


def test_a_scan_sent_again_with_its_key_is_attached_once(
    client: TestClient, officer: dict[str, str], started: dict[str, Any]
) -> None:
    iid = started["id"]
    headers = officer | {"Idempotency-Key": "bien-ban-1"}

    def send(content: bytes) -> Any:
        upload = {"file": ("bien-ban.pdf", content, "application/pdf")}
        return client.post(
            f"{INSPECTIONS}/{iid}/files", data={"kind": "check_record"}, files=upload,
            headers=headers,
        )  # fmt: skip

    first = _ok(send(PDF), 201)
    again = send(PDF)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first
    assert_problem(send(PDF + b"%"), 422, "idempotency_key_reused", "Idempotency-Key")
    assert len(_ok(client.get(f"{INSPECTIONS}/{iid}", headers=officer))["files"]) == 1
