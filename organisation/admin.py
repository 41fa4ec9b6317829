from collections import defaultdict

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from . import calendar, models


class UnitSourceCodeInline(admin.TabularInline):
    model = models.UnitSourceCode
    extra = 1


class SchedulePeriodFormSet(BaseInlineFormSet):
    """Checks an area's periods year by year: four, contiguous, covering the ISO year."""

    def clean(self):
        super().clean()
        by_year: dict[int, list[calendar.Period]] = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("start") or not data.get("end"):
                continue
            start = data["start"]
            lay_by = data.get("lay_by") or calendar.default_lay_by(start)
            by_year[data["year"]].append(
                calendar.Period(data["number"], start, data["end"], lay_by)
            )
        for year, periods in by_year.items():
            try:
                calendar.validate_periods(year, sorted(periods, key=lambda p: p.number))
            except ValueError as error:
                raise ValidationError(f"{year}: {error}") from error


class SchedulePeriodInline(admin.TabularInline):
    model = models.SchedulePeriod
    formset = SchedulePeriodFormSet
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


@admin.register(models.PersonDataAccess)
class PersonDataAccessAdmin(admin.ModelAdmin):
    """The access log of person-level data: read-only, for an administrator to audit."""

    list_display = ["at", "username", "what", "subject", "rows", "path"]
    list_filter = [("user", admin.RelatedOnlyFieldListFilter), "at", "what"]
    date_hierarchy = "at"
    search_fields = ["username", "what", "subject"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # The log is evidence: nobody deletes from it through the platform.
        return False
