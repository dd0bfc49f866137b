"""Admin for the science rows that are reference-like. Councils score by the default criteria
(``choices.DEFAULT_CRITERIA``, a constant), so there is no criteria template to edit. Cooperation
programmes are listed read-only: they are recorded on the pages, where the figures they feed are
recounted by the service. Needs, applications and reviews concern people and stay on the pages,
where scoping applies."""

from django.contrib import admin

from .models import CooperationProgram


@admin.register(CooperationProgram)
class CooperationProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "organising_unit", "year", "start_date", "end_date"]
    list_filter = ["year"]
    search_fields = ["title", "partner", "topic"]
    list_select_related = ["organising_unit"]
    fields = [
        "title",
        "partner",
        "organising_unit",
        "year",
        "start_date",
        "end_date",
        "topic",
        "field",
        "description",
        "expert_names",
        "participant_count",
        "outputs",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
