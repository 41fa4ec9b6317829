"""The organisation API's routes, included by ``kps/api_urls.py``."""

from kps.api.routers import AppRouter

from . import api

router = AppRouter()
router.register("areas", api.AreaViewSet, basename="area")
router.register("clinics", api.ClinicViewSet, basename="clinic")
router.register("units", api.UnitViewSet, basename="unit")
router.register("activities", api.ActivityViewSet, basename="activity")

urlpatterns = router.urls
