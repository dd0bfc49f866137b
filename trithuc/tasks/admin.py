"""Admin pages for the records the program office sets up: who reports how often, closed years."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ClosedPeriod, ReportObligation


@admin.register(ReportObligation)
class ReportObligationAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "program", "frequency", "days_to_submit")
    list_filter = ("program", "frequency")


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(SimpleHistoryAdmin):
    list_display = ("program", "year", "closed_at", "closed_by")
    readonly_fields = ("closed_at",)
