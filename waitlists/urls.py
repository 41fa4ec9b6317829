from django.urls import path

from . import views

app_name = "waitlists"
urlpatterns = [
    path("", views.index, name="index"),
    path("regioner/", views.regions, name="regions"),
    path("regioner/hemlan/", views.home_counties, name="home_counties"),
    path("regioner/var-rapport.csv", views.own_report, name="own_report"),
    path("veckotakt/", views.pace, name="pace"),
    path("tank-om/", views.whatif, name="whatif"),
    path("kalkylator/", views.calculator, name="calculator"),
    path("data/<slug:name>.<str:fmt>", views.data, name="data"),
]
