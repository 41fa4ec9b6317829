"""The follow-up REST API (registered on the one router in ``kps/api_urls.py``)."""

from .views import (
    ActionViewSet,
    CallInViewSet,
    MeetingViewSet,
    StrategicTrendViewSet,
    StrategicViewSet,
    StrategicWaitingViewSet,
    TacticalViewSet,
)

ROUTES = [
    ("followup/call-in", CallInViewSet, "followup-callin"),
    ("followup/tactical", TacticalViewSet, "followup-tactical"),
    ("followup/strategic", StrategicViewSet, "followup-strategic"),
    ("followup/strategic-trend", StrategicTrendViewSet, "followup-strategic-trend"),
    ("followup/strategic-waiting", StrategicWaitingViewSet, "followup-strategic-waiting"),
    ("followup/meetings", MeetingViewSet, "followup-meeting"),
    ("followup/actions", ActionViewSet, "followup-action"),
]
