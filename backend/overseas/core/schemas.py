"""What the API's shapes share. Each domain's `XBase` (in its models.py) states a field and its
limits once; its table, its create model and its read model inherit them
(`class XCreate(Schema, XBase)`), and its update model refers to them with `optional`."""

from typing import Any

from pydantic import BaseModel, Field

# The type SQLModel gives `model_config`: a model that inherits a base states its config with it.
from sqlmodel._compat import SQLModelConfig
from sqlmodel.main import FieldInfoMetadata

__all__ = ["READ", "SQLModelConfig", "Schema", "optional"]


class Schema:
    """The first base of an API shape that inherits a table's base: pydantic validates it by
    itself, as it does any BaseModel, and not through SQLModel's constructor, which takes a
    body's keys as its arguments (a key named `cls` would be a server error, not a 422)."""

    __init__ = BaseModel.__init__


def _sent_always(schema: dict[str, Any]) -> None:
    # The defaults a read model inherits from its base are for making a row, not for reading one.
    for field in schema.get("properties", {}).values():
        field.pop("default", None)


# A read model: made from a row's attributes; every answer carries every field, so the OpenAPI
# document marks each one required and shows no default.
READ = SQLModelConfig(
    from_attributes=True,
    json_schema_serialization_defaults_required=True,
    json_schema_extra=_sent_always,
)


def optional(model: type[BaseModel], name: str) -> Any:
    """The field `name` of `model` with its limits (max_length, ...) but optional: None when a
    change leaves it out. For update models, whose every field is optional."""
    field: Any = Field(default=None)
    # Its limits only: what SQLModel keeps beside them (column type, keys, index) is the table's.
    limits = model.model_fields[name].metadata
    field.metadata = [m for m in limits if not isinstance(m, FieldInfoMetadata)]
    return field
