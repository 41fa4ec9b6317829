"""The economics API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from . import api

app_name = "economics-api"
router = AppRouter()

urlpatterns = [path("economics/drg/", api.DrgView.as_view(), name="drg")]
