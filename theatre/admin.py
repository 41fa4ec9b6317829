"""The operating rooms and each hospital's elective opening hours, kept by administrators."""

from django.contrib import admin

from .models import OpeningHours, Operation, Room, RoomSourceCode, Session


class RoomSourceCodeInline(admin.TabularInline):
    model = RoomSourceCode
    extra = 1


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "site", "active")
    list_filter = ("site", "active")
    search_fields = ("name", "code", "source_codes__code")
    filter_horizontal = ("clinics",)
    inlines = [RoomSourceCodeInline]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ("site", "weekday", "opens", "closes")
    list_filter = ("site",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("room", "date", "start_time", "end_time", "unit", "staffed")
    list_filter = ("room__site", "staffed")
    date_hierarchy = "date"
    raw_id_fields = ("room", "unit")


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    # Facts from the import: read here, corrected in the source and imported again.
    list_display = ("operation_id", "date", "room", "unit", "status", "strike_cause")
    list_filter = ("status", "room__site")
    date_hierarchy = "date"
    exclude = ("patient",)
    raw_id_fields = ("room", "unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
