"""The planning API's routes, included by ``kps/api_urls.py``."""

from kps.api.routers import AppRouter

from . import api

router = AppRouter()
router.register("plans", api.PlanViewSet, basename="plan")
router.register("plan-versions", api.PlanVersionViewSet, basename="planversion")

urlpatterns = router.urls
