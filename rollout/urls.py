from django.urls import path

from . import views

app_name = "rollout"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("klinik/<int:clinic_id>/", views.clinic, name="clinic"),
    path("klinik/<int:clinic_id>/program/", views.programme_save, name="programme-save"),
    path("klinik/<int:clinic_id>/steg/", views.steps_save, name="steps-save"),
    path("klinik/<int:clinic_id>/roller/", views.role_add, name="role-add"),
    path(
        "klinik/<int:clinic_id>/roller/<int:role_id>/ta-bort/",
        views.role_remove,
        name="role-remove",
    ),
]
