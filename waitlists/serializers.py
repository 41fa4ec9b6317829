"""Query parameters and answers of the waiting-list API; the pages validate with the same classes.

Bad input gives one Swedish message per parameter and changes nothing.
Numbers may be written with a decimal comma, as Swedish users type them.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from organisation import access
from organisation.models import Phase
from organisation.validators import sensible_date

from . import queue
from .models import MedicalCareArea
from .selectors.common import snapshot_dates
from .selectors.pace import DEFAULT_HISTORY_WEEKS
from .selectors.whatif import MAX_HORIZON, MIN_HORIZON

NUMBER_MESSAGES = {
    "invalid": _("Ange ett tal, t.ex. 12 eller 12,5."),
    "required": _("Värdet saknas."),
    "null": _("Värdet saknas."),
    "max_string_length": _("Talet är för långt."),
}
LEVEL_CHOICES = [
    ("region", _("Region")),
    ("area", _("Medicinskt område")),
    ("kva", _("KVÅ-kod")),
]
# Sane bounds for the calculators' numbers: far beyond any clinic, yet small enough that
# the queue formulas stay finite (1e200 or 1e308 overflowed to infinity, a 500).
MAX_PATIENTS = 1_000_000  # per week
MAX_QUEUE = 10_000_000
MAX_WEEKS = 520  # ten years
MAX_CV = 10
WAITING_PHASES = [(p.value, p.label) for p in Phase if p != Phase.EMERGENCY]


class NumberField(serializers.FloatField):
    """A float that accepts a decimal comma and refuses NaN and infinity; optionally strictly positive."""

    def __init__(self, *, positive: bool = False, **kwargs):
        self.positive = positive
        kwargs.setdefault("error_messages", NUMBER_MESSAGES)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = data.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            if data == "":
                self.fail("required")
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        if self.positive and value <= 0:
            raise serializers.ValidationError(_("Måste vara större än 0."))
        if self.min_value is not None and value < self.min_value:
            raise serializers.ValidationError(
                _("Får inte vara mindre än %(min)s.") % {"min": self.min_value}
            )
        if self.max_value is not None and value > self.max_value:
            raise serializers.ValidationError(
                _("Får inte vara större än %(max)s.") % {"max": self.max_value}
            )
        return value


def _whole(label_min: int, label_max: int, **kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=label_min,
        max_value=label_max,
        error_messages={
            "invalid": _("Ange ett heltal."),
            "min_value": _("Får inte vara mindre än {min_value}."),
            "max_value": _("Får inte vara större än {max_value}."),
            "required": _("Värdet saknas."),
        },
        **kwargs,
    )


class QueueModelQuery(serializers.Serializer):
    """The calculator's inputs: weekly demand and capacity, the queue, and the target wait in weeks."""

    demand = NumberField(
        min_value=0, max_value=MAX_PATIENTS, help_text=_("Efterfrågan: nya patienter per vecka.")
    )
    capacity = NumberField(
        positive=True,
        max_value=MAX_PATIENTS,
        help_text=_("Kapacitet: patienter som tas om hand per vecka."),
    )
    queue_size = NumberField(min_value=0, max_value=MAX_QUEUE, help_text=_("Antal väntande nu."))
    target_wait = NumberField(
        positive=True,
        max_value=MAX_WEEKS,
        help_text=_("Målet för väntetiden, i veckor (vårdgarantin: 90 dagar ≈ 12,9 veckor)."),
    )
    factor = NumberField(
        positive=True,
        max_value=100,
        required=False,
        default=queue.DEFAULT_FACTOR,
        help_text=_(
            "Hur många gånger kortare än målet medelväntetiden ska vara; 4 ger ungefär 2 % risk att målet inte nås."
        ),
    )
    cv_demand = NumberField(
        min_value=0,
        max_value=MAX_CV,
        required=False,
        default=1.0,
        help_text=_("Variationskoefficient för inflödet (1 = slumpmässigt)."),
    )
    cv_capacity = NumberField(
        min_value=0,
        max_value=MAX_CV,
        required=False,
        default=1.0,
        help_text=_("Variationskoefficient för utflödet (1 = slumpmässigt)."),
    )
    weeks_to_target = NumberField(
        positive=True,
        max_value=MAX_WEEKS,
        required=False,
        default=queue.DEFAULT_WEEKS_TO_TARGET,
        help_text=_("Inom hur många veckor kön ska ner till målstorleken."),
    )
    mean_wait = NumberField(
        min_value=0,
        max_value=MAX_WEEKS,
        required=False,
        help_text=_("Medelväntetid nu, i veckor (för väntelistetrycket)."),
    )


