from django.db import models


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Sector(models.TextChoices):
    PUBLIC = "public", "Khu vực công"
    PRIVATE = "private", "Khu vực tư"


class DerivedGroup(models.TextChoices):
    """Groups the program counts that follow from the record itself, so no one has to tag them."""

    YOUNG = "young", "Cán bộ trẻ"
    WOMEN = "women", "Nữ"
    ETHNIC_MINORITY = "ethnic_minority", "Người dân tộc thiểu số"
    PARTY_MEMBER = "party_member", "Đảng viên"


# The Kinh group's code in QĐ 121-TCTK/PPCĐ: everyone else counts as an ethnic minority.
KINH_ETHNICITY_CODE = "01"
