"""The bed follow-up's query and answer; the serializers are also its schema."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from ..choices import Level, Period
from ..selectors import MAX_DAYS, visible_wards

MAX_ID = 9_223_372_036_854_775_807


def _id_field(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy("Ange ett id (ett heltal)."),
            "min_value": gettext_lazy("Ange ett id (ett heltal)."),
            "max_value": gettext_lazy("Ange ett id (ett heltal)."),
            "max_string_length": gettext_lazy("Ange ett id (ett heltal)."),
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


class OccupancyQuery(serializers.Serializer):
    """The user's wards, narrowed to a hospital, clinic or ward; days from–to; rows per level and period."""

    site = _id_field("Ett sjukhus (valfritt).")
    clinic = _id_field("En klinik du har tillgång till (valfritt).")
    ward = _id_field("En vårdavdelning (enhetens id; valfritt).")
    period = serializers.ChoiceField(
        choices=Period.choices,
        default=Period.WEEK,
        help_text="Raderna per dag, vecka eller tertial.",
        error_messages={"invalid_choice": gettext_lazy("Välj day, week eller tertial.")},
    )
    level = serializers.ChoiceField(
        choices=Level.choices,
        default=Level.WARD,
        help_text="Grupperna: vårdavdelning, klinik, sjukhus eller hela regionen.",
        error_messages={
            "invalid_choice": gettext_lazy("Välj ward, clinic, site eller region."),
        },
    )

    def validate(self, attrs):
        start, end = attrs["from"], attrs["to"]
        if end < start:
            raise serializers.ValidationError({"to": _("Slutdatumet ligger före startdatumet.")})
        if (end - start).days + 1 > MAX_DAYS:
            raise serializers.ValidationError(
                {"to": _("Välj högst %(days)s dagar åt gången.") % {"days": MAX_DAYS}}
            )
        wards = visible_wards(self.context["request"].user)
        checks = {
            "site": (
                "unit__site_id",
                _("Okänt sjukhus, eller ett där du inte har tillgång till någon vårdavdelning."),
            ),
            "clinic": (
                "unit__clinic_id",
                _("Okänd klinik, eller en vars vårdavdelningar du inte har tillgång till."),
            ),
            "ward": (
                "unit_id",
                _("Okänd vårdavdelning, eller en som du inte har tillgång till."),
            ),
        }
        errors = {}
        for name, (lookup, message) in checks.items():
            value = attrs.get(name)
            if value is None:
                continue
            if name == "site":
                known = (
                    wards.filter(unit__site_id=value).exists()
                    or wards.filter(unit__site__isnull=True, unit__clinic__site_id=value).exists()
                )
            else:
                known = wards.filter(**{lookup: value}).exists()
            if not known:
                errors[name] = message
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


# "from" is a Python keyword: the field is declared by name.
OccupancyQuery._declared_fields["from"] = _date_field("Första dagen, ÅÅÅÅ-MM-DD.")
OccupancyQuery._declared_fields["to"] = _date_field("Sista dagen (ingår), ÅÅÅÅ-MM-DD.")


class BedMeasureSerializer(serializers.Serializer):
    """The figures of the daily bed measurement (``vardplatser``) over a period."""

    days_measured = serializers.IntegerField(help_text="Dagar med vårdplatsmätning.")
    staffed_beds = serializers.FloatField(
        allow_null=True, help_text="Disponibla vårdplatser, medel per mätt dag."
    )
    occupied_beds = serializers.FloatField(
        allow_null=True, help_text="Belagda vårdplatser, medel per mätt dag."
    )
    occupancy = serializers.FloatField(
        allow_null=True, help_text="Beläggning: Σ belagda ÷ Σ disponibla (kvot av summor)."
    )
    overcrowding = serializers.IntegerField(help_text="Överbeläggningar, summa över dagarna.")
    overcrowding_per_100 = serializers.FloatField(
        allow_null=True,
        help_text="Överbeläggningar per 100 disponibla vårdplatser: 100 × Σ överbeläggningar ÷ Σ "
        "disponibla (medel per dag).",
    )
    outlying = serializers.IntegerField(help_text="Utlokaliserade, summa över dagarna.")
    outlying_per_100 = serializers.FloatField(
        allow_null=True, help_text="Utlokaliserade per 100 disponibla vårdplatser, på samma sätt."
    )


class BedFiguresSerializer(BedMeasureSerializer):
    """The measurement's figures and the episodes' (``vardtillfallen``) over a period."""

    admissions = serializers.IntegerField(help_text="Vårdtillfällen inskrivna under perioden.")
    discharges = serializers.IntegerField(help_text="Vårdtillfällen utskrivna under perioden.")
    mean_length_of_stay = serializers.FloatField(
        allow_null=True,
        help_text="Medelvårdtid i dygn för de utskrivna: (utskrivning − inskrivning) i timmar ÷ 24.",
    )


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="2026-03-02, 2026-W10 eller 2026-T1.")
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    figures = BedFiguresSerializer()


class GroupSerializer(serializers.Serializer):
    key = serializers.IntegerField(
        help_text="Avdelningens, klinikens eller sjukhusets id; 0 för regionen."
    )
    name = serializers.CharField()
    periods = PeriodSerializer(many=True)
    total = BedFiguresSerializer()


class WeekdaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="1 måndag … 7 söndag.")
    name = serializers.CharField()
    days = serializers.IntegerField(help_text="Så många sådana veckodagar i intervallet.")
    admissions = serializers.IntegerField()
    admissions_per_day = serializers.FloatField(allow_null=True)
    mean_length_of_stay = serializers.FloatField(
        allow_null=True,
        help_text="Medelvårdtid för dem som skrevs in denna veckodag och skrevs ut i intervallet.",
    )
    load = serializers.FloatField(
        allow_null=True,
        help_text="Belastning i belagda vårdplatser: inskrivningar per dag × medelvårdtid.",
    )


class OccupancySerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    period = serializers.CharField()
    level = serializers.CharField()
    wards = serializers.IntegerField(
        help_text="Vårdavdelningar som ingår (de du har tillgång till)."
    )
    groups = GroupSerializer(many=True)
    total = BedFiguresSerializer()
    weekdays = WeekdaySerializer(many=True)
