"""The waiting-list API's routes, included by ``kps/api_urls.py``.

Named under ``waitlists-api``: the pages link to their figures in the API by these names.
"""

from django.urls import path

from kps.api.routers import AppRouter

from .api import views as api

app_name = "waitlists-api"
router = AppRouter()
router.register("waitlists/care-areas", api.CareAreaViewSet, basename="care-area")

urlpatterns = [
    path("waitlists/queue-model/", api.QueueModelView.as_view(), name="queue-model"),
    path("waitlists/report/", api.ReportView.as_view(), name="report"),
    path("waitlists/trend/", api.TrendView.as_view(), name="trend"),
    path("waitlists/regions/", api.RegionsView.as_view(), name="regions"),
    path("waitlists/home-counties/", api.HomeCountiesView.as_view(), name="home-counties"),
    path("waitlists/region-report/", api.OwnReportView.as_view(), name="region-report"),
    path("waitlists/pace/", api.PaceView.as_view(), name="pace"),
    path("waitlists/what-if/", api.WhatIfView.as_view(), name="what-if"),
    *router.urls,
]
