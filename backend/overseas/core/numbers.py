"""Numbers as people type them: the one reading of money and counts for forms and files.

Vietnamese writing groups thousands with a dot or a space and marks decimals with a comma;
figures copied from elsewhere use a comma for thousands and a dot for decimals. So:

- spaces (also no-break spaces) separate thousands: ``1 900 000``;
- a dot followed by groups of exactly three digits separates thousands: ``180.000``,
  ``1.900.000``; a single dot followed by anything else is a decimal point: ``1.5``;
- a single comma is the decimal comma: ``1,5``; several commas followed by groups of three
  digits separate thousands: ``1,900,000``;
- when both appear, the last of them is the decimal mark: ``1.900.000,50``, ``1,900,000.5``.

Thousands groups after the first are exactly three digits and the first is one to three digits
without a leading zero. The web form applies the same rule (``frontend/src/forms/parseNumber.ts``)
and both are tested against ``tests/fixtures/number_vectors.json``.
"""

import re
from decimal import Decimal
from typing import Literal, overload

Problem = Literal["empty", "number", "whole", "negative"]

_SPACES = re.compile(r"\s+")
_SHAPE = re.compile(r"[0-9]+(?:[., ][0-9]+)*")
_PARTS = re.compile(r"[0-9]+|[., ]")
_FIRST_GROUP = re.compile(r"[1-9][0-9]{0,2}")
_SHOWN = 40


CODES: dict[str, str] = {
    "empty": "blank",
    "number": "number_parsing",
    "whole": "int_from_float",
    "negative": "negative",
}


class NumberError(ValueError):
    """Text that is not a number of the kind asked for; the message names the text."""

    def __init__(self, problem: Problem, text: str) -> None:
        self.problem = problem
        text = text.strip()
        shown = f"'{text}'" if len(text) <= _SHOWN else f"'{text[:_SHOWN]}…'"
        messages: dict[Problem, str] = {
            "empty": "must not be empty",
            "number": f"{shown} is not a number; write it like 180000, 180.000 or 1,5",
            "whole": f"{shown} must be a whole number",
            "negative": f"{shown} must not be negative",
        }
        super().__init__(messages[problem])
        self.text = text
        # The error item's code (docs/errors.md).
        self.code = CODES[problem]


def _decimal_mark(groups: list[str], seps: list[str]) -> str | None:
    """Which separator, if any, is the decimal mark; None when every one is a thousands mark."""
    marks = [s for s in seps if s != " "]
    if not marks:
        return None
    if "." in marks and "," in marks:
        return marks[-1]
    mark = marks[0]
    if len(marks) > 1 or seps[-1] != mark:
        return None  # several of one mark (or one not last): thousands
    if mark == ",":
        return ","
    return None if len(groups[-1]) == 3 else "."


def canonical(text: str, *, negative: bool = False) -> str:
    """The number in ``text`` as plain digits with a dot for decimals and no trailing zeros
    (``"180.000"`` → ``"180000"``, ``"1,50"`` → ``"1.5"``); raises NumberError."""
    compact = _SPACES.sub(" ", text.strip())
    if not compact:
        raise NumberError("empty", text)
    minus = compact.startswith("-")
    body = compact[1:] if minus else compact
    if not _SHAPE.fullmatch(body):
        raise NumberError("number", text)
    parts = _PARTS.findall(body)
    groups, seps = parts[0::2], parts[1::2]
    mark = _decimal_mark(groups, seps)
    if mark is not None:
        if seps.count(mark) != 1 or seps[-1] != mark:
            raise NumberError("number", text)
        fraction = groups.pop()
        seps.pop()
    else:
        fraction = ""
    if seps:
        thousands = {s for s in seps if s != " "}
        if len(thousands) > 1:
            raise NumberError("number", text)
        if not _FIRST_GROUP.fullmatch(groups[0]) or any(len(g) != 3 for g in groups[1:]):
            raise NumberError("number", text)
    whole = "".join(groups).lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    digits = f"{whole}.{fraction}" if fraction else whole
    if minus and digits != "0":
        if not negative:
            raise NumberError("negative", text)
        return f"-{digits}"
    return digits


@overload
def parse_number(text: str, *, integer: Literal[True], negative: bool = False) -> int: ...
@overload
def parse_number(text: str, *, integer: Literal[False], negative: bool = False) -> Decimal: ...
@overload
def parse_number(text: str, *, integer: bool, negative: bool = False) -> int | Decimal: ...
def parse_number(text: str, *, integer: bool, negative: bool = False) -> int | Decimal:
    """A typed amount or count: an int for whole-number fields (a fraction is an error), an
    exact Decimal otherwise. Raises NumberError (a ValueError) with a message for the user."""
    digits = canonical(text, negative=negative)
    if not integer:
        return Decimal(digits)
    if "." in digits:
        raise NumberError("whole", text)
    return int(digits)
