from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organisation.audit import PersonDataAdmin

from . import models
from .services import agreement_version_record


@admin.register(models.Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class AgreementVersionInline(admin.TabularInline):
    """The agreement's history: read only, written by ``agreement_version_record`` on each save."""

    model = models.AgreementVersion
    extra = 0
    can_delete = False
    fields = ["number", "saved_at", "saved_by", "how", "changed", "data"]
    readonly_fields = fields
    verbose_name_plural = _("historik")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "provider",
        "price_per_case",
        "volume_ceiling",
        "money_ceiling",
        "start",
        "end",
        "extended_to",
    ]
    list_filter = ["provider"]
    search_fields = ["code", "name", "provider__name"]
    list_select_related = ["provider"]
    filter_horizontal = ["clinics", "care_areas"]
    inlines = [AgreementVersionInline]

    def save_related(self, request, form, formsets, change) -> None:
        # The clinics and care areas are saved here, after the agreement: record the version then.
        super().save_related(request, form, formsets, change)
        agreement_version_record(
            agreement=form.instance, user=request.user, how=str(_("Administration"))
        )


@admin.register(models.PurchasedReferral)
class PurchasedReferralAdmin(PersonDataAdmin):
    list_display = [
        "referral_id",
        "unit",
        "provider_code",
        "agreement_code",
        "kva_code",
        "sent_date",
        "performed_date",
        "status",
        "cost",
    ]
    list_filter = ["status", "provider_code"]
    search_fields = ["referral_id", "agreement_code"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]
