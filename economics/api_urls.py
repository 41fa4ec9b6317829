"""The economics API's routes, included by ``kps/api_urls.py``."""

from django.urls import path

from kps.api.routers import AppRouter

from . import api
from .assignment import api as assignment

app_name = "economics-api"
router = AppRouter()

urlpatterns = [
    path("economics/drg/", api.DrgView.as_view(), name="drg"),
    path("economics/assignments/", assignment.AssignmentListView.as_view(), name="assignment-list"),
    path(
        "economics/assignments/followup/",
        assignment.AssignmentFollowupView.as_view(),
        name="assignment-followup",
    ),
    path(
        "economics/assignments/<int:version_id>/",
        assignment.AssignmentDetailView.as_view(),
        name="assignment-detail",
    ),
    path(
        "economics/assignments/<int:version_id>/lines/",
        assignment.AssignmentLinesView.as_view(),
        name="assignment-lines",
    ),
    path(
        "economics/assignments/<int:version_id>/<slug:action>/",
        assignment.AssignmentStatusView.as_view(),
        name="assignment-status",
    ),
]
