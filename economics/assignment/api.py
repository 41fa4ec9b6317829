"""The assignment API: the year's assignments, one version, and the follow-up; economics only."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kps.errors import InvalidInput
from organisation import access
from organisation.models import Activity

from ..api import NO_ECONOMICS
from . import selectors, services
from .models import TERTIALS
from .serializers import (
    AssignmentCreateSerializer,
    AssignmentFollowupSerializer,
    AssignmentLinesSerializer,
    AssignmentQuery,
    AssignmentStatusSerializer,
    AssignmentVersionSerializer,
)

UNKNOWN_CLINIC = _("Okänd klinik, eller en vars ekonomi du inte har tillgång till.")


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

    @extend_schema(
        request=AssignmentCreateSerializer,
        responses={201: AssignmentVersionSerializer},
        summary="Skapa ett produktionsuppdrag från klinikens fastställda plan",
    )
    def post(self, request: Request) -> Response:
        _require_economics(request)
        body = AssignmentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        clinic = (
            access.economics_clinics(request.user).filter(id=body.validated_data["clinic"]).first()
        )
        if clinic is None:
            raise InvalidInput(errors={"clinic": [str(UNKNOWN_CLINIC)]})
        version = services.assignment_create(
            clinic=clinic, year=body.validated_data["year"], user=request.user
        )
        version = selectors.version_get(user=request.user, version_id=version.pk)
        return Response(AssignmentVersionSerializer(_version_data(version)).data, status=201)


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


def _visible_version(request: Request, version_id: int):
    _require_economics(request)
    version = selectors.version_get(user=request.user, version_id=version_id)
    if version is None:
        raise NotFound()
    return version


class AssignmentLinesView(APIView):
    """A draft's lines, saved as a whole against the revision they were read at."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=AssignmentLinesSerializer,
        responses=AssignmentVersionSerializer,
        summary="Spara ett utkasts rader (alla på en gång)",
    )
    def put(self, request: Request, version_id: int) -> Response:
        version = _visible_version(request, version_id)
        body = AssignmentLinesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lines = body.validated_data["lines"]
        ids = dict(
            Activity.objects.filter(code__in=[line["activity"] for line in lines]).values_list(
                "code", "id"
            )
        )
        unknown = sorted({line["activity"] for line in lines} - set(ids))
        if unknown:
            raise InvalidInput(
                errors={
                    "lines": [str(_("Okänd aktivitet: %(codes)s.") % {"codes": ", ".join(unknown)})]
                }
            )
        services.assignment_save_lines(
            version=version,
            user=request.user,
            based_on_revision=body.validated_data["revision"],
            lines=[
                services.LineEdit(
                    activity_id=ids[line["activity"]],
                    volumes=(line["volume_t1"], line["volume_t2"], line["volume_t3"]),
                    points_per_volume=line["points_per_volume"],
                )
                for line in lines
            ],
        )
        version.refresh_from_db()
        return Response(AssignmentVersionSerializer(_version_data(version)).data)


class AssignmentStatusView(APIView):
    """Submit a draft, approve a submitted version, or reopen one (with the reason)."""

    permission_classes = [IsAuthenticated]
    ACTIONS = ("submit", "approve", "reopen")

    @extend_schema(
        request=AssignmentStatusSerializer,
        responses=AssignmentVersionSerializer,
        # Named apart from the list's POST (create), which has the same path prefix.
        operation_id="v1_economics_assignments_status_create",
        summary="Skicka in, fastställ eller öppna ett produktionsuppdrag igen",
    )
    def post(self, request: Request, version_id: int, action: str) -> Response:
        version = _visible_version(request, version_id)
        if action not in self.ACTIONS:
            raise NotFound()
        body = AssignmentStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if action == "submit":
            version = services.assignment_submit(version=version, user=request.user)
        elif action == "approve":
            version = services.assignment_approve(version=version, user=request.user)
        else:
            version = services.assignment_reopen(
                version=version, user=request.user, reason=body.validated_data.get("reason", "")
            )
        return Response(AssignmentVersionSerializer(_version_data(version)).data)
