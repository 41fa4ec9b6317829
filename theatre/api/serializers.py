"""The operating-room API's query and answers; the serializers are also its schema."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from organisation import access

from ..models import Room
from ..periods import MAX_DAYS

MAX_ID = 9_223_372_036_854_775_807
CAUSES = ("PAT", "MED", "RES", "OVR", "SAKNAS")


def _id_field(help_text: str, *, required: bool) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=required,
        allow_null=not required,
        default=None if not required else serializers.empty,
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy("Ange ett id (ett heltal)."),
            "required": gettext_lazy("Värdet saknas."),
            "min_value": gettext_lazy("Ange ett id (ett heltal)."),
            "max_value": gettext_lazy("Ange ett id (ett heltal)."),
            "null": gettext_lazy("Värdet saknas."),
        },
    )


def _date_field(help_text: str) -> serializers.DateField:
    return serializers.DateField(
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy("Ange ett datum som ÅÅÅÅ-MM-DD."),
            "required": gettext_lazy("Värdet saknas."),
        },
    )


class UtilisationQuery(serializers.Serializer):
    """A hospital, optionally one of its clinics and rooms, and the days from–to (both included)."""

    site = _id_field("Sjukhusets id.", required=True)
    clinic = _id_field("En klinik du har tillgång till (valfri).", required=False)
    room = _id_field("En av sjukhusets operationssalar (valfri).", required=False)

    def validate(self, attrs):
        start, end = attrs["from"], attrs["to"]
        if end < start:
            raise serializers.ValidationError({"to": _("Slutdatumet ligger före startdatumet.")})
        if (end - start).days + 1 > MAX_DAYS:
            raise serializers.ValidationError(
                {"to": _("Välj högst %(days)s dagar åt gången.") % {"days": MAX_DAYS}}
            )
        user = self.context["request"].user
        if attrs.get("clinic"):
            clinic = access.visible_clinics(user).filter(id=attrs["clinic"]).first()
            if clinic is None:
                raise serializers.ValidationError(
                    {"clinic": _("Okänd klinik, eller en som du inte har tillgång till.")}
                )
            attrs["clinic"] = clinic
        if attrs.get("room"):
            room = Room.objects.filter(id=attrs["room"], site_id=attrs["site"]).first()
            if room is None:
                raise serializers.ValidationError(
                    {"room": _("Salen finns inte på det valda sjukhuset.")}
                )
            attrs["room"] = room
        return attrs


# "from" is a Python keyword: the field is declared by name.
UtilisationQuery._declared_fields["from"] = _date_field("Första dagen, ÅÅÅÅ-MM-DD.")
UtilisationQuery._declared_fields["to"] = _date_field("Sista dagen (ingår), ÅÅÅÅ-MM-DD.")


class CausesField(serializers.DictField):
    """Late cancellations per cause: PAT, MED, RES, OVR, and SAKNAS for no cause given."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.IntegerField(), **kwargs)

    def to_representation(self, value):
        return {cause or "SAKNAS": n for cause, n in sorted(value.items())}


class FiguresSerializer(serializers.Serializer):
    open_minutes = serializers.FloatField(
        help_text="Elektiva öppettider i bemannade salar (minuter); för en klinik den del av "
        "öppettiden som dess bemannade salstider täcker."
    )
    patient_minutes_in_hours = serializers.FloatField(
        help_text="Patienttid (patient in → ut) inom öppettiderna, minuter."
    )
    knife_minutes_in_hours = serializers.FloatField(
        help_text="Knivtid (operationsstart → slut) inom öppettiderna, minuter."
    )
    utilisation_patient_time = serializers.FloatField(
        allow_null=True, help_text="Patienttid inom öppettid ÷ öppettid (kvot av summor)."
    )
    utilisation_knife_time = serializers.FloatField(
        allow_null=True, help_text="Knivtid inom öppettid ÷ öppettid (kvot av summor)."
    )
    session_minutes = serializers.FloatField(
        help_text="Längden av bemannade salstider som är fördelade till en klinik, minuter."
    )
    sessions = serializers.IntegerField()
    sessions_without_operations = serializers.IntegerField()
    late_start_minutes = serializers.FloatField(
        help_text="Första patient in efter salstidens start, summa minuter."
    )
    early_finish_minutes = serializers.FloatField(
        help_text="Sista patient ut före salstidens slut, summa minuter."
    )
    overrun_minutes = serializers.FloatField(
        help_text="Sista patient ut efter salstidens slut, summa minuter."
    )
    turnaround_minutes = serializers.FloatField(
        help_text="Patient ut → nästa patient in inom en salstid, summa minuter."
    )
    turnarounds = serializers.IntegerField()
    operations = serializers.IntegerField(help_text="Genomförda operationer.")
    late_cancellations = serializers.IntegerField(
        help_text="Sena strykningar: strukna kl. 17 dagen före eller senare."
    )
    late_cancellations_by_cause = CausesField()


class NamedFiguresSerializer(FiguresSerializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()

    def to_representation(self, instance):
        data = FiguresSerializer(instance.figures).data
        return {"id": instance.id, "code": instance.code, "name": instance.name, **data}


class SiteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class UtilisationSerializer(FiguresSerializer):
    site = SiteSerializer()
    whole_hospital = serializers.BooleanField(
        help_text="Sant när summan är hela sjukhuset; falskt när den bara rymmer dina kliniker."
    )
    unallocated_minutes = serializers.FloatField(
        allow_null=True,
        help_text="Öppettid i bemannade salar som ingen klinik har (bara för hela sjukhuset).",
    )
    clinics = NamedFiguresSerializer(many=True)
    rooms = NamedFiguresSerializer(many=True)

    def to_representation(self, instance):
        figures = FiguresSerializer(instance.total).data
        return {
            "site": SiteSerializer(instance.site).data,
            "from": instance.start.isoformat(),
            "to": instance.end.isoformat(),
            "whole_hospital": instance.whole_hospital,
            **figures,
            "unallocated_minutes": instance.total.unallocated_minutes,
            "clinics": NamedFiguresSerializer(instance.clinics, many=True).data,
            "rooms": NamedFiguresSerializer(instance.rooms, many=True).data,
        }


UtilisationSerializer._declared_fields["from"] = serializers.DateField()
UtilisationSerializer._declared_fields["to"] = serializers.DateField()
