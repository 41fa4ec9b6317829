from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.plan_create, name="create"),
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/historik/", views.plan_history, name="history"),
    path("<int:plan_id>/cellhistorik/", views.cell_history, name="cell_history"),
    path("<int:plan_id>/jamfor/", views.compare_versions, name="compare"),
    path("version/<int:version_id>/", views.grid, name="grid"),
    path("version/<int:version_id>/<slug:action>/", views.status_action, name="status"),
    path("version/<int:version_id>/excel/export/", views.excel_export, name="excel_export"),
    path("version/<int:version_id>/excel/import/", views.excel_import, name="excel_import"),
    path("schemaklocka/<int:area_id>/", views.schedule_clock, name="clock"),
]
