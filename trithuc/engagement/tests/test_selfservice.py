"""An intellectual's own area: sign-up with consent (never claiming a record by name alone), their
own profile, and the download of everything the system holds on them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from trithuc.accounts.models import User
from trithuc.engagement import services
from trithuc.people.choices import Gender
from trithuc.people.models import Person
from trithuc.people.services import employment_add
from trithuc.people.tests.factories import PersonFactory, a_cccd
from trithuc.privacy.choices import AccessAction
from trithuc.privacy.selectors import consent_in_force
from trithuc.privacy.services import access_record

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1990, 4, 2)


def _sign_up(client, **changes):
    data = {
        "full_name": "Huỳnh Thị Thu",
        "gender": Gender.FEMALE,
        "birth_date": BIRTH.isoformat(),
        "cccd": changes.pop("cccd", ""),
        "username": "huynhthu",
        "password": "mot-mat-khau-dai-45",
        "consent": "on",
        **changes,
    }
    return client.post(reverse("engagement:sign_up"), data)


def test_sign_up_creates_an_intellectual_with_a_profile_and_a_recorded_consent(client, units):
    number = a_cccd(gender=Gender.FEMALE, birth_year=1990)
    response = _sign_up(client, cccd=number)
    assert response.status_code == 302
    user = User.objects.get(username="huynhthu")
    person = Person.objects.get(user=user)
    assert (person.full_name, person.birth_date, person.cccd_masked[-3:]) == (
        "Huỳnh Thị Thu",
        BIRTH,
        number[-3:],
    )
    assert not user.assignments.exists()  # an intellectual: own profile only
    consent = consent_in_force(user)
    assert "Thời gian lưu trữ" in consent.notice_text
    assert client.get(reverse("engagement:my_area")).status_code == 200  # signed in


def test_sign_up_without_consent_stores_nothing(client, units):
    response = _sign_up(client, cccd=a_cccd(gender=Gender.FEMALE, birth_year=1990), consent="")
    assert "Cần đồng ý" in response.content.decode()
    assert not User.objects.filter(username="huynhthu").exists()


def test_sign_up_claims_a_record_only_on_cccd_and_birth_date_never_on_name(client, units):
    number = a_cccd(gender=Gender.FEMALE, birth_year=1990)
    namesake = PersonFactory(full_name="Huỳnh Thị Thu", gender=Gender.FEMALE, birth_date=BIRTH)
    _sign_up(client, cccd=number)
    mine = Person.objects.get(user__username="huynhthu")
    assert mine != namesake  # the same name and birth date claim nothing
    namesake.refresh_from_db()
    assert namesake.user is None

    other = a_cccd(gender=Gender.FEMALE, birth_year=1990)
    kept = PersonFactory(
        full_name="Huỳnh Thị Thu",
        gender=Gender.FEMALE,
        birth_date=BIRTH,
        unit=units.new_commune,
        cccd=other,
    )
    client.logout()
    wrong_birth = _sign_up(client, cccd=other, username="khac", birth_date="1990-05-02")
    assert "không đăng ký được" in wrong_birth.content.decode()
    assert not User.objects.filter(username="khac").exists()
    _sign_up(client, cccd=other, username="dungnguoi")
    kept.refresh_from_db()
    assert kept.user.username == "dungnguoi"
    assert kept.history.latest().history_change_reason == "Tự đăng ký: khớp số CCCD và ngày sinh"
    client.logout()
    again = _sign_up(client, cccd=other, username="lan-nua")
    assert "không đăng ký được" in again.content.decode()


def test_an_intellectual_edits_only_their_expertise_and_fields(client, people, field_agri):
    client.force_login(people["intellectual"])
    person = Person.objects.get(user=people["intellectual"])
    response = client.post(
        reverse("engagement:my_profile"),
        {
            "hometown": "Vị Thanh",
            "expertise": "Lúa chịu mặn",
            "fields": [field_agri.pk],
            "version": person.version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.hometown, person.expertise) == ("Vị Thanh", "Lúa chịu mặn")
    assert person.history.latest().history_user == people["intellectual"]


def test_the_download_holds_everything_about_the_person(client, units, people, consultation):
    user = people["intellectual"]
    person = Person.objects.get(user=user)
    employment_add(actor=None, person=person, unit=units.other_commune, position="Kỹ sư")
    services.comment_add(actor=user, consultation=consultation, text="Góp ý của tôi")
    gone = services.comment_add(actor=user, consultation=consultation, text="Đã rút")
    services.comment_withdraw(actor=user, comment=gone)
    services.idea_submit(actor=user, title="Hiến kế riêng", text="Nội dung")
    session = services.session_create(
        actor=people["program_office"],
        unit=units.new_province,
        topic="Đối thoại",
        leader_name="Bí thư",
        starts_at=consultation.published_at,
        place="Hội trường",
    )
    services.question_submit(actor=user, session=session, text="Câu hỏi của tôi")
    services.session_register(actor=user, session=session)
    access_record(people["officer_new_commune"], [person], AccessAction.VIEW, purpose="Rà soát")
    services.participation_consent_withdraw(actor=user)

    client.force_login(user)
    response = client.get(reverse("engagement:my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["tài khoản"]["tên đăng nhập"] == "trithuc"
    profile = data["hồ sơ trí thức"]
    assert profile["họ và tên"] == "Nguyễn Văn An"
    assert profile["lĩnh vực"] == ["Trồng trọt"]
    assert "cccd_ciphertext" not in json.dumps(data)
    jobs = profile["hồ sơ liên quan"]["quá trình công tác"]
    assert sorted(j["cơ quan, đơn vị"] for j in jobs) == ["Xã Khác", "Xã Mới"]
    assert [c["thời điểm rút lại"] is not None for c in data["đồng ý xử lý dữ liệu"]] == [True]
    comments = {c["nội dung ý kiến"]: c for c in data["ý kiến góp ý dự thảo"]}
    assert comments["Góp ý của tôi"]["dự thảo"] == "Dự thảo Quy định hỗ trợ trí thức"
    assert comments["Đã rút"]["thời điểm rút lại"] is not None
    assert [i["tên ý tưởng, hiến kế"] for i in data["hiến kế"]] == ["Hiến kế riêng"]
    assert [q["câu hỏi"] for q in data["câu hỏi đối thoại"]] == ["Câu hỏi của tôi"]
    assert len(data["đăng ký dự đối thoại"]) == 1
    (entry,) = data["nhật ký truy cập hồ sơ của bạn"]
    assert (entry["người truy cập"], entry["mục đích"]) == (
        str(people["officer_new_commune"]),
        "Rà soát",
    )
    # Another person's download holds none of it.
    client.force_login(people["colleague"])
    other = json.loads(client.get(reverse("engagement:my_data_download")).content)
    assert other["ý kiến góp ý dự thảo"] == []
    assert other["nhật ký truy cập hồ sơ của bạn"] == []
