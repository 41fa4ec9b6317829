"""The rollout API: programmes with their steps and roles, the overview, indicators, timeline and changes.

Reads go through the access filter like the pages; writes only for Qulturum
and administrators, through the same services the pages use.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from facts.selectors.outcome import outcome_source
from kps.api.params import is_id
from organisation import access

from . import charts, evidence, selectors, services
from .models import Programme, ProgrammeRole, Step
from .serializers import (
    ClinicRolloutSerializer,
    ProgrammeDetailSerializer,
    ProgrammeRoleSerializer,
    ProgrammeRoleWriteSerializer,
    ProgrammeSerializer,
    ProgrammeStepSerializer,
    ProgrammeStepWriteSerializer,
    ProgrammeWriteSerializer,
    RolloutChangeSerializer,
    RolloutIndicatorsSerializer,
    RolloutTimelineSerializer,
)


class RolloutEditing(permissions.BasePermission):
    """Everyone signed in reads (their own clinics); only Qulturum and administrators write."""

    message = gettext_lazy("Endast Qulturum och administratörer ändrar införandet.")

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or access.can_edit_rollout(request.user)


class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """KPS programmes per clinic; POST enters a clinic after the area director's decision."""

    not_found_message = gettext_lazy(
        "Programmet eller kliniken finns inte, eller hör inte till dina kliniker."
    )

    permission_classes = [RolloutEditing]
    serializer_class = ProgrammeSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = Programme.objects.select_related("clinic__area").prefetch_related(
            "steps", "roles__user"
        )
        return access.restrict(queryset, self.request.user, clinic_path="clinic").order_by(
            "clinic__area__name", "clinic__name"
        )

    @extend_schema(request=ProgrammeWriteSerializer, responses={201: ProgrammeSerializer})
    def create(self, request, *args, **kwargs):
        data = ProgrammeWriteSerializer(data=request.data, context={"creating": True})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        clinic = get_object_or_404(access.visible_clinics(request.user), pk=values.pop("clinic").pk)
        programme = services.programme_create(user=request.user, clinic=clinic, **values)
        return Response(
            ProgrammeSerializer(self.get_queryset().get(pk=programme.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ProgrammeWriteSerializer, responses=ProgrammeSerializer)
    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        data = ProgrammeWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "clinic"}
        services.programme_update(user=request.user, programme=programme, **values)
        return Response(ProgrammeSerializer(self.get_queryset().get(pk=programme.pk)).data)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        # Only PATCH: a PUT would have to resend the whole agreement to change one date.
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        request=ProgrammeStepWriteSerializer,
        responses=ProgrammeStepSerializer,
        parameters=[
            OpenApiParameter(
                "kind", int, OpenApiParameter.PATH, enum=Step.values, description=_("Stegets kod")
            )
        ],
    )
    @action(detail=True, methods=["patch"], url_path=r"steps/(?P<kind>[0-9]+)")
    def step(self, request, pk=None, kind=None):
        """Tick off a step (done_on), undo it (done_on null), move its due date or write its notes."""
        programme = self.get_object()
        data = ProgrammeStepWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        step = services.programme_step_update(
            user=request.user,
            programme=programme,
            kind=kind,
            **data.validated_data,
        )
        step.is_overdue = (
            step.done_on is None and step.due is not None and step.due < timezone.localdate()
        )
        return Response(ProgrammeStepSerializer(step).data)

    @extend_schema(request=ProgrammeRoleWriteSerializer, responses={201: ProgrammeRoleSerializer})
    @action(detail=True, methods=["post"])
    def roles(self, request, pk=None):
        """Name the KPS owner, the KPS leader (each replacing the one before) or a member of the KPS group."""
        programme = self.get_object()
        data = ProgrammeRoleWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        role = services.programme_role_add(
            user=request.user,
            programme=programme,
            **data.validated_data,
        )
        return Response(ProgrammeRoleSerializer(role).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"roles/(?P<role_id>[0-9]+)")
    def remove_role(self, request, pk=None, role_id=None):
        """Take a person off the programme."""
        programme = self.get_object()
        role = get_object_or_404(ProgrammeRole, pk=role_id, programme=programme)
        services.programme_role_remove(user=request.user, role=role)
        return Response(status=status.HTTP_204_NO_CONTENT)