class QueueModelResult(serializers.Serializer):
    queue_load = serializers.FloatField(
        help_text=_("Efterfrågan delat med kapacitet; 1 eller mer betyder att kön växer.")
    )
    target_mean_wait = serializers.FloatField(help_text=_("Medelväntetid vid målet, veckor."))
    target_queue_size = serializers.FloatField(help_text=_("Köstorlek vid målet (Littles lag)."))
    target_capacity = serializers.FloatField(
        help_text=_("Kapacitet per vecka som håller kön vid målet.")
    )
    relief_capacity = serializers.FloatField(
        help_text=_("Kapacitet per vecka som tar kön till målet inom angivna veckor.")
    )
    queue_ratio = serializers.FloatField(
        allow_null=True, help_text=_("Kön delat med målstorleken.")
    )
    waiting_list_pressure = serializers.FloatField(
        required=False,
        help_text=_(
            "2 × medelväntetid / mål; över 1 nås målet sannolikt inte. Bara när mean_wait anges."
        ),
    )


def _snapshot_field():
    return serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[sensible_date],
        error_messages={"invalid": _("Ange ett datum som 2026-10-31.")},
        help_text=_("Mätdatum; senaste om det utelämnas."),
    )


def _phase_field(**kwargs):
    kwargs.setdefault("required", False)
    return serializers.ChoiceField(
        choices=WAITING_PHASES,
        error_messages={"invalid_choice": _("Fas ska vara 1, 2, 3 eller 4.")},
        help_text=_("1 nybesök, 2 operation/åtgärd, 3 undersökning, 4 återbesök."),
        **kwargs,
    )


def _care_area_field():
    return serializers.PrimaryKeyRelatedField(
        queryset=MedicalCareArea.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={
            "does_not_exist": _("Okänt medicinskt område."),
            "incorrect_type": _("Ange det medicinska områdets id."),
        },
        help_text=_("Ett medicinskt område (id)."),
    )


def _existing_snapshot(value):
    """A named measurement day must be one the platform holds."""
    if value is not None and value not in snapshot_dates():
        raise serializers.ValidationError(_("Det finns ingen mätning av väntelistan den dagen."))
    return value


class ReportQuery(serializers.Serializer):
    level = serializers.ChoiceField(
        choices=LEVEL_CHOICES,
        required=False,
        default="region",
        error_messages={"invalid_choice": _("Nivån ska vara region, area eller kva.")},
    )
    snapshot = _snapshot_field()
    phase = _phase_field(allow_null=True, default=None)
    care_area = _care_area_field()

    def validate_snapshot(self, value):
        return _existing_snapshot(value)


class TrendQuery(ReportQuery):
    key = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text=_(
            "En rad i rapporten: regionens id, det medicinska områdets id eller KVÅ-koden."
        ),
    )
    months = _whole(1, 120, required=False, allow_null=True, default=None)

    def validate(self, attrs):
        key, level = attrs.get("key"), attrs.get("level")
        if key and level in ("region", "area") and not key.isdigit():
            raise serializers.ValidationError({"key": _("Ange radens id (ett heltal).")})
        return attrs


class RegionsQuery(serializers.Serializer):
    snapshot = _snapshot_field()
    phase = _phase_field(allow_null=True, default=None)
    care_area = _care_area_field()
    kva_code = serializers.RegexField(
        r"^[A-Za-z]{2,3}[0-9]{2,3}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": _("Ange en KVÅ-kod som NFB49 eller DV056.")},
    )

    def validate_snapshot(self, value):
        return _existing_snapshot(value)


