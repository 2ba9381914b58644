"""Contract fuzzing: every operation of the OpenAPI document, called with generated valid and
invalid input, as an administrator and as an enterprise. No answer may be a 5xx, and every
answer must be one the document declares: its status, its content type and its body.

`OVERSEAS_FUZZ_EXAMPLES` sets the generated examples per operation and role (small by default,
for `make test`; the long run sets many). The generation is derandomized with a fixed seed, so
a run is reproducible. The long run also walks the boundary cases (`long` marker): every edge
and every type violation the document defines for each parameter and body field."""

import os
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from overseas.core.principal import Role
from overseas.main import create_app
from tests.world import AREA, MARKET, World

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("OVERSEAS_FUZZ_EXAMPLES", "") or "10")
SEED = 20240101
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = pytest.mark.parametrize("role", [Role.admin, Role.agency], ids=["admin", "agency"])


def _config(*, fuzzing: bool, coverage: bool) -> SchemathesisConfig:
    phases = {
        "examples": {"enabled": fuzzing},
        "fuzzing": {"enabled": fuzzing},
        "coverage": {"enabled": coverage},
        "stateful": {"enabled": False},
    }
    generation = {"max-examples": EXAMPLES, "deterministic": True, "database": "none"}
    return schemathesis.Config.from_dict({"seed": SEED, "generation": generation, "phases": phases})


def _schema(config: SchemathesisConfig) -> OpenApiSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(), config=config)


fuzzed = _schema(_config(fuzzing=True, coverage=False))
bounded = _schema(_config(fuzzing=False, coverage=True))


def _code(path: str) -> str:
    """The code of an object that exists, for the route's kind of code."""
    if path.startswith("/api/v1/areas"):
        return AREA
    if path.startswith("/api/v1/rules/violation-types"):
        return "d283-49-1-a"
    return MARKET


def _call(case: Any, app: FastAPI, world: World, role: Role) -> None:
    """The case as generated, then (when it names objects) on objects that exist, so that a
    generated body reaches the code behind the lookup."""
    headers = world.headers[role]
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
    if case.path_parameters:
        values = world.path_values() | {
            "code": _code(case.path),
            # A swapped day and the first cap row (the rows come with the migrations).
            "day": "2026-02-21",
            "rule_id": 1,
        }
        case.path_parameters = {name: values[name] for name in case.path_parameters}
        case.call_and_validate(app=app, headers=headers, checks=CHECKS)


@ROLES
@fuzzed.parametrize()
@settings(suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(
    case: Any, world_app: FastAPI, world: World, role: Role
) -> None:
    _call(case, world_app, world, role)


@pytest.mark.long
@ROLES
@bounded.parametrize()
@settings(suppress_health_check=list(HealthCheck))
def test_every_boundary_case_answers_as_documented(
    case: Any, world_app: FastAPI, world: World, role: Role
) -> None:
    _call(case, world_app, world, role)
