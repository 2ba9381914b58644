"""Text as people type it into a search box."""

import unicodedata
from functools import lru_cache


# Cached: a batch folds the same names many times over.
@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower case without diacritics, for search: "Nguyễn Văn Đức" -> "nguyen van duc", and
    the old and new spellings of a name alike ("Hòa" and "Hoà" both -> "hoa")."""
    decomposed = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


# Marks every name the demo data invents (`overseas demo load`): none of it is real.
DEMO_LABEL = "(dữ liệu mẫu)"
