"""Deterministic synthetic people and their records, chunk by chunk: the same seed gives the same
rows. Names, positions, majors and expertise come from the demo's lists (people/demo.py); the
shares (minorities, experts, retirees, course kinds, statuses by year) are the demo's too, so a
generated province looks like the demo one, only larger."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from trithuc.people import demo

RECORD_YEARS = (2024, 2025, 2026)
RATING_YEARS = (2024, 2025)
# Course kinds: (how often people are sent, how many classes open each year).
KIND_WEIGHTS = {
    "llct_cao_cap": (5, 4),
    "llct_trung_cap": (12, 10),
    "llct_so_cap": (10, 10),
    "sau_dai_hoc_trong_nuoc": (4, 12),
    "sau_dai_hoc_nuoc_ngoai": (1, 6),
    "quan_ly_nha_nuoc": (20, 20),
    "boi_duong": (48, 40),
}
# Status of an enrolment by the year its course opened (this is late 2026).
STATUS_WEIGHTS = {
    2024: (("graduated", 85), ("withdrawn", 5), ("studying", 10)),
    2025: (("studying", 50), ("graduated", 40), ("withdrawn", 5), ("planned", 5)),
    2026: (("planned", 35), ("studying", 60), ("withdrawn", 2), ("graduated", 3)),
}
DEGREE_WEIGHTS = (("cao-dang", 8), ("dai-hoc", 62), ("thac-si", 22), ("ck1", 3), ("tien-si", 5))
RATING_WEIGHTS = (("excellent", 15), ("good", 60), ("completed", 22), ("not_completed", 3))
AWARD_TYPES = ("giay-khen", "bang-khen-cap-tinh", "cstd-co-so")
THEORY_WEIGHTS = (("", 30), ("so-cap", 25), ("trung-cap", 30), ("cao-cap", 13), ("cu-nhan", 2))
HOMETOWNS = ("Hậu Giang", "Cần Thơ", "Sóc Trăng", "Vĩnh Long", "Kiên Giang")
PRIOR_JOB_SHARE = 0.2
RETIRED_SHARE = 0.04
EXPERT_SHARE = 0.025
SECOND_DEGREE_SHARE = 0.2
RATED_SHARE = 0.7
AWARDED_SHARE = 0.03
# Cần Thơ's province code, so generated CCCDs cannot collide with the demo's (093, Hậu Giang).
CCCD_PROVINCE = "092"


class Weighted:
    """Draw from weighted items with one random number and a bisect (fast at millions of draws)."""

    def __init__(self, items: Iterable[tuple[Any, float]]) -> None:
        pairs = list(items)
        self.values = [v for v, _ in pairs]
        self.cumulative = list(itertools.accumulate(w for _, w in pairs))

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass
class References:
    """Ids of the reference rows and units the generated rows point at."""

    old_units: list[int]
    new_units: list[int]
    ethnicity: dict[str, int]
    theory: dict[str, int]
    state: list[int | None]
    titles: list[int]
    fields: list[int]
    degrees: dict[str, int]
    award_types: list[int]
    expert_tag: int
    courses: dict[tuple[int, str], list[int]] = field(default_factory=dict)


@dataclass
class Ids:
    """The next id of each table; advanced as rows are made."""

    person: int
    job: int
    enrolment: int
    link: int
    tag: int
    degree: int
    rating: int
    award: int

    def take(self, name: str) -> int:
        value = getattr(self, name)
        setattr(self, name, value + 1)
        return value


@dataclass
class Chunk:
    persons: list[tuple] = field(default_factory=list)
    jobs: list[tuple] = field(default_factory=list)
    links: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    degrees: list[tuple] = field(default_factory=list)
    ratings: list[tuple] = field(default_factory=list)
    awards: list[tuple] = field(default_factory=list)
    enrolments: list[tuple] = field(default_factory=list)
    units: list[int] = field(default_factory=list)  # each person's current unit, by index


class Generator:
    def __init__(self, seed: int, refs: References) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - seeded synthetic data, not crypto
        self.refs = refs
        self.families = Weighted(demo.FAMILY_NAMES)
        self.theory = Weighted(THEORY_WEIGHTS)
        self.kinds = Weighted((k, w) for k, (w, _) in KIND_WEIGHTS.items())
        self.status = {year: Weighted(ws) for year, ws in STATUS_WEIGHTS.items()}
        self.degree = Weighted(DEGREE_WEIGHTS)
        self.rating = Weighted(RATING_WEIGHTS)
        self.names: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self.cccd_serial: dict[str, int] = {}
        self.expertise: dict[str, str] = {}

    # -- one person -----------------------------------------------------------------------------

    def name(self, family: str, middle: str, given: str) -> tuple[str, ...]:
        """The stored name columns, worked out once per distinct name (ICU keys are not free)."""
        key = (family, middle, given)
        found = self.names.get(key)
        if found is None:
            from trithuc.people.models import Person
            from trithuc.people.services import person_apply_name

            p = Person()
            person_apply_name(p, f"{family} {middle} {given}", family, middle, given)
            found = (p.full_name, p.family_name, p.middle_name, p.given_name, p.sort_key)
            found += (p.search_text,)
            self.names[key] = found
        return found

    def folded_expertise(self, text: str) -> str:
        if text not in self.expertise:
            from trithuc.core.text import fold

            self.expertise[text] = fold(text)
        return self.expertise[text]

    def cccd(self, female: bool, birth: dt.date) -> tuple[str, str, str]:
        from trithuc.people.cccd import cccd_digest, encrypt_cccd, mask_cccd

        century = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
        prefix = f"{CCCD_PROVINCE}{century}{birth.year % 100:02d}"
        serial = self.cccd_serial.get(prefix)
        if serial is None:
            serial = self.rng.randrange(10**5)
        # Increasing serials with random gaps: unique without remembering every number.
        self.cccd_serial[prefix] = serial + 1 + self.rng.randrange(7)
        number = f"{prefix}{serial % 10**6:06d}"
        return encrypt_cccd(number), cccd_digest(number), mask_cccd(number)

    def person(self, pid: int) -> tuple[tuple, bool, dt.date]:
        rng = self.rng
        female = rng.random() < 0.45
        r = rng.random()
        ethnic = "01" if r < 0.88 else ("05" if r < 0.97 else "04")
        family = rng.choice(demo.KHMER_FAMILY_NAMES) if ethnic == "05" else self.families.draw(rng)
        middle = rng.choice(demo.MIDDLE_FEMALE if female else demo.MIDDLE_MALE)
        given = rng.choice(demo.GIVEN_FEMALE if female else demo.GIVEN_MALE)
        birth = dt.date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
        r = rng.random()
        precision = "day" if r < 0.9 else ("month" if r < 0.94 else "year")
        if precision != "day":
            birth = birth.replace(day=1, month=1 if precision == "year" else birth.month)
        cipher, digest, masked = self.cccd(female, birth) if rng.random() < 0.9 else ("", None, "")
        expertise = rng.choice(demo.EXPERTISE) if rng.random() < 0.3 else ""
        row = (
            pid,
            *self.name(family, middle, given),
            birth.isoformat(),
            precision,
            "female" if female else "male",
            self.refs.ethnicity.get(ethnic),
            rng.choice(HOMETOWNS),
            cipher,
            digest,
            masked,
            rng.choice(self.refs.titles) if rng.random() < 0.01 else None,
            self.refs.theory.get(self.theory.draw(rng)),
            rng.choice(self.refs.state),
            expertise,
            self.folded_expertise(expertise),
            rng.random() < 0.55,
        )
        return row, female, birth

    def jobs(self, out: Chunk, ids: Ids, pid: int, birth: dt.date) -> bool:
        """A current job (ended for retirees) and, for some, a previous one. About 60 % are still
        filed under a 2023 Hậu Giang unit, as real records are after the 2025 merger."""
        rng, refs = self.rng, self.refs
        units = refs.old_units if rng.random() < 0.6 else refs.new_units
        unit = rng.choice(units)
        out.units.append(unit)
        first_year = max(birth.year + 22, 1990)
        start = dt.date(rng.randint(min(first_year, 2023), 2023), rng.randint(1, 12), 1)
        if rng.random() < PRIOR_JOB_SHARE and start.year > 1991:
            prior = dt.date(rng.randint(min(first_year, start.year - 1), start.year - 1), 1, 1)
            out.jobs.append(
                (ids.take("job"), pid, rng.choice(units), rng.choice(demo.POSITIONS), "public")
                + (prior.isoformat(), start.isoformat())
            )
        retired = rng.random() < RETIRED_SHARE
        out.jobs.append(
            (ids.take("job"), pid, unit, rng.choice(demo.POSITIONS), "public", start.isoformat())
            + ("2024-12-31" if retired else None,)
        )
        return not retired

    def profile(self, out: Chunk, ids: Ids, pid: int, birth: dt.date, working: bool) -> None:
        """Fields and expert tag, degrees, yearly ratings and the odd award."""
        rng, refs, unit = self.rng, self.refs, out.units[-1]
        first, second = rng.sample(refs.fields, 2)
        out.links.append((ids.take("link"), pid, first))
        if rng.random() < EXPERT_SHARE:
            out.tags.append((ids.take("tag"), pid, refs.expert_tag))
            out.links.append((ids.take("link"), pid, second))
        level = self.degree.draw(rng)
        graduated = min(birth.year + rng.randint(21, 30), 2025)
        out.degrees.append(self.degree_row(ids, pid, level, graduated))
        if level != "dai-hoc" and rng.random() < SECOND_DEGREE_SHARE:
            out.degrees.append(self.degree_row(ids, pid, "dai-hoc", graduated - 3))
        if working:
            for year in RATING_YEARS:
                if rng.random() < RATED_SHARE:
                    level_code = self.rating.draw(rng)
                    out.ratings.append((ids.take("rating"), pid, year, level_code, unit))
        if rng.random() < AWARDED_SHARE and refs.award_types:
            award_id, year = ids.take("award"), rng.choice(RATING_YEARS)
            out.awards.append(
                (award_id, pid, rng.choice(refs.award_types), year, f"{award_id}/QĐ-UBND")
                + (dt.date(year, 12, 15).isoformat(), "Ủy ban nhân dân", unit)
            )

    def degree_row(self, ids: Ids, pid: int, level: str, year: int) -> tuple:
        rng = self.rng
        major, school = rng.choice(demo.MAJORS), rng.choice(demo.INSTITUTIONS)
        return (ids.take("degree"), pid, self.refs.degrees[level], major, school, year)

    # -- a chunk --------------------------------------------------------------------------------

    def chunk(self, ids: Ids, count: int, records: int) -> Chunk:
        """``count`` people from ``ids.person`` with all their records; training enrolments
        spread over them so that jobs plus enrolments make ``records`` rows."""
        out = Chunk()
        first = ids.person
        for _ in range(count):
            pid = ids.take("person")
            row, _female, birth = self.person(pid)
            out.persons.append(row)
            working = self.jobs(out, ids, pid, birth)
            self.profile(out, ids, pid, birth, working)
        self.training(out, ids, first, count, max(0, records - len(out.jobs)))
        return out

    def training(self, out: Chunk, ids: Ids, first: int, count: int, wanted: int) -> None:
        """Each enrolment goes to a random person of the chunk, course kind by weight, sent by
        the person's unit, with a status that fits the year."""
        rng, seen = self.rng, set()
        for _ in range(wanted):
            kind = self.kinds.draw(rng)
            while True:
                index = rng.randrange(count)
                year = RECORD_YEARS[rng.randrange(len(RECORD_YEARS))]
                course = rng.choice(self.refs.courses[(year, kind)])
                if (index, course) not in seen:
                    seen.add((index, course))
                    break
            status = self.status[year].draw(rng)
            serve = 5 if kind.startswith("sau_dai_hoc") else None
            out.enrolments.append(
                (ids.take("enrolment"), first + index, course, out.units[index], status, year)
                + (kind, serve)
            )
