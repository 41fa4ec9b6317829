"""The waiting-list REST API: the queue calculator, the report, its trend, across regions, the
weekly pace and what-if. Read-only; every answer is filtered by ``organisation.access``."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import datasets, queue, serializers
from .models import MedicalCareArea


def _flat_errors(errors) -> dict:
    return {
        field: [str(m) for m in (messages if isinstance(messages, list) else [messages])]
        for field, messages in errors.items()
    }


BAD_REQUEST = OpenApiResponse(
    response=inline_serializer(
        "WaitlistErrors", {"errors": drf.DictField(child=drf.ListField(child=drf.CharField()))}
    ),
    description="Ogiltiga parametrar: ett meddelande per parameter.",
)


class _QueryView(APIView):
    """Validate the query string with ``query_class``; answer 400 with one message per parameter."""

    permission_classes = [IsAuthenticated]
    query_class: type[drf.Serializer]

    def params(self, request: Request) -> tuple[dict | None, Response | None]:
        query = self.query_class(data=request.query_params, context={"request": request})
        if not query.is_valid():
            return None, Response({"errors": _flat_errors(query.errors)}, status=400)
        return dict(query.validated_data), None


class QueueModelView(_QueryView):
    """The queue formulas (Fong et al. 2022) for numbers given in the query string."""

    query_class = serializers.QueueModelQuery

    @extend_schema(
        parameters=[serializers.QueueModelQuery],
        responses={200: serializers.QueueModelResult, 400: BAD_REQUEST},
        summary="Köformlerna: köbelastning, målstorlek, målkapacitet, avlastningskapacitet, tryck",
    )
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        model = queue.queue_model(**params).as_dict()
        model.pop("required_pace")
        if params.get("mean_wait") is None:
            model.pop("waiting_list_pressure")
        return Response(model)


def _clinic_names(limited_to: dict[int, list[str]]) -> list[str]:
    return [name for names in limited_to.values() for name in names]


def _report_json(report) -> dict:
    return {
        "level": report.level,
        "snapshot": report.snapshot,
        "month_end": report.month_end,
        "long_days": report.long_days,
        "phase": report.phase,
        "care_area": report.care_area.id if report.care_area else None,
        "population": report.population,
        "population_year": report.population_year,
        "limited_to_clinics": _clinic_names(report.limited_to),
        "rules": RULES,
        "rows": report.rows,
        "total": report.total,
    }


RULES = {
    "all": "Alla väntande, alla faser och avvikelsekoder: waiting, waiting_month_end, per_100k, pvv, mov, share_deviation.",
    "guarantee_waiting": "Vårdgarantin för väntande: fas 1–2 utan PVV och MOV; mer än 90 dagar från beslut: guarantee, over_90, over_long, buckets, mean_wait_days.",
    "guarantee_done": "Vårdgarantin för genomförda: fas 1–2 senaste 30 dagarna, utan PVV och utan kontakter markerade vårdgaranti N: completed, completed_within_90.",
    "target_date": "Medicinskt måldatum passerat, av dem med måldatum: past_target, with_target.",
}
LIMITED_TO = drf.ListField(
    child=drf.CharField(),
    help_text="Användarens kliniker när urvalet bara rymmer några av regionens kliniker; "
    "då finns inga siffror per 100 000 invånare. Tom för hela regionen.",
)
ROW_FIELDS = {
    "key": drf.CharField(allow_null=True),
    "label": drf.CharField(),
    **{
        name: drf.IntegerField()
        for name in (
            "waiting",
            "waiting_month_end",
            "guarantee",
            "over_90",
            "over_long",
            "pvv",
            "mov",
            "deviation",
            "past_target",
            "with_target",
            "completed",
            "completed_within_90",
        )
    },  # fmt: skip
    **{
        name: drf.FloatField(allow_null=True)
        for name in (
            "per_100k",
            "share_over_90",
            "share_over_long",
            "share_deviation",
            "share_past_target",
            "share_completed_within_90",
            "mean_wait_days",
        )
    },  # fmt: skip
    "buckets": drf.ListField(
        child=drf.IntegerField(),
        help_text="0–30, 31–60, 61–90, 91–120, 121–180, 181–365, >365 dagar",
    ),
}


class ReportView(_QueryView):
    """The waiting-list report on one level: region, medical care area (area) or KVÅ code (kva)."""

    query_class = serializers.ReportQuery

    @extend_schema(
        parameters=[serializers.ReportQuery],
        responses={
            200: inline_serializer(
                "WaitlistReport",
                {
                    "level": drf.CharField(),
                    "snapshot": drf.DateField(allow_null=True),
                    "month_end": drf.DateField(allow_null=True),
                    "long_days": drf.IntegerField(),
                    "phase": drf.IntegerField(allow_null=True),
                    "care_area": drf.IntegerField(allow_null=True),
                    "population": drf.IntegerField(allow_null=True),
                    "population_year": drf.IntegerField(allow_null=True),
                    "limited_to_clinics": LIMITED_TO,
                    "rules": drf.DictField(child=drf.CharField()),
                    "rows": drf.ListField(child=inline_serializer("WaitlistReportRow", ROW_FIELDS)),
                    "total": inline_serializer("WaitlistReportTotal", ROW_FIELDS),
                },
            ),
            400: BAD_REQUEST,
        },
    )
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        return Response(_report_json(datasets.report(request.user, params).result))


class TrendView(_QueryView):
    """The waiting list at each month end: the whole report, or one row of it (``key``)."""

    query_class = serializers.TrendQuery

    @extend_schema(
        parameters=[serializers.TrendQuery],
        responses={
            200: inline_serializer(
                "WaitlistTrendPoint",
                {
                    "snapshot": drf.DateField(),
                    **{
                        n: drf.IntegerField()
                        for n in ("waiting", "guarantee", "over_90", "over_long", "pvv", "mov")
                    },
                    **{
                        n: drf.FloatField(allow_null=True)
                        for n in ("share_over_90", "share_deviation", "per_100k")
                    },
                },
                many=True,
            ),
            400: BAD_REQUEST,
        },
    )
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        return Response(datasets.trend(request.user, params).result)


class RegionsView(_QueryView):
    """Across regions: waiting per patients' home county, and per medical care area and county."""

    query_class = serializers.RegionsQuery

    @extend_schema(
        parameters=[serializers.RegionsQuery],
        responses={
            200: inline_serializer(
                "WaitlistRegions",
                {
                    "snapshot": drf.DateField(allow_null=True),
                    "long_days": drf.IntegerField(),
                    "population_year": drf.IntegerField(allow_null=True),
                    "limited_to_clinics": LIMITED_TO,
                    "counties": drf.ListField(child=drf.DictField()),
                    "areas": drf.ListField(
                        child=drf.DictField(),
                        help_text="Per medicinskt område: var väntetiden är längst och kortast.",
                    ),
                    "matrix": drf.DictField(
                        child=drf.DictField(), help_text="Område-id → länskod → siffror."
                    ),
                },
            ),
            400: BAD_REQUEST,
        },
    )
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        result = datasets.regions(request.user, params).result
        return Response(
            {
                "snapshot": result.snapshot,
                "long_days": result.long_days,
                "population_year": result.population_year,
                "limited_to_clinics": _clinic_names(result.limited_to),
                "counties": result.counties,
                "areas": result.areas,
                "matrix": {
                    str(area if area is not None else "none"): by_county
                    for area, by_county in result.matrix.items()
                },
            }
        )


