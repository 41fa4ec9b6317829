"""Minutes as hours and shares as per cent, for the room-time page."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes as hours with one decimal, in the page's language ("12,5")."""
    if minutes is None:
        return "–"
    return floatformat(minutes / 60, 1)


@register.filter
def percent(share) -> str:
    if share is None:
        return "–"
    return floatformat(100 * share, 1) + " %"


@register.filter
def minutes(value) -> str:
    if value is None:
        return "–"
    return floatformat(value, 0)
