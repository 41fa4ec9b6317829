"""Small display filters for plan pages: week keys and volumes as people write them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from organisation.calendar import IsoWeek

register = template.Library()


@register.filter
def isoweek(key) -> str:
    """202602 → 2026-W02."""
    try:
        return str(IsoWeek.from_key(int(key)))
    except (TypeError, ValueError):
        return ""


@register.filter
def volume(value) -> str:
    """A planned volume without trailing zeros in the current locale (12,5); – for none."""
    if value is None or value == "":
        return "–"
    number = Decimal(value).normalize()
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
