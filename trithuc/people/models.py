"""The person registry: one ``Person`` per real person, whichever units reported them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.lookups import IsNull
from simple_history.models import HistoricalRecords

from trithuc.core.dates import DatePrecision, format_partial_date
from trithuc.core.expressions import IdIn
from trithuc.core.models import ReferenceItem

from .choices import Gender, Sector

if TYPE_CHECKING:
    from trithuc.accounts.models import User


class Ethnicity(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "dân tộc"
        verbose_name_plural = "dân tộc"


class DegreeLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "trình độ chuyên môn"
        verbose_name_plural = "trình độ chuyên môn"


class AcademicTitle(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "học hàm"
        verbose_name_plural = "học hàm"


class PoliticalTheoryLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "trình độ lý luận chính trị"
        verbose_name_plural = "trình độ lý luận chính trị"


class StateManagementLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "trình độ quản lý nhà nước"
        verbose_name_plural = "trình độ quản lý nhà nước"


class Field(ReferenceItem):
    """A field of the national S&T classification (two levels: group and field)."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"


class Pillar(ReferenceItem):
    """The province's four development pillars: industry, agriculture, urban, tourism."""

    class Meta(ReferenceItem.Meta):
        verbose_name = "trụ cột phát triển"
        verbose_name_plural = "trụ cột phát triển"


class GroupTag(ReferenceItem):
    """A group the program follows that the record cannot say by itself (expert, leading scientist)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = "nhóm theo dõi"
        verbose_name_plural = "nhóm theo dõi"


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User, action: str = "view") -> PersonQuerySet:
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class Person(models.Model):
    full_name = models.CharField("họ và tên", max_length=150)
    family_name = models.CharField("họ", max_length=50, blank=True)
    middle_name = models.CharField("tên đệm", max_length=100, blank=True)
    given_name = models.CharField("tên", max_length=50)
    # Vietnamese collation key of "tên họ đệm": lists sort by it with a plain index on both databases.
    sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")
    # Folded name (no marks, đ → d) that search matches against.
    search_text = models.CharField(max_length=400, db_index=True, editable=False, default="")

    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    birth_date_precision = models.CharField(
        "độ chính xác ngày sinh",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices)
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name="dân tộc", null=True, blank=True, on_delete=models.PROTECT
    )
    hometown = models.CharField("quê quán", max_length=255, blank=True)

    # CCCD: encrypted at rest, found by a keyed hash, shown masked (see people/cccd.py).
    cccd_ciphertext = models.TextField(blank=True, editable=False, default="")
    cccd_digest = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    cccd_masked = models.CharField("số CCCD", max_length=12, blank=True, editable=False, default="")

    academic_title = models.ForeignKey(
        AcademicTitle, verbose_name="học hàm", null=True, blank=True, on_delete=models.PROTECT
    )
    political_theory = models.ForeignKey(
        PoliticalTheoryLevel,
        verbose_name="lý luận chính trị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    state_management = models.ForeignKey(
        StateManagementLevel,
        verbose_name="quản lý nhà nước",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    fields = models.ManyToManyField(Field, verbose_name="lĩnh vực", blank=True)
    pillars = models.ManyToManyField(Pillar, verbose_name="trụ cột phát triển", blank=True)
    tags = models.ManyToManyField(GroupTag, verbose_name="nhóm theo dõi", blank=True)
    expertise = models.TextField("chuyên môn sâu, từ khóa", blank=True)
    # Folded expertise (as search_text is the folded name): the search indexes read it (search.py).
    expertise_text = models.TextField(editable=False, default="", blank=True)
    is_party_member = models.BooleanField("đảng viên", default=False)
    party_joined_on = models.DateField("ngày vào Đảng", null=True, blank=True)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Optimistic locking: an edit is saved only over the version it was made from.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The change log is read one person at a time (by id, in date order): the indexes the
    # registry's own columns need for search, sorting and lookups would only slow every write.
    history = HistoricalRecords(
        m2m_fields=[fields, pillars, tags],
        no_db_index=[
            "sort_key",
            "search_text",
            "cccd_digest",
            "ethnicity",
            "academic_title",
            "political_theory",
            "state_management",
            "user",
        ],
    )
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "trí thức, cán bộ"
        verbose_name_plural = "trí thức, cán bộ"
        ordering = ["sort_key", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_date_display(self) -> str:
        return format_partial_date(self.birth_date, self.birth_date_precision)

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int], *, few_rows: bool = False) -> Q:
        """People employed now in one of the units, and people no longer employed anywhere whose
        record was kept by one of them (retirees, leavers). The database applies that rule to
        each person's jobs as they change (``PersonKeeper``). Written in one of two shapes
        (people/keepers.py): for a reach that keeps few people, the list of their ids; else
        one index probe per person read.

        The probe is a scalar subquery, not EXISTS: PostgreSQL may run an EXISTS as a hash of
        every person the units keep (for a province office, a scan of a million rows before the
        first row), where a probe per row costs only the rows a query reads, which a page
        (LIMIT) and the capped count keep small.

        ``few_rows``: the caller reads one person or a handful (a record's page, a permission
        check), for whom the probe is always cheapest: reading a small reach's list and sending
        it back as a parameter cost 24.5 ms for a commune of 5 827 people at a million, the
        probe 3.5 ms (a record's page and its permission check)."""
        kept = None if few_rows else cls._kept_ids_if_few(unit_ids)
        return cls._kept_probe(unit_ids) if kept is None else Q(IdIn(kept))

    @classmethod
    def scope_q_for_owner_or_units(
        cls, user: User, unit_ids: set[int], *, few_rows: bool = False
    ) -> Q:
        """``scope_q_for_owner(user) | scope_q_for_units(unit_ids)``, with the user's own record
        put into the list of a small reach: with an OR beside it, PostgreSQL counts a list by
        reading the table (100 ms at a million people) instead of the list's ids from the
        primary key (9 ms)."""
        kept = None if few_rows else cls._kept_ids_if_few(unit_ids)
        if kept is None:
            return cls.scope_q_for_owner(user) | cls._kept_probe(unit_ids)
        own = cls.objects.filter(user=user).order_by().values_list("pk", flat=True)
        return Q(IdIn(sorted({*kept, *own})))

    @classmethod
    def _kept_ids_if_few(cls, unit_ids: set[int]) -> list[int] | None:
        from trithuc.orgunits.selectors import unit_ids_q

        from .keepers import kept_ids_if_few

        return kept_ids_if_few(
            PersonKeeper.objects.filter(unit_ids_q("unit_id", unit_ids)), unit_ids
        )

    @classmethod
    def _kept_probe(cls, unit_ids: set[int]) -> Q:
        from trithuc.orgunits.selectors import unit_ids_q

        keepers = PersonKeeper.objects.filter(unit_ids_q("unit_id", unit_ids))
        probe = keepers.filter(person=OuterRef("pk")).values("unit_id")[:1]
        return Q(IsNull(Subquery(probe), False))

    @classmethod
    def scope_q_for_owner(cls, user: User) -> Q:
        return Q(user=user)


class EmploymentQuerySet(models.QuerySet["Employment"]):
    def current(self) -> EmploymentQuerySet:
        return self.filter(end_date__isnull=True)


class Employment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        related_name="employments",
    )
    position = models.CharField("chức vụ, vị trí việc làm", max_length=255, blank=True)
    sector = models.CharField(
        "khu vực", max_length=10, choices=Sector.choices, default=Sector.PUBLIC
    )
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)

    # Read by id, or by person when a person's data is erased; never by unit.
    history = HistoricalRecords(no_db_index=["unit"])
    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["-start_date", "pk"]

    def __str__(self) -> str:
        return f"{self.position} — {self.unit}"


