"""The purchased-care API's queries and answers: the answers' serializers are also their schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kps.api.fields import year_field
from organisation import access
from organisation.models import Phase

ID = {"min_value": 1, "max_value": 2**63 - 1, "required": False}


class PurchaseFollowupQuery(serializers.Serializer):
    year = year_field(
        first=2000,
        last=2200,
        help_text=_("Året remisserna skickades."),
        out_of_range=_("Året ska vara mellan 2000 och 2200."),
    )
    clinic = serializers.IntegerField(**ID, help_text=_("Bara en klinik (id)."))
    provider = serializers.IntegerField(**ID, help_text=_("Bara en vårdgivare (id)."))
    agreement = serializers.IntegerField(**ID, help_text=_("Bara ett avtal (id)."))

    def validate_clinic(self, clinic: int) -> int:
        if not access.economics_clinics(self.context["request"].user).filter(id=clinic).exists():
            raise serializers.ValidationError(_("Okänd klinik, eller en vars ekonomi du inte ser."))
        return clinic


class PurchasePlanQuery(serializers.Serializer):
    clinic = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Kliniken (id)."),
        error_messages={
            "required": _("Ange kliniken (clinic)."),
            "invalid": _("Kliniken anges med sitt id (ett heltal)."),
        },
    )
    phase = serializers.ChoiceField(
        choices=[
            (Phase.FIRST.value, Phase.FIRST.label),
            (Phase.PROCEDURE.value, Phase.PROCEDURE.label),
        ],
        default=Phase.PROCEDURE.value,
        help_text=_("1 nybesök eller 2 operation/åtgärd (vårdgarantins faser)."),
        error_messages={
            "invalid_choice": _("Fasen ska vara 1 (nybesök) eller 2 (operation/åtgärd).")
        },
    )

    def validate_clinic(self, clinic: int) -> int:
        if not access.visible_clinics(self.context["request"].user).filter(id=clinic).exists():
            raise serializers.ValidationError(
                _("Okänd klinik, eller en du inte har tillgång till.")
            )
        return clinic


class PurchaseCountsSerializer(serializers.Serializer):
    sent = serializers.IntegerField()
    performed = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    cost = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        help_text=_("Kronor: fakturerat, annars avtalets pris per fall."),
    )
    flagged = serializers.IntegerField()


class PurchaseGroupCountsSerializer(PurchaseCountsSerializer):
    name = serializers.CharField()


class PurchaseMonthCountsSerializer(PurchaseCountsSerializer):
    month = serializers.IntegerField()


class PurchaseAgreementUseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="agreement.id")
    code = serializers.CharField(source="agreement.code")
    name = serializers.CharField(source="agreement.name")
    provider = serializers.CharField(source="agreement.provider.name")
    price_per_case = serializers.DecimalField(
        source="agreement.price_per_case", max_digits=12, decimal_places=2
    )
    volume_ceiling = serializers.IntegerField(source="agreement.volume_ceiling", allow_null=True)
    money_ceiling = serializers.DecimalField(
        source="agreement.money_ceiling", max_digits=14, decimal_places=2, allow_null=True
    )
    start = serializers.DateField(source="agreement.start")
    last_day = serializers.DateField(
        source="agreement.last_day", help_text=_("Sista dag, med en utnyttjad option.")
    )
    volume_used = serializers.IntegerField(source="volume")
    money_used = serializers.DecimalField(source="money", max_digits=16, decimal_places=2)
    volume_level = serializers.CharField(
        allow_null=True, help_text=_("ok, varning (från 80 %) eller nadd (100 %).")
    )
    money_level = serializers.CharField(
        allow_null=True, help_text=_("ok, varning (från 80 %) eller nadd (100 %).")
    )


class PurchaseFlaggedSerializer(serializers.Serializer):
    referral_id = serializers.CharField()
    clinic = serializers.CharField()
    provider_code = serializers.CharField()
    agreement_code = serializers.CharField()
    kva_code = serializers.CharField()
    sent = serializers.DateField()
    flags = serializers.ListField(child=serializers.CharField())


class PurchaseFollowupSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = PurchaseCountsSerializer()
    by_provider = PurchaseGroupCountsSerializer(many=True)
    by_agreement = PurchaseGroupCountsSerializer(many=True)
    by_clinic = PurchaseGroupCountsSerializer(many=True)
    by_month = PurchaseMonthCountsSerializer(many=True)
    agreements = PurchaseAgreementUseSerializer(many=True)
    days_mean = serializers.FloatField(allow_null=True)
    days_median = serializers.FloatField(allow_null=True)
    guarantee_breaches_met = serializers.IntegerField()
    flagged = PurchaseFlaggedSerializer(many=True)


def followup_data(report) -> dict:
    def groups(items):
        return [{"name": name, **vars(c)} for name, c in items]

    return {
        **{
            k: getattr(report, k)
            for k in (
                "year",
                "agreements",
                "days_mean",
                "days_median",
                "guarantee_breaches_met",
                "flagged",
            )
        },
        "total": vars(report.total),
        "by_provider": groups(report.by_provider),
        "by_agreement": groups(report.by_agreement),
        "by_clinic": groups(report.by_clinic),
        "by_month": [{"month": m, **vars(c)} for m, c in report.by_month],
    }


class PurchaseGroupSerializer(serializers.Serializer):
    care_area = serializers.CharField(source="name")
    care_area_id = serializers.IntegerField(
        source="area_id", allow_null=True, help_text=_("Inget: hela väntelistan.")
    )
    required_pace = serializers.FloatField(
        source="pace.model.required_pace", help_text=_("Avlastningstakten per vecka.")
    )
    plan_pace = serializers.FloatField(
        allow_null=True, help_text=_("Planerad volym per vecka under perioden.")
    )
    send_per_week = serializers.FloatField(
        allow_null=True, help_text=_("max(0, takten − planerad volym); okänt utan fastställd plan.")
    )
    send_in_period = serializers.FloatField(allow_null=True)
    agreements = PurchaseAgreementUseSerializer(many=True)


class PurchaseWaiterSerializer(serializers.Serializer):
    patient = serializers.CharField(help_text=_("Pseudonym."))
    unit = serializers.CharField()
    kva_code = serializers.CharField()
    care_area = serializers.CharField()
    waited_days = serializers.IntegerField()


class PurchasePlanSerializer(serializers.Serializer):
    clinic = serializers.CharField(source="clinic.name")
    phase = serializers.IntegerField()
    snapshot = serializers.DateField(allow_null=True)
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    total = PurchaseGroupSerializer()
    groups = PurchaseGroupSerializer(many=True)
    waiters = PurchaseWaiterSerializer(many=True)
