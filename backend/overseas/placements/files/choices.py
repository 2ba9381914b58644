"""Coded cells as people write them: the code scripts use (`registered`) or the Vietnamese
words the web app shows ("Đã đăng ký"). Case, spacing and Unicode form never matter; diacritics
and underscores do not either, as long as what is written still names one code."""

import unicodedata
from functools import cache

from overseas.core.text import fold
from overseas.placements.labels import label


def _exact(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _loose(text: str) -> str:
    return fold(text.replace("_", " "))


@cache
def _index(vocabulary: str, codes: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    loose: dict[str, set[str]] = {}
    for code in codes:
        for written in (code, label(vocabulary, code)):
            exact[_exact(written)] = code
            loose.setdefault(_loose(written), set()).add(code)
    # Without diacritics two words may read alike; such a spelling names no code.
    return exact, {key: next(iter(found)) for key, found in loose.items() if len(found) == 1}


def code_of(vocabulary: str, codes: tuple[str, ...], text: str) -> str | None:
    """The code `text` names, or None."""
    exact, loose = _index(vocabulary, codes)
    return exact.get(_exact(text)) or loose.get(_loose(text))


def labels(vocabulary: str, codes: tuple[str, ...]) -> list[str]:
    """The words a person picks from, in the order of the codes."""
    return [label(vocabulary, code) for code in codes]


def described(vocabulary: str, codes: tuple[str, ...]) -> str:
    """Each accepted value with its code, for an error message: `Nam (male), Nữ (female)`."""
    shown = [(label(vocabulary, c), c) for c in codes]
    return ", ".join(words if words == code else f"{words} ({code})" for words, code in shown)
