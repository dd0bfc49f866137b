"""Expert finder on a hand-built registry: the expected order, each score component explained, and
every kind of conflict flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.people.models import Person
from trithuc.science.choices import CouncilRole
from trithuc.science.finder import ConflictKind, expert_find
from trithuc.science.models import DeclaredRelative
from trithuc.science.services import council_form
from trithuc.science.tests import factories as make

ON = dt.date(2026, 5, 1)


@pytest.fixture
def registry(units, aquaculture, sibling_field, other_field):
    p = {
        "an": make.person(
            "Nguyễn Văn An",
            fields=[aquaculture],
            degree="tien-si",
            title="pgs",
            expertise="Nuôi TÔM CÀNG XANH, thuỷ sản nước ngọt",
        ),
        "dung": make.person(
            "Trần Văn Dũng",
            fields=[aquaculture],
            degree="tien-si",
            title="pgs",
            expertise="tôm càng xanh; thủy sản",
        ),
        "binh": make.person(
            "Lê Thị Bình", fields=[sibling_field], degree="thac-si", expertise="thuy san"
        ),
        "cuong": make.person(
            "Phạm Cường", fields=[other_field], degree="dai-hoc", expertise="du lịch"
        ),
        "em": make.person("Đỗ Văn Em"),
        "lead": make.person("Võ Thành Đạt", units.new_commune),
        "member": make.person("Hồ Minh Thành", fields=[aquaculture], degree="tien-si"),
        "same_host": make.person("Mai Văn Cơ", units.new_commune, fields=[aquaculture]),
        "co_worker": make.person("Kiều Văn Bạn", fields=[aquaculture]),
        "old_co_worker": make.person("Tạ Văn Xưa", fields=[aquaculture]),
        "relative": make.person("Đinh Thị Vợ", fields=[aquaculture]),
        "chair": make.person("Chủ Tịch Hội Đồng"),
        "other": make.person("Người Khác"),
    }
    dept, commune = units.department, units.new_commune
    # Em led an accepted task on the same subject in 2024 (rated "passed"), with no profile text.
    past = make.called_task(dept, commune, title="Mô hình tôm càng xanh", year=2024)
    make.done_task(
        past, make.apply(past, p["em"], commune), chair=p["chair"], accepted_on=dt.date(2024, 12, 1)
    )
    # The co-worker and the lead worked together in 2024; the old co-worker back in 2020.
    recent = make.called_task(
        dept, commune, title="Chuyển đổi số nông nghiệp", keywords="", year=2024
    )
    make.done_task(
        recent,
        make.apply(recent, p["co_worker"], commune, members=[p["lead"]]),
        chair=p["chair"],
        accepted_on=dt.date(2024, 12, 1),
    )
    old = make.called_task(dept, commune, title="Khuyến nông", keywords="", year=2020)
    make.done_task(
        old,
        make.apply(old, p["old_co_worker"], commune, members=[p["lead"]]),
        chair=p["chair"],
        accepted_on=dt.date(2020, 12, 1),
    )
    DeclaredRelative.objects.create(person=p["relative"], relative=p["lead"], relation="vợ")
    # Dũng sits on two councils still open.
    for title in ("Lúa chịu mặn", "Cá tra giống"):
        busy = make.called_task(
            dept, commune, title=title, keywords="", year=2026, deadline=dt.date(2026, 4, 30)
        )
        make.apply(busy, p["other"], commune, on=dt.date(2026, 3, 1))
        council_form(
            actor=None,
            task=busy,
            decision_number=title,
            formed_on=dt.date(2026, 5, 2),
            members=[(p["dung"], CouncilRole.CHAIR)],
        )
    task = make.called_task(
        dept, commune, field=aquaculture, year=2026, deadline=dt.date(2026, 4, 30)
    )
    make.apply(task, p["lead"], commune, members=[p["member"]], on=dt.date(2026, 3, 1))
    return task, p


def _by_person(candidates):
    return {c.person.pk: c for c in candidates}


def test_experts_rank_by_fit_and_load_with_each_component_explained(registry):
    task, p = registry
    found = expert_find(people=Person.objects.all(), task=task, on=ON)
    order = [c.person.pk for c in found]
    expected = [p[k].pk for k in ("an", "dung", "binh", "em", "cuong")]
    assert [pk for pk in order if pk in expected] == expected
    by = _by_person(found)
    an = by[p["an"].pk]
    assert {c.label: c.points for c in an.components} == {
        "Lĩnh vực": 30,
        "Trình độ": 12,
        "Học hàm": 7,
        "Từ khóa chuyên môn": 25,
    }
    assert an.score == 74
    dung = by[p["dung"].pk]
    assert dung.score == 64
    assert dung.open_seats == 2
    assert "2 hội đồng chưa kết thúc" in next(c.detail for c in dung.components if c.points < 0)
    binh = by[p["binh"].pk]  # "thuy san" matches "thủy sản": folded, no marks
    keywords = next(c for c in binh.components if c.label == "Từ khóa chuyên môn")
    assert keywords.points == 12.5
    assert "thuy san" in keywords.detail
    assert "cùng nhóm" in next(c.detail for c in binh.components if c.label == "Lĩnh vực")
    em = by[p["em"].pk]  # nothing in the profile: fit comes from the task they led
    assert {c.label: c.points for c in em.components} == {
        "Lĩnh vực": 0,
        "Nhiệm vụ đã thực hiện": 4,
        "Từ khóa chuyên môn": 25,
    }
    assert "(Đạt)" in next(c.detail for c in em.components if c.label == "Nhiệm vụ đã thực hiện")
    assert all(not by[p[k].pk].flags for k in ("an", "dung", "binh", "em", "cuong"))


def test_every_kind_of_conflict_is_flagged_and_explained(registry):
    task, p = registry
    by = _by_person(expert_find(people=Person.objects.all(), task=task, on=ON))
    kinds = {key: [f.kind for f in by[p[key].pk].flags] for key in p if p[key].pk in by}
    assert kinds["member"] == [ConflictKind.TEAM]
    assert kinds["lead"][0] == ConflictKind.TEAM
    assert kinds["same_host"] == [ConflictKind.SAME_HOST]
    assert kinds["co_worker"] == [ConflictKind.CO_WORKER]
    assert kinds["relative"] == [ConflictKind.RELATIVE]
    assert kinds["old_co_worker"] == []  # worked together more than three years ago
    assert "Võ Thành Đạt" in by[p["co_worker"].pk].flags[0].detail
    assert "(vợ)" in by[p["relative"].pk].flags[0].detail
    assert "Xã Mới" in by[p["same_host"].pk].flags[0].detail
    # Members of an applying team cannot sit on the council: they come last.
    found = expert_find(people=Person.objects.all(), task=task, on=ON)
    assert [c.excluded for c in found][-2:] == [True, True]
    assert not any(c.excluded for c in found[:-2])


def test_conflicted_people_can_be_left_out(registry):
    task, p = registry
    found = expert_find(people=Person.objects.all(), task=task, on=ON, exclude_conflicts=True)
    left = {c.person.pk for c in found}
    for key in ("member", "lead", "same_host", "co_worker", "relative"):
        assert p[key].pk not in left
    assert p["an"].pk in left
    assert p["old_co_worker"].pk in left


def test_field_and_keywords_alone_rank_without_a_task(registry, aquaculture):
    _, p = registry
    found = expert_find(people=Person.objects.all(), field_=aquaculture, keywords="Thủy Sản")
    assert found[0].person in (p["an"], p["dung"])
    assert all(not c.flags for c in found)
