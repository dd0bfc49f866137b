"""A small list is matched against only the stored people its rows could be, and finds exactly what
matching against the whole registry finds."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.core.dates import DatePrecision
from trithuc.core.text import fold
from trithuc.imports import matching
from trithuc.imports.matching import Entry, PersonIndex
from trithuc.people.cccd import cccd_digest
from trithuc.people.models import Person
from trithuc.people.tests.factories import PersonFactory, a_cccd

pytestmark = pytest.mark.django_db

KNOWN_CCCD = a_cccd(birth_year=1970)


@pytest.fixture
def registry():
    def person(name, birth, precision=DatePrecision.DAY, **extra):
        return PersonFactory(
            full_name=name, birth_date=birth, birth_date_precision=precision, **extra
        )

    return {
        "an": person("Nguyễn Văn An", dt.date(1985, 3, 5)),
        "anh_1985": person("Nguyễn Văn Anh", dt.date(1985, 1, 1), DatePrecision.YEAR),
        "tam_undated": person("Lê Văn Tám", None),
        "with_cccd": person("Trần Văn Bảy", dt.date(1970, 7, 7), cccd=KNOWN_CCCD),
        "elsewhere": person("Phạm Văn Chín", dt.date(1999, 9, 9)),
    }


def probe(number, name, birth=None, precision=DatePrecision.DAY, digest=None):
    return Entry(("row", number), digest, fold(name), birth, precision, "male", name)


PROBES = [
    probe(2, "Nguyễn Văn An", dt.date(1985, 3, 5)),  # same person; a year-only near namesake too
    probe(3, "Nguyen Van Anh", dt.date(1985, 1, 1), DatePrecision.YEAR),
    probe(4, "Lê Văn Tám"),  # no birth date: the same folded name, undated
    probe(5, "Trần Văn Bảy", dt.date(1971, 1, 1), digest=cccd_digest(KNOWN_CCCD)),
    probe(6, "Võ Thị Mười", dt.date(1990, 10, 10)),  # nobody
]


def _results(index):
    return [
        (m.kind, m.entry.ref if m.entry else None, sorted(e.ref for e, _s in m.candidates))
        for m in (index.match(p) for p in PROBES)
    ]


def test_a_short_list_reads_only_the_people_it_could_match_and_finds_the_same(registry):
    narrowed = PersonIndex.for_probes(Person.objects.all(), PROBES)
    everyone = PersonIndex.of_people(Person.objects.all())

    assert _results(narrowed) == _results(everyone)
    found = [(kind, ref) for kind, ref, _candidates in _results(narrowed)]
    assert found == [
        ("certain", registry["an"].pk),
        ("certain", registry["anh_1985"].pk),  # the year-only record, among the 1985 births
        ("certain", registry["tam_undated"].pk),
        ("certain", registry["with_cccd"].pk),  # by CCCD, whatever the birth date says
        ("none", None),
    ]
    loaded = {e.ref for entries in narrowed.by_year.values() for e in entries}
    loaded |= {e.ref for entries in narrowed.undated.values() for e in entries}
    assert registry["elsewhere"].pk not in loaded
    assert registry["tam_undated"].pk in loaded


def test_a_long_list_reads_the_whole_registry(registry, monkeypatch):
    monkeypatch.setattr(matching, "NARROW_UP_TO", 2)
    index = PersonIndex.for_probes(Person.objects.all(), PROBES)
    assert registry["elsewhere"].pk in {e.ref for e in index.by_date[dt.date(1999, 9, 9)]}
