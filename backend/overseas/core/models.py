"""Column helpers shared by every domain's tables."""

from typing import Any

from sqlalchemy.orm import declared_attr
from sqlmodel import Field

from overseas.core.db import UTCDateTime, utcnow
from overseas.core.faults import NOT_NULL


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps `version` (SQLAlchemy version_id_col),
    so two concurrent edits can never silently overwrite each other."""

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def created_at_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def updated_at_field() -> Any:
    return Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


def version_field() -> Any:
    return Field(default=1, nullable=False)


def etag(version: int) -> str:
    return f'"{version}"'


def apply_patch(obj: Any, changes: dict[str, Any], *, not_null: frozenset[str]) -> None:
    """Set the fields a PATCH sent; a required field sent as null is a 422 naming it."""
    from overseas.core.errors import ValidationFailed

    for key, value in changes.items():
        if value is None and key in not_null:
            raise ValidationFailed.of(key, NOT_NULL)
    for key, value in changes.items():
        setattr(obj, key, value)
