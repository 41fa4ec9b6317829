"""The follow-up API: the dashboards' figures and the meeting log, read-only.

Each endpoint takes the same query string as its page (``klinik``, ``enhet``,
``aktivitet``, ``vecka``, ``ar``, ``period``, ``omrade``, ``kalla``), checks it
with the same filter form and calls the same selectors, so a page and the API
with the same query string show the same figures.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from facts.choices import OutcomeSource
from followup.choices import ActionStatus
from followup.filters import CallInFilter, StrategicFilter, TacticalFilter
from followup.selectors.callin import callin_dashboard
from followup.selectors.meetings import action_list, meeting_list
from followup.selectors.strategic import strategic_dashboard
from followup.selectors.tactical import tactical_dashboard
from followup.selectors.trends import outcome_trend_by_year, waiting_by_area
from followup.views.common import callin_wards, freshness, strategic_bed_sites
from kps.errors import InvalidInput
from organisation.validators import sensible_date

from . import serializers as out

PLACE = [
    OpenApiParameter("omrade", int, description=str(_("Verksamhetsområdets id."))),
    OpenApiParameter(
        "klinik", int, description=str(_("Klinikens id; utan den den första klinik du ser."))
    ),
    OpenApiParameter(
        "enhet", int, description=str(_("En enhet i kliniken; utan den hela kliniken."))
    ),
    OpenApiParameter("aktivitet", int, description=str(_("En aktivitet; utan den alla."))),
    OpenApiParameter(
        "kalla",
        str,
        enum=OutcomeSource.values,
        description=str(_("Utfall enligt COSMIC (standard) eller Diver.")),
    ),
]
YEAR = OpenApiParameter("ar", int, description=str(_("År; utan det innevarande år.")))


def _clean(form):
    if not form.is_valid():
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        raise InvalidInput(form.error_text(), errors=errors)
    return form


def _freshness(rows) -> list[dict]:
    return [
        {
            "kind": f.kind,
            "data_until": f.data_until,
            "imported_at": f.imported_at,
            "warning": f.warning,
        }
        for f in rows
    ]


def _place(pair) -> dict | None:
    return {"id": pair[0], "name": pair[1]} if pair else None


class CallInViewSet(viewsets.ViewSet):
    """The call-in dashboard's figures for a clinic (or unit) and week."""

    @extend_schema(
        parameters=[
            *PLACE,
            OpenApiParameter(
                "vecka",
                str,
                description=str(_("Veckan som följs upp, t.ex. 2026-W05; utan den förra veckan.")),
            ),
        ],
        responses=out.CallInSerializer,
    )
    def list(self, request):
        form = _clean(CallInFilter(request.query_params, user=request.user))
        banner, cutoffs = freshness("callin", form.source)
        d = callin_dashboard(
            scope=form.scope(), week=form.week, catalogue=form.catalogue, cutoffs=cutoffs
        )
        data = {
            "clinic": {"id": form.clinic.id, "name": form.clinic.name},
            "unit": _place(form.unit),
            "week": str(d.week),
            "as_of": d.as_of,
            "source": form.source,
            "missing_weeks": d.missing_weeks,
            "freshness": _freshness(banner["rows"]),
            "last_week": d.last_week,
            "rolling": d.rolling,
            "ahead": d.ahead,
            "waiting": d.waiting,
            "waiting_change": d.waiting_change,
            "staffing": d.staffing,
            "traffic_lights": [light.as_dict() for light in d.lights],
            "wards": callin_wards(form),
        }
        return Response(out.CallInSerializer(data).data)


class TacticalViewSet(viewsets.ViewSet):
    """The tactical dashboard's figures for a clinic (or unit) and schedule period."""

    @extend_schema(
        parameters=[
            *PLACE,
            YEAR,
            OpenApiParameter(
                "period",
                int,
                enum=[1, 2, 3, 4],
                description=str(_("Schemaperiod; utan den den pågående.")),
            ),
        ],
        responses=out.TacticalSerializer,
    )
    def list(self, request):
        form = _clean(TacticalFilter(request.query_params, user=request.user))
        banner, cutoffs = freshness("tactical", form.source)
        t = tactical_dashboard(
            scope=form.scope(),
            units=form.scope_units(),
            period=form.schedule_period,
            today=form.today,
            catalogue=form.catalogue,
            cutoffs=cutoffs,
        )
        data = {
            "clinic": {"id": form.clinic.id, "name": form.clinic.name},
            "unit": _place(form.unit),
            "year": form.cleaned_data["ar"],
            "source": form.source,
            "missing_weeks": t.missing_weeks,
            "freshness": _freshness(banner["rows"]),
            "totals": t.totals,
            "lines": t.lines,
            "capacity": t.capacity,
            "flow": t.flow,
            "schedule": t.schedule,
        }
        return Response(out.TacticalSerializer(data).data)


