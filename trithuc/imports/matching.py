"""Is this row a person we already have? One index of the stored people, asked once per row.

Certain: the same CCCD (with a name that agrees), or no CCCD conflict and the same folded name, the
same full birth date and the same gender. Uncertain, listed for a person to decide and never merged
on its own: a close name (fuzzy score on the folded name at or above the cut-off) with a compatible
birth date, the same name with only a year or month of birth, a different gender, or more than one
certain candidate. Everything else is a new person. Earlier rows of the same file are indexed too,
so a person listed twice becomes one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from rapidfuzz import fuzz

from trithuc.core.dates import DatePrecision, format_partial_date

# A CCCD match whose names score below this is a conflict (a mistyped number), not a match.
CCCD_NAME_AGREEMENT = 70


# Files with at most this many rows read only the stored people their rows could match.
NARROW_UP_TO = 2000


def fuzzy_cutoff() -> float:
    return float(getattr(settings, "TRITHUC_IMPORT_FUZZY_CUTOFF", 85))


@dataclass
class Entry:
    ref: Any  # a stored person's id, or ("row", number) for an earlier row of the file
    digest: str | None
    folded: str
    birth: dt.date | None
    precision: str
    gender: str
    label: str = ""


@dataclass
class Match:
    kind: str  # "certain" | "uncertain" | "none" | "conflict"
    entry: Entry | None = None
    candidates: list[tuple[Entry, float]] = field(default_factory=list)


class PersonIndex:
    def __init__(self) -> None:
        self.cutoff = fuzzy_cutoff()  # read once: a settings lookup per row adds up
        self.by_digest: dict[str, Entry] = {}
        self.by_date: dict[dt.date, list[Entry]] = defaultdict(list)
        self.by_year: dict[int, list[Entry]] = defaultdict(list)
        self.coarse_by_year: dict[int, list[Entry]] = defaultdict(list)
        self.undated: dict[str, list[Entry]] = defaultdict(list)

    @classmethod
    def of_people(cls, queryset) -> PersonIndex:
        index = cls()
        fields = ("pk", "cccd_digest", "search_text", "birth_date", "birth_date_precision")
        for pk, digest, folded, birth, precision, gender, name in queryset.values_list(
            *fields, "gender", "full_name"
        ).iterator(chunk_size=5000):
            label = f"{name} ({format_partial_date(birth, precision) or 'không rõ ngày sinh'})"
            index.add(Entry(pk, digest, folded, birth, precision, gender, label))
        return index

    @classmethod
    def for_probes(cls, queryset, probes: list[Entry]) -> PersonIndex:
        """The index of only those stored people that one of ``probes`` could match (same CCCD
        digest, a birth date in the same day or year, or no birth date and the same folded name):
        one query, instead of reading a registry of a million people for a list of fifty. A large
        file reads everything, as its sets would cover most of the registry anyway."""
        if len(probes) > NARROW_UP_TO:
            return cls.of_people(queryset)
        return cls.of_people(queryset.filter(_could_match(probes)))

    def add(self, entry: Entry) -> None:
        if entry.digest:
            self.by_digest.setdefault(entry.digest, entry)
        if entry.birth is None:
            self.undated[entry.folded].append(entry)
            return
        self.by_year[entry.birth.year].append(entry)
        if entry.precision == DatePrecision.DAY:
            self.by_date[entry.birth].append(entry)
        else:
            self.coarse_by_year[entry.birth.year].append(entry)

    def match(self, probe: Entry) -> Match:
        if probe.digest and probe.digest in self.by_digest:
            entry = self.by_digest[probe.digest]
            score = fuzz.ratio(probe.folded, entry.folded)
            if score >= CCCD_NAME_AGREEMENT:
                return Match("certain", entry)
            return Match("conflict", entry)
        scored = [
            (entry, fuzz.ratio(probe.folded, entry.folded))
            for entry in self._candidates(probe)
            if not (probe.digest and entry.digest and entry.digest != probe.digest)
        ]
        cutoff = self.cutoff
        scored = sorted(((e, s) for e, s in scored if s >= cutoff), key=lambda pair: -pair[1])
        if not scored:
            return Match("none")
        certain = [e for e, s in scored if s == 100 and self._same_day_and_gender(probe, e)]
        if len(certain) == 1:
            return Match("certain", certain[0])
        return Match("uncertain", candidates=scored[:5])

    def _candidates(self, probe: Entry) -> list[Entry]:
        if probe.birth is None:
            return list(self.undated.get(probe.folded, []))
        year = probe.birth.year
        if probe.precision == DatePrecision.DAY:
            return self.by_date.get(probe.birth, []) + self.coarse_by_year.get(year, [])
        return [e for e in self.by_year.get(year, []) if _compatible(probe, e)]

    @staticmethod
    def _same_day_and_gender(probe: Entry, entry: Entry) -> bool:
        return (
            probe.birth == entry.birth
            and probe.precision == entry.precision
            and (not probe.gender or not entry.gender or probe.gender == entry.gender)
        )


def _compatible(probe: Entry, entry: Entry) -> bool:
    """A month-or-year birth date agrees with any day inside it."""
    if entry.birth is None or probe.birth is None:
        return False
    if DatePrecision.YEAR in (probe.precision, entry.precision):
        return True
    return probe.birth.month == entry.birth.month


def _could_match(probes: list[Entry]) -> Q:
    """Stored people who could be a candidate of one of ``probes`` in :meth:`PersonIndex.match`."""
    digests = {p.digest for p in probes if p.digest}
    days = {p.birth for p in probes if p.birth and p.precision == DatePrecision.DAY}
    years = {p.birth.year for p in probes if p.birth}
    coarse_years = {p.birth.year for p in probes if p.birth and p.precision != DatePrecision.DAY}
    undated = {p.folded for p in probes if p.birth is None}
    found = Q(pk__in=[])
    if digests:
        found |= Q(cccd_digest__in=digests)
    if days:  # the same day, or a month or year of birth that holds it
        found |= Q(birth_date__in=days, birth_date_precision=DatePrecision.DAY)
    for year in sorted(years):  # a probe with a month or year only meets every date of its year
        coarse = Q(birth_date__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if year in coarse_years:
            found |= coarse
        else:
            found |= coarse & ~Q(birth_date_precision=DatePrecision.DAY)
    if undated:
        found |= Q(birth_date__isnull=True, search_text__in=undated)
    return found
