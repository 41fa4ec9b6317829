"""The shapes of the waiting-list API's answers: the OpenAPI description and the JSON itself.

Each serializer reads the selector's result object as it is, so the schema
and the answer cannot drift apart.
"""

from __future__ import annotations

from rest_framework import serializers as drf

from ..models import MedicalCareArea

RULES = {
    "all": "Alla väntande, alla faser och avvikelsekoder: waiting, waiting_month_end, per_100k, pvv, mov, share_deviation.",
    "guarantee_waiting": "Vårdgarantin för väntande: fas 1–2 utan PVV och MOV; mer än 90 dagar från beslut: guarantee, over_90, over_long, buckets, mean_wait_days.",
    "guarantee_done": "Vårdgarantin för genomförda: fas 1–2 senaste 30 dagarna, utan PVV och utan kontakter markerade vårdgaranti N: completed, completed_within_90.",
    "target_date": "Medicinskt måldatum passerat, av dem med måldatum: past_target, with_target.",
}
COUNTS = (
    "waiting", "waiting_month_end", "guarantee", "over_90", "over_long", "pvv", "mov", "deviation",
    "past_target", "with_target", "completed", "completed_within_90",
)  # fmt: skip
SHARES = (
    "per_100k", "share_over_90", "share_over_long", "share_deviation", "share_past_target",
    "share_completed_within_90", "mean_wait_days",
)  # fmt: skip


class ClinicNamesField(drf.ListField):
    """The user's clinics when the selection holds only some of the region's: a result's ``limited_to``."""

    def __init__(self, **kwargs):
        super().__init__(
            child=drf.CharField(),
            source="limited_to",
            help_text="Användarens kliniker när urvalet bara rymmer några av regionens kliniker; "
            "då finns inga siffror per 100 000 invånare. Tom för hela regionen.",
            **kwargs,
        )

    def to_representation(self, limited_to):
        return [name for names in limited_to.values() for name in names]


class RoundedSeriesField(drf.ListField):
    """A numpy series of the projection, rounded for the answer."""

    def __init__(self, *, decimals: int, **kwargs):
        super().__init__(child=drf.FloatField(), **kwargs)
        self.decimals = decimals

    def to_representation(self, series):
        return series.round(self.decimals).tolist()


class WaitlistReportRowSerializer(drf.Serializer):
    key = drf.JSONField(
        allow_null=True,
        help_text="Radens nyckel: områdets id (area), KVÅ-koden (kva) eller total; null utan område.",
    )
    label = drf.CharField()
    wait_days = drf.IntegerField(help_text="Summan av de väntandes väntedagar (för medelvärden).")
    buckets = drf.ListField(
        child=drf.IntegerField(),
        help_text="0–30, 31–60, 61–90, 91–120, 121–180, 181–365, >365 dagar",
    )

    def get_fields(self):
        fields = super().get_fields()
        fields.update({name: drf.IntegerField() for name in COUNTS})
        # The buckets one by one, as the chart and the Excel export read them.
        fields.update({f"bucket_{i}": drf.IntegerField() for i in range(7)})
        fields.update({name: drf.FloatField(allow_null=True) for name in SHARES})
        return fields


class WaitlistReportSerializer(drf.Serializer):
    level = drf.CharField()
    snapshot = drf.DateField(allow_null=True)
    month_end = drf.DateField(allow_null=True)
    long_days = drf.IntegerField()
    phase = drf.IntegerField(allow_null=True)
    care_area = drf.IntegerField(source="care_area.id", allow_null=True)
    population = drf.IntegerField(allow_null=True)
    population_year = drf.IntegerField(allow_null=True)
    limited_to_clinics = ClinicNamesField()
    rules = drf.SerializerMethodField()
    rows = WaitlistReportRowSerializer(many=True)
    total = WaitlistReportRowSerializer()

    def get_rules(self, report) -> dict[str, str]:
        return RULES


class WaitlistTrendPointSerializer(drf.Serializer):
    snapshot = drf.DateField()

    def get_fields(self):
        fields = super().get_fields()
        fields.update(
            {
                n: drf.IntegerField()
                for n in ("waiting", "guarantee", "over_90", "over_long", "pvv", "mov")
            }
        )
        fields.update(
            {
                n: drf.FloatField(allow_null=True)
                for n in ("share_over_90", "share_deviation", "per_100k")
            }
        )
        return fields


