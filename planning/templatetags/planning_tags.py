"""Small display filters for plan pages: week keys and volumes as people write them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kps import formatting
from organisation.calendar import IsoWeek

register = template.Library()


@register.filter
def isoweek(key) -> str:
    """202602 → ”v 2 2026”, as weeks are written on every page (kps.formatting)."""
    try:
        return formatting.week(IsoWeek.from_key(int(key)))
    except (TypeError, ValueError):
        return ""


@register.filter
def week_label(value) -> str:
    """”2025-W52” → ”v 52 2025”; empty for none."""
    return formatting.week(value) if value else ""


@register.filter
def volume(value) -> str:
    """A planned volume without trailing zeros in the current locale (12,5); – for none."""
    if value is None or value == "":
        return "–"
    number = Decimal(value).normalize()
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def signed_volume(value) -> str:
    """A difference with its sign (+12, −3,5, 0), so more and less read apart at a glance."""
    if value is None or value == "":
        return "–"
    number = Decimal(value)
    text = volume(abs(number))
    if number > 0:
        return f"+{text}"
    if number < 0:
        return f"\u2212{text}"
    return text


@register.filter
def week_runs(numbers) -> str:
    """Week numbers as runs: [3, 45, 46, 47] → ”3, 45–47”, so a long stretch reads at a glance."""
    runs: list[list[int]] = []
    for number in sorted(int(n) for n in numbers or ()):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
