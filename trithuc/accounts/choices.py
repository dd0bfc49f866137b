from django.db import models


class Role(models.TextChoices):
    PROGRAM_OFFICE = (
        "program_office",
        "Cơ quan thường trực Chương trình (Ban Tuyên giáo và Dân vận)",
    )
    AGENCY_OFFICER = "agency_officer", "Cán bộ cơ quan chuyên môn, sở, ban, ngành"
    UNIT_OFFICER = "unit_officer", "Cán bộ đơn vị, xã, phường"
    REVIEWER = "reviewer", "Thành viên hội đồng khoa học"
    INTELLECTUAL = "intellectual", "Trí thức, chuyên gia"
    LEADER = "leader", "Lãnh đạo"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


# Roles that read the personal data of everyone in the subtree of their assigned units.
SUBTREE_READ_ROLES = frozenset(
    {Role.PROGRAM_OFFICE, Role.AGENCY_OFFICER, Role.UNIT_OFFICER, Role.LEADER, Role.ADMINISTRATOR}
)
# Roles that may also change those records; leaders read only.
SUBTREE_WRITE_ROLES = frozenset(
    {Role.PROGRAM_OFFICE, Role.AGENCY_OFFICER, Role.UNIT_OFFICER, Role.ADMINISTRATOR}
)
# Reviewers and intellectuals see and edit only their own profile, wherever they are assigned.
