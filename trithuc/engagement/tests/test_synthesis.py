"""The synthesis table of a consultation with known comments and answers, checked cell by cell in
the XLSX (read back with calamine) and in the DOCX table."""

from __future__ import annotations

import io

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from trithuc.engagement import services
from trithuc.engagement.choices import CommentKind, CommentResult
from trithuc.engagement.synthesis import (
    TITLE,
    XLSX_HEADER_ROW,
    synthesis_docx,
    synthesis_table,
    synthesis_xlsx,
)

from .conftest import close

pytestmark = pytest.mark.django_db

HEADERS = [
    "STT",
    "Nội dung dự thảo (điều, khoản, mục)",
    "Ý kiến góp ý",
    "Cơ quan, tổ chức, cá nhân góp ý",
    "Nội dung tiếp thu, giải trình",
    "Kết quả",
]
EXPECTED = [
    [
        1,
        "Ý kiến chung về dự thảo",
        "[Phản biện] Cần đánh giá tác động ngân sách.",
        "Trần Thị Bích",
        "Đã có đánh giá tác động trong tờ trình.",
        "Giải trình",
    ],
    [
        2,
        "Điều 1. Phạm vi điều chỉnh, đoạn 2",
        "Nên nói rõ hơn.\nĐề nghị sửa thành: «Không áp dụng cho người không cư trú tại tỉnh.»",
        "Nguyễn Văn An (Xã Mới)",
        "Đã sửa đoạn 2 theo đề nghị.",
        "Tiếp thu",
    ],
    [
        3,
        "Điều 2. Chính sách hỗ trợ",
        "=50 triệu đồng là thấp",
        "Hội Nông dân xã Mới",
        "Nâng lên 70 triệu đồng, không lên 100 triệu đồng.",
        "Tiếp thu một phần",
    ],
    [
        4,
        "Điều 2. Chính sách hỗ trợ",
        "Thêm hỗ trợ nhà ở.",
        "Nguyễn Văn An (Xã Mới)",
        "",
        "Chưa trả lời",
    ],
]


@pytest.fixture
def answered(consultation, people):
    one, two = consultation.current_version.sections.order_by("order")
    add = services.comment_add
    amendment = add(
        actor=people["intellectual"],
        consultation=consultation,
        section=one,
        paragraph=2,
        kind=CommentKind.AMENDMENT,
        text="Nên nói rõ hơn.",
        proposed_text="Không áp dụng cho người không cư trú tại tỉnh.",
    )
    critique = add(
        actor=people["colleague"],
        consultation=consultation,
        kind=CommentKind.CRITIQUE,
        text="Cần đánh giá tác động ngân sách.",
    )
    formula = add(
        actor=people["colleague"],
        consultation=consultation,
        section=two,
        text="=50 triệu đồng là thấp",
        on_behalf_of="Hội Nông dân xã Mới",
    )
    add(
        actor=people["intellectual"],
        consultation=consultation,
        section=two,
        text="Thêm hỗ trợ nhà ở.",
    )
    # Not in the table: a reply, a hidden comment, a withdrawn one.
    add(actor=people["intellectual"], consultation=consultation, parent=critique, text="Tán thành.")
    hidden = add(actor=people["colleague"], consultation=consultation, section=one, text="Spam")
    services.comment_hide(actor=people["program_office"], comment=hidden, reason="Quảng cáo")
    gone = add(actor=people["colleague"], consultation=consultation, section=one, text="Thôi")
    services.comment_withdraw(actor=people["colleague"], comment=gone)
    close(consultation)
    officer = people["agency_officer"]
    for comment, result, response in [
        (amendment, CommentResult.ACCEPTED, "Đã sửa đoạn 2 theo đề nghị."),
        (critique, CommentResult.EXPLAINED, "Đã có đánh giá tác động trong tờ trình."),
        (formula, CommentResult.PARTLY, "Nâng lên 70 triệu đồng, không lên 100 triệu đồng."),
    ]:
        services.comment_answer(actor=officer, comment=comment, result=result, response=response)
    return consultation


def test_the_table_lists_each_shown_comment_with_its_answer(answered):
    table = synthesis_table(answered)
    assert table.headers == HEADERS
    assert table.rows == EXPECTED
    assert table.summary == (
        "Tổng số ý kiến: 4; tiếp thu: 1; tiếp thu một phần: 1; giải trình: 1; chưa trả lời: 1."
    )


def test_the_xlsx_holds_the_table_cell_by_cell_and_never_a_formula(answered):
    book = CalamineWorkbook.from_filelike(io.BytesIO(synthesis_xlsx(answered)))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == TITLE
    assert rows[1][0].startswith("Dự thảo: Dự thảo Quy định hỗ trợ trí thức. Cơ quan lấy ý kiến:")
    assert rows[XLSX_HEADER_ROW] == HEADERS
    body = rows[XLSX_HEADER_ROW + 1 : XLSX_HEADER_ROW + 1 + len(EXPECTED)]
    expected = [[*row] for row in EXPECTED]
    expected[2][2] = "'=50 triệu đồng là thấp"  # formula-like text is written as text
    assert [[int(r[0]), *r[1:]] for r in body] == expected
    assert rows[XLSX_HEADER_ROW + len(EXPECTED) + 2][0].startswith("Tổng số ý kiến: 4;")


def test_the_docx_table_holds_the_same_cells(answered):
    document = Document(io.BytesIO(synthesis_docx(answered)))
    assert document.paragraphs[0].text == TITLE
    (table,) = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == HEADERS
    assert cells[1:] == [[str(v) for v in row] for row in EXPECTED]


def test_the_column_set_is_a_setting(answered, settings):
    settings.TRITHUC_SYNTHESIS_COLUMNS = ["stt", "comment", "result"]
    table = synthesis_table(answered)
    assert table.headers == ["STT", "Ý kiến góp ý", "Kết quả"]
    assert table.rows[1] == [2, EXPECTED[1][2], "Tiếp thu"]
