from django.contrib import admin

from . import models


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):
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
class BookingAdmin(admin.ModelAdmin):
    list_display = ["booking_id", "snapshot_date", "booked_date", "unit", "activity"]
    list_filter = ["snapshot_date", "activity"]
    list_select_related = ["unit", "activity"]
    raw_id_fields = ["unit"]
