from django.contrib import admin

from organisation.audit import PersonDataAdmin

from . import models


@admin.register(models.WaitingEntry)
class WaitingEntryAdmin(PersonDataAdmin):
    list_display = ["waiting_id", "snapshot_date", "unit", "phase", "kva_code", "decision_date"]
    list_filter = ["snapshot_date", "phase"]
    search_fields = ["waiting_id", "kva_code"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(models.Referral)
class ReferralAdmin(PersonDataAdmin):
    list_display = ["referral_id", "arrival_date", "unit", "phase", "status"]
    list_filter = ["status", "phase"]
    search_fields = ["referral_id"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(models.Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["year", "county_code", "count"]
    list_filter = ["year"]


@admin.register(models.KvaCode)
class KvaCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "classification", "level"]
    list_filter = ["classification", "level"]
    search_fields = ["code", "text"]


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
