"""The notice a person agrees to before the system processes their personal data.

Decree 13/2023/ND-CP (art. 11 and 13) asks that consent be informed: what data, for what purpose,
who processes it and for how long. The text is versioned: a consent names the version it answered,
so a later change of the notice never rewrites what someone agreed to. The retention period is a
setting (``TRITHUC_CONSENT_RETENTION_YEARS``) because the right figure is the agency's decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ConsentNotice:
    version: str
    data: str
    purposes: str
    controller: str
    retention: str

    @property
    def text(self) -> str:
        return (
            f"Dữ liệu được xử lý: {self.data}\n"
            f"Mục đích: {self.purposes}\n"
            f"Bên xử lý: {self.controller}\n"
            f"Thời gian lưu trữ: {self.retention}"
        )


def consent_notice_current() -> ConsentNotice:
    years = settings.TRITHUC_CONSENT_RETENTION_YEARS
    return ConsentNotice(
        version=settings.TRITHUC_CONSENT_NOTICE_VERSION,
        data=(
            "họ tên, ngày sinh, giới tính, nơi công tác, trình độ chuyên môn, lĩnh vực chuyên sâu, "
            "thông tin liên hệ, ý kiến góp ý, hiến kế và câu hỏi đối thoại do bạn gửi."
        ),
        purposes=(
            "theo dõi, phát triển đội ngũ trí thức theo Chương trình thực hiện Nghị quyết 45-NQ/TW; "
            "mời tham gia góp ý, phản biện, tư vấn, đối thoại và các hội đồng khoa học."
        ),
        controller="cơ quan thường trực Chương trình và cơ quan, đơn vị được phân công theo dõi.",
        retention=(
            f"trong thời gian bạn còn đồng ý và tối đa {years} năm sau khi bạn rút lại đồng ý "
            "hoặc không còn tham gia, trừ khi pháp luật về lưu trữ quy định khác."
        ),
    )
