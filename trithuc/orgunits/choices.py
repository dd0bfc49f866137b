from django.db import models


class OrgUnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố trực thuộc Trung ương"
    DISTRICT = "district", "Huyện, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"
    PARTY_COMMITTEE = "party_committee", "Cấp ủy đảng"
    PARTY_COMMISSION = "party_commission", "Ban, cơ quan tham mưu của cấp ủy"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành"
    FRONT = "front", "Ủy ban Mặt trận Tổ quốc"
    MASS_ORGANISATION = "mass_org", "Tổ chức chính trị - xã hội"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp công lập"
    ASSOCIATION = "association", "Hội, hiệp hội"
    ENTERPRISE = "enterprise", "Doanh nghiệp, tổ chức ngoài khu vực công"


class OrgUnitEventKind(models.TextChoices):
    FOUNDED = "founded", "Thành lập"
    RENAMED = "renamed", "Đổi tên"
    MERGED = "merged", "Hợp nhất, sáp nhập"
    SPLIT = "split", "Chia, tách"
    DISSOLVED = "dissolved", "Giải thể, kết thúc hoạt động"


# Events after which the records of the units before count for the units after.
SUCCESSION_EVENT_KINDS = (OrgUnitEventKind.MERGED, OrgUnitEventKind.SPLIT)
