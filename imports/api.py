"""The import log over the REST API: read-only, for those who may read the log."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action

from organisation.audit import person_data_access_record

from . import registry, reports
from .models import ImportRun, RejectedRow, RunStatus


class CanReadImportLog(permissions.BasePermission):
    message = _("Importloggen visas för administratörer, Qulturum och chefer.")

    def has_permission(self, request, view) -> bool:
        return reports.can_view_import_log(request.user)


class ImportRunSerializer(serializers.ModelSerializer):
    file_name = serializers.SerializerMethodField()
    duration_seconds = serializers.SerializerMethodField()

    class Meta:
        model = ImportRun
        fields = [
            "id", "file_name", "kind", "source", "checksum", "extract_date", "started_at", "finished_at",
            "duration_seconds", "status", "rows_read", "rows_accepted", "rows_rejected", "rows_held",
            "started_by", "message", "info",
        ]  # fmt: skip

    def get_file_name(self, run: ImportRun) -> str:
        return reports.shown(run.file_name)

    def get_duration_seconds(self, run: ImportRun) -> float | None:
        duration = reports.import_run_duration(run)
        return round(duration.total_seconds(), 3) if duration else None


class RejectedRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = RejectedRow
        fields = ["line", "column", "message"]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=registry.names()),
            OpenApiParameter("source", str),
            OpenApiParameter("status", str, enum=RunStatus.values),
        ]
    )
)
class ImportRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Every import of an extract file, newest first; filter with ?kind=, ?source= and ?status=."""

    serializer_class = ImportRunSerializer
    permission_classes = [permissions.IsAuthenticated, CanReadImportLog]

    def get_queryset(self):
        params = self.request.query_params
        return reports.import_run_list(
            user=self.request.user,
            kind=params.get("kind", ""),
            source=params.get("source", ""),
            status=params.get("status", ""),
        )

    @extend_schema(responses=RejectedRowSerializer(many=True))
    @action(detail=True, url_path="rejected-rows")
    def rejected_rows(self, request, pk=None):
        """The run's rejected rows: line, column and why, paged like the list."""
        run = self.get_object()
        rows = run.rejected_rows.order_by("line", "id")
        page = self.paginate_queryset(rows)
        person_data_access_record(
            request=request, what="api:rejected_rows", subject=f"run {run.pk}", rows=len(page or [])
        )
        return self.get_paginated_response(RejectedRowSerializer(page, many=True).data)
