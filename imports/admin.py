from django.contrib import admin

from organisation.audit import PersonDataAdmin

from . import models


class RejectedRowInline(admin.TabularInline):
    model = models.RejectedRow
    extra = 0
    can_delete = False
    readonly_fields = ["line", "column", "message"]
    max_num = 0


@admin.register(models.ImportRun)
class ImportRunAdmin(PersonDataAdmin):
    person_data_in_list = False
    list_display = [
        "file_name",
        "kind",
        "source",
        "status",
        "rows_read",
        "rows_accepted",
        "rows_rejected",
        "rows_held",
        "started_at",
        "started_by",
    ]
    list_filter = ["status", "kind", "source"]
    search_fields = ["file_name", "checksum"]
    inlines = [RejectedRowInline]

    def has_add_permission(self, request) -> bool:
        # Runs are written by the importer only; the log must not be edited by hand.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.HeldRow)
class HeldRowAdmin(PersonDataAdmin):
    list_display = ["kind", "source", "reason", "code", "line", "run", "created_at"]
    list_filter = ["kind", "source", "reason"]
    search_fields = ["code"]
    exclude = ["data"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.ColumnProfile)
class ColumnProfileAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "note"]
    list_filter = ["kind"]
