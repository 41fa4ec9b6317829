"""The operating-room council's API: propose an allocation, read it, move a session, decide it.

``POST /operating-rooms/allocations/`` proposes (the council only), ``GET`` lists and reads
what the reader may see (``theatre.council``), ``…/{id}/move/`` gives a session to another
clinic and ``…/{id}/decide/`` is the status change proposed → decided, with a note.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kps.api.schema import ErrorSerializer
from organisation.calendar import Period
from organisation.models import Site
from organisation.validators import sensible_date

from .. import council, services
from ..need import coming_period
from ..selectors import visible_sites
from .serializers import MAX_ID, SiteSerializer, _date_field, _id_field

ERRORS = {
    400: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


class MinimumSerializer(serializers.Serializer):
    clinic = _id_field("En av sjukhusets opererande kliniker.", required=True)
    sessions = serializers.IntegerField(
        min_value=0, max_value=1000, help_text="Minsta antal hela salstider i perioden."
    )


class ProposeSerializer(serializers.Serializer):
    """A hospital and the period to allocate (the coming schedule period when left out)."""

    site = _id_field("Sjukhusets id.", required=True)
    minimums = MinimumSerializer(
        many=True,
        required=False,
        help_text="Minsta antal salstider per klinik; utan värde gäller regionens inställning.",
    )

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if (start is None) != (end is None):
            raise serializers.ValidationError(
                {"to": _("Ange både första och sista dagen, eller ingen av dem.")}
            )
        if start is not None and end is not None:
            for name, value in (("from", start), ("to", end)):
                try:
                    sensible_date(value)
                except Exception as error:  # Django's ValidationError, as a field error here
                    raise serializers.ValidationError({name: list(error.messages)}) from error
            if end < start:
                raise serializers.ValidationError(
                    {"to": _("Slutdatumet ligger före startdatumet.")}
                )
            if (end - start).days >= services.MAX_PERIOD_DAYS:
                raise serializers.ValidationError({"to": _("Välj högst 20 veckor.")})
        return attrs


ProposeSerializer._declared_fields["from"] = _date_field("Periodens första dag (valfri).")
ProposeSerializer._declared_fields["to"] = _date_field("Periodens sista dag (valfri).")
ProposeSerializer._declared_fields["from"].required = False
ProposeSerializer._declared_fields["to"].required = False


class MoveSerializer(serializers.Serializer):
    session = _id_field("Salstidens id i fördelningen.", required=True)
    clinic = _id_field("Kliniken som får salstiden; null lämnar den ofördelad.", required=False)


class DecideSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.MAX_NOTE_LENGTH,
        help_text="Rådets anteckning till beslutet.",
    )


@extend_schema_field(serializers.CharField(allow_null=True, help_text="Namnet på användaren."))
class UserField(serializers.Field):
    def to_representation(self, value):
        return value.get_full_name() or value.get_username() if value else None


class AllocationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    site = SiteSerializer()
    status = serializers.CharField(help_text="proposed (förslag) eller decided (beslutad).")
    created_by = UserField(allow_null=True)
    created_at = serializers.DateTimeField()
    decided_by = UserField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()


AllocationSummarySerializer._declared_fields["from"] = serializers.DateField(source="start")
AllocationSummarySerializer._declared_fields["to"] = serializers.DateField(source="end")


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    room = serializers.IntegerField(source="room_id")
    room_code = serializers.CharField(source="room.code")
    date = serializers.DateField()
    start = serializers.TimeField(source="start_time", format="%H:%M")
    end = serializers.TimeField(source="end_time", format="%H:%M")
    hours = serializers.FloatField()
    clinic = serializers.IntegerField(source="clinic_id", allow_null=True)


class ShareSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    sessions = serializers.IntegerField(help_text="Salstider kliniken har i fördelningen.")
    hours = serializers.FloatField()
    need_hours = serializers.FloatField(
        help_text="Behov i perioden: avlastningstakt × salsminuter per operation × veckor."
    )
    unmet_hours = serializers.FloatField(help_text="Behov som fördelningen inte täcker.")
    minimum_sessions = serializers.IntegerField()
    eligible_sessions = serializers.IntegerField(
        help_text="Periodens salstider i salar kliniken får använda."
    )
    weight = serializers.FloatField(
        help_text="Medelvikt per väntande: prioritet 1–4 ger 4–1, över måldatum dubbelt."
    )
    explanation = serializers.CharField()
    waiting = serializers.IntegerField(source="reasons.waiting", default=0)
    past_target = serializers.IntegerField(source="reasons.past_target", default=0)
    past_guarantee = serializers.IntegerField(source="reasons.past_guarantee", default=0)
    relief_pace = serializers.FloatField(source="reasons.relief_pace", default=0.0)
    room_minutes_per_operation = serializers.FloatField(
        source="reasons.room_minutes_per_operation", allow_null=True, default=None
    )


class AllocationSerializer(AllocationSummarySerializer):
    whole = serializers.BooleanField(
        help_text="Sant när du ser hela sjukhusets fördelning; annars bara dina kliniker."
    )
    may_decide = serializers.BooleanField()
    clinics = ShareSerializer(many=True)
    sessions = SessionSerializer(many=True)
    open_sessions = serializers.IntegerField(help_text="Salstider som ingen klinik har fått.")

    def to_representation(self, instance):
        data = AllocationSummarySerializer(instance.allocation).data
        return {
            **data,
            "whole": instance.whole,
            "may_decide": instance.may_decide,
            "clinics": ShareSerializer(instance.clinics, many=True).data,
            "sessions": SessionSerializer(instance.sessions, many=True).data,
            "open_sessions": instance.open_sessions,
        }


class ListQuery(serializers.Serializer):
    site = _id_field("Bara detta sjukhus (valfritt).", required=False)


def _site(user, site_id: int) -> Site:
    site = Site.objects.filter(id=site_id).first()
    if site is None:
        raise NotFound(_("Sjukhuset finns inte."))
    if not visible_sites(user).filter(id=site.id).exists():
        raise PermissionDenied(
            _("Du har inte tillgång till någon klinik med operationssalar på sjukhuset.")
        )
    return site


def _allocation(request: Request, pk: int):
    if not 0 < pk <= MAX_ID:
        raise NotFound(_("Fördelningen finns inte."))
    allocation = council.visible_allocations(request.user).filter(pk=pk).first()
    if allocation is None:
        raise NotFound(_("Fördelningen finns inte, eller så har du inte tillgång till den."))
    return allocation


def _read(request: Request, allocation) -> Response:
    view = council.allocation_view(user=request.user, allocation=allocation)
    return Response(AllocationSerializer(view).data)


class AllocationListView(APIView):
    """The council's allocations you may see; a council member proposes a new one."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[ListQuery],
        responses={200: AllocationSummarySerializer(many=True), **ERRORS},
        summary="Salsfördelningar",
    )
    def get(self, request: Request) -> Response:
        query = ListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        allocations = council.visible_allocations(request.user)
        if query.validated_data.get("site"):
            allocations = allocations.filter(site_id=query.validated_data["site"])
        return Response(AllocationSummarySerializer(allocations[:200], many=True).data)

    @extend_schema(
        request=ProposeSerializer,
        responses={201: AllocationSerializer, **ERRORS},
        summary="Föreslå en salsfördelning efter patienternas behov",
    )
    def post(self, request: Request) -> Response:
        payload = ProposeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        site = _site(request.user, data["site"])
        if data.get("from"):
            period = Period(0, data["from"], data["to"], data["from"])
        else:
            period = coming_period()
        allocation = services.allocation_propose(
            site=site,
            period=period,
            user=request.user,
            minimums={m["clinic"]: m["sessions"] for m in data.get("minimums", [])},
        )
        view = council.allocation_view(user=request.user, allocation=allocation)
        return Response(AllocationSerializer(view).data, status=status.HTTP_201_CREATED)


class AllocationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: AllocationSerializer, **ERRORS}, summary="En salsfördelning")
    def get(self, request: Request, pk: int) -> Response:
        return _read(request, _allocation(request, pk))


class AllocationMoveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MoveSerializer,
        responses={200: AllocationSerializer, **ERRORS},
        summary="Flytta en salstid i förslaget till en annan klinik",
    )
    def post(self, request: Request, pk: int) -> Response:
        allocation = _allocation(request, pk)
        payload = MoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.allocation_move(
            allocation=allocation,
            session_id=payload.validated_data["session"],
            clinic_id=payload.validated_data.get("clinic"),
            user=request.user,
        )
        return _read(request, allocation)


class AllocationDecideView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=DecideSerializer,
        responses={200: AllocationSerializer, **ERRORS},
        summary="Besluta salsfördelningen (förslag → beslutad); den blir periodens salsplan",
    )
    def post(self, request: Request, pk: int) -> Response:
        allocation = _allocation(request, pk)
        payload = DecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        allocation = services.allocation_decide(
            allocation=allocation,
            user=request.user,
            note=payload.validated_data.get("note", ""),
        )
        return _read(request, allocation)
