"""A ceiling's use on the purchased-care pages: its share and, from 80 %, a warning badge."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kps import formatting

register = template.Library()


@register.simple_tag
def ceiling_use(share, level) -> str:
    """ "72 %", "84 % ⚠ över 80 %" or "100 % taket nått"; – without a ceiling."""
    if share is None:
        return "–"
    text = formatting.share(share)
    if level == "nadd":
        return format_html('{} <span class="badge red">{}</span>', text, _("taket nått"))
    if level == "varning":
        return format_html('{} <span class="badge yellow">{}</span>', text, _("över 80 %"))
    return text
