"""The privacy records: reads by others are logged, consent is versioned and withdrawable."""

from __future__ import annotations

import pytest

from trithuc.accounts.models import User
from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy.choices import AccessAction
from trithuc.privacy.models import AccessLogEntry
from trithuc.privacy.notice import ConsentNotice, consent_notice_current
from trithuc.privacy.selectors import access_log_for_person, consent_in_force
from trithuc.privacy.services import access_record, consent_give, consent_withdraw

pytestmark = pytest.mark.django_db


def test_an_officer_reading_others_is_logged_but_a_person_reading_themself_is_not(units, users):
    officer: User = users["officer_old_commune"]
    intellectual: User = users["intellectual"]
    someone = PersonFactory(unit=units.commune_one)
    own = PersonFactory(unit=units.commune_one, user=intellectual)

    written = access_record(
        officer, [someone, own.pk], AccessAction.EXPORT, purpose="Báo cáo sơ kết"
    )
    assert written == 2
    assert access_record(intellectual, [own], AccessAction.VIEW) == 0

    entry = access_log_for_person(someone.pk).get()
    assert (entry.user, entry.action, entry.purpose) == (officer, "export", "Báo cáo sơ kết")
    assert AccessLogEntry.objects.filter(person=own, user=intellectual).count() == 0


def test_consent_names_its_notice_and_a_withdrawal_keeps_the_record(users):
    user: User = users["intellectual"]
    notice = consent_notice_current()
    assert "Mục đích" in notice.text
    assert "Thời gian lưu trữ" in notice.text

    given = consent_give(user)
    assert consent_give(user) == given  # agreeing twice to the same notice changes nothing
    assert consent_in_force(user) == given
    assert given.notice_version == notice.version
    assert given.notice_text == notice.text

    withdrawn = consent_withdraw(user)
    assert withdrawn is not None
    assert withdrawn.withdrawn_at is not None
    assert consent_in_force(user) is None
    assert user.consents.count() == 1
    assert consent_withdraw(user) is None


def test_a_new_notice_version_replaces_the_old_consent_and_keeps_both(users):
    user: User = users["intellectual"]
    first = consent_give(user)
    newer = ConsentNotice("2099-1", "dữ liệu", "mục đích", "bên xử lý", "thời hạn")
    second = consent_give(user, newer)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert consent_in_force(user) == second
    assert second.notice_version == "2099-1"