def _observed_json(observed) -> dict:
    return {
        "snapshot": observed.snapshot,
        "unit_ids": observed.unit_ids,
        "phase": observed.phase,
        "weeks": [str(w) for w in observed.weeks],
        "inflow": observed.inflow,
        "outflow": observed.outflow,
        "demand": observed.demand,
        "capacity": observed.capacity,
        "cv_demand": observed.cv_demand,
        "cv_capacity": observed.cv_capacity,
        "queue_size": observed.queue_size,
        "mean_wait_weeks": observed.mean_wait_weeks,
    }


OBSERVED = inline_serializer(
    "WaitlistObserved",
    {
        "snapshot": drf.DateField(allow_null=True),
        "unit_ids": drf.ListField(child=drf.IntegerField()),
        "phase": drf.IntegerField(),
        "weeks": drf.ListField(child=drf.CharField(), help_text="ISO-veckor, t.ex. 2026-W40."),
        "inflow": drf.ListField(child=drf.IntegerField(), help_text="Mottagna remisser per vecka."),
        "outflow": drf.ListField(
            child=drf.IntegerField(), help_text="Genomförda kontakter per vecka."
        ),
        "demand": drf.FloatField(),
        "capacity": drf.FloatField(),
        "cv_demand": drf.FloatField(),
        "cv_capacity": drf.FloatField(),
        "queue_size": drf.IntegerField(),
        "mean_wait_weeks": drf.FloatField(allow_null=True),
    },
)
PACE = inline_serializer(
    "WaitlistPace",
    {
        "observed": OBSERVED,
        "model": drf.DictField(child=drf.FloatField(allow_null=True)),
        "target_wait_weeks": drf.FloatField(),
        "factor": drf.FloatField(),
        "weeks_to_target": drf.IntegerField(),
        "required_pace": drf.FloatField(
            help_text="Veckotakten som behövs: avlastningskapacitet eller målkapacitet."
        ),
        "plan_pace": drf.FloatField(
            allow_null=True, help_text="Fastställd plans takt; null utan fastställd plan."
        ),
        "plan_weeks_covered": drf.IntegerField(),
        "has_approved_plan": drf.BooleanField(),
    },
)
WHATIF = inline_serializer(
    "WaitlistWhatIf",
    {
        "observed": OBSERVED,
        "weeks": drf.ListField(child=drf.CharField()),
        "capacity": drf.ListField(child=drf.FloatField()),
        "capacity_source": drf.ChoiceField(choices=["plan", "plan_partial", "observed", "edited"]),
        "extra": drf.FloatField(),
        "target_queue": drf.FloatField(),
        **{
            name: drf.ListField(child=drf.FloatField())
            for name in ("expected", "median", "low", "high", "share_at_target")
        },
        "runs": drf.IntegerField(),
        "median_meets_guarantee": drf.CharField(allow_null=True),
        "confidently_meets_guarantee": drf.CharField(allow_null=True),
    },
)


