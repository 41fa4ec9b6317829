from django.urls import path

from . import council_views, views

app_name = "theatre"
urlpatterns = [
    path("", views.index, name="index"),
    path("diagram/", views.chart, name="chart"),
    path("rad/", council_views.overview, name="council"),
    path("rad/diagram/", council_views.overview_chart, name="council_chart"),
    path("rad/foresla/", council_views.propose, name="propose"),
    path("rad/<int:pk>/", council_views.allocation, name="allocation"),
    path("rad/<int:pk>/utskrift/", council_views.allocation_print, name="allocation_print"),
    path("rad/<int:pk>/excel/", council_views.allocation_excel, name="allocation_excel"),
]
