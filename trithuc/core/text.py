"""Vietnamese text helpers: normalisation, folding for search and matching, collation, name parts."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

# Đ/đ carry no combining mark, so NFD does not strip them; Ð (U+00D0, Icelandic eth) and ð look the
# same and turn up in files typed on other keyboards.
_D_LIKE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "Ɖ": "d", "ɖ": "d"})
_SPACES = re.compile(r"\s+")
# Stored names use the Vietnamese letter, whatever was typed.
_ETH_TO_D_STROKE = str.maketrans({"Ð": "Đ", "ð": "đ"})


def normalize_text(value: str) -> str:
    """NFC with single spaces: the form every stored name has."""
    text = unicodedata.normalize("NFC", value or "").translate(_ETH_TO_D_STROKE)
    return _SPACES.sub(" ", text).strip()


def fold(value: str) -> str:
    """Lower case, no tone or vowel marks, đ → d, single spaces.

    Both tone placements ("Hoà"/"Hòa", "Thuỷ"/"Thủy") fold to the same string because every mark is
    dropped, wherever it sits.
    """
    text = unicodedata.normalize("NFD", (value or "").translate(_D_LIKE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.lower()).strip()


def search_tokens(query: str) -> list[str]:
    """The folded words of a search box entry, in the order typed."""
    return [token for token in re.split(r"[^0-9a-z]+", fold(query)) if token]


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def collation_key(value: str) -> str:
    """A string whose plain byte order is the Vietnamese dictionary order of ``value``.

    Stored beside names so that both SQLite and PostgreSQL sort by it with an ordinary index.
    """
    return _collator().getSortKey(normalize_text(value)).hex()


def vietnamese_sorted(values: list[str]) -> list[str]:
    return sorted(values, key=_collator().getSortKey)


def proper_case(value: str) -> str:
    """'nguyễn  VĂN an' → 'Nguyễn Văn An'."""
    return " ".join(
        word[:1].upper() + word[1:].lower() for word in normalize_text(value).split(" ")
    )


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (họ, đệm, tên): the first word, the middle, the last word."""
    words = normalize_text(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]
