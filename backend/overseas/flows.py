"""Reactions that cross domains, in one place (docs/architecture.md, "Flows").

A domain never imports a domain above it; when an event in one domain must change another's
records, the route that handles the event calls the flow here, which calls each domain's
service in turn, in the request's transaction.
"""

from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.complaints import service as complaints
from overseas.complaints.models import Complaint
from overseas.complaints.schemas import ComplaintUpdate
from overseas.core.bulk import table_of
from overseas.core.errors import ValidationFailed
from overseas.core.faults import not_found
from overseas.core.principal import Principal
from overseas.core.schemas import optional
from overseas.inspections import service as inspections
from overseas.inspections.models import Inspection, InspectionBase, Kind
from overseas.inspections.schemas import InspectionCreate
from overseas.law import caps
from overseas.law import service as law
from overseas.law.models import DepositCapRule, FeeCapRule
from overseas.markets import service as markets
from overseas.markets.models import Market, MarketRecord
from overseas.markets.schemas import MarketRecordCreate
from overseas.notices import service as notices
from overseas.notices.models import RecruitmentNotice
from overseas.notices.schemas import NoticeUpdate
from overseas.placements import flags as placement_flags
from overseas.placements import quota
from overseas.placements.models import Channel, Placement, Programme

CapRule = TypeVar("CapRule", FeeCapRule, DepositCapRule)


def record_market_entry(session: Session, market: Market, data: MarketRecordCreate) -> MarketRecord:
    """A new market record; when it is an exchange rate, the service fees of the placements it
    applies to (judged on a day from its `effective_on` until the next rate) are judged again
    against the legal cap (`fee_above_cap`), as one audited system action that says how many
    flags changed."""
    record = markets.create_record(session, market, data)
    if markets.is_exchange_rate(record):
        currency = markets.rate_currency(record)
        changed = placement_flags.recompute_fee_flags(
            session, market.code, currency, record.effective_on
        )
        audit.record(
            session,
            "rejudge_fees",
            "markets",
            market.code,
            {
                "currency": currency,
                "effective_on": record.effective_on.isoformat(),
                "record_id": record.id,
                "flags_changed": changed,
            },
        )
    return record


def _check_cap_key(session: Session, market_code: str, programme: str, channel: str) -> None:
    """A cap row names a known market, programme and channel, or `*` for any."""
    if market_code != caps.ANY and session.get(Market, market_code) is None:
        raise ValidationFailed.of("market_code", not_found("market", market_code))
    if programme != caps.ANY and programme not in {p.value for p in Programme}:
        raise ValidationFailed.one(
            "programme",
            f"'{programme}' is no programme (or use '*')",
            "not_found",
            {"entity": "programme", "value": programme},
        )
    if channel != caps.ANY and channel not in {c.value for c in Channel}:
        raise ValidationFailed.one(
            "channel",
            f"'{channel}' is no channel (or use '*')",
            "not_found",
            {"entity": "channel", "value": channel},
        )


def _rejudge_for_rule(
    session: Session, row: CapRule, judged_from: date, judged_to: date | None
) -> int:
    """Judge again the placements a cap row applies to, over the days it covers,
    as one audited system action naming how many flags changed."""
    table = table_of(Placement)
    where = [
        table.c[name] == getattr(row, name)
        for name in ("market_code", "programme", "channel")
        if getattr(row, name) != caps.ANY
    ]
    changed = placement_flags.rejudge(session, where, judged_from, judged_to)
    audit.record(
        session,
        "rejudge_caps",
        row.__tablename__,
        row.id or 0,
        {
            "judged_from": judged_from.isoformat(),
            "judged_to": judged_to.isoformat() if judged_to else None,
            "flags_changed": changed,
        },
    )
    return changed


def add_cap_rule(session: Session, model: type[CapRule], data: Any) -> tuple[CapRule, int]:
    """A new cap row, and the placements it applies to judged again (docs/law.md)."""
    _check_cap_key(session, data.market_code, data.programme, data.channel)
    row = law.create_rule(session, model, data)
    return row, _rejudge_for_rule(session, row, row.valid_from, row.valid_to)


def change_cap_rule(session: Session, row: CapRule, changes: dict[str, Any]) -> tuple[CapRule, int]:
    """A changed cap row (its period, cap or source), and the placements judged again over
    the days it covered before and covers now."""
    before = (row.valid_from, row.valid_to)
    row = law.update_rule(session, row, changes)
    start = min(before[0], row.valid_from)
    end = None if before[1] is None or row.valid_to is None else max(before[1], row.valid_to)
    return row, _rejudge_for_rule(session, row, start, end)


# ------------------------------------------------------------------ complaints and inspections


def _blank_as_null(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


class InspectionFromComplaint(BaseModel):
    """The particulars of the inspection a complaint starts, all optional; its enterprise is
    the complaint's and its kind `complaint`."""

    model_config = ConfigDict(extra="forbid")

    decision_no: str | None = optional(InspectionBase, "decision_no")
    decision_date: date | None = None
    planned_on: date | None = None
    scope_from: date | None = None
    scope_to: date | None = None
    lead_inspector: str | None = optional(InspectionBase, "lead_inspector")

    _check_text = field_validator("decision_no", "lead_inspector", mode="before")(_blank_as_null)


def start_inspection(
    session: Session, complaint: Complaint, data: InspectionFromComplaint
) -> tuple[Complaint, Inspection]:
    """A complaint leads to an inspection: one of kind `complaint` is planned for the
    complaint's enterprise, and the complaint is linked to it and under investigation
    (docs/complaints.md). 409 when the complaint led to one already or is done with; 422
    naming `agency_id` when it names no enterprise."""
    agency_id = complaints.check_inspectable(complaint)
    inspection = inspections.create_inspection(
        session,
        InspectionCreate.model_validate(
            data.model_dump() | {"agency_id": agency_id, "kind": Kind.complaint}
        ),
    )
    assert inspection.id is not None
    return complaints.take_up(session, complaint, inspection.id), inspection


def change_complaint(session: Session, complaint: Complaint, data: ComplaintUpdate) -> Complaint:
    """A change to a complaint; when it links an inspection, or changes the enterprise of a
    complaint linked to one, the inspection must exist and be of the complaint's enterprise
    (422 naming the field sent)."""
    changes = data.model_dump(exclude_unset=True)
    inspection_id = changes.get("inspection_id", complaint.inspection_id)
    touched = [name for name in ("inspection_id", "agency_id") if name in changes]
    if inspection_id is not None and touched:
        field = touched[0]
        inspection = session.get(Inspection, inspection_id)
        if inspection is None:
            raise ValidationFailed.of(field, not_found("inspection", inspection_id))
        agency_id = changes.get("agency_id", complaint.agency_id)
        if inspection.agency_id != agency_id:
            raise ValidationFailed.one(
                field,
                f"inspection {inspection_id} is of another enterprise than the complaint's",
                "other_enterprise",
            )
    return complaints.update_complaint(session, complaint, data)


def change_notice(
    session: Session, principal: Principal, notice: RecruitmentNotice, data: NoticeUpdate
) -> RecruitmentNotice:
    """A changed recruitment notice; when its quota changed, the placements naming it are
    counted again against it (`over_quota`, docs/notices.md)."""
    notice, quota_changed = notices.update(session, principal, notice, data)
    if quota_changed:
        quota.settle(session, [notice.id])
    return notice
