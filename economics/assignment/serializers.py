"""The assignment API's query and answers; the serializers read the selectors' objects and are
also the schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..serializers import DrgQuery


class AssignmentQuery(DrgQuery):
    """Year (required), and optionally one clinic or area, as for the DRG figures."""

    tertial = None
    care_form = None


def _money(help_text: str):
    return serializers.DecimalField(max_digits=18, decimal_places=0, help_text=help_text)


def _points(help_text: str):
    return serializers.DecimalField(max_digits=16, decimal_places=2, help_text=help_text)


class AssignmentLineSerializer(serializers.Serializer):
    activity = serializers.CharField(source="activity.code", help_text=_("Aktivitetens kod."))
    activity_name = serializers.CharField(source="activity.name")
    care_form = serializers.CharField(
        help_text=_("OPPEN (kontakter) eller SLUTEN (vårdplatsdygn).")
    )
    volume_t1 = serializers.DecimalField(max_digits=14, decimal_places=2)
    volume_t2 = serializers.DecimalField(max_digits=14, decimal_places=2)
    volume_t3 = serializers.DecimalField(max_digits=14, decimal_places=2)
    volume = serializers.DecimalField(max_digits=14, decimal_places=2, help_text=_("Årets volym."))
    points_per_volume = serializers.DecimalField(
        max_digits=9, decimal_places=4, help_text=_("Väntade DRG-poäng per volymenhet.")
    )
    points = _points(_("Väntade DRG-poäng: volym × poäng per volymenhet."))
    price_per_point = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text=_("Pris per DRG-poäng i kronor.")
    )
    money = _money(_("Belopp i kronor: poäng × pris."))
    origin = serializers.CharField(help_text=_("plan (från den fastställda planen) eller typed."))


class AssignmentVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    clinic_id = serializers.IntegerField(source="assignment.clinic_id")
    clinic = serializers.CharField(source="assignment.clinic.name")
    year = serializers.IntegerField(source="assignment.year")
    number = serializers.IntegerField()
    status = serializers.CharField(help_text=_("draft, submitted, approved eller superseded."))
    revision = serializers.IntegerField()
    approved_at = serializers.DateTimeField(allow_null=True)
    points = _points(_("Uppdragets väntade DRG-poäng."))
    money = _money(_("Uppdragets belopp i kronor."))
    lines = AssignmentLineSerializer(many=True)


class AssignmentPeriodSerializer(serializers.Serializer):
    assigned_points = _points(_("DRG-poäng enligt uppdraget."))
    produced_points = _points(_("Producerade DRG-poäng."))
    assigned_money = _money(_("Uppdragets belopp i kronor."))
    payment = _money(_("Ersättning per producerad poäng, kronor."))
    difference = _money(_("Ersättning − uppdragets belopp, kronor."))


class AssignmentTertialSerializer(AssignmentPeriodSerializer):
    tertial = serializers.IntegerField()


class ClinicAssignmentFollowupSerializer(serializers.Serializer):
    clinic_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    area = serializers.CharField()
    version = serializers.IntegerField(
        source="version.number", allow_null=True, default=None, help_text=_("Fastställd version.")
    )
    tertials = AssignmentTertialSerializer(many=True)
    year_to_date = AssignmentPeriodSerializer(source="ytd")
    whole_year = AssignmentPeriodSerializer(source="year")
    year_only_points = _points(
        _("Slutenvårdspoäng vars vårdtillfälle saknas: i året, ingen tertial.")
    )


class AssignmentFollowupSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    today = serializers.DateField()
    clinics = ClinicAssignmentFollowupSerializer(many=True)
    total = ClinicAssignmentFollowupSerializer()


class AssignmentCreateSerializer(serializers.Serializer):
    clinic = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Året ska vara ett heltal, till exempel 2027."),
            "min_value": _("Året ska vara mellan 2000 och 2100."),
            "max_value": _("Året ska vara mellan 2000 och 2100."),
        },
    )


class LineEditSerializer(serializers.Serializer):
    activity = serializers.SlugField(help_text=_("Aktivitetens kod."))
    volume_t1 = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    volume_t2 = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    volume_t3 = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    points_per_volume = serializers.DecimalField(
        max_digits=9,
        decimal_places=4,
        min_value=0,
        help_text=_("Väntade DRG-poäng per volymenhet."),
    )


class AssignmentLinesSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=0, help_text=_("Versionens revision som ändringen bygger på.")
    )
    lines = LineEditSerializer(many=True, max_length=500)


class AssignmentStatusSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, help_text=_("Krävs för att öppna igen.")
    )
