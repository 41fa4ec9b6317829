"""The waiting-list API under /api/v1/waitlists/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import views as api

app_name = "waitlists-api"
router = SimpleRouter()
router.register("care-areas", api.CareAreaViewSet, basename="care-area")

urlpatterns = [
    path("queue-model/", api.QueueModelView.as_view(), name="queue-model"),
    path("report/", api.ReportView.as_view(), name="report"),
    path("trend/", api.TrendView.as_view(), name="trend"),
    path("regions/", api.RegionsView.as_view(), name="regions"),
    path("pace/", api.PaceView.as_view(), name="pace"),
    path("what-if/", api.WhatIfView.as_view(), name="what-if"),
    *router.urls,
]
