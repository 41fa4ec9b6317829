"""Read-only admin views: programmes are edited on the rollout pages, whose services record each change."""

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StepInline(admin.TabularInline):
    model = models.ProgrammeStep
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["clinic", "decision_date", "start", "planned_end"]
    list_filter = ["clinic__area"]
    inlines = [StepInline]


@admin.register(models.RolloutChange)
class RolloutChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "clinic", "subject", "field", "old", "new"]
    list_filter = ["clinic__area"]
    search_fields = ["clinic__name", "subject", "field"]
