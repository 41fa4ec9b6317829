"""The rollout API's routes, included by ``kps/api_urls.py``."""

from kps.api.routers import AppRouter

from . import api

router = AppRouter()
router.register("rollout/programmes", api.ProgrammeViewSet, basename="rollout-programme")
router.register("rollout/clinics", api.ClinicRolloutViewSet, basename="rollout-clinic")
router.register("rollout/indicators", api.IndicatorViewSet, basename="rollout-indicators")
router.register("rollout/timeline", api.TimelineViewSet, basename="rollout-timeline")
router.register("rollout/changes", api.ChangeViewSet, basename="rollout-change")

urlpatterns = router.urls
