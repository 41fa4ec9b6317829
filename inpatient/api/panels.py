"""The ward panels of the call-in and strategic dashboards as the follow-up API answers them.

The call-in and strategic endpoints (``followup.api``) add these beside their outpatient
figures, read by the same selectors as the pages' panels (``inpatient.selectors.ward_weeks``
and ``occupancy_by_site``), so a page and the API with the same query string agree.
"""

from __future__ import annotations

from rest_framework import serializers

from .occupancy import BedMeasureSerializer


class WardWeekSerializer(serializers.Serializer):
    """One ward's followed week: the daily measurement against the approved bed plan."""

    unit_id = serializers.IntegerField(help_text="Vårdavdelningens (enhetens) id.")
    name = serializers.CharField()
    figures = BedMeasureSerializer(help_text="Veckans vårdplatsmätning.")
    planned_beds = serializers.FloatField(
        allow_null=True,
        help_text="Disponibla vårdplatser i klinikens fastställda plan för veckan; null utan plan.",
    )
    beds_against_plan = serializers.FloatField(
        allow_null=True,
        help_text="Mot plan: disponibla vårdplatser (medel per mätt dag) − planerade; negativt "
        "betyder färre än planerat. null utan mätning eller plan.",
    )


class SiteTertialSerializer(serializers.Serializer):
    tertial = serializers.IntegerField(help_text="1, 2 eller 3.")
    figures = BedMeasureSerializer(
        allow_null=True, help_text="Tertialens vårdplatsmätning; null utan mätning."
    )


class SiteOccupancySerializer(serializers.Serializer):
    """A hospital's wards (of the clinics chosen) over the year: per tertial and in total."""

    site_id = serializers.IntegerField(help_text="Sjukhusets id; 0 för avdelningar utan sjukhus.")
    name = serializers.CharField()
    tertials = SiteTertialSerializer(many=True, source="tertial_rows")
    total = BedMeasureSerializer()
