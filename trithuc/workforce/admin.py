"""Admin for the workforce reference rows (award types and rubrics, position standards, attraction
policies and budgets). Records about people are kept on the pages, where scoping applies."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AttractionBudget, AttractionPolicy, AwardCriterion, AwardType, PositionStandard


class AwardCriterionInline(admin.TabularInline):
    model = AwardCriterion
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "granting_body", "pass_score", "is_active"]
    search_fields = ["code", "name"]
    inlines = [AwardCriterionInline]


@admin.register(PositionStandard)
class PositionStandardAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "min_degree", "min_political_theory", "max_age"]
    search_fields = ["code", "name"]


class AttractionBudgetInline(admin.TabularInline):
    model = AttractionBudget
    extra = 0


@admin.register(AttractionPolicy)
class AttractionPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "support_amount", "commitment_years"]
    search_fields = ["code", "name"]
    inlines = [AttractionBudgetInline]
