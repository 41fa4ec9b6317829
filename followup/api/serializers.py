"""The shapes of the follow-up API's answers, for the OpenAPI description and the JSON itself.

The figures come straight from the selectors; these only name and type them.
Amounts are JSON numbers; ``share`` is a fraction (1.0 = as planned) and null
where there is nothing to compare; a week whose data has not arrived is null,
never 0. A share of plan is the share of planned production: only activities
with a plan count, ``unplanned`` is the outcome of the others, ``shortfall``
what the activities behind plan lacked (``behind`` of them).
"""

from __future__ import annotations

from rest_framework import serializers

from followup.models import Action, DiscussedDeviation, Meeting
from inpatient.api.panels import SiteOccupancySerializer, WardWeekSerializer


def amount(**kwargs):
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, allow_null=True, **kwargs
    )


def ratio(**kwargs):
    return serializers.FloatField(allow_null=True, **kwargs)


class PlannedShareSerializer(serializers.Serializer):
    """The fields ``followup.selectors.outcome.planned_share`` adds beside a share of plan."""

    shortfall = amount(
        help_text="Underskott: summan av det som aktiviteterna under plan saknade (max(0, plan − utfall) "
        "per aktivitet); null utan plan."
    )
    behind = serializers.IntegerField(allow_null=True, help_text="Antal aktiviteter under plan.")
    unplanned = amount(help_text="Utfall utan plan: aktiviteter utan plan, inte med i andelen.")


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FreshnessSerializer(serializers.Serializer):
    kind = serializers.CharField()
    data_until = serializers.DateField(
        allow_null=True, help_text="Senaste extraktdatum som importerats."
    )
    imported_at = serializers.DateTimeField(allow_null=True)
    warning = serializers.BooleanField()


class PlanOutcomeSerializer(PlannedShareSerializer):
    plan = amount()
    outcome = amount(
        help_text="Totalt: de planerade aktiviteternas utfall; per aktivitet dess utfall. "
        "null när veckans utfall inte har kommit in."
    )
    difference = amount()
    share = ratio(help_text="Andel av planerad produktion.")


class ActivityRowSerializer(PlanOutcomeSerializer):
    activity_id = serializers.IntegerField()
    activity = serializers.CharField()


class LastWeekSerializer(serializers.Serializer):
    week = serializers.CharField()
    known = serializers.BooleanField(help_text="Om veckans utfall har kommit in.")
    rows = ActivityRowSerializer(many=True)
    total = PlanOutcomeSerializer()


class RollingSerializer(PlannedShareSerializer):
    week = serializers.CharField()
    plan = amount(help_text="Plan de kända veckorna av de 12 som slutar denna vecka.")
    outcome = amount(help_text="De planerade aktiviteternas utfall samma veckor.")
    share = ratio(
        help_text="Andel av planerad produktion rullande 12 veckor (regionens uppföljningsmått)."
    )
    weeks_known = serializers.IntegerField()
    week_plan = amount()
    week_outcome = amount()
    week_share = ratio()


class BookedWeekSerializer(serializers.Serializer):
    week = serializers.CharField()
    plan = amount()
    booked = serializers.IntegerField(
        allow_null=True, help_text="null när ingen bokningsuppgift finns."
    )
    share = ratio()


class BookedActivitySerializer(serializers.Serializer):
    activity_id = serializers.IntegerField()
    activity = serializers.CharField()
    weeks = BookedWeekSerializer(many=True)


class BookedTotalSerializer(serializers.Serializer):
    plan = amount()
    booked = serializers.IntegerField(allow_null=True)
    share = ratio()


class AheadSerializer(serializers.Serializer):
    snapshot_date = serializers.DateField(allow_null=True)
    weeks = BookedWeekSerializer(many=True)
    activities = BookedActivitySerializer(many=True)
    total = BookedTotalSerializer()


class WaitingSerializer(serializers.Serializer):
    snapshot_date = serializers.DateField()
    total = serializers.IntegerField()
    over_90 = serializers.IntegerField()
    over_90_excl = serializers.IntegerField(
        help_text="Vårdgarantin: nybesök och åtgärder som väntat över 90 dagar, utan PVV och MOV."
    )
    past_target = serializers.IntegerField(help_text="Passerat medicinskt måldatum.")
    pvv = serializers.IntegerField()
    mov = serializers.IntegerField()


class WaitingChangeSerializer(serializers.Serializer):
    since = serializers.DateField()
    total = serializers.IntegerField()
    over_90 = serializers.IntegerField()
    over_90_excl = serializers.IntegerField()
    past_target = serializers.IntegerField()
    pvv = serializers.IntegerField()
    mov = serializers.IntegerField()


