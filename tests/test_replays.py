"""`Idempotency-Key` on every operation that takes it (README, "Using the API"): the same request
again answers exactly as the first time (status, body, Location, ETag), marked as a replay and
writing nothing; the same key with another body is a 422 problem. The operations come from the
OpenAPI document, so a new one that takes the header must say here how to call it."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import select

from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from overseas.openapi import render_openapi
from tests.helpers import assert_problem
from tests.placement_data import item, national_id
from tests.test_access_matrix import url
from tests.world import AREA, MARKET, World, WorldHarness, notice_body

SPEC: dict[str, Any] = json.loads(render_openapi())

# Who creates what, with a valid body; the body is a function of the world and a number, so
# that a changed body (n + 1) is another valid request.
Body = Callable[[World, int], dict[str, Any]]
CREATES: dict[tuple[str, str], tuple[Role, Body]] = {
    ("POST", "/api/v1/agencies"): (
        Role.officer,
        lambda _w, n: {
            "licence_no": f"IDEM-{n}/GP",
            "name": f"Công ty {n}",
            "tax_code": "0312345678",
        },
    ),
    ("POST", "/api/v1/areas"): (
        Role.admin,
        lambda _w, n: {
            "code": f"2033{n}",
            "name": f"Phường {n}",
            "level": "commune",
            "parent_code": "48",
        },
    ),
    ("POST", "/api/v1/rules/working-days"): (
        Role.admin,
        lambda _w, n: {
            "day": f"2026-03-{n + 1:02d}",
            "working": False,
            "note": f"Ngày nghỉ bù {n}",
            "source": "Ví dụ tổng hợp",
        },
    ),
    ("POST", "/api/v1/rules/fee-caps"): (
        Role.admin,
        lambda _w, n: {
            "market_code": "*",
            "channel": "outbound_investor",
            "cap_months_per_12": "1",
            "cap_months_max": "2",
            "valid_from": f"{2040 + n}-01-01",
            "valid_to": f"{2040 + n}-12-31",
            "source": "Văn bản thử nghiệm (ví dụ)",
        },
    ),
    ("POST", "/api/v1/rules/deposit-caps"): (
        Role.admin,
        lambda _w, n: {
            "market_code": "KR",
            "channel": "outbound_investor",
            "cap_vnd": 1000 * n,
            "valid_from": f"{2040 + n}-01-01",
            "valid_to": f"{2040 + n}-12-31",
            "source": "Văn bản thử nghiệm (ví dụ)",
        },
    ),
    ("POST", "/api/v1/rules/violation-types"): (
        Role.admin,
        lambda _w, n: {
            "code": f"test-{n}",
            "article": "53",
            "clause": "9",
            "applies_to": "any",
            "title_vi": f"Hành vi thử nghiệm {n} (ví dụ)",
            "fine_max_vnd": 1_000_000,
            "fine_basis": "individual",
            "valid_from": "2027-01-01",
            "source": "Văn bản thử nghiệm (ví dụ)",
        },
    ),
    ("POST", "/api/v1/rules/sanction-powers"): (
        Role.admin,
        lambda _w, n: {
            "code": f"test-power-{n}",
            "authority_vi": f"Chức danh thử nghiệm {n} (ví dụ)",
            "max_fine_vnd": 1_000_000 * n,
            "article": "99",
            "valid_from": "2027-01-01",
            "source": "Văn bản thử nghiệm (ví dụ)",
        },
    ),
    ("POST", "/api/v1/markets"): (
        Role.officer,
        lambda _w, n: {
            "code": f"Q{'XYZ'[n % 3]}",
            "name_vi": "Thử",
            "name_en": "Test",
            "tier": "potential",
        },
    ),
    ("POST", "/api/v1/markets/{code}/records"): (
        Role.officer,
        lambda _w, n: {"kind": "demand", "title": f"Cần {n}", "effective_on": "2024-05-01"},
    ),
    ("POST", "/api/v1/placements"): (
        Role.agency,
        lambda _w, n: item(f"IDEM-{n}", worker={"national_id": national_id(100 + n)}),
    ),
    ("POST", "/api/v1/placements/batch"): (
        Role.agency,
        lambda _w, n: {"items": [item(f"IDEM-B{n}", worker={"national_id": national_id(200 + n)})]},
    ),
    ("POST", "/api/v1/placements/assign-commune"): (
        Role.officer,
        # The world's records sit at the district Đại Lộc (506) before the reform.
        lambda _w, n: {
            "home_area_code": ("20503", "20506", "20509")[n % 3],
            "filter": {"home_area_code": "506", "registered_to": "2025-06-30"},
        },
    ),
    ("POST", "/api/v1/targets"): (
        Role.officer,
        lambda _w, n: {
            "name": "Kế hoạch",
            "area_code": AREA,
            "year_from": 2040 + n,
            "year_to": 2041 + n,
            "value": 9,
        },
    ),
    ("POST", "/api/v1/inspections"): (
        Role.officer,
        lambda w, n: {"agency_id": w.own_agency, "kind": "scheduled", "summary": f"Lần {n}"},
    ),
    ("POST", "/api/v1/inspections/{inspection_id}/violations"): (
        Role.officer,
        lambda _w, n: {"category": "other", "description": f"Phát hiện {n}"},
    ),
    ("POST", "/api/v1/complaints"): (
        Role.inspector,
        lambda w, n: {
            "agency_id": w.own_agency,
            "received_on": "2026-01-05",
            "source": "worker",
            "summary": f"Phản ánh {n} (ví dụ)",
            "complainant_name": "Người phản ánh (ví dụ)",
        },
    ),
    # The world's complaint names an enterprise and has led to no inspection yet.
    ("POST", "/api/v1/complaints/{complaint_id}/inspection"): (
        Role.officer,
        lambda _w, n: {"decision_no": f"{n}/QĐ-TTr"},
    ),
    ("POST", "/api/v1/agencies/{agency_id}/reports"): (
        Role.agency,
        lambda _w, n: {
            "kind": "monthly_changes",
            "period_from": "2026-01-01",
            "period_to": "2026-01-31",
            "figures": {"departed": n},
        },
    ),
    ("POST", "/api/v1/recruitment-notices"): (
        Role.agency,
        lambda _w, n: notice_body(100 + n),
    ),
    ("POST", "/api/v1/users"): (
        Role.admin,
        lambda _w, n: {"username": f"idem.{n}", "role": "viewer", "password": "a-long-password-1"},
    ),
}
# Multipart uploads: their replays are in tests/test_placements_files.py and
# tests/test_procedure.py.
MULTIPART = {
    ("POST", "/api/v1/placements/import"),
    ("POST", "/api/v1/inspections/{inspection_id}/files"),
}


def _idempotent_operations() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, methods in SPEC["paths"].items()
        for method, operation in methods.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    }


def test_every_idempotent_operation_is_replayed_here() -> None:
    assert _idempotent_operations() - MULTIPART == set(CREATES)


def _audit_rows(harness: WorldHarness) -> int:
    session = harness.session
    assert session is not None
    return int(session.exec(select(func.count()).select_from(AuditLog)).one())


OPERATIONS = sorted(CREATES)
# The first answer: 201 Created, but 200 from the batch, which reports each item's result, and
# from a commune assignment, which reports how many records it changed.
OK_200 = {("POST", "/api/v1/placements/batch"), ("POST", "/api/v1/placements/assign-commune")}
FIRST_STATUS = {op: 200 if op in OK_200 else 201 for op in CREATES}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_a_replay_answers_as_the_first_time_and_writes_nothing(
    world_client: TestClient, world: World, world_harness: WorldHarness, method: str, path: str
) -> None:
    role, body = CREATES[(method, path)]
    target = url(path, world, code=MARKET)
    headers = world.headers[role] | {"Idempotency-Key": f"replay {method} {path}"}
    first = world_client.request(method, target, json=body(world, 1), headers=headers)
    assert first.status_code == FIRST_STATUS[(method, path)], first.text
    assert "idempotent-replayed" not in first.headers
    audits = _audit_rows(world_harness)

    again = world_client.request(method, target, json=body(world, 1), headers=headers)
    assert again.status_code == first.status_code, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.json() == first.json()
    for header in ("location", "etag"):
        assert again.headers.get(header) == first.headers.get(header), header
    assert _audit_rows(world_harness) == audits

    other = world_client.request(method, target, json=body(world, 2), headers=headers)
    assert_problem(other, 422, "idempotency_key_reused", "Idempotency-Key")
    assert _audit_rows(world_harness) == audits
