from django.urls import path

from . import views

app_name = "inpatient"
urlpatterns = [
    path("", views.index, name="index"),
    path("diagram/", views.chart, name="chart"),
    path("perioder/", views.periods, name="periods"),
    path("erlang/", views.calculator, name="erlang"),
]
