"""The operating-room REST API: room-time follow-up of a hospital. Read-only, filtered by access."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kps.api.schema import ErrorSerializer
from organisation.models import Site

from .. import selectors
from . import serializers


class UtilisationView(APIView):
    """Room time by SPOR's definitions for a hospital (optionally a clinic, a room) and days.

    Utilisation is patient (knife) time within the elective opening hours ÷ the opening
    hours of staffed rooms, ratios of sums. A reader who does not see the whole region
    gets their own clinics only: the total is then their clinics' share (``whole_hospital``
    false) and nothing of other clinics is shown.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[serializers.UtilisationQuery],
        responses={
            200: serializers.UtilisationSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
        summary="Salstidens utnyttjande per sjukhus, klinik och sal",
    )
    def get(self, request: Request) -> Response:
        query = serializers.UtilisationQuery(
            data=request.query_params, context={"request": request}
        )
        query.is_valid(raise_exception=True)
        params = query.validated_data
        site = Site.objects.filter(id=params["site"]).first()
        if site is None:
            raise NotFound(_("Sjukhuset finns inte."))
        if not selectors.visible_sites(request.user).filter(id=site.id).exists():
            raise PermissionDenied(
                _("Du har inte tillgång till någon klinik med operationssalar på sjukhuset.")
            )
        result = selectors.room_utilisation(
            user=request.user,
            site=site,
            start=params["from"],
            end=params["to"],
            clinic=params.get("clinic"),
            room=params.get("room"),
        )
        return Response(serializers.UtilisationSerializer(result).data)