class PersonKeeper(models.Model):
    """A unit that keeps a person's file, which is what the scope rule asks of a person: the units
    of their current jobs, or, when they hold none, every unit they worked in (retirees and
    leavers stay with the units that kept them). Derived from ``Employment`` alone and written
    only by database triggers on ``people_employment`` (migration ``people.0005``), so that every
    write path (services, imports' COPY, the generator, the admin, SQL) keeps it in step; no
    history (it is an index of the employment history, which has its own).

    "Does one of these units keep this person?" is then one probe of an index on ``person``
    (with ``unit`` in it: PostgreSQL ``INCLUDE``, SQLite a second column, made by the migration),
    where the rule read from the jobs took three EXISTS over ``people_employment`` per person."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="keepers", db_index=False
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        # Unit first: a unit filter starts from the units ("who do these units keep").
        constraints = [
            models.UniqueConstraint(fields=["unit", "person"], name="person_keeper_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.unit_id}"


class Qualification(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    level = models.ForeignKey(DegreeLevel, verbose_name="trình độ", on_delete=models.PROTECT)
    major = models.CharField("chuyên ngành", max_length=255, blank=True)
    institution = models.CharField("cơ sở đào tạo", max_length=255, blank=True)
    country = models.CharField("quốc gia", max_length=100, blank=True, default="Việt Nam")
    year = models.PositiveSmallIntegerField("năm tốt nghiệp", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bằng"
        verbose_name_plural = "văn bằng"
        ordering = ["-level__order", "pk"]

    def __str__(self) -> str:
        return f"{self.level} {self.major}".strip()
