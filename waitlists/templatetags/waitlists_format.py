"""Number and week formats for the waiting-list pages (kps.formatting): a dash for "no figure",
never a misleading 0."""

from django import template

from kps import formatting

register = template.Library()
DASH = "–"


@register.filter
def amount(value, decimals: int = 0):
    """1 234 or 1 234,5 in Swedish; a dash when there is no figure."""
    if value is None or value == "":
        return DASH
    return formatting.number(float(value), int(decimals))


@register.filter
def share(value, decimals: int = 1):
    """A fraction as a percentage: 0.123 → 12,3 %."""
    if value is None or value == "":
        return DASH
    return formatting.share(float(value), int(decimals))


@register.filter
def week(value):
    """An ISO week as ”v 30 2026”; a dash when there is none."""
    if value is None or value == "":
        return DASH
    return formatting.week(value)
