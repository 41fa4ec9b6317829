"""The purchased-care REST API: agreements and follow-up for economics, the planning for the
clinics one may see (agreements in it only with economics for the clinic)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation import access
from organisation.audit import person_data_access_record

from . import selectors
from .serializers import (
    PurchaseAgreementUseSerializer,
    PurchaseFollowupQuery,
    PurchaseFollowupSerializer,
    PurchasePlanQuery,
    PurchasePlanSerializer,
    followup_data,
)

NO_ECONOMICS = _("Du har inte behörighet att se avtal och kostnader för köpt vård.")


def _require_economics(request: Request) -> None:
    if not access.can_see_economics(request.user):
        raise PermissionDenied(NO_ECONOMICS)


class AgreementsView(APIView):
    """The agreements the user may see, with their use of the volume and money ceilings."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=PurchaseAgreementUseSerializer(many=True),
        summary="Avtal om köpt vård och deras tak",
    )
    def get(self, request: Request) -> Response:
        _require_economics(request)
        uses = selectors.agreements_use(
            agreements=list(selectors.agreements_visible(user=request.user))
        )
        return Response(PurchaseAgreementUseSerializer(uses, many=True).data)


class FollowupView(APIView):
    """Referrals out per provider, agreement, clinic and month for a year."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[PurchaseFollowupQuery],
        responses=PurchaseFollowupSerializer,
        summary="Uppföljning av köpt vård",
    )
    def get(self, request: Request) -> Response:
        _require_economics(request)
        query = PurchaseFollowupQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        params = query.validated_data
        clinic = params.get("clinic")
        report = selectors.purchase_followup(
            user=request.user,
            year=params["year"],
            clinic_id=clinic,
            provider_id=params.get("provider"),
            agreement_id=params.get("agreement"),
        )
        return Response(PurchaseFollowupSerializer(followup_data(report)).data)


class PlanView(APIView):
    """What a clinic needs to send in the coming schedule period, and its longest waiters."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[PurchasePlanQuery],
        responses=PurchasePlanSerializer,
        summary="Planering av köpt vård per klinik",
    )
    def get(self, request: Request) -> Response:
        query = PurchasePlanQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        plan = selectors.send_plan(
            user=request.user,
            clinic_id=query.validated_data["clinic"],
            phase=int(query.validated_data["phase"]),
        )
        if plan is None:  # the clinic is checked above; a race with a membership removed
            raise PermissionDenied(_("Okänd klinik, eller en du inte har tillgång till."))
        if plan.waiters:
            person_data_access_record(
                request=request,
                what="api:purchasing:plan",
                subject=str(plan.clinic),
                rows=len(plan.waiters),
            )
        return Response(PurchasePlanSerializer(plan).data)
