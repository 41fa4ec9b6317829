from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """Plans change only through the planning services, which record every change; here they are read."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["clinic", "year", "created_at", "created_by"]
    list_filter = ["year"]
    list_select_related = ["clinic", "created_by"]
    search_fields = ["clinic__name", "clinic__code"]


@admin.register(models.PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "status", "revision", "approved_at", "approved_by"]
    list_filter = ["status", "plan__year"]
    list_select_related = ["plan__clinic", "approved_by"]
    exclude = ["proposal"]


@admin.register(models.PlanSave)
class PlanSaveAdmin(ReadOnlyAdmin):
    list_display = ["version", "revision", "user", "at", "source", "changed"]
    list_filter = ["source"]
    list_select_related = ["version__plan__clinic", "user"]
