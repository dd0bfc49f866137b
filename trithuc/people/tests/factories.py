"""Factories that build people through the services, as the pages do."""

from __future__ import annotations

import datetime as dt
import random

import factory

from trithuc.orgunits.models import OrgUnit
from trithuc.people import services
from trithuc.people.choices import Gender
from trithuc.people.models import Person

_rng = random.Random(45)


class PersonFactory(factory.Factory):
    class Meta:
        model = Person

    full_name = factory.Iterator(
        ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Ngọc Hân"]
    )
    gender = Gender.MALE
    birth_date = dt.date(1985, 6, 15)

    @classmethod
    def _create(cls, model_class, *args, unit: OrgUnit | None = None, **kwargs) -> Person:
        return services.person_create(actor=None, unit=unit, **kwargs)


def a_cccd(*, gender: str = Gender.MALE, birth_year: int = 1985, province: str = "093") -> str:
    """A well-formed CCCD for the given gender and birth year."""
    century_digit = (birth_year - 1900) // 100 * 2 + (1 if gender == Gender.FEMALE else 0)
    return f"{province}{century_digit}{birth_year % 100:02d}{_rng.randrange(10**6):06d}"
