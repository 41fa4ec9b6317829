from django.urls import path

from . import views

app_name = "waitlists"
urlpatterns = [path("", views.index, name="index")]
