"""The economics REST API: DRG figures, filtered by who may see economics (``organisation.access``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation import access

from . import selectors
from .serializers import DrgQuery, DrgReportSerializer, report_data

NO_ECONOMICS = _("Du har inte behörighet att se ekonomi (DRG-poäng och KPP).")


class DrgView(APIView):
    """DRG figures per clinic, area and the region for a year (and tertial, care form)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[DrgQuery],
        responses=DrgReportSerializer,
        summary="DRG-poäng, case mix-index, kostnad och kostnad per poäng per klinik",
    )
    def get(self, request: Request) -> Response:
        if not access.can_see_economics(request.user):
            raise PermissionDenied(NO_ECONOMICS)
        query = DrgQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        params = query.validated_data
        report = selectors.drg_report(
            user=request.user,
            year=params["year"],
            clinic_id=params.get("clinic"),
            area_id=params.get("area"),
            tertial=params.get("tertial"),
            care_form=params.get("care_form"),
        )
        return Response(DrgReportSerializer(report_data(report)).data)