class StaffWeekSerializer(serializers.Serializer):
    week = serializers.CharField()
    available = amount(help_text="Schemalagda timmar; null när HR inte har levererat veckan.")
    needed = amount(help_text="Timmar som planen kräver enligt klinikens tidsstandarder.")
    share = ratio()


class StaffingSerializer(serializers.Serializer):
    profession = serializers.CharField()
    label = serializers.CharField()
    weeks = StaffWeekSerializer(many=True)


class LightSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["last_week", "rolling", "booked", "waiting", "staffing"]
    )
    subject = serializers.CharField(allow_blank=True)
    level = serializers.ChoiceField(choices=["red", "yellow", "green", "missing"])
    value = ratio()
    detail = serializers.CharField(allow_blank=True)
    gap = serializers.FloatField(
        allow_null=True,
        help_text="Hur långt under: volym under plan eller obokad, timmar under behovet, fler långväntare.",
    )


class CallInSerializer(serializers.Serializer):
    clinic = PlaceSerializer()
    unit = PlaceSerializer(allow_null=True)
    week = serializers.CharField()
    as_of = serializers.DateField(help_text="Måndagen efter veckan: dagen mötet ser siffrorna.")
    source = serializers.CharField()
    missing_weeks = serializers.ListField(child=serializers.CharField())
    freshness = FreshnessSerializer(many=True)
    last_week = LastWeekSerializer()
    rolling = RollingSerializer(many=True)
    ahead = AheadSerializer()
    waiting = WaitingSerializer(many=True)
    waiting_change = WaitingChangeSerializer(allow_null=True)
    staffing = StaffingSerializer(many=True)
    traffic_lights = LightSerializer(many=True)
    wards = WardWeekSerializer(
        many=True,
        help_text="Klinikens vårdavdelningar (eller den valda enheten om den är en) under veckan; "
        "tom när kliniken inte har någon.",
    )


class LineWeekSerializer(serializers.Serializer):
    week = serializers.CharField()
    plan = amount()
    outcome = amount()
    cumulative_gap = amount()


class LineSerializer(serializers.Serializer):
    """One activity through the period; ``unplanned`` is its outcome when it had no plan."""

    activity_id = serializers.IntegerField()
    activity = serializers.CharField()
    weeks = LineWeekSerializer(many=True)
    plan = amount()
    outcome = amount()
    share = ratio()
    shortfall = amount()
    unplanned = amount()
    weeks_known = serializers.IntegerField()
    plan_period = amount()


class FlowSerializer(serializers.Serializer):
    week = serializers.CharField()
    inflow = serializers.IntegerField(allow_null=True)
    outflow = serializers.IntegerField(allow_null=True)


class ScheduleUnitSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit = serializers.CharField()
    weeks_staffed = serializers.IntegerField()
    weeks_planned = serializers.IntegerField()


class ScheduleSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    first_week = serializers.CharField()
    last_week = serializers.CharField()
    weeks = serializers.IntegerField()
    lay_by = serializers.DateField()
    days_left = serializers.IntegerField()
    days_overdue = serializers.IntegerField()
    state = serializers.ChoiceField(choices=["laid", "late", "open"])
    units = ScheduleUnitSerializer(many=True)


class TotalsSerializer(PlannedShareSerializer):
    plan = amount()
    outcome = amount(help_text="De planerade aktiviteternas utfall.")
    share = ratio(help_text="Andel av planerad produktion i perioden.")
    weeks_known = serializers.IntegerField()


class TacticalSerializer(serializers.Serializer):
    clinic = PlaceSerializer()
    unit = PlaceSerializer(allow_null=True)
    year = serializers.IntegerField()
    source = serializers.CharField()
    missing_weeks = serializers.ListField(child=serializers.CharField())
    freshness = FreshnessSerializer(many=True)
    totals = TotalsSerializer()
    lines = LineSerializer(many=True)
    capacity = StaffingSerializer(many=True)
    flow = FlowSerializer(many=True)
    schedule = ScheduleSerializer()


class PeriodFiguresSerializer(PlannedShareSerializer):
    plan = amount(help_text="Plan för de veckor vars utfall är känt.")
    outcome = amount(help_text="De planerade aktiviteternas utfall (per klinik och aktivitet).")
    share = ratio(help_text="Andel av planerad produktion.")
    plan_all = amount(help_text="Plan för alla periodens veckor.")
    weeks_known = serializers.IntegerField()
    weeks = serializers.IntegerField()


class ColumnsSerializer(serializers.Serializer):
    t1 = PeriodFiguresSerializer()
    t2 = PeriodFiguresSerializer()
    t3 = PeriodFiguresSerializer()
    ytd = PeriodFiguresSerializer(help_text="Hittills i år: de veckor som har passerat.")


class ClinicFiguresSerializer(ColumnsSerializer):
    clinic_id = serializers.IntegerField()
    clinic = serializers.CharField()
    area_id = serializers.IntegerField()
    area = serializers.CharField()


