"""The REST API, version 1: every app's ``api_urls`` is included the same way, under one root.

An app declares its routes in its own ``api_urls.py`` (an ``AppRouter`` for viewsets, plain
paths for other views) with prefixes that name the app; this module only lists the apps.
"""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.urlpatterns import format_suffix_patterns

API_APPS = (
    "organisation",
    "planning",
    "imports",
    "rollout",
    "followup",
    "waitlists",
    "inpatient",
    "theatre",
    "economics",
    "purchasing",
)

app_urls = [import_module(f"{app}.api_urls") for app in API_APPS]

# The browsable root lists every app's viewsets, as when they shared one router.
root = DefaultRouter()
for module in app_urls:
    root.registry.extend(module.router.registry)

urlpatterns = format_suffix_patterns([path("", root.get_api_root_view(), name="api-root")]) + [
    path("", include(module)) for module in app_urls
]
