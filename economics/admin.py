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
