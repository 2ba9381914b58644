"""The faults many domains share, each with its stable code and params (docs/errors.md)."""

from typing import Any

from overseas.core.errors import Fault, fault

IN_FUTURE = fault("in_future", "is in the future")
NOT_NULL = fault("not_null", "may not be null")
BLANK = fault("blank", "must not be empty")
REQUIRED = fault("required", "required")


def before(other: str, message: str | None = None) -> Fault:
    """A date earlier than the date `other` names (a field, or the event it records)."""
    return fault("before_field", message or f"is before {other}", other=other)


def after(other: str, message: str | None = None) -> Fault:
    return fault("after_field", message or f"is after {other}", other=other)


def above(other: str) -> Fault:
    return fault("above_field", f"is above {other}", other=other)


def same_as(other: str) -> Fault:
    return fault("same_as_field", f"is the same as {other.rsplit('.', 1)[-1]}", other=other)


def not_found(entity: str, value: Any, message: str | None = None) -> Fault:
    """A reference to a record that does not exist: `entity` is area, market, agency, ..."""
    if message is None:
        key = "id" if isinstance(value, int) else "code"
        name = {"agency": "enterprise"}.get(entity, entity.replace("_", " "))
        shown = value if isinstance(value, int) else f"'{value}'"
        message = f"no {name} with {key} {shown}"
    return fault("not_found", message, entity=entity, value=value)


def required_for_status(status: str) -> Fault:
    return fault("required_for_status", f"required when the status is {status}", status=status)


def licence_not_active(status: Any) -> Fault:
    # Law 69/2020/QH14 Art. 12: a suspended or revoked licence sends and recruits nobody.
    return fault("licence_not_active", f"the enterprise's licence is {status}", status=str(status))