class PaceView(_QueryView):
    """The weekly pace a clinic's or unit's waiting list needs, next to the approved plan's pace."""

    query_class = serializers.PaceQuery

    @extend_schema(parameters=[serializers.PaceQuery], responses={200: PACE, 400: BAD_REQUEST})
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        pace = datasets.pace(request.user, params).result
        return Response(
            {
                "observed": _observed_json(pace.observed),
                "model": pace.model.as_dict(),
                "target_wait_weeks": pace.target_wait_weeks,
                "factor": pace.factor,
                "weeks_to_target": pace.weeks_to_target,
                "required_pace": pace.model.required_pace,
                "plan_pace": pace.plan_pace,
                "plan_weeks_covered": pace.plan_weeks_covered,
                "has_approved_plan": pace.plan_pace is not None,
            }
        )


class WhatIfView(_QueryView):
    """The queue projected week by week, with a band from 1 000 simulated runs."""

    query_class = serializers.WhatIfQuery

    @extend_schema(parameters=[serializers.WhatIfQuery], responses={200: WHATIF, 400: BAD_REQUEST})
    def get(self, request: Request) -> Response:
        params, error = self.params(request)
        if error:
            return error
        whatif = datasets.whatif(request.user, params).result
        p = whatif.projection
        return Response(
            {
                "observed": _observed_json(whatif.observed),
                "weeks": [str(w) for w in whatif.weeks],
                "capacity": whatif.capacity,
                "capacity_source": whatif.capacity_source,
                "extra": whatif.extra,
                "target_queue": whatif.target_queue,
                "expected": p.expected.round(2).tolist(),
                "median": p.median.round(2).tolist(),
                "low": p.low.round(2).tolist(),
                "high": p.high.round(2).tolist(),
                "share_at_target": p.share_at_target.round(4).tolist(),
                "runs": p.runs,
                "median_meets_guarantee": str(whatif.median_meets_guarantee)
                if whatif.median_meets_guarantee
                else None,
                "confidently_meets_guarantee": str(whatif.confidently_meets_guarantee)
                if whatif.confidently_meets_guarantee
                else None,
            }
        )


class CareAreaSerializer(drf.ModelSerializer):
    codes = drf.SerializerMethodField()

    class Meta:
        model = MedicalCareArea
        fields = ["id", "code", "name", "programme_area", "codes"]

    def get_codes(self, area) -> list[dict]:
        return [{"classification": c.classification, "prefix": c.prefix} for c in area.codes.all()]


class CareAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The medical care areas and the KVÅ code prefixes each groups (edited in the admin)."""

    serializer_class = CareAreaSerializer
    queryset = MedicalCareArea.objects.prefetch_related("codes")
