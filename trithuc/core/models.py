from django.db import models


class ReferenceItem(models.Model):
    """A row of an official reference list (ethnic groups, degree levels, fields...)."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name
