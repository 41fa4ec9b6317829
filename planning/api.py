"""REST endpoints for production plans: plans, versions, cells, status changes, history, capacity.

Thin: reads go through ``selectors``, writes through ``services``, which
check access themselves; this module only translates to and from JSON.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from kps.api.params import is_id
from kps.api.schema import ErrorSerializer
from kps.validators import no_identity_numbers
from organisation import access
from organisation.validators import FIRST_YEAR, LAST_YEAR

from . import capacity, selectors, services
from .cells import MAX_CELLS_PER_SAVE, CellError, cells_from_payload, parse_volume, parse_week_key
from .compare import plan_versions_compare
from .errors import PlanConflict
from .models import Plan, PlanSave, PlanVersion, SaveSource


@extend_schema_field(OpenApiTypes.NUMBER)
class VolumeField(serializers.Field):
    """A planned volume: a number ≥ 0 (or "12,5"); null or "" removes the cell's value."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_internal_value(self, data):
        try:
            return parse_volume(data)
        except CellError as error:
            raise serializers.ValidationError(str(error)) from None

    def to_representation(self, value):
        return float(value) if value is not None else None


@extend_schema_field(OpenApiTypes.INT)
class WeekField(serializers.Field):
    """An ISO week as its key 202605 (or the text "2026-W05")."""

    def to_internal_value(self, data):
        try:
            return parse_week_key(data)
        except CellError as error:
            raise serializers.ValidationError(str(error)) from None

    def to_representation(self, value):
        return value


class VersionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["id", "number", "status", "revision"]


class PlanSerializer(serializers.ModelSerializer):
    versions = VersionBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "clinic", "year", "created_at", "versions"]
        read_only_fields = ["created_at"]
        validators = []  # the service reports an existing plan in Swedish


class PlanVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = [
            "id", "plan", "number", "status", "revision", "based_on",
            "created_at", "submitted_at", "approved_at", "approved_by", "proposal",
        ]  # fmt: skip


class CellSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    activity = serializers.IntegerField()
    week = WeekField()
    volume = VolumeField()


class SaveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=0, help_text=_("Revisionen ändringarna bygger på.")
    )
    cells = CellSerializer(many=True, max_length=MAX_CELLS_PER_SAVE)


class SaveResultSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    changed = serializers.IntegerField()


class ChangeSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    activity = serializers.IntegerField()
    activity_name = serializers.CharField()
    week = serializers.IntegerField()
    old = VolumeField()
    new = VolumeField()
    revision = serializers.IntegerField()
    user = serializers.CharField()
    at = serializers.DateTimeField()


class PlanConflictSerializer(ErrorSerializer):
    """The 409 of a save: the one error body and, for an old revision, what changed meanwhile."""

    # Only a stale revision's 409 has these; a save refused because the version is locked
    # (submitted, approved) answers the bare error body.
    current_revision = serializers.IntegerField(required=False)
    changes = ChangeSerializer(many=True, required=False)


class SaveRecordSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", default="")

    class Meta:
        model = PlanSave
        fields = ["id", "at", "user", "based_on_revision", "revision", "source", "changed"]


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(
        help_text=_("Varför planen öppnas igen."), validators=[no_identity_numbers]
    )


class StatusChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    from_status = serializers.CharField(help_text=_("Tom för en version som skapades."))
    to_status = serializers.CharField()
    user = serializers.CharField(source="user.username", default="")
    reason = serializers.CharField(
        help_text=_("Motivering eller kommentar som gavs med statusändringen.")
    )


class StatusCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=_(
            "Kommentar som sparas med statusändringen. Krävs (minst tre tecken) när "
            "kapacitetskontrollen är röd."
        ),
        validators=[no_identity_numbers],
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=_("Varför inskickningen dras tillbaka (frivilligt)."),
        validators=[no_identity_numbers],
    )


