"""Swedish number formats for the waiting-list pages: a dash for "no figure", never a misleading 0."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()
DASH = "–"


@register.filter
def amount(value, decimals: int = 0):
    """1 234 or 1 234,5 in Swedish; a dash when there is no figure."""
    if value is None or value == "":
        return DASH
    return floatformat(value, f"{decimals}g")


@register.filter
def share(value, decimals: int = 1):
    """A fraction as a percentage: 0.123 → 12,3 %."""
    if value is None or value == "":
        return DASH
    return f"{floatformat(100 * value, f'{decimals}g')}\u00a0%"