class ScopeQuery(serializers.Serializer):
    """Which waiting list: a clinic or a unit the user may see, a phase and optionally a medical care area."""

    clinic = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid": _("Ange klinikens id.")},
    )
    unit = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid": _("Ange enhetens id.")},
    )
    phase = _phase_field(default=Phase.FIRST)
    care_area = _care_area_field()
    history_weeks = _whole(
        4,
        104,
        required=False,
        default=DEFAULT_HISTORY_WEEKS,
        help_text=_("Veckor bakåt som inflöde och utflöde räknas över."),
    )
    target_wait_days = NumberField(
        positive=True, max_value=730, required=False, default=queue.GUARANTEE_DAYS
    )
    factor = NumberField(positive=True, required=False, default=queue.DEFAULT_FACTOR)

    def validate(self, attrs):
        user = self.context["request"].user
        if attrs.get("unit"):
            unit = access.visible_units(user).filter(id=attrs["unit"]).first()
            if unit is None:
                raise serializers.ValidationError(
                    {"unit": _("Okänd enhet, eller en som du inte har tillgång till.")}
                )
            # A unit of another clinic would silently be read as the scope, under the wrong name.
            if attrs.get("clinic") and unit.clinic_id != attrs["clinic"]:
                raise serializers.ValidationError(
                    {
                        "unit": _(
                            "Enheten hör inte till den valda kliniken. Välj en av klinikens "
                            "enheter eller Hela kliniken."
                        )
                    }
                )
        elif attrs.get("clinic"):
            if not access.visible_clinics(user).filter(id=attrs["clinic"]).exists():
                raise serializers.ValidationError(
                    {"clinic": _("Okänd klinik, eller en som du inte har tillgång till.")}
                )
        else:
            raise serializers.ValidationError({"clinic": _("Välj en klinik eller en enhet.")})
        return attrs


class PaceQuery(ScopeQuery):
    weeks_to_target = _whole(1, 104, required=False, default=int(queue.DEFAULT_WEEKS_TO_TARGET))


class WhatIfQuery(ScopeQuery):
    horizon = _whole(
        MIN_HORIZON, MAX_HORIZON, required=False, default=26, help_text=_("Veckor framåt, 12–52.")
    )
    capacity = NumberField(
        min_value=0,
        max_value=MAX_PATIENTS,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Egen kapacitet per vecka i stället för planen."),
    )
    extra = NumberField(
        min_value=-10_000,
        max_value=10_000,
        required=False,
        default=0.0,
        help_text=_("Tillägg per vecka, t.ex. en extra mottagning."),
    )
    or_days = _whole(
        -5, 5, required=False, default=0, help_text=_("Extra operationsdagar per vecka.")
    )
    per_or_day = NumberField(
        min_value=0,
        max_value=100,
        required=False,
        default=4.0,
        help_text=_("Åtgärder per operationsdag."),
    )


class CompareQuery(serializers.Serializer):
    """The comparison between the regions of the collaboration."""

    date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[sensible_date],
        error_messages={"invalid": _("Ange ett datum som 2026-10-31.")},
        help_text=_(
            "Dagen jämförelsen gäller; varje regions senaste rapport till och med den. Idag om det utelämnas."
        ),
    )
    level = serializers.ChoiceField(
        choices=LEVEL_CHOICES,
        required=False,
        default="region",
        error_messages={"invalid_choice": _("Nivån ska vara region, area eller kva.")},
        help_text=_("region, area (medicinskt område) eller kva (KVÅ-kod)."),
    )
    phase = _phase_field(allow_null=True, default=None)
    care_area = _care_area_field()
    kva = serializers.RegexField(
        r"^[A-Za-z]{2,3}[0-9]{2,3}$",
        required=False,
        allow_blank=True,
        default="",
        max_length=6,
        error_messages={
            "invalid": _("Ange en KVÅ-kod som NFB49 eller DV056."),
            "max_length": _("Ange en KVÅ-kod som NFB49 eller DV056."),
        },
        help_text=_("En KVÅ-kod, t.ex. NFB49."),
    )


class OwnReportQuery(serializers.Serializer):
    """Which of this region's reports to hand out: its latest snapshot, or the latest up to a day."""

    date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[sensible_date],
        error_messages={"invalid": _("Ange ett datum som 2026-10-31.")},
        help_text=_("Senaste mätningen till och med den dagen; den senaste om det utelämnas."),
    )
    county = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2,
        error_messages={"max_length": _("Ange regionens länskod, t.ex. 06.")},
        help_text=_("Regionens länskod, när plattformen rymmer flera regioner."),
    )
