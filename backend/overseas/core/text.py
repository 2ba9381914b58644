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


# The Vietnamese alphabet (with the Latin letters it lacks in their Latin places): ă and â
# after a, đ after d, ê after e, ô and ơ after o, ư after u.
_ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
# Tone marks, in dictionary order after the unmarked (level) tone: huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Each letter becomes two characters from "b".."z" and words are joined by "a", lower than any
# letter: the key holds only ASCII lower-case letters, so every collation orders it alike.
_CODES = {
    letter: "bcdefghijklmnopqrstuvwxyz"[i // 25] + "bcdefghijklmnopqrstuvwxyz"[i % 25]
    for i, letter in enumerate(_ALPHABET)
}


def _letters_and_tone(word: str) -> tuple[str, int]:
    letters = []
    tone = 0
    for char in unicodedata.normalize("NFC", word.lower()):
        marks = unicodedata.normalize("NFD", char)
        tone = max([tone, *(_TONES.get(m, 0) for m in marks[1:])])
        # The letter without its tone: "ấ" -> "â", "ự" -> "ư".
        plain = unicodedata.normalize(
            "NFC", marks[0] + "".join(m for m in marks[1:] if m not in _TONES)
        )
        if plain in _CODES:
            letters.append(_CODES[plain])
        elif (base := fold(plain)) and base in _CODES:
            letters.append(_CODES[base])
    return "".join(letters), tone


@lru_cache(maxsize=65536)
def name_sort_key(full_name: str) -> str:
    """How a Vietnamese name sorts: by the given name (its last word), then the family and
    middle names, letter by letter in the Vietnamese alphabet, then by tones, so "Nguyễn Văn
    An" < "Trần Thị Ánh" < "Lê Bình" < "Lê Văn Đức" (docs/api.md, "Sorting")."""
    words = full_name.split()
    ordered = words[-1:] + words[:-1]
    parts = [_letters_and_tone(w) for w in ordered]
    letters = "a".join(p[0] for p in parts)
    tones = "".join("abcdef"[p[1]] for p in parts)
    return f"{letters}aa{tones}"
