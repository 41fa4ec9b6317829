from django.urls import path

from . import views

app_name = "theatre"
urlpatterns = [
    path("", views.index, name="index"),
    path("diagram/", views.chart, name="chart"),
]
