"""The error body in the OpenAPI description, declared once and added to every operation."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


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
    """Every operation may answer 400 and 403, and one that names an object 404, in the one body."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "403"] + (["404"] if "{" in self.path else [])
        for code in codes:
            responses.setdefault(
                code, self._get_response_for_code(ErrorSerializer, code, direction=direction)
            )
        return responses
