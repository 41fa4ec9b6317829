"""Serializer fields the API's queries share, with their Swedish refusals."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


def year_field(*, first: int, last: int, help_text: Promise, out_of_range: Promise):
    """The required ``year`` of a query, from ``first`` to ``last``.

    ``out_of_range`` says the same range in words: each range is its own message to translate.
    """
    return serializers.IntegerField(
        min_value=first,
        max_value=last,
        help_text=help_text,
        error_messages={
            "required": _("Ange året (year)."),
            "invalid": _("Året ska vara ett heltal, till exempel 2026."),
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )
