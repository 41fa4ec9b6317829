"""Read-only REST endpoints for the organisation, filtered by the user's access."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from . import access
from .models import Activity, Area, Clinic, Unit


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "plan_target"]


class ClinicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clinic
        fields = ["id", "code", "name", "area", "site"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "clinic", "site"]


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "code", "name", "profession", "minutes"]


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AreaSerializer

    def get_queryset(self):
        return access.visible_areas(self.request.user).order_by("name")


class ClinicViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ClinicSerializer
    not_found_message = _("Kliniken finns inte eller hör inte till dina kliniker.")

    def get_queryset(self):
        return access.visible_clinics(self.request.user).order_by("name")


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer

    def get_queryset(self):
        return access.visible_units(self.request.user).order_by("name")


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActivitySerializer
    queryset = Activity.objects.all()
