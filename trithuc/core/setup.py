"""What ``trithuc setup`` does: reference data, org structure, demo data. Idempotent."""

from __future__ import annotations

from collections.abc import Callable

from trithuc.accounts.demo import demo_accounts_create
from trithuc.engagement.demo import demo_engagement_create
from trithuc.engagement.services import associations_load
from trithuc.orgunits.reference import structure_load
from trithuc.people.demo import demo_people_create
from trithuc.people.models import Person
from trithuc.people.reference import reference_data_load
from trithuc.programs.program45 import program_45_load
from trithuc.programs.services import figures_rebuild
from trithuc.science.demo import demo_science_create
from trithuc.tasks.demo import demo_reports_create
from trithuc.workforce.demo import demo_records_create, demo_training_create
from trithuc.workforce.reference import workforce_reference_load


def system_setup(*, demo: bool, persons: int = 3000, say: Callable[[str], object] = print) -> None:
    say(f"Danh mục: {reference_data_load()} mục.")
    summary = structure_load(progress=None)
    say(f"Cơ cấu tổ chức: {summary.units} đơn vị, {summary.events} sự kiện.")
    workforce_reference_load()
    associations_load()
    program = program_45_load()
    say(
        f"Chương trình {program.code}: {program.objectives.count()} mục tiêu, "
        f"{program.indicators.count()} chỉ tiêu, {program.tasks.count()} nhiệm vụ."
    )
    if not demo:
        return
    if Person.objects.exists():
        say("Dữ liệu mẫu đã có: giữ nguyên.")
    else:
        created = demo_people_create(persons, progress=lambda n: say(f"  … {n}/{persons} hồ sơ"))
        say(f"Dữ liệu mẫu: {created} hồ sơ.")
    trained = demo_training_create()
    if trained:
        say(f"Dữ liệu mẫu: {trained} lượt cử đi đào tạo, chương trình hợp tác chuyên gia.")
    records = demo_records_create()
    if records:
        say(f"Dữ liệu mẫu: {records} kết quả xếp loại, khen thưởng; hồ sơ thu hút.")
    reports = demo_reports_create(program)
    if reports:
        say(f"Báo cáo định kỳ: {reports} báo cáo phải nộp của các đơn vị.")
    demo_science_create()
    say(f"Số liệu chỉ tiêu: {figures_rebuild()} dòng tổng hợp.")
    demo_accounts_create()
    if demo_engagement_create():
        say("Dữ liệu mẫu: lấy ý kiến dự thảo, hiến kế, đối thoại, hội viên.")
