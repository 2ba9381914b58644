"""Who may call what: every route under /api/v1 against the access policy below, for every role,
without a token and with a bad one; and an enterprise asking for another enterprise's object
gets the same 404 as for an object that does not exist (README, "Using the API", Roles).

The policy is the documented rule, written out once: a route that is not in it fails the test,
so a new route must say who may call it, and a route whose guard disagrees with it fails."""

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx import Response

from overseas.core.principal import Role
from overseas.main import create_app
from tests.helpers import assert_problem
from tests.world import AREA, MARKET, World, last_month

ADMIN, OFFICER, INSPECTOR, AGENCY, VIEWER = (
    Role.admin,
    Role.officer,
    Role.inspector,
    Role.agency,
    Role.viewer,
)
ANYONE_LOGGED_IN = frozenset(Role)
PUBLIC = None  # no login needed

# README, "Using the API", Roles: admin (accounts, API clients, reference data, audit),
# officer (department staff), inspector, viewer (read-only) and agency (an enterprise: its own
# data only).
POLICY: dict[tuple[str, str], frozenset[Role] | None] = {
    # Tokens and the caller
    ("POST", "/api/v1/auth/token"): PUBLIC,
    # The legal rules: staff read, administrators write (docs/law.md)
    ("GET", "/api/v1/rules/working-days"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN}),
    ("POST", "/api/v1/rules/working-days"): frozenset({ADMIN}),
    ("DELETE", "/api/v1/rules/working-days/{day}"): frozenset({ADMIN}),
    ("GET", "/api/v1/rules/fee-caps"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN}),
    ("POST", "/api/v1/rules/fee-caps"): frozenset({ADMIN}),
    ("PATCH", "/api/v1/rules/fee-caps/{rule_id}"): frozenset({ADMIN}),
    ("GET", "/api/v1/rules/deposit-caps"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN}),
    ("POST", "/api/v1/rules/deposit-caps"): frozenset({ADMIN}),
    ("PATCH", "/api/v1/rules/deposit-caps/{rule_id}"): frozenset({ADMIN}),
    ("GET", "/api/v1/rules/violation-types"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN}),
    ("POST", "/api/v1/rules/violation-types"): frozenset({ADMIN}),
    ("PATCH", "/api/v1/rules/violation-types/{code}"): frozenset({ADMIN}),
    ("GET", "/api/v1/rules/sanction-powers"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN}),
    ("POST", "/api/v1/rules/sanction-powers"): frozenset({ADMIN}),
    ("PATCH", "/api/v1/rules/sanction-powers/{code}"): frozenset({ADMIN}),
    ("GET", "/api/v1/auth/me"): ANYONE_LOGGED_IN,
    # Accounts and API clients: administrators
    ("GET", "/api/v1/users"): frozenset({ADMIN}),
    ("POST", "/api/v1/users"): frozenset({ADMIN}),
    ("GET", "/api/v1/users/{user_id}"): frozenset({ADMIN}),
    ("PATCH", "/api/v1/users/{user_id}"): frozenset({ADMIN}),
    ("GET", "/api/v1/api-clients"): frozenset({ADMIN}),
    ("POST", "/api/v1/api-clients"): frozenset({ADMIN}),
    ("DELETE", "/api/v1/api-clients/{client_id}"): frozenset({ADMIN}),
    ("GET", "/api/v1/audit"): frozenset({ADMIN}),
    # Reference data: everyone reads; administrators keep the areas, officers the markets
    ("GET", "/api/v1/areas"): ANYONE_LOGGED_IN,
    ("POST", "/api/v1/areas"): frozenset({ADMIN}),
    ("GET", "/api/v1/areas/{code}"): ANYONE_LOGGED_IN,
    ("PATCH", "/api/v1/areas/{code}"): frozenset({ADMIN}),
    ("GET", "/api/v1/markets"): ANYONE_LOGGED_IN,
    ("POST", "/api/v1/markets"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/markets/{code}"): ANYONE_LOGGED_IN,
    ("PATCH", "/api/v1/markets/{code}"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/markets/{code}/records"): ANYONE_LOGGED_IN,
    ("POST", "/api/v1/markets/{code}/records"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/market-records"): ANYONE_LOGGED_IN,
    # Enterprises: everyone reads (an enterprise only itself); officers register and change
    ("GET", "/api/v1/agencies"): ANYONE_LOGGED_IN,
    ("POST", "/api/v1/agencies"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/agencies/{agency_id}"): ANYONE_LOGGED_IN,
    ("PATCH", "/api/v1/agencies/{agency_id}"): frozenset({ADMIN, OFFICER}),
    ("GET", "/api/v1/agencies/{agency_id}/compliance"): ANYONE_LOGGED_IN,
    # The worker registry: department staff and enterprises write; administrators read it
    # (masked, like viewers) to support its users
    ("GET", "/api/v1/placements"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN, AGENCY}),
    ("POST", "/api/v1/placements"): frozenset({OFFICER, AGENCY}),
    ("POST", "/api/v1/placements/batch"): frozenset({OFFICER, AGENCY}),
    ("POST", "/api/v1/placements/import"): frozenset({OFFICER, AGENCY}),
    # Giving records a commune in bulk is the department's (docs/places.md)
    ("POST", "/api/v1/placements/assign-commune"): frozenset({OFFICER}),
    ("GET", "/api/v1/placements/import-template"): ANYONE_LOGGED_IN,
    ("GET", "/api/v1/placements/export"): frozenset({OFFICER, VIEWER, ADMIN, AGENCY}),
    ("GET", "/api/v1/placements/{placement_id}"): frozenset(
        {OFFICER, INSPECTOR, VIEWER, ADMIN, AGENCY}
    ),
    ("PATCH", "/api/v1/placements/{placement_id}"): frozenset({OFFICER, AGENCY}),
    ("DELETE", "/api/v1/placements/{placement_id}"): frozenset({OFFICER}),
    ("POST", "/api/v1/placements/{placement_id}/transitions"): frozenset({OFFICER, AGENCY}),
    ("GET", "/api/v1/placements/{placement_id}/history"): frozenset(
        {OFFICER, INSPECTOR, VIEWER, ADMIN, AGENCY}
    ),
    # A person's own data requests and corrections: officers and administrators
    ("POST", "/api/v1/workers/data-request"): frozenset({OFFICER, ADMIN}),
    ("POST", "/api/v1/workers/correction"): frozenset({OFFICER, ADMIN}),
    # Targets: staff read, officers set; progress for anyone logged in (and the public)
    ("GET", "/api/v1/targets"): frozenset({ADMIN, OFFICER, INSPECTOR, VIEWER}),
    ("POST", "/api/v1/targets"): frozenset({OFFICER}),
    ("GET", "/api/v1/targets/{target_id}"): frozenset({ADMIN, OFFICER, INSPECTOR, VIEWER}),
    ("PATCH", "/api/v1/targets/{target_id}"): frozenset({OFFICER}),
    ("DELETE", "/api/v1/targets/{target_id}"): frozenset({OFFICER}),
    ("GET", "/api/v1/progress"): ANYONE_LOGGED_IN,
    # Inspections: inspectors and officers write; an enterprise reads its own concluded ones
    ("GET", "/api/v1/inspections"): ANYONE_LOGGED_IN,
    ("POST", "/api/v1/inspections"): frozenset({INSPECTOR, OFFICER}),
    ("GET", "/api/v1/inspections/priorities"): frozenset({INSPECTOR, OFFICER}),
    ("GET", "/api/v1/inspections/{inspection_id}"): ANYONE_LOGGED_IN,
    ("PATCH", "/api/v1/inspections/{inspection_id}"): frozenset({INSPECTOR, OFFICER}),
    ("POST", "/api/v1/inspections/{inspection_id}/transitions"): frozenset({INSPECTOR, OFFICER}),
    ("POST", "/api/v1/inspections/{inspection_id}/violations"): frozenset({INSPECTOR, OFFICER}),
    ("PATCH", "/api/v1/inspections/{inspection_id}/violations/{violation_id}"): frozenset(
        {INSPECTOR, OFFICER}
    ),
    (
        "PATCH",
        "/api/v1/inspections/{inspection_id}/violations/{violation_id}/remedies/{remedy_id}",
    ): frozenset({INSPECTOR, OFFICER}),
    # The procedure's records: written by inspectors and officers, read with the inspection
    ("PUT", "/api/v1/inspections/{inspection_id}/check-record"): frozenset({INSPECTOR, OFFICER}),
    ("PUT", "/api/v1/inspections/{inspection_id}/sanction-decision"): frozenset(
        {INSPECTOR, OFFICER}
    ),
    ("POST", "/api/v1/inspections/{inspection_id}/files"): frozenset({INSPECTOR, OFFICER}),
    ("GET", "/api/v1/inspections/{inspection_id}/files/{file_id}"): ANYONE_LOGGED_IN,
    # Reports
    ("GET", "/api/v1/reports/annual"): frozenset({OFFICER, VIEWER}),
    ("GET", "/api/v1/reports/communes"): frozenset({OFFICER, VIEWER}),
    # Enterprises' reports: an enterprise files and reads its own; officers and inspectors see
    # every enterprise's, officers file what came on paper (docs/obligations.md)
    ("GET", "/api/v1/reports/obligations"): frozenset({OFFICER, INSPECTOR, AGENCY}),
    ("GET", "/api/v1/agencies/{agency_id}/reports"): frozenset({OFFICER, INSPECTOR, AGENCY}),
    ("POST", "/api/v1/agencies/{agency_id}/reports"): frozenset({OFFICER, AGENCY}),
    ("GET", "/api/v1/agencies/{agency_id}/reports/{report_id}"): frozenset(
        {OFFICER, INSPECTOR, AGENCY}
    ),
    ("GET", "/api/v1/agencies/{agency_id}/reports/{report_id}/file"): frozenset(
        {OFFICER, INSPECTOR, AGENCY}
    ),
    # The complaints register: officers and inspectors only, so that no enterprise (nor a
    # viewer or an administrator) learns who complained (docs/complaints.md)
    ("GET", "/api/v1/complaints"): frozenset({OFFICER, INSPECTOR}),
    ("POST", "/api/v1/complaints"): frozenset({OFFICER, INSPECTOR}),
    ("GET", "/api/v1/complaints/{complaint_id}"): frozenset({OFFICER, INSPECTOR}),
    ("PATCH", "/api/v1/complaints/{complaint_id}"): frozenset({OFFICER, INSPECTOR}),
    ("POST", "/api/v1/complaints/{complaint_id}/inspection"): frozenset({OFFICER, INSPECTOR}),
    # Recruitment notices: an enterprise files and changes its own, officers file what came on
    # paper and acknowledge or reject; staff read them all (docs/notices.md)
    ("GET", "/api/v1/recruitment-notices"): frozenset({OFFICER, INSPECTOR, VIEWER, ADMIN, AGENCY}),
    ("POST", "/api/v1/recruitment-notices"): frozenset({OFFICER, AGENCY}),
    ("GET", "/api/v1/recruitment-notices/{notice_id}"): frozenset(
        {OFFICER, INSPECTOR, VIEWER, ADMIN, AGENCY}
    ),
    ("PATCH", "/api/v1/recruitment-notices/{notice_id}"): frozenset({OFFICER, AGENCY}),
    # The public pages: no login
    ("GET", "/api/v1/public/recruitment-notices"): PUBLIC,
    ("GET", "/api/v1/public/agencies"): PUBLIC,
    ("GET", "/api/v1/public/fee-check"): PUBLIC,
    ("GET", "/api/v1/public/markets"): PUBLIC,
    ("GET", "/api/v1/public/progress"): PUBLIC,
}

# Path parameters naming an object that belongs to one enterprise.
OWNED = frozenset(
    {
        "agency_id",
        "placement_id",
        "inspection_id",
        "violation_id",
        "remedy_id",
        "report_id",
        "file_id",
        "notice_id",
    }
)
MISSING = 987654


def api_routes() -> set[tuple[str, str]]:
    """(method, path) of every route the application serves under /api/v1, with the paths as
    included (FastAPI 0.16x keeps included routers whole in `app.routes`; their routes are
    reached through `iter_route_contexts`), whether or not they are in the OpenAPI document."""
    routes: list[Any] = list(create_app().routes)
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before 0.16x: app.routes is flat already
        flat = [(r, r.path, r.methods) for r in routes]
    else:
        flat = [(c.original_route, c.path, c.methods) for c in iter_route_contexts(routes)]
    return {
        (method, path)
        for route, path, methods in flat
        if isinstance(route, APIRoute) and path.startswith("/api/v1/")
        for method in methods
    }


def url(path: str, world: World, *, own: bool = True, **values: Any) -> str:
    code = AREA if path.startswith("/api/v1/areas") else MARKET
    day = {"day": "2026-02-21", "rule_id": 1}
    return path.format(**(world.path_values(own=own) | {"code": code} | day | values))


# Bodies valid enough to get past validation to the object's lookup.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/agencies/{agency_id}/reports"): {
        "kind": "monthly_changes",
        "period_from": last_month()[0],
        "period_to": last_month()[1],
    },
    ("POST", "/api/v1/placements/{placement_id}/transitions"): {
        "status": "cancelled",
        "on": "2024-02-01",
    },
    ("POST", "/api/v1/inspections/{inspection_id}/transitions"): {
        "status": "closed",
        "on": "2024-02-01",
    },
    ("POST", "/api/v1/inspections/{inspection_id}/violations"): {
        "category": "other",
        "description": "Phát hiện khi kiểm tra",
    },
}


