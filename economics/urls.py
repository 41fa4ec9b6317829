from django.urls import path

from . import views
from .assignment import views as assignment

app_name = "economics"
urlpatterns = [
    path("", views.drg, name="index"),
    path("diagram/kostnad-per-poang/", views.chart, name="chart"),
    path("drg.csv", views.export, name="export"),
    path("uppdrag/", assignment.index, name="assignments"),
    path("uppdrag/skapa/", assignment.create, name="assignment_create"),
    path("uppdrag/diagram/", assignment.chart, name="assignment_chart"),
    path("uppdrag/<int:version_id>/", assignment.detail, name="assignment"),
    path("uppdrag/<int:version_id>/spara/", assignment.save, name="assignment_save"),
    path("uppdrag/<int:version_id>/excel/", assignment.excel_export, name="assignment_excel"),
    path(
        "uppdrag/<int:version_id>/<slug:action>/",
        assignment.status_action,
        name="assignment_status",
    ),
]
