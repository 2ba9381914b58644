"""Every error of an item in one pass. An item whose fields do not all validate is never
planned, so the rules across fields (rules.check_record, the reference checks) would be silent
about it until its first errors were fixed: a row with a bad contract length and a bad national
ID would show only the first. Each field that failed is given a stand-in value, the record goes
through the same checks as the others, and of the errors found only those of rules that read no
stand-in are kept. The stand-ins never reach a write: the item's own errors refuse the batch."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from overseas.core.errors import FieldError
from overseas.core.principal import Principal
from overseas.placements.record import WORKER_FIELDS, record_from
from overseas.placements.schemas import PlacementIn

# A value each field validates with; no rule's verdict on them is kept.
STAND_INS: dict[str, Any] = {
    "external_ref": None,
    "agency_id": None,
    "channel": "direct_contract",
    "market_code": "ZZ",
    "programme": None,
    "occupation": "-",
    "employer_name": None,
    "contract_months": 12,
    "monthly_salary": "1",
    "salary_currency": "VND",
    "service_fee_vnd": None,
    "deposit_vnd": None,
    "loan_vnd": None,
    "status": "registered",
    "registered_on": "2000-01-01",
    "departure_date": None,
    "return_date": None,
    "contract_signed_on": None,
    "notes": None,
    "recruitment_notice_id": None,
    "national_id": "000000000000",
    "previous_national_id": None,
    "full_name": "-",
    "date_of_birth": "1900-01-01",
    "sex": "male",
    "home_area_code": "0",
    "phone": None,
    "policy_groups": [],
}

# The stored placement a record updates is found by these two.
_KEY = frozenset({"agency_id", "external_ref"})

# The fields each rule reads, by the field its error names (rules.check_record, the reference
# checks and the plan's key checks). An error of a field not listed here is not kept for an
# item with stand-ins: when in doubt, say less rather than something untrue.
READS: dict[str, frozenset[str]] = {
    "worker.national_id": frozenset({"national_id", "sex", "date_of_birth", "registered_on"}),
    "worker.previous_national_id": frozenset({"previous_national_id", "national_id"}),
    "worker.date_of_birth": frozenset({"date_of_birth", "registered_on", "departure_date"}),
    "departure_date": frozenset({"status", "departure_date", "registered_on"}),
    "return_date": frozenset({"status", "return_date", "departure_date"}),
    "registered_on": frozenset({"registered_on"}),
    "contract_signed_on": frozenset({"contract_signed_on", "departure_date"}),
    "agency_id": frozenset({"channel"}) | _KEY,
    "worker.home_area_code": frozenset({"home_area_code", "registered_on"}) | _KEY,
    "market_code": frozenset({"market_code"}),
    "recruitment_notice_id": frozenset({"recruitment_notice_id"}) | _KEY,
    "status": frozenset({"status"}) | _KEY,
    "external_ref": _KEY,
}


@dataclass
class StandIn:
    """An item that did not validate, as a record with stand-ins for the fields that failed."""

    index: int
    values: dict[str, Any]
    failed: frozenset[str]


def _failed_fields(errors: Sequence[FieldError]) -> set[str] | None:
    """The record fields the errors name; None when one names no field a stand-in replaces."""
    failed: set[str] = set()
    for e in errors:
        parts = e.field.split(".")
        if parts[0] == "worker" and len(parts) == 1:
            failed.update(WORKER_FIELDS)
            continue
        name = parts[1] if parts[0] == "worker" else parts[0]
        if name not in STAND_INS:
            return None
        failed.add(name)
    return failed


def _with_stand_ins(raw: Mapping[str, Any], failed: set[str]) -> dict[str, Any]:
    item = {k: v for k, v in raw.items() if k in STAND_INS or k == "worker"}
    worker = raw.get("worker")
    worker = {k: v for k, v in worker.items() if k in STAND_INS} if isinstance(worker, dict) else {}
    for name in failed:
        (worker if name in WORKER_FIELDS else item)[name] = STAND_INS[name]
    item["worker"] = worker
    return item


def stand_ins(
    raw_items: Sequence[Any], errors: Sequence[FieldError], principal: Principal
) -> list[StandIn]:
    """The invalid items as records for the checks, each with the fields that failed."""
    by_index: dict[int, list[FieldError]] = {}
    for e in errors:
        if e.index is not None:
            by_index.setdefault(e.index, []).append(e)
    found: list[StandIn] = []
    for index, item_errors in sorted(by_index.items()):
        raw = raw_items[index]
        failed = _failed_fields(item_errors)
        if failed is None or not isinstance(raw, Mapping):
            continue
        try:
            data = PlacementIn.model_validate(_with_stand_ins(raw, failed))
        except ValidationError:
            continue  # a rule across fields of the schema itself: say only its own errors
        values = record_from(data)
        if principal.is_agency:
            values["agency_id"] = principal.agency_id
            failed.discard("agency_id")
        if failed & _KEY:
            # A half-known key would match other items or a stored placement by chance.
            values["external_ref"] = None
            failed |= _KEY
        found.append(StandIn(index, values, frozenset(failed)))
    return found


def genuine(errors: list[FieldError], standing_in: Sequence[StandIn]) -> list[FieldError]:
    """The errors that no stand-in caused."""
    failed = {s.index: s.failed for s in standing_in}
    kept = []
    for e in errors:
        if e.index in failed:
            reads = READS.get(e.field)
            if reads is None or reads & failed[e.index]:
                continue
        kept.append(e)
    return kept