def call(
    client: TestClient, method: str, target: str, headers: dict[str, str], body: Any = None
) -> Response:
    """A minimal request: `body`, or an empty JSON object for a JSON body (an empty form for
    the token)."""
    r: Response
    if target == "/api/v1/auth/token":
        r = client.post(target, data={}, headers=headers)
    elif method in ("POST", "PATCH", "PUT") and not target.endswith(("/import", "/files")):
        r = client.request(method, target, json=body or {}, headers=headers)
    else:
        r = client.request(method, target, headers=headers)
    return r


ROUTES = sorted(POLICY)


def test_every_route_states_who_may_call_it() -> None:
    served = api_routes()
    assert served - set(POLICY) == set(), "routes missing from the access policy"
    assert set(POLICY) - served == set(), "the access policy names routes that do not exist"


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route_answers_each_role_as_the_policy_says(
    world_client: TestClient, world: World, method: str, path: str
) -> None:
    allowed = POLICY[(method, path)]
    target = url(path, world)
    anonymous = call(world_client, method, target, {})
    bad_token = call(world_client, method, target, {"Authorization": "Bearer not-a-token"})
    if allowed is PUBLIC:
        assert anonymous.status_code not in (401, 403), anonymous.text
        assert anonymous.status_code < 500, anonymous.text
    else:
        assert_problem(anonymous, 401, "not_authenticated")
        assert_problem(bad_token, 401, "not_authenticated")
    for role in Role:
        r = call(world_client, method, target, world.headers[role])
        if allowed is PUBLIC or role in allowed:
            assert r.status_code not in (401, 403), f"{role}: {r.status_code} {r.text}"
            assert r.status_code < 500, f"{role}: {r.status_code} {r.text}"
        else:
            assert_problem(r, 403, "forbidden")


