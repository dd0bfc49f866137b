"""Two officers edit the same person at once: the first save wins, the second is told so, and
nothing either of them typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trithuc.people import services
from trithuc.people.tests.factories import PersonFactory


@pytest.fixture
def person(units):
    return PersonFactory(full_name="Nguyễn Văn Song", unit=units.new_commune)


def _form(person, **changes):
    data = {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date_precision": "day",
        "birth_date": "1985-06-15",
        "hometown": person.hometown,
        "expertise": person.expertise,
        "version": person.version,
    }
    data.update(changes)
    return data


def test_second_editor_gets_a_conflict_and_keeps_their_input(client, users, person):
    first, second = users["program_office"], users["officer_new_commune"]
    opened_by_both = _form(person)  # both load the same version

    client.force_login(first)
    saved = client.post(
        reverse("people:person_edit", args=[person.pk]),
        {**opened_by_both, "hometown": "Vị Thủy, Hậu Giang"},
    )
    assert saved.status_code == 302

    client.force_login(second)
    refused = client.post(
        reverse("people:person_edit", args=[person.pk]),
        {**opened_by_both, "expertise": "Nuôi cá thát lát"},
    )
    assert refused.status_code == 409
    page = refused.text
    assert "vừa được người khác cập nhật" in page
    assert "chưa được lưu" in page
    assert "Người dùng vanphong" in page  # who saved first
    assert "Vị Thủy, Hậu Giang" in page  # what they changed
    assert "Nuôi cá thát lát" in page  # the second editor's input, still in the form

    person.refresh_from_db()
    assert person.hometown == "Vị Thủy, Hậu Giang"
    assert person.expertise == ""


def test_second_editor_saves_after_reviewing_the_conflict(client, users, person):
    opened = _form(person)
    client.force_login(users["program_office"])
    client.post(reverse("people:person_edit", args=[person.pk]), {**opened, "hometown": "Long Mỹ"})

    client.force_login(users["officer_new_commune"])
    client.post(reverse("people:person_edit", args=[person.pk]), {**opened, "expertise": "Lúa"})
    person.refresh_from_db()
    # The conflict page carries the new version; saving from it keeps both changes.
    resubmitted = client.post(
        reverse("people:person_edit", args=[person.pk]), {**_form(person), "expertise": "Lúa"}
    )
    assert resubmitted.status_code == 302
    person.refresh_from_db()
    assert (person.hometown, person.expertise) == ("Long Mỹ", "Lúa")


def test_service_refuses_a_stale_version(person):
    services.person_update(
        actor=None, person_id=person.pk, expected_version=1, data={"hometown": "Ngã Bảy"}
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.person_update(
            actor=None, person_id=person.pk, expected_version=1, data={"hometown": "Châu Thành"}
        )
    assert [c.field for c in conflict.value.changes] == ["hometown"]
    person.refresh_from_db()
    assert person.hometown == "Ngã Bảy"
    assert person.version == 2


def test_every_save_is_kept_in_history_with_its_author(users, person):
    services.person_update(
        actor=users["program_office"],
        person_id=person.pk,
        expected_version=1,
        data={"hometown": "Vị Thanh"},
    )
    latest = person.history.order_by("-history_date").first()
    assert latest.hometown == "Vị Thanh"
    assert latest.history_user == users["program_office"]
    assert person.history.count() == 2
