"""The one reading of typed amounts and counts, against the vectors the web form also uses."""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from overseas.core.numbers import NumberError, parse_number

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "number_vectors.json").read_text(encoding="utf-8")
)["vectors"]


def _id(vector: dict[str, Any]) -> str:
    return f"{vector['input']!r}-{vector['kind']}"


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_the_shared_vectors(vector: dict[str, Any]) -> None:
    integer = vector["kind"] == "int"
    negative = vector.get("negative", False)
    if "error" in vector:
        with pytest.raises(NumberError) as caught:
            parse_number(vector["input"], integer=integer, negative=negative)
        assert caught.value.problem == vector["error"]
        return
    got = parse_number(vector["input"], integer=integer, negative=negative)
    if integer:
        assert type(got) is int
        assert str(got) == vector["expected"]
    else:
        assert isinstance(got, Decimal)
        assert got == Decimal(vector["expected"])
        assert format(got, "f") == vector["expected"]


def test_the_vectors_cover_the_cases_people_type() -> None:
    covered = {(v["input"], v["kind"]) for v in VECTORS}
    for case in [("180.000", "decimal"), ("180000", "decimal"), ("1.900.000", "int")]:
        assert case in covered
    assert ("1,5", "decimal") in covered and ("1.5", "decimal") in covered


def test_a_salary_keeps_its_fraction_exactly() -> None:
    # 0.1 has no exact float; a Decimal read from the text keeps it.
    assert parse_number("1.900.000,10", integer=False) == Decimal("1900000.1")
    assert parse_number("0,1", integer=False) + parse_number("0,2", integer=False) == Decimal("0.3")


@pytest.mark.parametrize(
    ("text", "integer", "message"),
    [
        ("1..5", False, "'1..5' is not a number; write it like 180000, 180.000 or 1,5"),
        ("1,5", True, "'1,5' must be a whole number"),
        ("-5", True, "'-5' must not be negative"),
        ("", True, "must not be empty"),
    ],
)
def test_the_messages_name_what_was_typed(text: str, integer: bool, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_number(text, integer=integer)


def test_a_long_text_is_cut_short_in_the_message() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("x" * 1000, integer=True)
    assert len(str(caught.value)) < 120
