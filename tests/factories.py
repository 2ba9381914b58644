"""Plain factory functions for test data: `make.agency(status="suspended")`,
`make.placement(status="contracted", moves=[("departed", "2025-03-10")])`."""

import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from overseas.agencies.models import Agency
from overseas.auth.models import ApiClient, User
from overseas.core.principal import Principal, Role
from overseas.core.security import create_access_token, hash_secret
from overseas.inspections import service as inspections
from overseas.inspections.models import Inspection, Violation
from overseas.inspections.schemas import InspectionCreate, InspectionTransition, ViolationCreate
from overseas.placements import service as placements
from overseas.placements.models import Placement
from overseas.placements.schemas import PlacementIn, TransitionIn
from tests import placement_data

PASSWORD = "correct-horse-battery"
# Hashed once: Argon2 is deliberately slow and most tests need no real login.
_PASSWORD_HASH = hash_secret(PASSWORD)
_seq = itertools.count(1)
# Who the factories write placements as: an officer, who may write any enterprise's.
_OFFICER = Principal(kind="user", id=0, username="factory", role=Role.officer, agency_id=None)
# The factories' national IDs are numbered from here, clear of the numbers tests pick.
_FIRST_NATIONAL_ID = 800_000
# A day as a date or in ISO form ("2025-03-10").
Day = date | str


class Factory:
    """Each object is committed: inside the test's outer transaction that only releases a
    savepoint, so a request that fails and rolls back does not take the test's data with it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def agency(self, **overrides: Any) -> Agency:
        n = next(_seq)
        values: dict[str, Any] = {
            "licence_no": f"TEST-{n:04d}/GP",
            "name": f"Công ty thử nghiệm {n}",
            "tax_code": f"{4000000000 + n:010d}",
        }
        agency = Agency(**(values | overrides))
        self.session.add(agency)
        self.session.commit()
        return agency

    def user(self, role: Role = Role.officer, **overrides: Any) -> User:
        n = next(_seq)
        if role == Role.agency and "agency_id" not in overrides:
            overrides["agency_id"] = self.agency().id
        values: dict[str, Any] = {
            "username": f"{role.value}{n}",
            "full_name": f"Người dùng {n}",
            "role": role,
            "password_hash": _PASSWORD_HASH,
        }
        user = User(**(values | overrides))
        self.session.add(user)
        self.session.commit()
        return user

    def api_client(
        self, role: Role = Role.agency, secret: str = "s3cret-value-123", **overrides: Any
    ) -> ApiClient:
        n = next(_seq)
        if role == Role.agency and "agency_id" not in overrides:
            overrides["agency_id"] = self.agency().id
        values: dict[str, Any] = {
            "name": f"client {n}",
            "role": role,
            "client_id": f"test-client-{n}",
            "secret_hash": hash_secret(secret),
        }
        client = ApiClient(**(values | overrides))
        self.session.add(client)
        self.session.commit()
        return client

    def headers(self, role: Role = Role.officer, **overrides: Any) -> dict[str, str]:
        """Authorization headers for a new user of that role."""
        return self.headers_for(self.user(role, **overrides))

    @staticmethod
    def headers_for(user: User) -> dict[str, str]:
        token, _ = create_access_token(f"user:{user.id}", user.role, user.agency_id)
        return {"Authorization": f"Bearer {token}"}

    def placement(
        self,
        external_ref: str | None = None,
        *,
        moves: Sequence[tuple[str, Day]] = (),
        **overrides: Any,
    ) -> Placement:
        """A placement written the registry's own way (`placements.service`: its rules, flags
        and tallies), from tests/placement_data.py's valid payload with `overrides` (`worker=`
        merges into the worker), then moved by each of `moves`: (status, on). Unless given,
        it belongs to a new enterprise and has a reference and a national ID of its own, the
        ID matching the worker's sex and year of birth."""
        n = next(_seq)
        worker = dict(overrides.pop("worker", {}))
        if "national_id" not in worker:
            person = placement_data.worker(**worker)
            worker["national_id"] = placement_data.national_id(
                _FIRST_NATIONAL_ID + n,
                sex=str(person["sex"]),
                year=int(str(person["date_of_birth"])[:4]),
            )
        if "agency_id" not in overrides:
            overrides["agency_id"] = self.agency().id
        payload = placement_data.item(external_ref or f"F-{n}", worker=worker, **overrides)
        placement = placements.create(self.session, _OFFICER, PlacementIn.model_validate(payload))
        for status, on in moves:
            move = TransitionIn.model_validate({"status": status, "on": on})
            placement = placements.transition(self.session, _OFFICER, placement, move)
        self.session.commit()
        return placement

    def inspection(
        self,
        agency_id: int | None = None,
        *,
        started_on: Day | None = None,
        violations: Sequence[Mapping[str, Any]] = (),
        concluded_on: Day | None = None,
        result: str | None = None,
        closed_on: Day | None = None,
        **fields: Any,
    ) -> Inspection:
        """An inspection taken through the registry's own rules (`inspections.service`):
        planned (a scheduled one unless `kind=` says otherwise), started on `started_on`, its
        `violations` recorded (each what `violation` takes), concluded on `concluded_on` with
        `result` (violations when any were recorded, else compliant) and closed on `closed_on`;
        each step only when its day is given. Of a new enterprise unless `agency_id` is given."""
        if agency_id is None:
            agency_id = self.agency().id
        planned = InspectionCreate.model_validate(
            {"agency_id": agency_id, "kind": "scheduled"} | fields
        )
        inspection = inspections.create_inspection(self.session, planned)
        if started_on is not None:
            self._step(inspection, "in_progress", started_on)
        for found in violations:
            self.violation(inspection, **found)
        if concluded_on is not None:
            outcome = result or ("violations" if violations else "compliant")
            self._step(inspection, "concluded", concluded_on, result=outcome)
        if closed_on is not None:
            self._step(inspection, "closed", closed_on)
        self.session.commit()
        return inspection

    def violation(self, inspection: Inspection, **overrides: Any) -> Violation:
        """A violation found by an inspection in progress (`inspections.service`)."""
        n = next(_seq)
        values: dict[str, Any] = {"category": "other", "description": f"Vi phạm {n}"}
        data = ViolationCreate.model_validate(values | overrides)
        violation = inspections.add_violation(self.session, inspection, data)
        self.session.commit()
        return violation

    def _step(self, inspection: Inspection, status: str, on: Day, **extra: Any) -> None:
        move = InspectionTransition.model_validate({"status": status, "on": on} | extra)
        inspections.transition(self.session, inspection, move)
