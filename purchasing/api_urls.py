"""The purchased-care API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from . import api

app_name = "purchasing-api"
router = AppRouter()

urlpatterns = [
    path("purchasing/agreements/", api.AgreementsView.as_view(), name="agreements"),
    path("purchasing/followup/", api.FollowupView.as_view(), name="followup"),
    path("purchasing/plan/", api.PlanView.as_view(), name="plan"),
]
