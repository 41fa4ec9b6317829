from django.urls import path

from . import views

app_name = "purchasing"
urlpatterns = [
    path("", views.plan, name="index"),
    path("uppfoljning/", views.followup, name="followup"),
    path("uppfoljning/diagram/", views.chart, name="chart"),
    path("avtal/", views.agreements, name="agreements"),
]
