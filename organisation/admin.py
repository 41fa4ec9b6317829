from django.contrib import admin

from . import models


class UnitSourceCodeInline(admin.TabularInline):
    model = models.UnitSourceCode
    extra = 1


class SchedulePeriodInline(admin.TabularInline):
    model = models.SchedulePeriod
    extra = 0


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "county_code"]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "plan_target"]
    inlines = [SchedulePeriodInline]


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]


@admin.register(models.Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "area", "site"]
    list_filter = ["area", "site"]
    search_fields = ["name", "code"]


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "clinic", "site"]
    list_filter = ["clinic__area", "site"]
    search_fields = ["name", "code", "source_codes__code"]
    list_select_related = ["clinic", "site"]
    inlines = [UnitSourceCodeInline]


@admin.register(models.UnitSourceCode)
class UnitSourceCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "source", "unit"]
    list_filter = ["source"]
    search_fields = ["code", "unit__name"]
    list_select_related = ["unit"]


@admin.register(models.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "profession", "minutes", "sort_order"]
    list_editable = ["minutes", "sort_order"]


@admin.register(models.ClinicTimeStandard)
class ClinicTimeStandardAdmin(admin.ModelAdmin):
    list_display = ["clinic", "activity", "minutes"]
    list_filter = ["activity"]


@admin.register(models.ContactActivityRule)
class ContactActivityRuleAdmin(admin.ModelAdmin):
    list_display = ["phase", "contact_type", "profession", "activity"]
    list_filter = ["phase", "activity"]


@admin.register(models.MeasureMapping)
class MeasureMappingAdmin(admin.ModelAdmin):
    list_display = ["measure", "activity"]


@admin.register(models.SchedulePeriod)
class SchedulePeriodAdmin(admin.ModelAdmin):
    list_display = ["area", "year", "number", "start", "end", "lay_by"]
    list_filter = ["area", "year"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "clinic", "area"]
    list_filter = ["role"]
    search_fields = ["user__username", "clinic__name", "area__name"]
