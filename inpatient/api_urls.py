"""The inpatient API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from .api import views as api

app_name = "inpatient-api"
router = AppRouter()

urlpatterns = [
    path("beds/erlang/", api.ErlangView.as_view(), name="erlang"),
    path("beds/occupancy/", api.OccupancyView.as_view(), name="occupancy"),
    path("beds/plan-check/", api.PlanCheckView.as_view(), name="plan-check"),
]