class CapacitySerializer(serializers.Serializer):
    period = serializers.IntegerField()
    profession = serializers.CharField()
    needed = serializers.FloatField()
    available = serializers.FloatField(
        allow_null=True,
        help_text=_("Tom när HR inte har några timmar för yrkeskategorin i perioden."),
    )
    ratio = serializers.FloatField(allow_null=True)
    light = serializers.CharField(
        help_text=_("green, yellow, red, missing (HR-uppgift saknas) eller tom.")
    )


class ComparedFigureSerializer(serializers.Serializer):
    activity = serializers.IntegerField(
        source="activity_id", allow_null=True, help_text=_("Aktivitetens id; tom i summaraderna.")
    )
    activity_name = serializers.CharField()
    period = serializers.IntegerField(
        allow_null=True, help_text=_("Schemaperiodens nummer; tom för hela året.")
    )
    a = serializers.FloatField(help_text=_("Planerad volym i version A."))
    b = serializers.FloatField(help_text=_("Planerad volym i version B."))
    difference = serializers.FloatField(help_text=_("B − A."))
    changed = serializers.BooleanField()


class ComparedVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["id", "number", "status", "revision"]


class ComparedPeriodSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    first_week = serializers.IntegerField(source="first_week.key")
    last_week = serializers.IntegerField(source="last_week.key")


class ComparisonSerializer(serializers.Serializer):
    a = ComparedVersionSerializer()
    b = ComparedVersionSerializer()
    periods = ComparedPeriodSerializer(many=True)
    rows = ComparedFigureSerializer(
        many=True,
        help_text=_(
            "Per aktivitet: varje schemaperiod och hela året (period tom), disponibla "
            "vårdplatser som medel per planerad vecka; bara ändrade rader om inte all=true."
        ),
    )
    totals = ComparedFigureSerializer(
        many=True,
        help_text=_(
            "Alla aktiviteter utom disponibla vårdplatser (en nivå, ingen volym): varje "
            "schemaperiod och hela året."
        ),
    )


