from django.urls import path

from . import views
from .views import callin, charts, dashboards

app_name = "followup"
urlpatterns = [
    path("", views.index, name="index"),
    path("callin/", callin.callin, name="callin"),
    path("callin/utskrift/", callin.callin_print, name="callin_print"),
    path("callin/diagram/<slug:name>/", charts.callin_chart, name="callin_chart"),
    path("callin/mote/", callin.meeting_create, name="meeting_create"),
    path("atgarder/<int:pk>/status/", callin.action_status, name="action_status"),
    path("taktisk/", dashboards.tactical, name="tactical"),
    path("taktisk/diagram/<slug:name>/", charts.tactical_chart, name="tactical_chart"),
    path("strategisk/", dashboards.strategic, name="strategic"),
    path("strategisk/diagram/<slug:name>/", charts.strategic_chart, name="strategic_chart"),
]