OWNED_ROUTES = sorted(
    (method, path)
    for (method, path), allowed in POLICY.items()
    if allowed is not PUBLIC and AGENCY in allowed and any(f"{{{p}}}" in path for p in OWNED)
)


@pytest.mark.parametrize(
    ("method", "path"), OWNED_ROUTES, ids=[f"{m} {p}" for m, p in OWNED_ROUTES]
)
def test_enterprise_gets_404_for_another_enterprises_object_and_reaches_its_own(
    world_client: TestClient, world: World, method: str, path: str
) -> None:
    headers = world.headers[AGENCY]
    body = BODIES.get((method, path))
    other = call(world_client, method, url(path, world, own=False), headers, body)
    problem = assert_problem(other, 404, "not_found")
    missing_values: dict[str, Any] = {p: MISSING for p in OWNED if f"{{{p}}}" in path}
    missing = call(world_client, method, url(path, world, **missing_values), headers, body)
    # The same answer as for an object that does not exist, so ids cannot be probed.
    assert problem["title"] == assert_problem(missing, 404, "not_found")["title"]
    own = call(world_client, method, url(path, world), headers, body)
    if method == "GET":
        assert own.status_code == 200, own.text
    else:
        assert own.status_code not in (401, 403, 404), own.text
        assert own.status_code < 500, own.text
