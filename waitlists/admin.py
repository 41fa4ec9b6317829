from django.contrib import admin

from . import models


class MedicalCareAreaCodeInline(admin.TabularInline):
    model = models.MedicalCareAreaCode
    extra = 1


@admin.register(models.MedicalCareArea)
class MedicalCareAreaAdmin(admin.ModelAdmin):
    """Regions regroup KVÅ codes into their own medical care areas here; the longest prefix wins."""

    list_display = ["name", "code", "programme_area", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name", "code", "programme_area", "codes__prefix"]
    inlines = [MedicalCareAreaCodeInline]
