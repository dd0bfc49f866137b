"""The units that keep a person's file (``PersonKeeper``) follow their jobs, whichever way the jobs
are written: the services, a bulk insert or update (imports and the generator write that way), a
deletion. The scope rule reads them, so a keeper row out of step would show a person to the wrong
officers."""

from __future__ import annotations

import datetime as dt

from trithuc.people import services
from trithuc.people.models import Employment, Person, PersonKeeper
from trithuc.people.tests.factories import PersonFactory

DAY = dt.date(2024, 3, 1)


def keepers(person: Person) -> set[int]:
    return set(PersonKeeper.objects.filter(person=person).values_list("unit_id", flat=True))


def by_the_rule(person: Person) -> set[int]:
    """The rule read from the jobs: current units, or every unit when none is current."""
    jobs = list(Employment.objects.filter(person=person))
    current = {job.unit_id for job in jobs if job.end_date is None}
    return current or {job.unit_id for job in jobs}


def test_a_new_person_is_kept_by_the_unit_that_filed_them(units):
    person = PersonFactory(full_name="Nguyễn Văn Giữ", unit=units.commune_one)
    assert keepers(person) == {units.commune_one.pk}


def test_a_second_current_job_adds_a_keeper_and_ending_one_removes_it(units):
    person = PersonFactory(full_name="Trần Văn Kiêm", unit=units.commune_one)
    second = services.employment_add(actor=None, person=person, unit=units.department)
    assert keepers(person) == {units.commune_one.pk, units.department.pk}
    first = person.employments.exclude(pk=second.pk).get()
    services.employment_end(actor=None, employment=first, end_date=DAY)
    assert keepers(person) == {units.department.pk}


def test_a_person_with_no_current_job_is_kept_by_every_unit_they_worked_in(units):
    person = PersonFactory(full_name="Lê Văn Hưu", unit=units.commune_one)
    services.employment_add(actor=None, person=person, unit=units.department)
    for job in person.employments.all():
        services.employment_end(actor=None, employment=job, end_date=DAY)
    assert keepers(person) == {units.commune_one.pk, units.department.pk}


def test_keepers_follow_bulk_inserts_updates_and_deletions(units):
    one = PersonFactory(full_name="Phạm Văn Một", unit=units.commune_one)
    two = PersonFactory(full_name="Võ Thị Hai", unit=units.commune_two)
    Employment.objects.bulk_create(
        [
            Employment(person=one, unit=units.other_commune),
            Employment(person=two, unit=units.department),
        ]
    )
    assert keepers(one) == {units.commune_one.pk, units.other_commune.pk}
    assert keepers(two) == {units.commune_two.pk, units.department.pk}

    Employment.objects.filter(person__in=[one, two]).update(end_date=DAY)
    assert keepers(one) == by_the_rule(one) == {units.commune_one.pk, units.other_commune.pk}

    Employment.objects.filter(person=two, unit=units.department).update(end_date=None)
    assert keepers(two) == {units.department.pk}

    Employment.objects.filter(person=two, unit=units.department).update(unit=units.new_commune)
    assert keepers(two) == {units.new_commune.pk}

    Employment.objects.filter(person=two, unit=units.new_commune).delete()
    assert keepers(two) == {units.commune_two.pk}

    Employment.objects.filter(person=one).delete()
    assert keepers(one) == set()


def test_moving_a_job_to_another_person_rewrites_both(units):
    one = PersonFactory(full_name="Bùi Văn Trước", unit=units.commune_one)
    two = PersonFactory(full_name="Đỗ Văn Sau", unit=units.commune_two)
    Employment.objects.filter(person=one).update(person=two)
    assert keepers(one) == set()
    assert keepers(two) == {units.commune_one.pk, units.commune_two.pk}


def test_a_change_that_does_not_touch_unit_or_dates_keeps_the_keepers(units):
    person = PersonFactory(full_name="Hồ Văn Vị", unit=units.commune_one)
    person.employments.update(position="Chủ tịch")
    assert keepers(person) == {units.commune_one.pk}


def test_deleting_a_person_deletes_their_keepers(units):
    person = PersonFactory(full_name="Mai Văn Xoá", unit=units.commune_one)
    pk = person.pk
    person.delete()
    assert not PersonKeeper.objects.filter(person_id=pk).exists()
