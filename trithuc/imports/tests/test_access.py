"""Who may open each import page: a batch is seen by its uploader and by officers whose reach
holds its unit; nobody else (404, alike for a missing batch). Uploading needs a unit the user may
change. Exports hold only the rows the user may see."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import kept_fixtures, kept_province
from trithuc.imports import services
from trithuc.imports.choices import BatchStatus
from trithuc.people.models import Person
from trithuc.people.reference import reference_data_load
from trithuc.people.tests.factories import PersonFactory

from .helpers import read_back, sheet_names, xlsx

# Every imports URL, with who may reach it. The URL-coverage test fails when a URL is in no table.
URL_TABLE = {
    "imports:batch_list": "signed in (upload form only with a unit to change)",
    "imports:template_download": "signed in",
    "imports:export": "signed in (rows in the user's view scope)",
    "imports:batch_detail": "uploader, or reach holds the batch's unit",
    "imports:batch_progress": "uploader, or reach holds the batch's unit",
    "imports:batch_error_report": "uploader, or reach holds the batch's unit",
    "imports:batch_decide": "uploader, or change reach holds the batch's unit (POST)",
    "imports:batch_commit": "uploader, or change reach holds the batch's unit (POST)",
}
BATCH_URLS = ["imports:batch_detail", "imports:batch_progress", "imports:batch_error_report"]
# Roles that see a batch of Xã Một uploaded by Xã Một's officer.
SEES_COMMUNE_ONE_BATCH = {
    "program_office",
    "leader",
    "administrator",
    "officer_new_commune",
    "officer_old_commune",
}
CHANGES_COMMUNE_ONE_BATCH = SEES_COMMUNE_ONE_BATCH - {"leader"}
ROLES = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
]
HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính"]


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    reference_data_load()
    kept["batch"] = build_batch(kept["units"], kept["users"])
    return kept


units, users, batch = kept_fixtures("units", "users", "batch")


@pytest.fixture
def reference(kept_copy):
    """The reference lists, loaded with the module's data."""


