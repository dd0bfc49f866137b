"""An officer declares a family tie on a page; the tie is kept for the expert finder's conflict
flags. Declaring someone as their own relative is refused with the reason on the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trithuc.people.tests.factories import PersonFactory
from trithuc.science.models import DeclaredRelative

pytestmark = pytest.mark.django_db


def test_an_officer_declares_a_relative_of_someone_in_the_commune(client, users, units):
    husband = PersonFactory(full_name="Trần Văn Chồng", unit=units.other_commune)
    wife = PersonFactory(full_name="Lê Thị Vợ", unit=units.other_commune)
    client.force_login(users["officer_other_commune"])
    response = client.post(
        reverse("science:relative_add"),
        {"person": husband.pk, "relative": wife.pk, "relation": "vợ"},
    )
    assert response.status_code == 302
    [tie] = DeclaredRelative.objects.all()
    assert (tie.person, tie.relative, tie.relation) == (husband, wife, "vợ")


def test_someone_cannot_be_their_own_relative(client, users, units):
    person = PersonFactory(full_name="Nguyễn Văn Một", unit=units.other_commune)
    client.force_login(users["officer_other_commune"])
    response = client.post(
        reverse("science:relative_add"),
        {"person": person.pk, "relative": person.pk, "relation": "anh"},
    )
    assert response.status_code == 200
    assert "chính mình" in response.content.decode()
    assert not DeclaredRelative.objects.exists()


def test_a_person_outside_the_officers_reach_is_not_offered(client, users, units):
    PersonFactory(full_name="Phạm Văn Xa", unit=units.new_commune)
    client.force_login(users["officer_other_commune"])
    page = client.get(reverse("science:relative_add")).content.decode()
    assert "Phạm Văn Xa" not in page