class WaitlistRegionsSerializer(drf.Serializer):
    snapshot = drf.DateField(allow_null=True)
    long_days = drf.IntegerField()
    population_year = drf.IntegerField(allow_null=True)
    limited_to_clinics = ClinicNamesField()
    counties = drf.ListField(child=drf.DictField())
    areas = drf.ListField(
        child=drf.DictField(),
        help_text="Per medicinskt område: var väntetiden är längst och kortast.",
    )
    matrix = drf.SerializerMethodField(help_text="Område-id → länskod → siffror.")

    def get_matrix(self, result) -> dict[str, dict]:
        return {
            str(area if area is not None else "none"): by_county
            for area, by_county in result.matrix.items()
        }


class WaitlistObservedSerializer(drf.Serializer):
    snapshot = drf.DateField(allow_null=True)
    unit_ids = drf.ListField(child=drf.IntegerField())
    phase = drf.IntegerField()
    weeks = drf.ListField(child=drf.CharField(), help_text="ISO-veckor, t.ex. 2026-W40.")
    inflow = drf.ListField(
        child=drf.IntegerField(allow_null=True),
        help_text="Mottagna remisser per vecka; null för en vecka som extraktet inte levererat.",
    )
    outflow = drf.ListField(
        child=drf.IntegerField(allow_null=True),
        help_text="Genomförda kontakter per vecka; null för en vecka som extraktet inte levererat.",
    )
    inflow_weeks_known = drf.IntegerField(
        help_text="Veckor med känt inflöde, som medelvärdet räknas på."
    )
    outflow_weeks_known = drf.IntegerField(
        help_text="Veckor med känt utflöde, som medelvärdet räknas på."
    )
    demand = drf.FloatField(
        allow_null=True, help_text="Medelinflöde per känd vecka; null utan känd vecka."
    )
    capacity = drf.FloatField(
        allow_null=True, help_text="Medelutflöde per känd vecka; null utan känd vecka."
    )
    cv_demand = drf.FloatField()
    cv_capacity = drf.FloatField()
    queue_size = drf.IntegerField()
    mean_wait_weeks = drf.FloatField(allow_null=True)


class QueueModelDictField(drf.DictField):
    """A queue model's figures by name (``queue.QueueModel``)."""

    def __init__(self, **kwargs):
        super().__init__(child=drf.FloatField(allow_null=True), **kwargs)

    def to_representation(self, model):
        return super().to_representation(model.as_dict())


class WaitlistPaceSerializer(drf.Serializer):
    observed = WaitlistObservedSerializer()
    model = QueueModelDictField()
    target_wait_weeks = drf.FloatField()
    factor = drf.FloatField()
    weeks_to_target = drf.IntegerField()
    required_pace = drf.FloatField(
        source="model.required_pace",
        help_text="Veckotakten som behövs: avlastningskapacitet eller målkapacitet.",
    )
    plan_pace = drf.FloatField(
        allow_null=True, help_text="Fastställd plans takt; null utan fastställd plan."
    )
    plan_weeks_covered = drf.IntegerField()
    has_approved_plan = drf.SerializerMethodField()

    def get_has_approved_plan(self, pace) -> bool:
        return pace.plan_pace is not None


class WaitlistWhatIfSerializer(drf.Serializer):
    observed = WaitlistObservedSerializer()
    weeks = drf.ListField(child=drf.CharField())
    capacity = drf.ListField(child=drf.FloatField())
    capacity_source = drf.ChoiceField(choices=["plan", "plan_partial", "observed", "edited"])
    extra = drf.FloatField()
    target_queue = drf.FloatField()
    expected = RoundedSeriesField(decimals=2, source="projection.expected")
    median = RoundedSeriesField(decimals=2, source="projection.median")
    low = RoundedSeriesField(decimals=2, source="projection.low")
    high = RoundedSeriesField(decimals=2, source="projection.high")
    share_at_target = RoundedSeriesField(decimals=4, source="projection.share_at_target")
    runs = drf.IntegerField(source="projection.runs")
    median_meets_guarantee = drf.CharField(allow_null=True)
    confidently_meets_guarantee = drf.CharField(allow_null=True)


class CareAreaCodeSerializer(drf.Serializer):
    classification = drf.CharField()
    prefix = drf.CharField()


class CareAreaSerializer(drf.ModelSerializer):
    codes = CareAreaCodeSerializer(many=True, read_only=True)

    class Meta:
        model = MedicalCareArea
        fields = ["id", "code", "name", "programme_area", "codes"]


