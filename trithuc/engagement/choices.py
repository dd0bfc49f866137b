from django.db import models


class Audience(models.TextChoices):
    ALL = "all", "Mọi trí thức"
    FIELD = "field", "Trí thức thuộc một lĩnh vực"
    INVITED = "invited", "Chuyên gia được mời"


class ConsultationPhase(models.TextChoices):
    DRAFT = "draft", "Đang soạn, chưa công bố"
    UPCOMING = "upcoming", "Đã công bố, chưa đến ngày mở"
    OPEN = "open", "Đang lấy ý kiến"
    CLOSED = "closed", "Đã hết hạn góp ý"


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Góp ý"
    AMENDMENT = "amendment", "Đề xuất sửa câu chữ"
    CRITIQUE = "critique", "Phản biện chính thức"


class CommentResult(models.TextChoices):
    """The agency's answer to a comment, as the columns of the synthesis table name it."""

    ACCEPTED = "accepted", "Tiếp thu"
    PARTLY = "partly", "Tiếp thu một phần"
    EXPLAINED = "explained", "Giải trình"


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    ASSIGNED = "assigned", "Đã chuyển cơ quan trả lời"
    ANSWERED = "answered", "Đã trả lời"
    IMPLEMENTED = "implemented", "Đã áp dụng"


# The moves an idea may make: the answering agency answers, then may record it implemented.
IDEA_MOVES = {
    IdeaStatus.RECEIVED: {IdeaStatus.ASSIGNED},
    IdeaStatus.ASSIGNED: {IdeaStatus.ASSIGNED, IdeaStatus.ANSWERED},
    IdeaStatus.ANSWERED: {IdeaStatus.IMPLEMENTED},
    IdeaStatus.IMPLEMENTED: set(),
}


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Đã lên lịch"
    HELD = "held", "Đã tổ chức"
    CANCELLED = "cancelled", "Đã hủy"


class QuestionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Mới gửi"
    SHORTLISTED = "shortlisted", "Được chọn"
    LIVE = "live", "Đang trả lời"
    ANSWERED = "answered", "Đã trả lời"
    HIDDEN = "hidden", "Đã ẩn"


class AssociationKind(models.TextChoices):
    UNION = "union", "Liên hiệp hội, hội cấp tỉnh"
    MEMBER = "member", "Hội thành viên"
