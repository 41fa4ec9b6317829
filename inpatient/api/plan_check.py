"""The bed-plan check's query and answer: a plan version's wards week by week, as the grid shows them.

The figures are ``inpatient.bedplan.version_check``'s, the definitions those of the grid's panel
(and of the module's docstring); the serializers are also the schema.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from planning import selectors as planning_selectors

from ..bedplan import ward_unit_ids
from .occupancy import _id_field


class PlanCheckQuery(serializers.Serializer):
    """A version of a plan the user may read (``version``, or ``plan`` for the version the plan
    page shows), optionally one of its clinic's wards."""

    version = _id_field("En planversion du har tillgång till.")
    plan = _id_field(
        "En plan du har tillgång till: dess version under arbete (utkast eller inskickad), "
        "annars den fastställda, annars den senaste. I stället för version."
    )
    ward = _id_field("En av klinikens vårdavdelningar (enhetens id; valfritt).")

    def validate(self, attrs):
        user = self.context["request"].user
        if ("version" in attrs) == ("plan" in attrs):
            message = _("Ange antingen version eller plan.")
            raise serializers.ValidationError({"version": message})
        if "version" in attrs:
            version = planning_selectors.plan_version_get(user=user, version_id=attrs["version"])
            if version is None:
                message = _("Okänd planversion, eller en som du inte har tillgång till.")
                raise serializers.ValidationError({"version": message})
        else:
            plan = planning_selectors.plan_visible_plans(user=user).filter(pk=attrs["plan"]).first()
            version = planning_selectors.plan_current_version(plan=plan) if plan else None
            if version is None:
                message = _("Okänd plan, eller en som du inte har tillgång till.")
                raise serializers.ValidationError({"plan": message})
        attrs["version"] = version
        ward = attrs.get("ward")
        if ward is not None and not (
            version.plan.clinic.units.filter(pk=ward).exists() and ward_unit_ids([ward])
        ):
            message = _("Ingen vårdavdelning i planens klinik.")
            raise serializers.ValidationError({"ward": message})
        return attrs


class TargetsSerializer(serializers.Serializer):
    occupancy = serializers.FloatField(
        help_text="Högsta beläggning som är grön (KPS_BED_OCCUPANCY_TARGET), t.ex. 0.85."
    )
    blocking = serializers.FloatField(
        help_text="Högsta andel inskrivningar som får mötas av full avdelning "
        "(KPS_BED_BLOCKING_TARGET), t.ex. 0.01."
    )


class WeekCheckSerializer(serializers.Serializer):
    week = serializers.CharField(help_text="ISO-veckan, t.ex. 2026-W10.")
    beds = serializers.FloatField(
        allow_null=True, help_text="Planerade disponibla vårdplatser; null utan plan för veckan."
    )
    load = serializers.FloatField(
        allow_null=True,
        help_text="Förväntad belastning i belagda vårdplatser: förra årets inskrivningar samma "
        "ISO-vecka, räknade om till årets kalender, per dag × förra årets medelvårdtid; null "
        "utan underlag.",
    )
    occupancy = serializers.FloatField(
        allow_null=True,
        help_text="Beläggningen planen ger: belastning × (1 − blockering) ÷ vårdplatser.",
    )
    blocking = serializers.FloatField(
        allow_null=True,
        help_text="Andel inskrivningar som möter full avdelning (Erlang B för belastningen och "
        "de planerade vårdplatserna).",
    )
    needed = serializers.IntegerField(
        allow_null=True, help_text="Det minsta antal vårdplatser som når båda målen."
    )
    light = serializers.CharField(
        help_text="red: blockeringen över sitt mål; yellow: bara beläggningen över sitt mål; "
        "green: båda målen nås; tom utan underlag eller plan."
    )


class WardCheckSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(help_text="Vårdavdelningens (enhetens) id.")
    name = serializers.CharField()
    mean_stay_days = serializers.FloatField(
        allow_null=True, help_text="Förra årets medelvårdtid i dygn."
    )
    red = serializers.IntegerField(help_text="Röda veckor.")
    yellow = serializers.IntegerField(help_text="Gula veckor.")
    green = serializers.IntegerField(help_text="Gröna veckor.")
    weeks = WeekCheckSerializer(many=True)


class PlanCheckSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Planversionens id.")
    number = serializers.IntegerField(help_text="Versionens nummer i planen.")
    status = serializers.CharField()
    plan = serializers.IntegerField(help_text="Planens id.")
    clinic = serializers.IntegerField(help_text="Klinikens id.")
    year = serializers.IntegerField()
    targets = TargetsSerializer()
    wards = WardCheckSerializer(many=True)
