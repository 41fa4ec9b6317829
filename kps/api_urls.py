"""The REST API, version 1: each app registers its endpoints on one router."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from followup.api import ROUTES as FOLLOWUP_ROUTES
from imports import api as imports_api
from organisation import api as organisation_api
from planning import api as planning_api
from rollout import api as rollout_api

router = DefaultRouter()
router.register("areas", organisation_api.AreaViewSet, basename="area")
router.register("clinics", organisation_api.ClinicViewSet, basename="clinic")
router.register("units", organisation_api.UnitViewSet, basename="unit")
router.register("activities", organisation_api.ActivityViewSet, basename="activity")
router.register("plans", planning_api.PlanViewSet, basename="plan")
router.register("plan-versions", planning_api.PlanVersionViewSet, basename="planversion")
router.register("imports", imports_api.ImportRunViewSet, basename="import-run")
router.register("rollout/programmes", rollout_api.ProgrammeViewSet, basename="rollout-programme")
router.register("rollout/clinics", rollout_api.ClinicRolloutViewSet, basename="rollout-clinic")
router.register("rollout/indicators", rollout_api.IndicatorViewSet, basename="rollout-indicators")
router.register("rollout/timeline", rollout_api.TimelineViewSet, basename="rollout-timeline")
router.register("rollout/changes", rollout_api.ChangeViewSet, basename="rollout-change")
for prefix, viewset, basename in FOLLOWUP_ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls + [path("waitlists/", include("waitlists.api_urls"))]
