"""Each error item's own `code` and `params` (docs/errors.md): representative bad inputs across
the domains, and a sweep showing that no custom validator answers Pydantic's generic
`value_error` (each says its own code)."""

import io
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from overseas.core.principal import Role
from overseas.placements.files.columns import COLUMNS
from tests.factories import Factory
from tests.placement_data import item
from tests.test_access_matrix import url
from tests.test_hostile_input import Sender, _body_fields, _caller, _operation, _operations
from tests.test_replays import CREATES
from tests.world import MARKET, World

PLACEMENTS = "/api/v1/placements"


def _items(r: Response) -> list[dict[str, Any]]:
    assert r.status_code == 422, r.text
    errors: list[dict[str, Any]] = r.json()["errors"]
    return errors


def _one(r: Response, field: str) -> dict[str, Any]:
    found = [e for e in _items(r) if e["field"] == field]
    assert found, f"no error on {field}: {r.text}"
    return found[0]


def _days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def test_a_return_before_the_departure_names_the_departure(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(
        agency_id=agency_id,
        status="departed",
        registered_on="2024-01-10",
        departure_date="2024-03-01",
    )
    created = client.post(PLACEMENTS, json=payload, headers=officer)
    assert created.status_code == 201, created.text
    r = client.post(
        f"{PLACEMENTS}/{created.json()['id']}/transitions",
        json={"status": "returned", "on": "2024-02-01"},
        headers=officer,
    )
    error = _one(r, "return_date")
    assert error["code"] == "before_field"
    assert error["params"] == {"other": "departure_date"}
    assert error["message"] == "is before departure_date"


def test_a_placements_rules_have_their_codes(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    payload = item(
        agency_id=None,
        status="returned",
        departure_date="2024-03-01",
        return_date=None,
        market_code="ZZ",
        worker={"date_of_birth": "2010-05-01"},
    )
    r = client.post(PLACEMENTS, json=payload, headers=officer)
    by_field = {(e["field"], e["code"]): e.get("params") for e in _items(r)}
    assert by_field[("return_date", "required_for_status")] == {"status": "returned"}
    assert by_field[("agency_id", "required_for_channel")] == {"channel": "service_enterprise"}
    assert by_field[("market_code", "not_found")] == {"entity": "market", "value": "ZZ"}
    assert by_field[("worker.date_of_birth", "too_young")] == {"min_age": 18, "on": "2024-03-01"}


def test_pydantic_limits_keep_their_type_and_context(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    r = client.post(
        PLACEMENTS, json=item(agency_id=agency_id, contract_months=121), headers=officer
    )
    error = _one(r, "contract_months")
    assert error["code"] == "less_than_equal"
    assert error["params"] == {"le": 120}


def test_a_custom_validator_gives_its_own_code(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    r = client.post(
        PLACEMENTS, json=item(agency_id=agency_id, salary_currency="yen!"), headers=officer
    )
    assert _one(r, "salary_currency")["code"] == "currency_code_format"
    r = client.post(
        PLACEMENTS, json=item(agency_id=agency_id, worker={"full_name": "   "}), headers=officer
    )
    assert _one(r, "worker.full_name")["code"] == "blank"


def _user(**overrides: Any) -> dict[str, Any]:
    return {
        "username": "nguyen.van.a",
        "full_name": "Nguyễn Văn A",
        "role": "officer",
        "password": "mat-khau-du-dai-2026",
    } | overrides


def test_users_say_the_agency_role_and_the_password_length(
    client: TestClient, make: Factory
) -> None:
    admin = make.headers(Role.admin)
    r = client.post("/api/v1/users", json=_user(role="agency"), headers=admin)
    error = _one(r, "agency_id")
    assert (error["code"], error["params"]) == ("required_for_role", {"role": "agency"})
    assert error["message"] == "required for the agency role"

    r = client.post("/api/v1/users", json=_user(agency_id=make.agency().id), headers=admin)
    assert _one(r, "agency_id")["code"] == "only_for_role"

    r = client.post("/api/v1/users", json=_user(password="ngan"), headers=admin)
    error = _one(r, "password")
    assert error["code"] == "string_too_short"
    assert error["params"]["min_length"] == 10

    r = client.post("/api/v1/users", json=_user(username="A B"), headers=admin)
    error = _one(r, "username")
    assert (error["code"], error["params"]) == (
        "username_format",
        {"min_length": 3, "max_length": 64},
    )


def test_an_inspections_scope_ends_after_it_starts(
    client: TestClient, officer: dict[str, str], agency_id: int
) -> None:
    body = {
        "agency_id": agency_id,
        "kind": "scheduled",
        "decision_no": "12/QĐ-TTr",
        "decision_date": _days_ago(30),
        "scope_from": "2024-12-31",
        "scope_to": "2023-01-01",
        "planned_on": _days_ago(20),
    }
    r = client.post("/api/v1/inspections", json=body, headers=officer)
    error = _one(r, "scope_to")
    assert (error["code"], error["params"]) == ("before_field", {"other": "scope_from"})


def test_a_targets_years_and_area(client: TestClient, officer: dict[str, str]) -> None:
    body = {"name": "Kế hoạch", "area_code": "48", "year_from": 2026, "year_to": 2025, "value": 10}
    r = client.post("/api/v1/targets", json=body, headers=officer)
    error = _one(r, "year_to")
    assert (error["code"], error["params"]) == ("before_field", {"other": "year_from"})

    r = client.post(
        "/api/v1/targets", json=body | {"area_code": "99999", "year_to": 2027}, headers=officer
    )
    error = _one(r, "area_code")
    assert (error["code"], error["params"]) == ("not_found", {"entity": "area", "value": "99999"})


def _upload(client: TestClient, headers: dict[str, str], text: str) -> Response:
    files = {"file": ("placements.csv", io.BytesIO(text.encode()), "text/csv")}
    r: Response = client.post(f"{PLACEMENTS}/import", files=files, headers=headers)
    return r


def test_the_imports_headers_and_cells_have_codes(
    client: TestClient, officer: dict[str, str]
) -> None:
    errors = _items(_upload(client, officer, "full_name,favourite_colour\nAn,blue\n"))
    codes = {(e["code"], e["field"]) for e in errors}
    assert ("unknown_column", "favourite_colour") in codes
    missing = [e for e in errors if e["code"] == "missing_column"]
    assert missing and all(e["row"] == 1 and "label" in e["params"] for e in missing)

    header = ",".join(c.name for c in COLUMNS)
    cells = ["" for _ in COLUMNS]
    cells[[c.name for c in COLUMNS].index("registered_on")] = "hôm qua"
    errors = _items(_upload(client, officer, f"{header}\n{','.join(cells)}\n"))
    error = next(e for e in errors if e["field"] == "registered_on")
    assert (error["code"], error["params"], error["row"]) == (
        "date_parsing",
        {"value": "hôm qua"},
        2,
    )
    assert all(e["code"] not in ("invalid", "value_error") for e in errors), errors


def _text_variants(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The body with one text field at a time blank, then not of its format (nested too)."""
    out: list[tuple[str, dict[str, Any]]] = []
    for key, value in body.items():
        if isinstance(value, str):
            out += [(key, body | {key: "   "}), (key, body | {key: "%!"})]
        elif isinstance(value, dict):
            out += [(f"{key}.{k}", body | {key: v}) for k, v in _text_variants(value)]
    return out


GENERIC = {"value_error", "invalid"}


def _generic(r: Response, label: str, seen: set[str]) -> list[str]:
    if r.status_code != 422:
        return []
    items = r.json().get("errors") or []
    seen.update(e["code"] for e in items)
    return [f"{label}: {e}" for e in items if e["code"] in GENERIC]


def test_no_validator_answers_a_generic_code(sender: Sender, world: World) -> None:
    """Every create with each text field blank or malformed, and every change with each of its
    text fields so: no 422 item has Pydantic's `value_error` or the bare `invalid`."""
    found: list[str] = []
    seen: set[str] = set()
    for n, ((method, path), (role, make_body)) in enumerate(sorted(CREATES.items())):
        target = url(path, world, code=MARKET)
        for m, (field, body) in enumerate(_text_variants(make_body(world, 1))):
            headers = world.headers[role] | {"Idempotency-Key": f"codes-{n}-{m}"}
            r = sender.send(f"{method} {path} {field}", method, target, json=body, headers=headers)
            found += _generic(r, f"{method} {path} {field}={body.get(field)!r}", seen)
    for method, path, _op in _operations():
        if method != "PATCH":
            continue
        headers = _caller(method, path, world)
        for field, kinds in _body_fields(_operation(method, path)).items():
            if "string" not in kinds:
                continue
            for value in ("   ", "%!"):
                label = f"{method} {path} {{{field!r}: {value!r}}}"
                r = sender.send(
                    label, method, url(path, world), json={field: value}, headers=headers
                )
                found += _generic(r, label, seen)
    sender.check()
    assert not found, "items with a generic code:\n" + "\n".join(found)
    # The sweep reaches the custom validators (else it proves nothing).
    assert {"blank", "email_format", "tax_code_format", "country_code_format"} <= seen, seen


@pytest.fixture
def sender(world_client: TestClient, caplog: pytest.LogCaptureFixture) -> Sender:
    return Sender(world_client, caplog)
