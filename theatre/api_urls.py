"""The operating-room API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from .api import allocations
from .api import views as api

app_name = "theatre-api"
router = AppRouter()

urlpatterns = [
    path("operating-rooms/utilisation/", api.UtilisationView.as_view(), name="utilisation"),
    path(
        "operating-rooms/allocations/",
        allocations.AllocationListView.as_view(),
        name="allocations",
    ),
    path(
        "operating-rooms/allocations/<int:pk>/",
        allocations.AllocationDetailView.as_view(),
        name="allocation",
    ),
    path(
        "operating-rooms/allocations/<int:pk>/move/",
        allocations.AllocationMoveView.as_view(),
        name="allocation-move",
    ),
    path(
        "operating-rooms/allocations/<int:pk>/decide/",
        allocations.AllocationDecideView.as_view(),
        name="allocation-decide",
    ),
]
