from django.urls import path

from . import views

app_name = "economics"
urlpatterns = [
    path("", views.drg, name="index"),
    path("diagram/kostnad-per-poang/", views.chart, name="chart"),
    path("drg.csv", views.export, name="export"),
]
