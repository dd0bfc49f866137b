"""The registry keeps names, birth dates and CCCD numbers the way real records need them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from trithuc.people import services
from trithuc.people.cccd import decrypt_cccd
from trithuc.people.choices import Gender
from trithuc.people.models import Person
from trithuc.people.tests.factories import PersonFactory, a_cccd


@pytest.mark.django_db
def test_name_is_stored_in_nfc_proper_case_and_split_into_parts():
    decomposed = "nguye\u0302\u0303n   VĂN  an"  # NFD marks, odd case, extra spaces
    person = PersonFactory(full_name=decomposed)
    assert person.full_name == "Nguyễn Văn An"
    assert (person.family_name, person.middle_name, person.given_name) == ("Nguyễn", "Văn", "An")


@pytest.mark.django_db
def test_compound_family_name_given_by_the_officer_is_kept():
    person = PersonFactory(
        full_name="Tôn Nữ Thị Ninh", family_name="Tôn Nữ", middle_name="Thị", given_name="Ninh"
    )
    assert (person.family_name, person.middle_name, person.given_name) == ("Tôn Nữ", "Thị", "Ninh")


@pytest.mark.django_db
def test_year_only_birth_date_is_shown_as_a_year():
    person = PersonFactory(birth_date=dt.date(1979, 1, 1), birth_date_precision="year")
    assert person.birth_date_display == "1979"


@pytest.mark.django_db
def test_cccd_is_encrypted_found_by_hash_and_shown_masked():
    number = a_cccd(gender=Gender.FEMALE, birth_year=1990)
    person = PersonFactory(
        full_name="Lê Thị Căn", gender=Gender.FEMALE, birth_date=dt.date(1990, 3, 3), cccd=number
    )
    stored = Person.objects.get(pk=person.pk)
    assert number not in stored.cccd_ciphertext
    assert decrypt_cccd(stored.cccd_ciphertext) == number
    assert stored.cccd_masked == "*********" + number[-3:]
    assert services.person_find_by_cccd(f"{number[:6]} {number[6:]}") == person


def test_cccd_numbers_stored_with_fernet_before_still_decrypt():
    from trithuc.people.cccd import _fernet, encrypt_cccd

    number = a_cccd(gender=Gender.MALE, birth_year=1980)
    stored_before = _fernet().encrypt(number.encode()).decode()
    assert decrypt_cccd(stored_before) == number
    stored_now = encrypt_cccd(number)
    assert number not in stored_now
    assert stored_now != encrypt_cccd(number)  # a fresh nonce each time
    assert decrypt_cccd(stored_now) == number


def test_a_tampered_cccd_ciphertext_is_refused():
    from cryptography.exceptions import InvalidTag

    from trithuc.people.cccd import encrypt_cccd

    token = encrypt_cccd(a_cccd(gender=Gender.MALE, birth_year=1980))
    flipped = token[:30] + ("A" if token[30] != "A" else "B") + token[31:]
    with pytest.raises(InvalidTag):
        decrypt_cccd(flipped)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("09318512345", "phải gồm đúng 12 chữ số"),
        ("0931851234AB", "phải gồm đúng 12 chữ số"),
        ("999085123456", "không phải mã tỉnh"),
        ("093185123456", "không khớp giới tính"),  # 1 = female born 1900s; person is male
        ("093090123456", "không khớp năm sinh 1985"),  # says born 1990
    ],
)
def test_malformed_cccd_is_refused_with_a_vietnamese_reason(number, message):
    with pytest.raises(ValidationError) as error:
        PersonFactory(
            full_name="Trần Văn Sai",
            gender=Gender.MALE,
            birth_date=dt.date(1985, 1, 1),
            cccd=number,
        )
    assert message in " ".join(error.value.message_dict["cccd"])
    assert not Person.objects.filter(full_name="Trần Văn Sai").exists()


@pytest.mark.django_db
def test_same_cccd_cannot_make_a_second_person():
    number = a_cccd()
    PersonFactory(full_name="Phạm Văn Một", cccd=number)
    with pytest.raises(ValidationError) as error:
        PersonFactory(full_name="Phạm Văn Một", cccd=number)
    assert "đã có trong một hồ sơ khác" in str(error.value)
    assert Person.objects.filter(full_name="Phạm Văn Một").count() == 1
