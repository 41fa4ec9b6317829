"""The operating-room API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from .api import views as api

app_name = "theatre-api"
router = AppRouter()

urlpatterns = [
    path("operating-rooms/utilisation/", api.UtilisationView.as_view(), name="utilisation"),
]
