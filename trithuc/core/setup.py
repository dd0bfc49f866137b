"""What ``trithuc setup`` does: reference data, org structure, demo data. Idempotent."""

from __future__ import annotations

from collections.abc import Callable

from trithuc.accounts.demo import demo_accounts_create
from trithuc.orgunits.reference import structure_load
from trithuc.people.demo import demo_people_create
from trithuc.people.models import Person
from trithuc.people.reference import reference_data_load


def system_setup(*, demo: bool, persons: int = 3000, say: Callable[[str], object] = print) -> None:
    say(f"Danh mục: {reference_data_load()} mục.")
    summary = structure_load(progress=None)
    say(f"Cơ cấu tổ chức: {summary.units} đơn vị, {summary.events} sự kiện.")
    if not demo:
        return
    if Person.objects.exists():
        say("Dữ liệu mẫu đã có: giữ nguyên.")
    else:
        created = demo_people_create(persons, progress=lambda n: say(f"  … {n}/{persons} hồ sơ"))
        say(f"Dữ liệu mẫu: {created} hồ sơ.")
    demo_accounts_create()
