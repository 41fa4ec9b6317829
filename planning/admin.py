from django.contrib import admin

from . import models


@admin.register(models.StaffHours)
class StaffHoursAdmin(admin.ModelAdmin):
    list_display = ["unit", "week", "profession", "hours", "fte"]
    list_filter = ["profession"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]
