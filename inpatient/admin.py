from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import BedDay, Ward


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ("unit", "clinic", "site", "speciality", "codes")
    list_filter = ("speciality", "unit__site", "unit__clinic")
    search_fields = ("unit__name", "unit__code", "unit__source_codes__code")
    autocomplete_fields = ("unit",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("unit__clinic", "unit__site")
            .prefetch_related("unit__source_codes")
        )

    @admin.display(description=_("klinik"), ordering="unit__clinic__name")
    def clinic(self, ward: Ward):
        return ward.unit.clinic

    @admin.display(description=_("sjukhus"), ordering="unit__site__name")
    def site(self, ward: Ward):
        return ward.unit.site

    @admin.display(description=_("koder i källsystem"))
    def codes(self, ward: Ward) -> str:
        # The ward's codes per source are its unit's: edited on the unit.
        return ", ".join(f"{c.source} {c.code}" for c in ward.unit.source_codes.all())


@admin.register(BedDay)
class BedDayAdmin(admin.ModelAdmin):
    list_display = ("unit", "date", "staffed", "occupied", "overcrowding", "outlying")
    list_filter = ("unit",)
    date_hierarchy = "date"
    list_select_related = ("unit",)
