from django.urls import path

from . import views

app_name = "waitlists"
urlpatterns = [
    path("", views.index, name="index"),
    path("regioner/", views.regions, name="regions"),
    path("veckotakt/", views.pace, name="pace"),
    path("tank-om/", views.whatif, name="whatif"),
    path("kalkylator/", views.calculator, name="calculator"),
    path("data/<slug:name>.<str:fmt>", views.data, name="data"),
]
