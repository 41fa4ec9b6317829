"""The router every app registers its API viewsets on (see ``kps/api_urls.py``)."""

from rest_framework.routers import DefaultRouter


class AppRouter(DefaultRouter):
    """One app's routes with the format suffixes (``.json``); the one API root lives in ``kps/api_urls.py``."""

    include_root_view = False