def build_batch(units, users):
    content = xlsx(
        [HEADERS, ["Lê Văn Bình", "1980", "Nam"], ["Trần Thị Hoa", "31/02/1985", "Nữ"]],
        text_columns=(1,),
    )
    created = services.batch_create(
        actor=users["officer_old_commune"],
        kind="people",
        unit=units.commune_one,
        filename="ds.xlsx",
        content=content,
    )
    services.batch_check(batch_id=created.pk)
    created.refresh_from_db()
    return created


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", BATCH_URLS)
def test_a_batch_opens_only_for_its_uploader_and_the_units_reach(client, users, batch, role, name):
    client.force_login(users[role])
    response = client.get(reverse(name, args=[batch.pk]))
    assert response.status_code == (200 if role in SEES_COMMUNE_ONE_BATCH else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_may_change_the_unit_commit_a_batch(client, users, batch, role):
    client.force_login(users[role])
    response = client.post(reverse("imports:batch_commit", args=[batch.pk]))
    batch.refresh_from_db()
    if role in CHANGES_COMMUNE_ONE_BATCH:
        assert response.status_code == 302
        assert batch.status == BatchStatus.COMMITTED
    else:
        assert response.status_code == 404
        assert batch.status == BatchStatus.VALIDATED
        assert not Person.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_decisions_are_taken_only_by_those_who_may_change_the_unit(client, users, batch, role):
    client.force_login(users[role])
    response = client.post(reverse("imports:batch_decide", args=[batch.pk]), {})
    assert response.status_code == (302 if role in CHANGES_COMMUNE_ONE_BATCH else 404)


def test_missing_and_out_of_scope_batches_answer_alike(client, users, batch):
    client.force_login(users["officer_other_commune"])
    assert client.get(reverse("imports:batch_detail", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports:batch_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", URL_TABLE)
def test_anonymous_user_is_sent_to_login(client, batch, name):
    args = {"imports:template_download": ["people"], "imports:export": ["people"]}.get(name)
    if name in BATCH_URLS or name in ("imports:batch_decide", "imports:batch_commit"):
        args = [batch.pk]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_officer_uploads_previews_and_commits_in_the_browser(client, users, units, reference):
    client.force_login(users["officer_other_commune"])
    content = xlsx(
        [HEADERS, ["Lê Văn Bình", "1980", "Nam"], ["Trần Thị Hoa", "31/02/1985", "Nữ"]],
        text_columns=(1,),
    )
    response = client.post(
        reverse("imports:batch_list"),
        {
            "kind": "people",
            "unit": units.other_commune.pk,
            "file": SimpleUploadedFile("ds.xlsx", content),
        },
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Dòng 3, cột «Ngày sinh»: «31/02/1985» không phải ngày có thật" in preview.text
    assert not Person.objects.exists()
    commit_url = response["Location"] + "luu/"
    assert client.post(commit_url).status_code == 302
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Lê Văn Bình"]


def test_an_officer_cannot_upload_for_a_unit_outside_their_scope(client, users, units, reference):
    client.force_login(users["officer_other_commune"])
    response = client.post(
        reverse("imports:batch_list"),
        {
            "kind": "people",
            "unit": units.commune_one.pk,
            "file": SimpleUploadedFile("a.xlsx", b"x"),
        },
    )
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in response.text or "Hãy chọn" in response.text


def test_a_bad_file_uploaded_in_the_browser_shows_its_message_not_a_traceback(
    client, users, units, reference
):
    client.force_login(users["officer_other_commune"])
    response = client.post(
        reverse("imports:batch_list"),
        {
            "kind": "people",
            "unit": units.other_commune.pk,
            "file": SimpleUploadedFile("a.xlsx", b"%PDF-1.4\x00"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "không phải bảng tính" in response.text


def test_the_error_report_is_the_sheet_sent_with_a_loi_column(client, users, batch):
    client.force_login(users["officer_old_commune"])
    response = client.get(reverse("imports:batch_error_report", args=[batch.pk]))
    rows = read_back(response.content)
    assert rows[0] == [*HEADERS, "Lỗi"]
    assert rows[1][:3] == ["Lê Văn Bình", "1980", "Nam"]
    assert rows[1][3] == ""
    assert rows[2][3].startswith("Cột «Ngày sinh»: «31/02/1985» không phải ngày có thật")


def test_the_template_has_headers_lists_and_instructions(client, users, reference):
    client.force_login(users["officer_other_commune"])
    response = client.get(reverse("imports:template_download", args=["people"]))
    content = response.content
    assert sheet_names(content) == ["Nhân sự", "Hướng dẫn", "Danh mục"]
    assert read_back(content)[0][:4] == ["STT", "Họ và tên *", "Ngày sinh *", "Giới tính *"]
    import zipfile
    from io import BytesIO

    sheet_xml = zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<dataValidation" in sheet_xml
    assert "'Danh mục'!$" in sheet_xml


@pytest.mark.parametrize("kind", ["people", "training", "ratings", "awards"])
def test_a_filled_template_reads_back_for_every_kind(client, users, kind, reference):
    from .helpers import check

    client.force_login(users["program_office"])
    content = client.get(reverse("imports:template_download", args=[kind])).content
    from trithuc.imports.kinds import get_kind
    from trithuc.imports.readers import FileProblem

    with pytest.raises(FileProblem, match="chỉ có dòng tiêu đề"):
        check(kind, content, users["program_office"].assignments.get().unit)
    assert get_kind(kind).sheet_title in sheet_names(content)


def test_the_browser_export_holds_only_people_the_user_may_see(client, users, units, reference):
    PersonFactory(full_name="Lê Văn Bình", unit=units.other_commune)
    PersonFactory(full_name="Trần Văn Một", unit=units.commune_one)
    client.force_login(users["officer_other_commune"])
    url = reverse("imports:export", args=["people"])
    rows = read_back(client.get(url, {"muc_dich": "bao-cao"}).content)
    assert [r[1] for r in rows[1:]] == ["Lê Văn Bình"]
    other_unit = client.get(
        reverse("imports:export", args=["people"]) + f"?don_vi={units.commune_one.pk}"
    )
    assert other_unit.status_code == 404
