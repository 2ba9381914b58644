"""The sanctioning procedure against the running server, on each database: a violation from
the catalogue, its remedy done, the check record, the sanction decision within its signer's
power and paid, a scan attached, downloaded and replayed with its key, then the inspection
closed (docs/inspections.md)."""

from datetime import date, timedelta
from typing import Any

import httpx

from tests.live.conftest import Live
from tests.live.support import problem_code

SCAN = b"%PDF-1.4\n% synthetic sanction decision\n"


def _ok(r: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def test_the_procedure_from_decision_to_closure(live: Live, demo_agencies: dict[int, int]) -> None:
    inspector = live.auth("inspector")
    today = date.today()
    week_ago = (today - timedelta(days=7)).isoformat()
    ended = max(date(2026, 9, 10), today - timedelta(days=30)).isoformat()
    with live.client() as c:
        inspection = _ok(
            c.post(
                "/api/v1/inspections",
                json={
                    "agency_id": demo_agencies[2],
                    "kind": "unscheduled",
                    "decision_no": "LIVE-P/QĐ",
                    "decision_date": week_ago,
                    "team_members": ["Trưởng đoàn (ví dụ)"],
                },
                headers=inspector,
            ),
            201,
        )
        base = f"/api/v1/inspections/{inspection['id']}"
        step = {"status": "in_progress", "on": week_ago}
        _ok(c.post(f"{base}/transitions", json=step, headers=inspector))
        too_high = {"violation_type": "d283-49-2-a", "act_ended_on": ended,
                    "affected_workers": 2, "fine_vnd": 90_000_000}  # fmt: skip
        r = c.post(f"{base}/violations", json=too_high, headers=inspector)
        assert r.status_code == 422 and problem_code(r) == "validation_error", r.text
        remedy = {"kind": "update_database", "description": "Cập nhật dữ liệu người lao động"}
        violation = _ok(
            c.post(
                f"{base}/violations",
                json=too_high | {"fine_vnd": 30_000_000, "remedies": [remedy]},
                headers=inspector,
            ),
            201,
        )
        record = {
            "held_at": f"{week_ago}T14:00:00",
            "place": "Trụ sở (ví dụ)",
            "representative_name": "Đại diện (ví dụ)",
            "findings": "Phát hiện (ví dụ)",
        }
        _ok(c.put(f"{base}/check-record", json=record, headers=inspector))
        conclude = {"status": "concluded", "on": today.isoformat(), "result": "violations"}
        _ok(c.post(f"{base}/transitions", json=conclude, headers=inspector))
        decision = {"number": "LIVE-XP/QĐ", "decided_on": today.isoformat(),
                    "signer_power": "d283-55-2", "signer_name": "Chủ tịch (ví dụ)"}  # fmt: skip
        made = _ok(c.put(f"{base}/sanction-decision", json=decision, headers=inspector))
        assert (made["total_fine_vnd"], made["status"]) == (30_000_000, "unpaid")
        paid = decision | {"paid_on": today.isoformat(), "paid_amount_vnd": 30_000_000}
        assert (
            _ok(c.put(f"{base}/sanction-decision", json=paid, headers=inspector))["status"]
            == "paid"
        )

        keyed = inspector | {"Idempotency-Key": f"scan-{inspection['id']}"}
        upload = {"file": ("quyet-dinh.pdf", SCAN, "application/pdf")}
        first = c.post(f"{base}/files", data={"kind": "sanction_decision"}, files=upload,
                       headers=keyed)  # fmt: skip
        attached = _ok(first, 201)
        again = c.post(f"{base}/files", data={"kind": "sanction_decision"}, files=upload,
                       headers=keyed)  # fmt: skip
        assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
        assert again.json() == attached
        got = c.get(f"{base}/files/{attached['id']}", headers=inspector)
        assert got.status_code == 200 and got.content == SCAN

        item = violation["remedies"][0]
        done = {"done_on": today.isoformat()}
        path = f"{base}/violations/{violation['id']}/remedies/{item['id']}"
        _ok(c.patch(path, json=done, headers=inspector | {"If-Match": '"1"'}))
        close = {"status": "closed", "on": today.isoformat()}
        closed = _ok(c.post(f"{base}/transitions", json=close, headers=inspector))
        assert closed["status"] == "closed"
        assert [f["id"] for f in closed["files"]] == [attached["id"]]
        assert closed["sanction_decision"]["status"] == "paid"
        assert closed["check_record"]["place"] == "Trụ sở (ví dụ)"
