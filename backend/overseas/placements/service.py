"""The worker registry's operations. One path writes placements: `planning.plan` checks a list
of records and `writing.write` applies the plan with bulk statements. The single-record
endpoints, the batch and the file import all go through it, so they cannot disagree.
"""

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from overseas.core.db import outside_write_lock
from overseas.core.errors import (
    Conflict,
    InvalidTransition,
    ValidationFailed,
)
from overseas.core.principal import Principal
from overseas.core.retry import with_retries
from overseas.placements import identity, quota, rules, standins, tallies
from overseas.placements.identity import same_people
from overseas.placements.models import Placement, Status
from overseas.placements.planning import (
    Planned,
    find_existing,
    parse_items,
    plan,
    plan_change,
    plan_holds,
    raise_single,
)
from overseas.placements.record import api_field, plain, record_from, record_of
from overseas.placements.schemas import (
    BatchResult,
    PlacementIn,
    PlacementUpdate,
    TransitionIn,
)
from overseas.placements.writing import flip_duplicates, write


def upsert(
    session: Session,
    principal: Principal,
    raw_items: Sequence[Any],
    *,
    dry_run: bool,
    rows: Sequence[int] | None = None,
) -> BatchResult:
    """Create or update placements by (agency_id, external_ref), all or nothing.

    `rows` gives each item's spreadsheet row (file imports) for the error report.
    """
    # On SQLite the items are checked and planned while other requests write; under the write
    # lock again the plan is kept only if what it read is unchanged (docs/architecture.md).
    with outside_write_lock(session) as outside:
        parsed, errors = parse_items(raw_items, principal)
        # The items that did not validate are checked too, so each says every error at once.
        standing_in = standins.stand_ins(raw_items, errors, principal)
        records = sorted(parsed + [(s.index, s.values) for s in standing_in], key=lambda r: r[0])
        early = plan(session, _copies(records), require_ref=True) if outside else None

    def attempt() -> list[Planned]:
        nonlocal early
        if early is not None and plan_holds(session, _copies(records), *early):
            planned, rule_errors, lookups = early
        else:
            # Fresh copies of the records: a retried attempt must not see the last one's ids.
            planned, rule_errors, lookups = plan(session, _copies(records), require_ref=True)
        early = None
        found = errors + standins.genuine(rule_errors, standing_in)
        if found:
            found.sort(key=lambda e: (e.index or 0, e.field))
            if rows is not None:
                for e in found:
                    if e.index is not None:
                        e.row = rows[e.index]
            bad = len({e.index for e in found})
            raise ValidationFailed(
                f"{bad} of {len(raw_items)} items are invalid; nothing was written", errors=found
            )
        if not dry_run:
            write(session, planned, lookups)
        return planned

    planned = with_retries(session, attempt)
    counts = Counter(p.result for p in planned)
    # Validated in one call, items and all, rather than one BatchItemResult at a time.
    return BatchResult.model_validate(
        {
            "dry_run": dry_run,
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "items": [
                {
                    "index": p.index,
                    "external_ref": p.values["external_ref"],
                    "id": p.values.get("id") or (p.existing.id if p.existing else None),
                    "result": p.result,
                }
                for p in planned
            ],
        }
    )


def _copies(records: Sequence[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, dict(v)) for i, v in records]


def create(session: Session, principal: Principal, data: PlacementIn) -> Placement:
    values = record_from(data)
    if principal.is_agency:
        values["agency_id"] = principal.agency_id

    def attempt() -> int:
        planned, errors, lookups = plan(session, [(0, dict(values))], require_ref=False)
        if planned[0].existing is not None:
            raise Conflict(
                f"a placement with external_ref '{values['external_ref']}' exists for this "
                "enterprise; change it with PATCH or the batch",
                code="external_ref_exists",
            )
        if errors:
            raise_single(errors)
        write(session, planned, lookups)
        return int(planned[0].values["id"])

    placement = session.get(Placement, with_retries(session, attempt))
    assert placement is not None
    return placement


def update_placement(
    session: Session, principal: Principal, placement: Placement, data: PlacementUpdate
) -> Placement:
    changes = data.model_dump(exclude_unset=True)
    worker_changes = changes.pop("worker", None) or {}
    values = record_of(placement)
    for name, value in list(changes.items()) + list(worker_changes.items()):
        values[name] = value
    if "policy_groups" in worker_changes and worker_changes["policy_groups"] is not None:
        values["policy_groups"] = [plain(g) for g in worker_changes["policy_groups"]]
    for name in (
        "channel",
        "market_code",
        "occupation",
        "contract_months",
        "monthly_salary",
        "salary_currency",
        "status",
        "registered_on",
        "national_id",
        "full_name",
        "date_of_birth",
        "sex",
        "home_area_code",
        "policy_groups",
    ):
        if values[name] is None:
            raise ValidationFailed.one(api_field(name), "may not be null", "not_null")
    if principal.is_agency:
        values["agency_id"] = principal.agency_id
    if values["external_ref"] != placement.external_ref and values["external_ref"]:
        clash = find_existing(session, [values])
        if clash:
            raise Conflict(
                f"external_ref '{values['external_ref']}' is taken by another placement",
                code="external_ref_exists",
            )

    def attempt() -> None:
        planned_one, lookups = plan_change(session, placement, values)
        write(session, [planned_one], lookups)

    with_retries(session, attempt)
    session.refresh(placement)
    return placement


def transition(
    session: Session, principal: Principal, placement: Placement, data: TransitionIn
) -> Placement:
    if not rules.can_transition(placement.status, data.status):
        allowed = ", ".join(sorted(s.value for s in rules.TRANSITIONS[placement.status])) or "none"
        raise InvalidTransition(
            f"cannot go from {placement.status} to {data.status.value} (allowed: {allowed})"
        )
    values = record_of(placement)
    values["status"] = data.status
    if data.status == Status.departed:
        values["departure_date"] = data.on
    elif data.status in rules.RETURNED_STATUSES:
        values["return_date"] = data.on

    def attempt() -> None:
        planned_one, lookups = plan_change(session, placement, values)
        write(session, [planned_one], lookups, reason=data.reason, on=data.on)

    with_retries(session, attempt)
    session.refresh(placement)
    return placement


def delete(session: Session, placement: Placement) -> None:
    """Remove a placement entered by mistake (history goes with it; the audit keeps it)."""
    ids = identity.ids_of(placement.national_id, placement.previous_national_id)
    notice_id = placement.recruitment_notice_id
    tallies.apply(session, Counter({key: -1 for key in tallies.keys_of(placement)}))
    session.delete(placement)
    session.flush()
    others = same_people(session, ids)
    active = rules.ActivePlacements((known, status) for _, known, status, _ in others)
    flip_duplicates(session, others, active)
    # The placements after it in its notice's count may now be within the quota.
    quota.settle(session, [notice_id])
