from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import OrgUnit, OrgUnitEvent


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    # The tree is edited through events (services), so structural fields are read-only here.
    readonly_fields = ["parent", "path", "valid_from", "valid_to"]


@admin.register(OrgUnitEvent)
class OrgUnitEventAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "date", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["legal_basis", "note", "old_name", "new_name"]
    filter_horizontal = ["units_before", "units_after"]
