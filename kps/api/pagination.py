"""Paging of the API's lists: limit and offset within bounds, and a 400 outside them.

DRF's LimitOffsetPagination passes any integer to the database; ``limit=9223372036854775808``
overflowed SQLite and PostgreSQL alike, a 500 on every list.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


class PageQuery(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MAX_LIMIT,
        required=False,
        error_messages={
            "invalid": _("Ange ett heltal."),
            "min_value": _("Får inte vara mindre än {min_value}."),
            "max_value": _("Får inte vara större än {max_value}."),
        },
    )
    offset = serializers.IntegerField(
        min_value=0,
        max_value=MAX_OFFSET,
        required=False,
        error_messages={
            "invalid": _("Ange ett heltal."),
            "min_value": _("Får inte vara mindre än {min_value}."),
            "max_value": _("Får inte vara större än {max_value}."),
        },
    )


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        query = PageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {"limit": (1, MAX_LIMIT), "offset": (0, MAX_OFFSET)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update(minimum=low, maximum=high)
        return parameters
