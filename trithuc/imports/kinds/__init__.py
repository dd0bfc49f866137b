"""The kinds of spreadsheet the system reads and writes. A new kind is one module here: its columns
(headers, synonyms, how each cell is read, drop-down lists) and its row validator and writer."""

from __future__ import annotations

from ..engine import Kind
from .attraction import AttractionKind
from .awards import AwardsKind
from .careers import CareersKind
from .people import PeopleKind
from .ratings import RatingsKind
from .succession import SuccessionKind
from .training import TrainingKind

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        PeopleKind(),
        TrainingKind(),
        RatingsKind(),
        AwardsKind(),
        CareersKind(),
        SuccessionKind(),
        AttractionKind(),
    )
}


def get_kind(code: str) -> Kind | None:
    return KINDS.get(code)