@contextmanager
def _conflict_as_json():
    """A conflict's changes hold decimals and datetimes: render them as the changes list does."""
    try:
        yield
    except PlanConflict as conflict:
        conflict.extra["changes"] = ChangeSerializer(conflict.changes, many=True).data
        raise


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="Planens år"),
            OpenApiParameter("clinic", int, description="Klinikens id"),
        ]
    )
)
class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Production plans per clinic and year, in the clinics the user may see."""

    serializer_class = PlanSerializer

    def get_queryset(self):
        plans = (
            selectors.plan_visible_plans(user=self.request.user)
            .prefetch_related("versions")
            .order_by("-year", "clinic__name")
        )
        for name in ("year", "clinic"):
            value = self.request.query_params.get(name)
            if value is not None:
                # A year of many digits is still a year, only out of range: say which years.
                is_number = value.isascii() and value.isdigit()
                if not (is_id(value) or (name == "year" and is_number)):
                    raise ApiValidationError({name: _("Ange ett heltal.")})
                if name == "year" and not FIRST_YEAR <= int(value) <= LAST_YEAR:
                    raise ApiValidationError(
                        {
                            name: _("Ange ett år mellan %(first)s och %(last)s.")
                            % {"first": FIRST_YEAR, "last": LAST_YEAR}
                        }
                    )
                plans = plans.filter(**{name: int(value)})
        return plans

    def perform_create(self, serializer):
        clinic = (
            access.visible_clinics(self.request.user)
            .filter(pk=serializer.validated_data["clinic"].pk)
            .first()
        )
        if clinic is None:
            raise ApiPermissionDenied(_("Du har ingen behörighet till kliniken."))
        version = services.plan_create(
            clinic=clinic, year=serializer.validated_data["year"], user=self.request.user
        )
        serializer.instance = version.plan


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("plan", int, description="Planens id")])
)
class PlanVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Versions of plans; their cells, saves, status changes and capacity check."""

    serializer_class = PlanVersionSerializer
    # Extra actions that page their answer, so the schema declares them paged (kps.api.schema).
    paginated_actions = ("changes",)

    def get_queryset(self):
        versions = selectors.plan_visible_versions(user=self.request.user).order_by(
            "plan_id", "number"
        )
        plan = self.request.query_params.get("plan")
        if plan is not None:
            if not is_id(plan):
                raise ApiValidationError({"plan": _("Ange ett heltal.")})
            versions = versions.filter(plan_id=int(plan))
        return versions

    def _unit_ids(self, version: PlanVersion) -> list[int] | None:
        unit = self.request.query_params.get("unit")
        if unit is None:
            return None
        if not is_id(unit) or not version.plan.clinic.units.filter(pk=int(unit)).exists():
            raise NotFound(_("Enheten hör inte till planens klinik."))
        return [int(unit)]

    @extend_schema(
        methods=["GET"],
        parameters=[OpenApiParameter("unit", int, description="Bara denna enhet")],
        responses=CellSerializer(many=True),
        description="Versionens celler (enhet, aktivitet, vecka, volym).",
    )
    @extend_schema(
        methods=["POST"],
        request=SaveSerializer,
        responses={200: SaveResultSerializer, 409: PlanConflictSerializer},
        description=(
            "Sparar ändrade celler i ett anrop. `revision` är den revision ändringarna bygger på; "
            "har någon annan sparat sedan dess svarar API:t 409 med vad som ändrats."
        ),
    )
    @action(detail=True, methods=["get", "post"])
    def cells(self, request, pk=None):
        version = self.get_object()
        if request.method == "GET":
            cells = selectors.plan_cells(version=version, unit_ids=self._unit_ids(version))
            data = [
                {"unit": u, "activity": a, "week": w, "volume": v}
                for (u, a, w), v in sorted(cells.items())
            ]
            return Response(CellSerializer(data, many=True).data)
        data = request.data if isinstance(request.data, dict) else {}
        revision = data.get("revision")
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
            raise ApiValidationError(
                {"revision": [_("Ange revisionen ändringarna bygger på (ett heltal).")]}
            )
        if "cells" not in data:
            raise ApiValidationError({"cells": [_("Fältet saknas.")]})
        edits, errors = cells_from_payload(data["cells"])
        if errors:
            raise ApiValidationError({"cells": errors})
        source = (
            SaveSource.GRID if request.headers.get("X-KPS-Client") == "grid" else SaveSource.API
        )
        with _conflict_as_json():
            result = services.plan_save_cells(
                version=version,
                user=request.user,
                based_on_revision=revision,
                cells=edits,
                source=source,
            )
        return Response(SaveResultSerializer(result).data)

    def _status_action(self, fn, **kwargs):
        version = fn(version=self.get_object(), user=self.request.user, **kwargs)
        return Response(PlanVersionSerializer(version).data)

    def _comment(self) -> str:
        # No body at all is an empty comment: a plan with a green check needs none.
        payload = StatusCommentSerializer(data=self.request.data or {})
        payload.is_valid(raise_exception=True)
        return payload.validated_data.get("comment", "")

    @extend_schema(
        request=StatusCommentSerializer,
        responses={200: PlanVersionSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Skicka in utkastet för fastställelse (KPS-ledare). Med röd kapacitetskontroll krävs `comment`."""
        return self._status_action(services.plan_submit, comment=self._comment())

    @extend_schema(
        request=WithdrawSerializer, responses={200: PlanVersionSerializer, 409: ErrorSerializer}
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Dra tillbaka en inskickad version till utkast (KPS-ledare), innan den fastställs."""
        payload = WithdrawSerializer(data=request.data or {})
        payload.is_valid(raise_exception=True)
        return self._status_action(
            services.plan_withdraw, reason=payload.validated_data.get("reason", "")
        )

    @extend_schema(
        request=StatusCommentSerializer,
        responses={200: PlanVersionSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Fastställ en inskickad version (klinikens chef). Med röd kapacitetskontroll krävs `comment`."""
        return self._status_action(services.plan_approve, comment=self._comment())

    @extend_schema(
        request=ReopenSerializer, responses={200: PlanVersionSerializer, 409: ErrorSerializer}
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Öppna en inskickad eller fastställd version igen, med motivering; svarar med utkastet."""
        payload = ReopenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._status_action(services.plan_reopen, reason=payload.validated_data["reason"])

    @extend_schema(responses=StatusChangeSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="status-changes")
    def status_changes(self, request, pk=None):
        """Versionens statusändringar, äldst först, med motivering och kommentarer."""
        version = self.get_object()
        return Response(
            StatusChangeSerializer(
                version.status_changes.select_related("user").order_by("at", "id"), many=True
            ).data
        )

    @extend_schema(responses=SaveRecordSerializer(many=True))
    @action(detail=True, methods=["get"])
    def saves(self, request, pk=None):
        """Versionens sparningar, senaste först."""
        version = self.get_object()
        return Response(
            SaveRecordSerializer(
                version.saves.select_related("user").order_by("-revision"), many=True
            ).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since", int, description="Ändringar efter denna revision (standard 0)"
            ),
        ],
        responses=ChangeSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        """Varje celländring i versionen efter en revision: vem, när, före och efter, sida för sida."""
        version = self.get_object()
        since = request.query_params.get("since", "0")
        if not is_id(since) or int(since) > 2**31 - 1:
            raise ApiValidationError({"since": _("Ange ett heltal.")})
        page = self.paginate_queryset(
            selectors.plan_change_records(version_id=version.id, revision=int(since))
        )
        return self.get_paginated_response(
            ChangeSerializer([selectors.change_row(c) for c in page], many=True).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "with",
                int,
                required=True,
                description="Id för version B, en annan version av samma plan",
            ),
            OpenApiParameter("unit", int, description="Bara denna enhet"),
            OpenApiParameter(
                "all", bool, description="Även oförändrade rader (standard: bara ändrade)"
            ),
        ],
        responses=ComparisonSerializer,
    )
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        """Jämför versionen (A) med en annan version av samma plan (B): planerad volym per aktivitet
        och schemaperiod och totalt, summerad över klinikens enheter; skillnad = B − A."""
        version = self.get_object()
        other_id = request.query_params.get("with", "")
        if not is_id(other_id):
            raise ApiValidationError(
                {"with": _("Ange id för versionen att jämföra med (ett heltal).")}
            )
        # A version of a clinic the user may not read is answered as one that does not exist.
        other = selectors.plan_version_get(user=request.user, version_id=int(other_id))
        if other is None:
            raise NotFound(_("Versionen att jämföra med finns inte."))
        if other.plan_id != version.plan_id:
            raise ApiValidationError(
                {
                    "with": _(
                        "Versionerna hör till olika planer; jämför två versioner av samma plan."
                    )
                }
            )
        show_all = request.query_params.get("all", "").lower()
        if show_all not in ("", "true", "false", "1", "0"):
            raise ApiValidationError({"all": _("Ange true eller false.")})
        comparison = plan_versions_compare(a=version, b=other, unit_ids=self._unit_ids(version))
        return Response(
            ComparisonSerializer(
                {
                    "a": comparison.a,
                    "b": comparison.b,
                    "periods": comparison.periods,
                    "rows": comparison.rows
                    if show_all in ("true", "1")
                    else comparison.changed_rows,
                    "totals": comparison.totals,
                }
            ).data
        )

    @extend_schema(
        parameters=[OpenApiParameter("unit", int, description="Bara denna enhet")],
        responses=CapacitySerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def capacity(self, request, pk=None):
        """Kapacitetskontroll per schemaperiod och yrkeskategori: behövda mot tillgängliga timmar."""
        version = self.get_object()
        rows = capacity.plan_capacity(version=version, unit_ids=self._unit_ids(version))
        return Response(CapacitySerializer(rows, many=True).data)
