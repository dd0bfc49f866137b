"""An intellectual signs in and keeps their own profile, with the keyboard alone.

What the engagement app will add to this journey (sign up, comment on a consultation) extends this
module: a new ``world`` helper for a consultation open for comments, then the same ``journey`` steps
and ``check()`` on each page.
"""

from __future__ import annotations

from trithuc.people.models import Person

from .world import PASSWORD, intellectual_profile

NAME = "Lâm Thị Bích Ngọc"
EXPERTISE = "Nuôi trồng thủy sản nước lợ; chuyển đổi số trong nông nghiệp"


def test_intellectual_edits_own_profile_with_the_keyboard_only(journey, world):
    person = intellectual_profile(world, NAME)
    intellectual = journey("tri-thuc")
    page = intellectual.page
    keys = page.keyboard

    # Signing in: the name field has the focus when the page opens; Tab, then Enter, do the rest.
    intellectual.open("/tai-khoan/dang-nhap/", shot="dang nhap")
    assert page.evaluate("() => document.activeElement.name") == "username"
    keys.type("trithuc")
    keys.press("Tab")
    keys.type(PASSWORD)
    keys.press("Enter")
    page.wait_for_url("**/nhan-su/**")
    intellectual.check(shot="ho so cua toi")

    # The first Tab offers to skip the menu, and Enter jumps to the page's content.
    keys.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert page.evaluate("() => document.activeElement.textContent") == skip.inner_text()
    assert skip.bounding_box()["x"] >= 0, "the skip link shows when it has the focus"
    keys.press("Enter")
    keys.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")

    # Only their own profile is listed; they open it and ask to edit it.
    intellectual.tab_to(page.get_by_role("link", name=NAME))
    keys.press("Enter")
    page.wait_for_url(f"**/nhan-su/{person.pk}/")
    intellectual.check(shot="ho so")
    intellectual.tab_to(page.get_by_role("link", name="Sửa hồ sơ"))
    keys.press("Enter")
    page.wait_for_url("**/sua/")
    intellectual.check(shot="sua ho so")

    intellectual.tab_to(page.get_by_label("Chuyên môn sâu, từ khóa"))
    keys.press("Control+A")
    keys.type(EXPERTISE)
    intellectual.tab_to(page.get_by_role("button", name="Lưu"))
    keys.press("Enter")
    page.wait_for_url(f"**/nhan-su/{person.pk}/")
    intellectual.check(shot="da luu")
    assert page.get_by_role("status").filter(has_text="Đã lưu hồ sơ.").is_visible()
    assert Person.objects.get(pk=person.pk).expertise == EXPERTISE
