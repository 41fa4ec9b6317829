"""Money and DRG figures in templates, through ``kps.formatting`` (the one way of writing numbers)."""

from django import template

from kps import formatting

register = template.Library()


@register.filter
def kronor(value) -> str:
    return "–" if value is None else formatting.kronor(float(value))


@register.filter
def money(value) -> str:
    return "–" if value is None else formatting.money(float(value))


@register.filter
def figure(value, digits: int = 0) -> str:
    return "–" if value is None else formatting.number(float(value), int(digits))


@register.filter
def change(value) -> str:
    """A change as a signed share: ”+4 %”, ”−3 %”."""
    if value is None:
        return "–"
    text = formatting.share(abs(float(value)))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


@register.filter
def signed_money(value) -> str:
    """A difference in money with its sign: ”+1,2 Mkr”, ”−18 500 kr”."""
    if value is None:
        return "–"
    text = formatting.money(abs(float(value)))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text
