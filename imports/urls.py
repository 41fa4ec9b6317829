from django.urls import path, re_path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("korning/<int:pk>/", views.run_detail, name="run"),
    re_path(
        r"^korning/(?P<pk>\d+)/avvisade\.(?P<fmt>csv|xlsx)$",
        views.error_report,
        name="error_report",
    ),
    path("ladda-upp/", views.upload, name="upload"),
    path("datakvalitet/", views.data_quality, name="data_quality"),
    path("datakvalitet/bearbeta-om/", views.reprocess, name="reprocess"),
    path("avstamning/", views.reconciliation, name="reconciliation"),
]
