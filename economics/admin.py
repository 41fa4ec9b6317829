from django.contrib import admin

from . import models


@admin.register(models.DrgWeight)
class DrgWeightAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "care_form", "weight", "name"]
    list_filter = ["year", "care_form"]
    search_fields = ["code", "name"]


@admin.register(models.KppRow)
class KppRowAdmin(admin.ModelAdmin):
    list_display = ["contact_id", "year", "care_form", "unit", "drg_code", "cost", "outlier"]
    list_filter = ["year", "care_form", "outlier"]
    search_fields = ["contact_id", "drg_code"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(models.ClinicSpecialty)
class ClinicSpecialtyAdmin(admin.ModelAdmin):
    list_display = ["clinic", "specialty"]
    list_filter = ["specialty"]
    list_select_related = ["clinic"]


@admin.register(models.PointPrice)
class PointPriceAdmin(admin.ModelAdmin):
    """Where the region sets the price of a DRG point per year and care form (or activity)."""

    list_display = ["year", "care_form", "activity", "price"]
    list_filter = ["year", "care_form"]
    list_select_related = ["activity"]


class AssignmentLineInline(admin.TabularInline):
    model = models.AssignmentLine
    extra = 0
    can_delete = False
    readonly_fields = [
        "activity",
        "care_form",
        "volume_t1",
        "volume_t2",
        "volume_t3",
        "points_per_volume",
        "price_per_point",
        "origin",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.AssignmentVersion)
class AssignmentVersionAdmin(admin.ModelAdmin):
    """Read only: versions move through the assignment pages, where the rights are checked."""

    list_display = ["assignment", "number", "status", "approved_at"]
    list_filter = ["status", "assignment__year"]
    list_select_related = ["assignment__clinic"]
    inlines = [AssignmentLineInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
