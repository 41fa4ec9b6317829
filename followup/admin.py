from django.contrib import admin

from kps.validators import FREE_TEXT_FORMFIELDS

from . import models


class DiscussedDeviationInline(admin.TabularInline):
    model = models.DiscussedDeviation
    formfield_overrides = FREE_TEXT_FORMFIELDS
    extra = 0
    raw_id_fields = ["unit"]


class ActionInline(admin.TabularInline):
    model = models.Action
    formfield_overrides = FREE_TEXT_FORMFIELDS
    extra = 0
    fields = ["title", "owner", "due_date", "status", "closed_on"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    formfield_overrides = FREE_TEXT_FORMFIELDS
    list_display = ["clinic", "unit", "held_on", "week", "created_by"]
    list_filter = ["clinic__area", "clinic"]
    date_hierarchy = "held_on"
    list_select_related = ["clinic", "unit", "created_by"]
    raw_id_fields = ["unit"]
    inlines = [DiscussedDeviationInline, ActionInline]


class ActionUpdateInline(admin.TabularInline):
    model = models.ActionUpdate
    formfield_overrides = FREE_TEXT_FORMFIELDS
    extra = 0
    readonly_fields = ["created_at", "created_by"]


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    formfield_overrides = FREE_TEXT_FORMFIELDS
    list_display = ["title", "clinic", "owner", "due_date", "status"]
    list_filter = ["status", "clinic"]
    search_fields = ["title", "owner"]
    list_select_related = ["clinic"]
    raw_id_fields = ["meeting", "deviation"]
    inlines = [ActionUpdateInline]