SOURCE_PARAMETER = OpenApiParameter(
    "kalla",
    str,
    enum=[value for value, _label in evidence.SOURCES],
    description=_("Utfall enligt COSMIC (standard) eller Diver."),
)


def _source(request) -> str:
    """The outcome source, named as in follow-up (``kalla``) and with its default."""
    raw = request.query_params.get("kalla", "").strip()
    source = outcome_source(raw)
    if source is None:
        raise ValidationError(
            {
                "kalla": [
                    _("Källan ”%(value)s” finns inte; välj COSMIC eller Diver.")
                    % {"value": raw[:20]}
                ]
            }
        )
    return source


class ClinicRolloutViewSet(viewsets.ViewSet):
    """How far each of the user's clinics has come: status from the steps, and what the data shows."""

    not_found_message = gettext_lazy("Kliniken finns inte eller hör inte till dina kliniker.")

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ClinicRolloutSerializer(many=True))
    def list(self, request):
        rows = selectors.rollout_rows(user=request.user, today=timezone.localdate())
        return Response(ClinicRolloutSerializer(rows, many=True).data)

    @extend_schema(
        responses=ProgrammeDetailSerializer,
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Klinikens id")),
            SOURCE_PARAMETER,
        ],
    )
    def retrieve(self, request, pk=None):
        clinic = get_object_or_404(access.visible_clinics(request.user), pk=pk)
        detail = selectors.programme_detail(
            clinic=clinic, today=timezone.localdate(), source=_source(request)
        )
        return Response(ProgrammeDetailSerializer({"clinic": clinic, **detail}).data)


def _year(request) -> int:
    today = timezone.localdate()
    raw = request.query_params.get("year", "").strip()
    if not raw:
        return selectors.current_year(today)
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise ValidationError(
            {"year": [_("”%(value)s” är inget år mellan 2000 och 2100.") % {"value": raw[:20]}]}
        )
    return int(raw)


class IndicatorViewSet(viewsets.ViewSet):
    """The indicators per area and tertial: clinics with a production plan against target, outcome against plan."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=RolloutIndicatorsSerializer,
        parameters=[
            OpenApiParameter("year", int, description=_("År (standard: innevarande)")),
            SOURCE_PARAMETER,
        ],
    )
    def list(self, request):
        indicators = selectors.rollout_indicators(
            user=request.user,
            year=_year(request),
            today=timezone.localdate(),
            source=_source(request),
        )
        return Response(RolloutIndicatorsSerializer(indicators).data)


class TimelineViewSet(viewsets.ViewSet):
    """The programme timeline as a Plotly figure (data and layout) for kps-charts.js."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=RolloutTimelineSerializer)
    def list(self, request):
        today = timezone.localdate()
        rows = selectors.rollout_rows(user=request.user, today=today, with_evidence=False)
        return Response(
            RolloutTimelineSerializer(charts.rollout_timeline_figure(rows=rows, today=today)).data
        )


class ChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """Every recorded change to the programmes: who, when, which field, before and after."""

    serializer_class = RolloutChangeSerializer

    def get_queryset(self):
        clinic = self.request.query_params.get("clinic", "").strip()
        if clinic and not is_id(clinic):
            raise ValidationError({"clinic": [_("Ange klinikens id som ett heltal.")]})
        clinic_id = int(clinic) if clinic else None
        return selectors.rollout_changes(user=self.request.user, clinic_id=clinic_id)

    @extend_schema(
        parameters=[OpenApiParameter("clinic", int, description=_("Bara ändringar för en klinik"))]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