class AreaFiguresSerializer(ColumnsSerializer):
    area_id = serializers.IntegerField()
    area = serializers.CharField()


class IndicatorTertialSerializer(serializers.Serializer):
    tertial = serializers.IntegerField()
    started = serializers.BooleanField()
    clinics_with_plan = serializers.IntegerField(allow_null=True)
    outcome_share = ratio(help_text="Utfall mot plan (mål 100 %): andel av planerad produktion.")
    outcome_shortfall = amount(
        help_text="Underskott: det som aktiviteterna under plan saknade, per klinik."
    )
    outcome_unplanned = amount(help_text="Utfall utan plan, inte med i andelen.")
    snapshot_date = serializers.DateField(allow_null=True)
    first_visit_share = ratio(
        help_text="Väntande på nybesök som väntat högst 60 dagar (utan PVV/MOV)."
    )
    first_visit_waiting = serializers.IntegerField()
    return_visit_share = ratio(
        help_text="Utförda återbesök med medicinskt måldatum i tertialen som gjordes senast på måldatum."
    )
    return_visits_performed = serializers.IntegerField(
        allow_null=True, help_text="Utförda återbesök med medicinskt måldatum i tertialen."
    )
    return_visit_waiting_share = ratio(
        help_text="Ännu väntande återbesök vars medicinska måldatum inte passerats, vid tertialets sista mätning."
    )
    return_visit_waiting = serializers.IntegerField()


class IndicatorSerializer(serializers.Serializer):
    label = serializers.CharField(
        allow_blank=True, help_text="Verksamhetsområde; tomt för alla tillsammans."
    )
    clinics = serializers.IntegerField()
    plan_target = serializers.IntegerField(help_text="Mål: antal kliniker med produktionsplan.")
    tertials = IndicatorTertialSerializer(many=True)


class StrategicSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.CharField()
    missing_weeks = serializers.ListField(child=serializers.CharField())
    freshness = FreshnessSerializer(many=True)
    clinics = ClinicFiguresSerializer(many=True)
    areas = AreaFiguresSerializer(many=True)
    region = ColumnsSerializer()
    indicators = IndicatorSerializer(many=True)
    bed_sites = SiteOccupancySerializer(
        many=True,
        help_text="Beläggningen per sjukhus för de valda klinikernas vårdavdelningar, per tertial "
        "och för året.",
    )


class YearPointSerializer(PlannedShareSerializer):
    year = serializers.IntegerField()
    outcome = amount(help_text="De planerade aktiviteternas utfall.")
    plan = amount()
    share = ratio(help_text="Andel av planerad produktion.")
    weeks_known = serializers.IntegerField()


class AreaTrendSerializer(serializers.Serializer):
    area_id = serializers.IntegerField()
    area = serializers.CharField()
    years = YearPointSerializer(many=True)


class TrendSerializer(serializers.Serializer):
    until_week = serializers.IntegerField(
        help_text="Åren jämförs vecka 1 till och med denna vecka."
    )
    areas = AreaTrendSerializer(many=True)


class SummaryPointSerializer(serializers.Serializer):
    snapshot_date = serializers.DateField()
    total = serializers.IntegerField()
    over_90_excl = serializers.IntegerField(
        help_text="Vårdgarantin: nybesök och åtgärder som väntat över 90 dagar, utan PVV och MOV."
    )
    past_target = serializers.IntegerField()
    pvv = serializers.IntegerField()
    mov = serializers.IntegerField()


class AreaWaitingSerializer(serializers.Serializer):
    area_id = serializers.IntegerField()
    area = serializers.CharField()
    points = SummaryPointSerializer(many=True)


class WaitingByAreaSerializer(serializers.Serializer):
    days = serializers.ListField(child=serializers.DateField())
    areas = AreaWaitingSerializer(many=True)
    total = SummaryPointSerializer(many=True)


class DeviationSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscussedDeviation
        fields = ["id", "unit", "activity", "week", "planned", "outcome", "description"]


class ActionSerializer(serializers.ModelSerializer):
    last_comment = serializers.CharField(allow_null=True, read_only=True)
    last_update_at = serializers.DateTimeField(allow_null=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id", "clinic", "meeting", "deviation", "title", "owner", "due_date", "status", "closed_on",
            "last_comment", "last_update_at",
        ]  # fmt: skip


class MeetingActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "deviation", "title", "owner", "due_date", "status", "closed_on"]


class MeetingSerializer(serializers.ModelSerializer):
    deviations = DeviationSerializer(many=True, read_only=True)
    actions = MeetingActionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "clinic",
            "unit",
            "held_on",
            "week",
            "attendees",
            "notes",
            "deviations",
            "actions",
        ]
