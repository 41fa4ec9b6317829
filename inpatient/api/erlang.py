"""The Erlang calculator's query and answer; the serializers are also its schema."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

# Bounds a question about beds stays within; the recursion itself holds far beyond them.
MAX_LOAD = 100_000.0
MAX_ARRIVALS = 100_000.0
MAX_STAY_DAYS = 3650.0
MAX_BEDS = 200_000
MIN_TARGET, MAX_TARGET = 0.000001, 0.999999


def _number(help_text: str, *, low: float, high: float) -> serializers.FloatField:
    return serializers.FloatField(
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy("Ange ett tal (decimalpunkt)."),
            "min_value": gettext_lazy("Ange ett tal som är minst {min_value}."),
            "max_value": gettext_lazy("Ange ett tal som är högst {max_value}."),
            "max_string_length": gettext_lazy("Talet är för långt."),
        },
    )


class ErlangQuery(serializers.Serializer):
    """A load (``load``, or ``arrivals_per_day`` with ``mean_stay_days``), optional beds and target."""

    load = _number(
        "Erbjuden belastning i belagda vårdplatser: inskrivningar per dag × medelvårdtid i dagar.",
        low=0,
        high=MAX_LOAD,
    )
    arrivals_per_day = _number(
        "Inskrivningar per dag (i stället för load, tillsammans med mean_stay_days).",
        low=0,
        high=MAX_ARRIVALS,
    )
    mean_stay_days = _number("Medelvårdtid i dagar.", low=0, high=MAX_STAY_DAYS)
    beds = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_BEDS,
        help_text="Antal vårdplatser att pröva (valfritt).",
        error_messages={
            "invalid": gettext_lazy("Ange ett heltal."),
            "min_value": gettext_lazy("Ange minst {min_value} vårdplats."),
            "max_value": gettext_lazy("Ange högst {max_value} vårdplatser."),
            "max_string_length": gettext_lazy("Talet är för långt."),
        },
    )
    target_blocking = _number(
        "Mål för andelen inskrivningar som får finna avdelningen full, t.ex. 0.01 (valfritt).",
        low=MIN_TARGET,
        high=MAX_TARGET,
    )

    def validate(self, attrs):
        errors: dict[str, str] = {}
        for name, value in attrs.items():
            if isinstance(value, float) and not math.isfinite(value):
                errors[name] = _("Ange ett ändligt tal.")
        if errors:
            raise serializers.ValidationError(errors)
        has_flow = {"arrivals_per_day", "mean_stay_days"} & set(attrs)
        if "load" in attrs and has_flow:
            raise serializers.ValidationError(
                {
                    "load": _(
                        "Ange antingen load eller arrivals_per_day och mean_stay_days, inte båda."
                    )
                }
            )
        if "load" not in attrs:
            if not has_flow:
                raise serializers.ValidationError(
                    {"load": _("Ange load, eller både arrivals_per_day och mean_stay_days.")}
                )
            for name in ("arrivals_per_day", "mean_stay_days"):
                if name not in attrs:
                    errors[name] = _(
                        "Värdet saknas: ange både arrivals_per_day och mean_stay_days."
                    )
            if errors:
                raise serializers.ValidationError(errors)
            if attrs["arrivals_per_day"] * attrs["mean_stay_days"] > MAX_LOAD:
                raise serializers.ValidationError(
                    {
                        "mean_stay_days": _(
                            "Belastningen (inskrivningar per dag × medelvårdtid) får vara högst "
                            "%(max)s."
                        )
                        % {"max": int(MAX_LOAD)}
                    }
                )
        return attrs


class ErlangSerializer(serializers.Serializer):
    load = serializers.FloatField(
        help_text="Erbjuden belastning A i belagda vårdplatser (inskrivningar per dag × medelvårdtid)."
    )
    beds = serializers.IntegerField(allow_null=True, help_text="De prövade vårdplatserna.")
    blocking = serializers.FloatField(
        allow_null=True,
        help_text="Erlang B: andelen inskrivningar som finner alla vårdplatser belagda "
        "(när beds anges).",
    )
    delay_probability = serializers.FloatField(
        allow_null=True,
        help_text="Erlang C för samma belastning och platser: sannolikheten att få vänta om "
        "patienter köades i stället; bara när load < beds.",
    )
    occupancy = serializers.FloatField(
        allow_null=True,
        help_text="Beläggning: buren belastning ÷ vårdplatser = load × (1 − blocking) ÷ beds.",
    )
    target_blocking = serializers.FloatField(allow_null=True)
    beds_needed = serializers.IntegerField(
        allow_null=True,
        help_text="Det minsta antal vårdplatser vars blockering är högst target_blocking.",
    )
