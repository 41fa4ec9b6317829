"""The waiting-list REST API: the queue calculator, the report, its trend, across regions, the
weekly pace and what-if. Read-only; every answer is filtered by ``organisation.access``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import datasets, queue, serializers
from ..models import MedicalCareArea
from ..selectors import collaboration
from . import serializers as out


class _QueryView(APIView):
    """Validate the query string with ``query_class``; a 400 names each wrong parameter."""

    permission_classes = [IsAuthenticated]
    query_class: type[drf.Serializer]

    def params(self, request: Request) -> dict:
        query = self.query_class(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        return dict(query.validated_data)


class QueueModelView(_QueryView):
    """The queue formulas (Fong et al. 2022) for numbers given in the query string."""

    query_class = serializers.QueueModelQuery

    @extend_schema(
        parameters=[serializers.QueueModelQuery],
        responses=serializers.QueueModelResult,
        summary="Köformlerna: köbelastning, målstorlek, målkapacitet, avlastningskapacitet, tryck",
    )
    def get(self, request: Request) -> Response:
        params = self.params(request)
        model = queue.queue_model(**params).as_dict()
        if params.get("mean_wait") is None:
            model.pop("waiting_list_pressure")
        return Response(serializers.QueueModelResult(model).data)


class ReportView(_QueryView):
    """The waiting-list report on one level: region, medical care area (area) or KVÅ code (kva)."""

    query_class = serializers.ReportQuery

    @extend_schema(parameters=[serializers.ReportQuery], responses=out.WaitlistReportSerializer)
    def get(self, request: Request) -> Response:
        report = datasets.report(request.user, self.params(request)).result
        return Response(out.WaitlistReportSerializer(report).data)


class TrendView(_QueryView):
    """The waiting list at each month end: the whole report, or one row of it (``key``)."""

    query_class = serializers.TrendQuery

    @extend_schema(
        parameters=[serializers.TrendQuery], responses=out.WaitlistTrendPointSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        points = datasets.trend(request.user, self.params(request)).result
        return Response(out.WaitlistTrendPointSerializer(points, many=True).data)


class RegionsView(_QueryView):
    """Between regions: the regions of the collaboration side by side, from the aggregated reports
    they exchange, at the level of the region, the medical care area or the KVÅ code."""

    query_class = serializers.CompareQuery

    @extend_schema(parameters=[serializers.CompareQuery], responses=out.WaitlistCompareSerializer)
    def get(self, request: Request) -> Response:
        result = datasets.compare(request.user, self.params(request)).result
        return Response(out.WaitlistCompareSerializer(result).data)


class HomeCountiesView(_QueryView):
    """This region's own waiting patients by their home county, and per medical care area and county."""

    query_class = serializers.RegionsQuery

    @extend_schema(parameters=[serializers.RegionsQuery], responses=out.WaitlistRegionsSerializer)
    def get(self, request: Request) -> Response:
        result = datasets.regions(request.user, self.params(request)).result
        return Response(out.WaitlistRegionsSerializer(result).data)


class OwnReportView(_QueryView):
    """This region's aggregated waiting-list report (vantanderapport) as its neighbours receive it:
    counts per phase and KVÅ code, small counts suppressed. For roles that see the whole region."""

    query_class = serializers.OwnReportQuery

    @extend_schema(parameters=[serializers.OwnReportQuery], responses=out.OwnReportSerializer)
    def get(self, request: Request) -> Response:
        params = self.params(request)
        if not collaboration.may_export(request.user):
            raise PermissionDenied(
                _("Bara Qulturum och administratörer lämnar ut regionens väntelisterapport.")
            )
        region = collaboration.export_region(params["county"])
        if region is None:
            raise ValidationError({"county": [_("Ingen region med den länskoden.")]})
        report = collaboration.own_report(region=region, day=params["date"])
        return Response(out.OwnReportSerializer(report).data)


class PaceView(_QueryView):
    """The weekly pace a clinic's or unit's waiting list needs, next to the approved plan's pace."""

    query_class = serializers.PaceQuery

    @extend_schema(parameters=[serializers.PaceQuery], responses=out.WaitlistPaceSerializer)
    def get(self, request: Request) -> Response:
        pace = datasets.pace(request.user, self.params(request)).result
        return Response(out.WaitlistPaceSerializer(pace).data)


class WhatIfView(_QueryView):
    """The queue projected week by week, with a band from 1 000 simulated runs."""

    query_class = serializers.WhatIfQuery

    @extend_schema(parameters=[serializers.WhatIfQuery], responses=out.WaitlistWhatIfSerializer)
    def get(self, request: Request) -> Response:
        whatif = datasets.whatif(request.user, self.params(request)).result
        return Response(out.WaitlistWhatIfSerializer(whatif).data)


class CareAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The medical care areas and the KVÅ code prefixes each groups (edited in the admin)."""

    serializer_class = out.CareAreaSerializer
    queryset = MedicalCareArea.objects.prefetch_related("codes")
