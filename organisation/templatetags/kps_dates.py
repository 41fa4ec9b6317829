"""Dates written the way the active language writes them."""

from __future__ import annotations

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

# Day and abbreviated month. Django's "M" capitalises the abbreviation in every language
# ("31 Dec"); Swedish writes it in lower case ("31 dec", "1 maj"), which "b" gives.
DAY_MONTH_FORMATS = {"sv": "j b"}
DAY_MONTH_DEFAULT = "j M"


@register.filter(expects_localtime=True)
def day_month(value) -> str:
    """A date as day and abbreviated month in the active language: "31 dec" in Swedish, "31 Dec" in English."""
    if value in (None, ""):
        return ""
    language = (get_language() or "").split("-")[0]
    return date_format(value, DAY_MONTH_FORMATS.get(language, DAY_MONTH_DEFAULT))
