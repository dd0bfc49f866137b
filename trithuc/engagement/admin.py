from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Association, Consultation, DialogueSession

# Ideas are not in the admin: a private idea is for its author and the answering agency only.


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "unit", "parent", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "unit", "opens_on", "closes_on")


@admin.register(DialogueSession)
class DialogueSessionAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "leader_name", "starts_at", "status")
