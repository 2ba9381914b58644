"""The cap rows: added and changed by administrators, never overlapping for one key, so that
one row is in force for a key on any day (docs/law.md)."""

from datetime import date
from typing import Any, TypeVar

from sqlmodel import Session, col, or_, select

from overseas.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from overseas.core.faults import NOT_NULL, above, before
from overseas.law.models import DepositCapRule, FeeCapRule, SanctionPower, ViolationType

Rule = TypeVar("Rule", FeeCapRule, DepositCapRule)


def rules_on(session: Session, model: type[Rule], on: date | None) -> list[Rule]:
    stmt = select(model).order_by(
        col(model.market_code), col(model.programme), col(model.channel), col(model.valid_from)
    )
    if on is not None:
        stmt = stmt.where(
            col(model.valid_from) <= on,
            or_(col(model.valid_to).is_(None), col(model.valid_to) >= on),
        )
    return list(session.exec(stmt).all())


def get_rule(session: Session, model: type[Rule], rule_id: int) -> Rule:
    row = session.get(model, rule_id)
    if row is None:
        raise NotFound(f"no rule with id {rule_id}")
    return row


def _check_no_overlap(session: Session, row: Rule) -> None:
    """Two rows of one key valid on the same day would leave the rule in force undecided."""
    model = type(row)
    others = session.exec(
        select(model).where(
            model.market_code == row.market_code,
            model.programme == row.programme,
            model.channel == row.channel,
            model.id != row.id if row.id is not None else True,
        )
    ).all()
    for other in others:
        starts_before_end = other.valid_to is None or row.valid_from <= other.valid_to
        ends_after_start = row.valid_to is None or other.valid_from <= row.valid_to
        if starts_before_end and ends_after_start:
            until = other.valid_to.isoformat() if other.valid_to else "open-ended"
            message = (
                f"overlaps rule {other.id} ({other.market_code}/{other.programme}/"
                f"{other.channel}, {other.valid_from.isoformat()} to {until}): end that rule "
                "first"
            )
            params = {
                "rule": other.id,
                "from": other.valid_from.isoformat(),
                "to": other.valid_to.isoformat() if other.valid_to else None,
            }
            item = FieldError(
                field="valid_from", code="rule_overlaps", params=params, message=message
            )
            raise Conflict(message, code="rule_overlaps", errors=[item])


def create_rule(session: Session, model: type[Rule], data: Any) -> Rule:
    row = model.model_validate(data)
    _check_no_overlap(session, row)
    session.add(row)
    session.flush()
    return row


def update_rule(session: Session, row: Rule, changes: dict[str, Any]) -> Rule:
    for key in ("valid_from", "source", "note") + (
        ("cap_months_per_12", "cap_months_max") if isinstance(row, FeeCapRule) else ()
    ):
        if key in changes and changes[key] is None:
            raise ValidationFailed.of(key, NOT_NULL)
    for key, value in changes.items():
        setattr(row, key, value)
    if row.valid_to is not None and row.valid_to < row.valid_from:
        raise ValidationFailed.of("valid_to", before("valid_from"))
    _check_no_overlap(session, row)
    session.add(row)
    session.flush()
    return row


def violation_types(
    session: Session, on: date | None, applies_to: str | None
) -> list[ViolationType]:
    stmt = select(ViolationType).order_by(col(ViolationType.valid_from), col(ViolationType.code))
    if on is not None:
        stmt = stmt.where(
            col(ViolationType.valid_from) <= on,
            or_(col(ViolationType.valid_to).is_(None), col(ViolationType.valid_to) >= on),
        )
    if applies_to:
        stmt = stmt.where(ViolationType.applies_to == applies_to)
    return list(session.exec(stmt).all())


def get_violation_type(session: Session, code: str) -> ViolationType:
    row = session.get(ViolationType, code)
    if row is None:
        raise NotFound(f"no violation type with code '{code}'")
    return row


def create_violation_type(session: Session, data: Any) -> ViolationType:
    if session.get(ViolationType, data.code) is not None:
        raise Conflict(f"violation type '{data.code}' exists", code="already_exists")
    row = ViolationType.model_validate(data)
    session.add(row)
    session.flush()
    return row


def update_violation_type(
    session: Session, row: ViolationType, changes: dict[str, Any]
) -> ViolationType:
    not_null = (
        "title_vi", "title_en", "fine_max_vnd", "fine_basis", "additional_sanctions", "remedies",
        "source", "confirmed",
    )  # fmt: skip
    for key in not_null:
        if key in changes and changes[key] is None:
            raise ValidationFailed.of(key, NOT_NULL)
    for key, value in changes.items():
        setattr(row, key, value)
    if row.fine_min_vnd is not None and row.fine_min_vnd > row.fine_max_vnd:
        raise ValidationFailed.of("fine_min_vnd", above("fine_max_vnd"))
    if row.valid_to is not None and row.valid_to < row.valid_from:
        raise ValidationFailed.of("valid_to", before("valid_from"))
    session.add(row)
    session.flush()
    return row


def sanction_powers(session: Session, on: date | None) -> list[SanctionPower]:
    stmt = select(SanctionPower).order_by(col(SanctionPower.valid_from), col(SanctionPower.code))
    if on is not None:
        stmt = stmt.where(
            col(SanctionPower.valid_from) <= on,
            or_(col(SanctionPower.valid_to).is_(None), col(SanctionPower.valid_to) >= on),
        )
    return list(session.exec(stmt).all())


def get_sanction_power(session: Session, code: str) -> SanctionPower:
    row = session.get(SanctionPower, code)
    if row is None:
        raise NotFound(f"no sanction power with code '{code}'")
    return row


def create_sanction_power(session: Session, data: Any) -> SanctionPower:
    if session.get(SanctionPower, data.code) is not None:
        raise Conflict(f"sanction power '{data.code}' exists", code="already_exists")
    row = SanctionPower.model_validate(data)
    session.add(row)
    session.flush()
    return row


def update_sanction_power(
    session: Session, row: SanctionPower, changes: dict[str, Any]
) -> SanctionPower:
    for key in ("authority_vi", "authority_en", "max_fine_vnd", "scope", "source", "confirmed"):
        if key in changes and changes[key] is None:
            raise ValidationFailed.of(key, NOT_NULL)
    for key, value in changes.items():
        setattr(row, key, value)
    if row.valid_to is not None and row.valid_to < row.valid_from:
        raise ValidationFailed.of("valid_to", before("valid_from"))
    session.add(row)
    session.flush()
    return row