STRATEGIC = [*[p for p in PLACE if p.name != "enhet"], YEAR]


class StrategicViewSet(viewsets.ViewSet):
    """The strategic dashboard's figures: per clinic, area and the region, per tertial, and the
    indicator table."""

    @extend_schema(parameters=STRATEGIC, responses=out.StrategicSerializer)
    def list(self, request):
        form = _clean(StrategicFilter(request.query_params, user=request.user))
        banner, cutoffs = freshness("strategic", form.source)
        s = strategic_dashboard(
            clinic_ids=form.clinic_ids(),
            clinics=form.clinics(),
            year=form.year,
            today=form.today,
            source=form.source,
            activity_ids=form.activity_ids(),
            cutoffs=cutoffs,
        )
        data = {
            "year": s.year,
            "source": form.source,
            "missing_weeks": s.missing_weeks,
            "freshness": _freshness(banner["rows"]),
            "clinics": s.clinics,
            "areas": s.areas,
            "region": s.region,
            "indicators": s.indicators,
            "bed_sites": strategic_bed_sites(form),
        }
        return Response(out.StrategicSerializer(data).data)


class StrategicTrendViewSet(viewsets.ViewSet):
    """Outcome and plan per area and year over the same weeks of each year (the last five years)."""

    @extend_schema(parameters=STRATEGIC, responses=out.TrendSerializer)
    def list(self, request):
        form = _clean(StrategicFilter(request.query_params, user=request.user))
        trend = outcome_trend_by_year(
            clinic_ids=form.clinic_ids(),
            year=form.year,
            today=form.today,
            source=form.source,
            activity_ids=form.activity_ids(),
        )
        return Response(out.TrendSerializer(trend).data)


class StrategicWaitingViewSet(viewsets.ViewSet):
    """The waiting list per area at the last snapshot of each of the year's months (up to today)."""

    @extend_schema(parameters=STRATEGIC, responses=out.WaitingByAreaSerializer)
    def list(self, request):
        form = _clean(StrategicFilter(request.query_params, user=request.user))
        as_of = min(form.today, date(form.year, 12, 31))
        return Response(
            out.WaitingByAreaSerializer(
                waiting_by_area(clinic_ids=form.clinic_ids(), as_of=as_of)
            ).data
        )


def _clinics(request) -> list[int]:
    """The clinics the meeting log is read for: the one asked for, or all the user sees."""
    form = _clean(StrategicFilter(request.query_params, user=request.user))
    return form.clinic_ids()


class MeetingViewSet(viewsets.GenericViewSet):
    """Logged call-in meetings with their deviations and actions, newest first."""

    serializer_class = out.MeetingSerializer

    @extend_schema(
        parameters=[
            PLACE[0],
            PLACE[1],
            OpenApiParameter("sedan", date, description=str(_("Möten från och med detta datum."))),
        ],
        responses=out.MeetingSerializer(many=True),
    )
    def list(self, request):
        since = request.query_params.get("sedan")
        try:
            since = date.fromisoformat(since) if since else None
            sensible_date(since)
        except ValueError:
            message = str(_("Skriv datumet som ÅÅÅÅ-MM-DD."))
            raise InvalidInput(message, errors={"sedan": [message]}) from None
        except DjangoValidationError as error:
            raise InvalidInput(error.messages[0], errors={"sedan": error.messages}) from None
        meetings = meeting_list(clinic_ids=_clinics(request), since=since)
        page = self.paginate_queryset(meetings)
        return self.get_paginated_response(out.MeetingSerializer(page, many=True).data)


class ActionViewSet(viewsets.GenericViewSet):
    """Actions decided at call-in meetings, earliest due first, with their latest status comment."""

    serializer_class = out.ActionSerializer

    @extend_schema(
        parameters=[PLACE[0], PLACE[1], OpenApiParameter("status", str, enum=ActionStatus.values)],
        responses=out.ActionSerializer(many=True),
    )
    def list(self, request):
        status = request.query_params.get("status") or None
        if status and status not in ActionStatus.values:
            message = str(_("Okänd status; välj open, in_progress, done eller cancelled."))
            raise InvalidInput(message, errors={"status": [message]})
        page = self.paginate_queryset(action_list(clinic_ids=_clinics(request), status=status))
        return self.get_paginated_response(out.ActionSerializer(page, many=True).data)
