"""Every change stays in history, read through a manager whose class is built once per model."""

from __future__ import annotations

import pytest

from trithuc.people.models import Person
from trithuc.people.tests.factories import PersonFactory


@pytest.mark.django_db
def test_a_changed_person_has_both_versions_in_history_and_one_manager_class():
    person = PersonFactory(full_name="Nguyễn Văn Sử")
    person.expertise = "Nuôi trồng thủy sản"
    person.save()

    versions = list(person.history.order_by("history_id").values_list("history_type", "expertise"))
    assert versions == [("+", ""), ("~", "Nuôi trồng thủy sản")]
    assert Person.history.filter(id=person.pk).count() == 2
    # The class is kept: building it on each access was a sixteenth of the cost of a save.
    assert type(Person.history) is type(person.history)
