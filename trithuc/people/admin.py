"""Admin for the reference tables. Person records are edited on the pages, where scoping applies."""

from django.contrib import admin

from .models import (
    AcademicTitle,
    DegreeLevel,
    Ethnicity,
    Field,
    GroupTag,
    Pillar,
    PoliticalTheoryLevel,
    StateManagementLevel,
)


@admin.register(
    Ethnicity,
    DegreeLevel,
    AcademicTitle,
    PoliticalTheoryLevel,
    StateManagementLevel,
    Pillar,
    GroupTag,
)
class ReferenceItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Field)
class FieldAdmin(ReferenceItemAdmin):
    list_display = ["code", "name", "parent", "order", "is_active"]
    list_filter = ["parent"]
