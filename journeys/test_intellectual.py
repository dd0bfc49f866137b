"""An intellectual keeps their own profile with the keyboard alone; a new one signs up, giving
consent to the processing notice, edits their profile and comments on a consultation."""

from __future__ import annotations

import datetime as dt

from trithuc.accounts.models import User
from trithuc.engagement.models import Comment
from trithuc.people.choices import Gender
from trithuc.people.models import Person
from trithuc.people.tests.factories import a_cccd
from trithuc.privacy.selectors import consent_in_force

from .world import PASSWORD, consultation_open, intellectual_profile

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


NEWCOMER = "Trương Minh Quân"
NEWCOMER_LOGIN = "truongquan"
NEWCOMER_PASSWORD = "gop-y-nghi-quyet-45-ct"
NEWCOMER_EXPERTISE = "Cơ điện tử; tự động hóa trong chế biến nông sản"
DRAFT = "Dự thảo Quy định hỗ trợ trí thức trẻ khởi nghiệp đổi mới sáng tạo"
SECTIONS = [
    ("Điều 1. Phạm vi điều chỉnh", "Quy định này áp dụng cho trí thức trẻ dưới 35 tuổi."),
    ("Điều 2. Mức hỗ trợ", "Hỗ trợ một lần 50 triệu đồng cho mỗi dự án khởi nghiệp."),
]
COMMENT = "Đề nghị nâng độ tuổi lên dưới 40 để phù hợp với nghiên cứu sinh sau tiến sĩ."


def test_new_intellectual_signs_up_edits_profile_and_comments_on_a_consultation(journey, world):
    consultation = consultation_open(world, title=DRAFT, sections=SECTIONS)
    newcomer = journey("tri-thuc-moi")
    page = newcomer.page

    # From the login page to sign-up: the processing notice comes before the form.
    newcomer.open("/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Đăng ký tham gia góp ý, hiến kế, đối thoại").click()
    page.wait_for_url("**/tham-gia/dang-ky/")
    newcomer.check(shot="dang ky")
    assert page.get_by_role("heading", name="Thông báo xử lý dữ liệu cá nhân").is_visible()
    page.get_by_label("Họ và tên").fill(NEWCOMER)
    page.get_by_label("Giới tính").select_option(Gender.MALE)
    page.get_by_label("Ngày sinh").fill("1994-06-15")
    page.get_by_label("Số CCCD").fill(a_cccd(gender=Gender.MALE, birth_year=1994))
    page.get_by_label("Tên đăng nhập").fill(NEWCOMER_LOGIN)
    page.get_by_label("Mật khẩu").fill(NEWCOMER_PASSWORD)
    page.get_by_label("Tôi đã đọc và đồng ý").check()
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/tham-gia/cua-toi/")
    newcomer.check(shot="tham gia cua toi")
    assert page.get_by_role("status").filter(has_text="ghi nhận sự đồng ý").is_visible()

    # Their own profile: what an intellectual may change themselves.
    page.get_by_role("link", name="Sửa chuyên môn, lĩnh vực").click()
    page.wait_for_url("**/tham-gia/cua-toi/ho-so/")
    newcomer.check(shot="ho so cua toi")
    page.get_by_label("Quê quán").fill("Phường Vị Thanh, thành phố Cần Thơ")
    page.get_by_label("Chuyên môn sâu, từ khóa").fill(NEWCOMER_EXPERTISE)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/tham-gia/cua-toi/")
    newcomer.check()
    assert page.get_by_text(NEWCOMER_EXPERTISE).is_visible()

    # The consultation open for comments, and a comment on its second section.
    page.get_by_role("link", name="Góp ý dự thảo").click()
    page.wait_for_url("**/tham-gia/gop-y/")
    newcomer.check(shot="gop y du thao")
    page.get_by_role("link", name=DRAFT).click()
    page.wait_for_url(f"**/tham-gia/gop-y/{consultation.pk}/")
    newcomer.check(shot="du thao")
    section = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Điều 2. Mức hỗ trợ")
    )
    whole_section = section.locator("details").filter(has_text="Góp ý cả mục")
    whole_section.get_by_text("Góp ý cả mục").click()
    whole_section.get_by_role("textbox", name="Ý kiến", exact=True).fill(COMMENT)
    with page.expect_navigation():
        whole_section.get_by_role("button", name="Gửi ý kiến").click()
    newcomer.check(shot="da gop y")
    assert page.get_by_role("status").filter(has_text="Đã gửi ý kiến").is_visible()
    assert section.get_by_text(COMMENT).is_visible()

    # "My contributions" lists it.
    page.get_by_role("link", name="Tham gia của tôi").click()
    page.wait_for_url("**/tham-gia/cua-toi/")
    newcomer.check(shot="y kien cua toi")
    mine = page.locator("section").filter(
        has=page.get_by_role("heading", name="Ý kiến góp ý của tôi")
    )
    assert mine.get_by_role("link", name=DRAFT).is_visible()
    assert mine.get_by_text(COMMENT).is_visible()

    user = User.objects.get(username=NEWCOMER_LOGIN)
    person = Person.objects.get(user=user)
    assert (person.full_name, person.birth_date, person.expertise) == (
        NEWCOMER,
        dt.date(1994, 6, 15),
        NEWCOMER_EXPERTISE,
    )
    assert consent_in_force(user) is not None
    comment = Comment.objects.get(author=user)
    assert (comment.consultation, comment.section.heading, comment.paragraph, comment.text) == (
        consultation,
        "Điều 2. Mức hỗ trợ",
        None,
        COMMENT,
    )