COMPARE_RULES = {
    "waiting": "Alla väntande i regionens rapport, alla faser och avvikelsekoder.",
    "guarantee_waiting": "Väntande som räknas för vårdgarantin: fas 1–2 utan PVV och MOV.",
    "over_90": "Av dem inom vårdgarantin: väntat mer än 90 dagar från beslut.",
    "over_150": "Av dem inom vårdgarantin: väntat mer än 150 dagar från beslut.",
    "per_100k": "Väntande per 100 000 invånare i regionens län (befolkning från SCB, rapportens år "
    "eller senaste året före); null för en vy begränsad till några kliniker.",
    "report_date": "Mätdatum för regionens senaste rapport till och med dagen; en rapport äldre än "
    "max_age_days räknas inte (status stale), en region utan rapport har status missing.",
    "suppressed": "Fält där regionen har dolt små tal (färre än sin gräns): summan är det kända, "
    "alltså minst så många.",
    "longest": "Den region vars väntande inom vårdgarantin har störst andel över 90 dagar; bara "
    "regioner med minst fem väntande inom garantin och aktuell rapport rangordnas.",
}


class RegionFiguresSerializer(drf.Serializer):
    county = drf.CharField(help_text="Regionens länskod.")
    name = drf.CharField()
    own = drf.BooleanField(help_text="Den egna regionen (räknad ur den egna väntelistan).")
    report_date = drf.DateField(allow_null=True)
    status = drf.ChoiceField(choices=["current", "stale", "missing"])
    limited_to_clinics = drf.ListField(
        child=drf.CharField(),
        source="limited_to",
        help_text="Användarens kliniker när den egna raden bara rymmer några av regionens kliniker.",
    )
    waiting = drf.IntegerField(allow_null=True)
    guarantee_waiting = drf.IntegerField(allow_null=True)
    over_90 = drf.IntegerField(allow_null=True)
    over_150 = drf.IntegerField(allow_null=True)
    pvv = drf.IntegerField(allow_null=True)
    mov = drf.IntegerField(allow_null=True)
    suppressed = drf.ListField(child=drf.CharField())
    population = drf.IntegerField(allow_null=True)
    per_100k = drf.FloatField(allow_null=True)
    share_over_90 = drf.FloatField(allow_null=True)
    share_over_150 = drf.FloatField(allow_null=True)


class LongestSerializer(drf.Serializer):
    county = drf.CharField()
    name = drf.CharField()
    share_over_90 = drf.FloatField()


class CompareGroupSerializer(drf.Serializer):
    key = drf.JSONField(
        allow_null=True,
        help_text="Det medicinska områdets id (area) eller KVÅ-koden (kva); null utan område eller kod.",
    )
    label = drf.CharField()
    longest = LongestSerializer(allow_null=True)
    regions = RegionFiguresSerializer(many=True)


class CompareTrendSerializer(drf.Serializer):
    county = drf.CharField()
    name = drf.CharField()
    own = drf.BooleanField()
    per_100k = drf.ListField(child=drf.FloatField(allow_null=True))
    waiting = drf.ListField(child=drf.IntegerField(allow_null=True))
    share_over_90 = drf.ListField(child=drf.FloatField(allow_null=True))
    delivered = drf.ListField(
        child=drf.BooleanField(), help_text="Om regionen levererade en rapport den månaden."
    )


class WaitlistCompareSerializer(drf.Serializer):
    date = drf.DateField(source="day")
    level = drf.CharField()
    phase = drf.IntegerField(allow_null=True)
    care_area = drf.IntegerField(source="care_area.id", allow_null=True)
    kva = drf.CharField(source="kva_code")
    max_age_days = drf.IntegerField()
    min_count = drf.IntegerField(
        source="minimum", help_text="Den egna exportens gräns för små tal."
    )
    population_year = drf.IntegerField(allow_null=True)
    rules = drf.SerializerMethodField()
    regions = RegionFiguresSerializer(many=True)
    groups = CompareGroupSerializer(many=True)
    months = drf.ListField(child=drf.CharField(), help_text="Månader, ÅÅÅÅ-MM.")
    trend = CompareTrendSerializer(many=True)

    def get_rules(self, result) -> dict[str, str]:
        return COMPARE_RULES


class ReportFileRowSerializer(drf.Serializer):
    matdatum = drf.DateField()
    lan_kod = drf.CharField()
    fas = drf.IntegerField()
    kva_kod = drf.CharField(allow_blank=True)
    antal = drf.IntegerField()
    antal_vardgaranti = drf.IntegerField()
    over_90 = drf.IntegerField()
    over_150 = drf.IntegerField(allow_null=True)
    pvv = drf.IntegerField(allow_null=True)
    mov = drf.IntegerField(allow_null=True)


class OwnReportSerializer(drf.Serializer):
    county = drf.CharField()
    region = drf.CharField()
    date = drf.DateField(source="day", allow_null=True)
    min_count = drf.IntegerField(source="minimum")
    file_name = drf.CharField()
    rows = ReportFileRowSerializer(many=True)
