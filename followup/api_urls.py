"""The follow-up API's routes, included by ``kps/api_urls.py``."""

from kps.api.routers import AppRouter

from .api import views as api

router = AppRouter()
router.register("followup/call-in", api.CallInViewSet, basename="followup-callin")
router.register("followup/tactical", api.TacticalViewSet, basename="followup-tactical")
router.register("followup/strategic", api.StrategicViewSet, basename="followup-strategic")
router.register(
    "followup/strategic-trend", api.StrategicTrendViewSet, basename="followup-strategic-trend"
)
router.register(
    "followup/strategic-waiting", api.StrategicWaitingViewSet, basename="followup-strategic-waiting"
)
router.register("followup/meetings", api.MeetingViewSet, basename="followup-meeting")
router.register("followup/actions", api.ActionViewSet, basename="followup-action")

urlpatterns = router.urls
