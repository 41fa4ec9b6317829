"""The import log API's routes, included by ``kps/api_urls.py``."""

from kps.api.routers import AppRouter

from . import api

router = AppRouter()
router.register("imports", api.ImportRunViewSet, basename="import-run")

urlpatterns = router.urls
