"""An officer of Sở Nội vụ finds the task their agency leads, records what was done with a file as
evidence, and can open the file again from the task."""

from __future__ import annotations

from trithuc.tasks.models import TaskEvidence

from .world import PASSWORD, task_led_by_home_affairs

NOTE = "Đã ban hành quy chế đánh giá cán bộ theo kết quả, sản phẩm cụ thể."
EVIDENCE = {
    "name": "quy-che-danh-gia.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n% Quy che danh gia can bo\n%%EOF\n",
}


def test_agency_officer_updates_a_task_with_evidence(journey, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    task = task_led_by_home_affairs(world)
    officer = journey("so-noi-vu")
    officer.login("sonoivu", PASSWORD)
    page = officer.page

    page.get_by_role("navigation").get_by_role("link", name="Nhiệm vụ").click()
    officer.check(shot="danh sach nhiem vu")
    # The filter redraws the table in place (htmx) as soon as a unit is picked.
    page.get_by_label("Đơn vị", exact=True).select_option(label="Sở Nội vụ thành phố Cần Thơ")
    page.get_by_role("status").filter(has_text="1 nhiệm vụ").wait_for()
    officer.check()
    page.get_by_role("link", name=task.text[:40]).click()
    officer.check(shot="nhiem vu")

    page.get_by_label("Kết quả thực hiện").fill(NOTE)
    page.get_by_label("Tệp minh chứng 1").set_input_files(EVIDENCE)
    page.get_by_label("Mô tả tệp 1").fill("Quy chế đánh giá cán bộ")
    page.get_by_role("button", name="Ghi tiến độ").click()
    officer.check(shot="da ghi tien do")
    assert page.get_by_role("status").filter(has_text="Đã ghi tiến độ").is_visible()
    progress = page.get_by_role("table").filter(has_text="Kết quả thực hiện")
    assert NOTE in progress.inner_text()

    with page.expect_download() as download:
        progress.get_by_role("link", name="Quy chế đánh giá cán bộ").click()
    assert download.value.suggested_filename.startswith("quy-che-danh-gia")
    assert TaskEvidence.objects.get().progress.task == task
