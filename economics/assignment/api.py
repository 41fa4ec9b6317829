"""The assignment API: the year's assignments, one version, and the follow-up; economics only."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation import access

from ..api import NO_ECONOMICS
from . import selectors
from .models import TERTIALS
from .serializers import AssignmentFollowupSerializer, AssignmentQuery, AssignmentVersionSerializer


def _require_economics(request: Request) -> None:
    if not access.can_see_economics(request.user):
        raise PermissionDenied(NO_ECONOMICS)


def _clinic_ids(request: Request) -> tuple[int, list[int]]:
    query = AssignmentQuery(data=request.query_params, context={"request": request})
    query.is_valid(raise_exception=True)
    params = query.validated_data
    clinics = access.economics_clinics(request.user)
    if params.get("clinic"):
        clinics = clinics.filter(id=params["clinic"])
    if params.get("area"):
        clinics = clinics.filter(area_id=params["area"])
    return params["year"], list(clinics.values_list("id", flat=True))


def _version_data(version) -> dict:
    lines = selectors.version_lines(version=version)
    return {
        "id": version.id,
        "assignment": version.assignment,
        "number": version.number,
        "status": version.status,
        "revision": version.revision,
        "approved_at": version.approved_at,
        "points": sum(line.points for line in lines),
        "money": sum(line.money for line in lines),
        "lines": lines,
    }


class AssignmentListView(APIView):
    """Each clinic's current assignment version of the year (draft, submitted or approved)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[AssignmentQuery],
        responses=AssignmentVersionSerializer(many=True),
        summary="Produktionsuppdragen för ett år: volymer, DRG-poäng och belopp",
    )
    def get(self, request: Request) -> Response:
        _require_economics(request)
        year, clinic_ids = _clinic_ids(request)
        assignments = (
            selectors.visible_assignments(user=request.user)
            .filter(year=year, clinic_id__in=clinic_ids)
            .order_by("clinic__name")
        )
        versions = [selectors.current_version(assignment=a) for a in assignments]
        data = [_version_data(v) for v in versions if v is not None]
        return Response(AssignmentVersionSerializer(data, many=True).data)


class AssignmentDetailView(APIView):
    """One version of an assignment with its lines."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=AssignmentVersionSerializer, summary="En version av ett produktionsuppdrag"
    )
    def get(self, request: Request, version_id: int) -> Response:
        _require_economics(request)
        version = selectors.version_get(user=request.user, version_id=version_id)
        if version is None:
            raise NotFound()
        return Response(AssignmentVersionSerializer(_version_data(version)).data)


class AssignmentFollowupView(APIView):
    """Points produced against the approved assignments, per tertial and year to date."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[AssignmentQuery],
        responses=AssignmentFollowupSerializer,
        summary="Producerade DRG-poäng mot uppdraget, ersättning per poäng och skillnad",
    )
    def get(self, request: Request) -> Response:
        _require_economics(request)
        year, clinic_ids = _clinic_ids(request)
        followup = selectors.assignment_followup_cached(
            clinic_ids=clinic_ids, year=year, today=timezone.localdate()
        )

        def clinic(row) -> dict:
            return {
                "clinic_id": row.clinic_id,
                "name": row.name,
                "area": row.area,
                "version": row.version,
                "tertials": [{"tertial": t, **_period(row.tertials[t])} for t in TERTIALS],
                "ytd": _period(row.ytd),
                "year": _period(row.year),
                "year_only_points": row.year_only_points,
            }

        data = {
            "year": followup.year,
            "today": followup.today,
            "clinics": [clinic(c) for c in followup.clinics],
            "total": clinic(followup.total),
        }
        return Response(AssignmentFollowupSerializer(data).data)


def _period(p) -> dict:
    return {
        "assigned_points": p.assigned_points,
        "produced_points": p.produced_points,
        "assigned_money": p.assigned_money,
        "payment": p.payment,
        "difference": p.difference,
    }
