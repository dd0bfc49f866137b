"""The program office searches the access log, follows data subjects' requests as cases with a
deadline, and keeps the breach register with its 72-hour countdown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy import services
from trithuc.privacy.choices import AccessAction
from trithuc.privacy.models import AccessLogEntry, SubjectRequest

pytestmark = pytest.mark.django_db


def test_the_access_log_is_searched_by_person_user_date_and_action(client, units, users):
    lan = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    hai = PersonFactory(full_name="Đặng Văn Hải", unit=units.other_commune)
    services.access_record(users["officer_new_commune"], [lan], AccessAction.VIEW)
    services.access_record(users["leader"], [hai], AccessAction.EXPORT, purpose="Báo cáo")
    old = services.access_record(users["leader"], [lan], AccessAction.VIEW)
    assert old == 1
    AccessLogEntry.objects.filter(user=users["leader"], person=lan).update(
        at=timezone.now() - dt.timedelta(days=40)
    )
    client.force_login(users["program_office"])
    url = reverse("privacy:access_log")

    def rows(**query):
        page = client.get(url, query).text
        return {name for name in ("Võ Thị Lan", "Đặng Văn Hải") if name in page}, page

    assert rows(nguoi="vo thi lan")[0] == {"Võ Thị Lan"}  # without tone marks
    found, page = rows(nguoi_dung="lanhdao")
    assert found == {"Võ Thị Lan", "Đặng Văn Hải"}
    assert "2 lượt truy cập" in page
    assert rows(hanh_dong="export")[0] == {"Đặng Văn Hải"}
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert "2 lượt truy cập" in rows(tu_ngay=since)[1]
    bad = client.get(url, {"tu_ngay": "2026-02-01", "den_ngay": "2026-01-01"}).text
    assert "«Đến ngày» phải sau" in bad


def test_a_request_is_due_after_the_set_number_of_days_and_flagged_when_late(
    client, units, users, settings
):
    settings.TRITHUC_SUBJECT_REQUEST_DAYS = 15
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    case = services.subject_request_create(
        actor=users["program_office"],
        person=person,
        kind="see",
        details="Xin bản sao toàn bộ hồ sơ.",
        received_on=dt.date(2026, 1, 5),
    )
    assert case.due_on == dt.date(2026, 1, 20)
    assert case.handler == users["program_office"]
    client.force_login(users["program_office"])
    listing = client.get(reverse("privacy:request_list")).text
    assert "Võ Thị Lan" in listing
    assert "quá hạn" in listing


def test_closing_a_request_needs_its_outcome_and_keeps_history(client, units, users):
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    officer = users["program_office"]
    case = services.subject_request_create(
        actor=officer, person=person, kind="correct", details="Ngày sinh ghi sai."
    )
    client.force_login(officer)
    url = reverse("privacy:request_detail", args=[case.pk])
    refused = client.post(url, {"status": "done", "resolution": ""})
    assert "Ghi kết quả giải quyết" in refused.text
    client.post(url, {"status": "in_progress"})
    client.post(url, {"status": "done", "resolution": "Đã sửa ngày sinh theo CCCD."})
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("done", timezone.localdate())
    page = client.get(url).text
    assert page.count("<tr><td>") >= 3  # received, in progress, done
    assert "Đang xử lý" in page
    assert "Đã giải quyết" in page
    with pytest.raises(ValidationError):
        services.subject_request_update(actor=officer, case=case, status="in_progress")


def test_a_delete_request_done_anonymises_the_person(units, users):
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune, hometown="Cần Thơ")
    case = services.subject_request_create(
        actor=users["program_office"], person=person, kind="delete", details="Xin xóa dữ liệu."
    )
    services.subject_request_update(
        actor=users["program_office"], case=case, status="done", resolution="Đã ẩn danh."
    )
    person.refresh_from_db()
    assert "Võ Thị Lan" not in person.full_name
    assert person.hometown == ""
    assert not person.history.filter(full_name="Võ Thị Lan").exists()


def test_a_unit_officer_cannot_open_a_case(units, users):
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    with pytest.raises(Exception, match="Chỉ cơ quan thường trực"):
        services.subject_request_create(
            actor=users["officer_new_commune"], person=person, kind="see", details="x"
        )
    assert not SubjectRequest.objects.exists()


def test_a_breach_counts_down_the_72_hours_to_notification(client, users):
    officer = users["program_office"]
    client.force_login(officer)
    detected = timezone.localtime() - dt.timedelta(hours=2, minutes=10)
    response = client.post(
        reverse("privacy:incident_list"),
        {
            "title": "Gửi nhầm tệp danh sách",
            "description": "Tệp có họ tên, ngày sinh của 40 cán bộ gửi nhầm địa chỉ thư.",
            "detected_at": detected.strftime("%Y-%m-%dT%H:%M"),
            "people_affected": 40,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "còn 70 giờ" in page
    listing = client.get(reverse("privacy:incident_list")).text
    assert "còn 70 giờ" in listing
    assert 'hx-trigger="every 60s"' in listing


def test_an_unnotified_breach_past_the_deadline_shows_overdue(users):
    incident = services.incident_create(
        actor=users["program_office"],
        title="Lộ mật khẩu",
        description="Tài khoản bị lộ.",
        detected_at=timezone.now() - dt.timedelta(hours=80),
    )
    assert round(incident.hours_left(timezone.now())) == -8


def test_notifying_a_breach_records_to_whom_and_stops_the_clock(client, users):
    officer = users["program_office"]
    incident = services.incident_create(
        actor=officer,
        title="Lộ mật khẩu",
        description="Tài khoản bị lộ.",
        detected_at=timezone.now() - dt.timedelta(hours=5),
    )
    client.force_login(officer)
    url = reverse("privacy:incident_detail", args=[incident.pk])
    missing = client.post(url, {"status": "notified"})
    assert "Ghi tên cơ quan đã được thông báo" in missing.text
    client.post(url, {"status": "notified", "notified_to": "A05 – Bộ Công an"})
    incident.refresh_from_db()
    assert incident.notified_at is not None
    assert incident.hours_left(timezone.now()) is None
    assert "Đã thông báo lúc" in client.get(url).text


def test_a_breach_cannot_be_detected_in_the_future(users):
    with pytest.raises(ValidationError, match="tương lai"):
        services.incident_create(
            actor=users["program_office"],
            title="x",
            description="y",
            detected_at=timezone.now() + dt.timedelta(hours=1),
        )


def test_a_persons_privacy_page_shows_consents_requests_and_readers(client, units, users):
    from trithuc.privacy.services import consent_give

    person = PersonFactory(full_name="Trí Thức", unit=units.other_commune)
    person.user = users["intellectual"]
    person.save(update_fields=["user"])
    consent_give(users["intellectual"])
    services.access_record(users["leader"], [person], AccessAction.VIEW)
    client.force_login(users["intellectual"])
    page = client.get(reverse("privacy:person_privacy", args=[person.pk])).text
    assert "còn hiệu lực" in page
    assert str(users["leader"]) in page
    assert "Tiếp nhận yêu cầu mới" not in page  # the person sees, officers act
