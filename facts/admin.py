from django.contrib import admin

from organisation.audit import PersonDataAdmin

from . import models


@admin.register(models.Contact)
class ContactAdmin(PersonDataAdmin):
    list_display = ["contact_id", "source", "date", "week", "unit", "activity"]
    list_filter = ["source", "activity"]
    search_fields = ["contact_id"]
    list_select_related = ["unit", "activity"]
    raw_id_fields = ["unit"]


@admin.register(models.WeeklyOutcome)
class WeeklyOutcomeAdmin(admin.ModelAdmin):
    list_display = ["unit", "activity", "week", "source", "count"]
    list_filter = ["source", "activity"]
    list_select_related = ["unit", "activity"]
    raw_id_fields = ["unit"]


@admin.register(models.Booking)
class BookingAdmin(PersonDataAdmin):
    list_display = ["booking_id", "snapshot_date", "booked_date", "unit", "activity"]
    list_filter = ["snapshot_date", "activity"]
    list_select_related = ["unit", "activity"]
    raw_id_fields = ["unit"]


@admin.register(models.StaffHours)
class StaffHoursAdmin(admin.ModelAdmin):
    list_display = ["unit", "week", "profession", "hours", "fte"]
    list_filter = ["profession"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


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
