"""The inpatient REST API: the Erlang calculator, the bed follow-up and the bed plan's check. Read-only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kps.api.schema import ErrorSerializer
from kps.figure_cache import cached

from .. import bedplan, selectors
from ..calculator import erlang_answer
from . import erlang, occupancy, plan_check


class ErlangView(APIView):
    """The Erlang loss model for a load of beds: blocking, delay, occupancy and beds needed.

    ``load`` is the offered load in occupied beds (admissions per day × mean stay
    in days), or give ``arrivals_per_day`` and ``mean_stay_days``. With ``beds``:
    ``blocking`` (Erlang B by the stable recursion), ``delay_probability`` (Erlang C,
    when load < beds) and ``occupancy`` (load × (1 − blocking) ÷ beds). With
    ``target_blocking``: ``beds_needed``, the fewest beds whose blocking is at most it.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[erlang.ErlangQuery],
        responses={200: erlang.ErlangSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Erlangs förlustmodell för vårdplatser",
    )
    def get(self, request: Request) -> Response:
        query = erlang.ErlangQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(erlang.ErlangSerializer(erlang_answer(**query.validated_data)).data)


class OccupancyView(APIView):
    """Staffed and occupied beds, occupancy, överbeläggningar and utlokaliserade (also per 100
    staffed beds), admissions, discharges, mean length of stay, and the load by weekday, per
    ward, clinic, hospital or region and per day, week or tertial. Only the user's clinics' wards
    count: a region row for a reader of one clinic is that clinic's wards."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[occupancy.OccupancyQuery],
        responses={
            200: occupancy.OccupancySerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Vårdplatser och beläggning per avdelning, klinik, sjukhus och region",
    )
    def get(self, request: Request) -> Response:
        query = occupancy.OccupancyQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        params = query.validated_data
        result = selectors.bed_followup(
            user=request.user,
            start=params["from"],
            end=params["to"],
            period=params["period"],
            level=params["level"],
            site=params.get("site"),
            clinic=params.get("clinic"),
            ward=params.get("ward"),
        )
        return Response(occupancy.OccupancySerializer(result).data)


class PlanCheckView(APIView):
    """The bed check of a plan version, per ward and week, as the plan grid shows it: the
    planned staffed beds, the expected load (last year's admissions in the same ISO week moved
    to the plan year's calendar, per day, × last year's mean length of stay), the occupancy the
    plan implies (load × (1 − blocking) ÷ beds), the share of admissions finding the ward full
    (Erlang B), the fewest beds meeting both targets, and the light: red above the blocking
    target, yellow when only the occupancy is above its target, green when both are met. Only
    versions of plans of the user's clinics."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[plan_check.PlanCheckQuery],
        responses={
            200: plan_check.PlanCheckSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Vårdplatskontrollen av en plan per vårdavdelning och vecka",
    )
    def get(self, request: Request) -> Response:
        query = plan_check.PlanCheckQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        params = query.validated_data
        version, ward = params["version"], params.get("ward")

        def answer() -> dict:
            report = bedplan.version_check_report(
                version=version, unit_ids=None if ward is None else [ward]
            )
            return dict(plan_check.PlanCheckSerializer(report).data)

        # Access was checked above; the answer is made once per change of the data.
        return Response(cached("inpatient:plan-check", (version.id, ward), answer))
