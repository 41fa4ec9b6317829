"""The error body in the OpenAPI description, declared once and added to every operation."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import is_list_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView


class ErrorSerializer(serializers.Serializer):
    """The one error body (``kps.api.exceptions``); a refusal may add fields of its own."""

    status = serializers.IntegerField(help_text="HTTP-statuskoden.")
    code = serializers.CharField(
        help_text="Felets kod för program: invalid, not_found, permission_denied …"
    )
    detail = serializers.CharField(help_text="Meddelandet till användaren, på användarens språk.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Meddelanden per fält eller parameter som var fel; tomt annars.",
    )


class KpsAutoSchema(AutoSchema):
    """Every operation may answer 400 and 403, and one that names an object 404, in the one body.

    The shapes follow what the views answer: a plain ViewSet's ``list`` gives the one object its
    serializer describes (figures for a page), not an array; and only a ``list`` action is paged,
    an extra action answering ``Serializer(many=True)`` gives a plain array unless the view
    names it in ``paginated_actions``.
    """

    def _is_list_view(self, serializer=None):
        if (
            getattr(self.view, "action", None) == "list"
            and not isinstance(self.view, GenericAPIView)
            and serializer is not None
            and not isinstance(serializer, dict)
            and not is_list_serializer(serializer)
        ):
            return False
        return super()._is_list_view(serializer)

    def _get_paginator(self):
        action = getattr(self.view, "action", "list")
        if action != "list" and action not in getattr(self.view, "paginated_actions", ()):
            return None
        return super()._get_paginator()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "403"] + (["404"] if "{" in self.path else [])
        for code in codes:
            responses.setdefault(
                code, self._get_response_for_code(ErrorSerializer, code, direction=direction)
            )
        return responses
