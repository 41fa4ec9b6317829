"""``{% data_freshness "kontakter,produktion" %}``: how current a page's data is, with a warning.

For dashboards: it names the latest day the data covers and when it came in,
and warns when the nightly import failed or is late.
"""

from django import template
from django.utils import timezone

from imports.reports import data_freshness as freshness_of
from imports.reports import late_after_hours

register = template.Library()


@register.inclusion_tag("imports/_freshness.html")
def data_freshness(kinds: str) -> dict:
    wanted = [k.strip() for k in str(kinds).split(",") if k.strip()]
    rows = freshness_of(kinds=wanted)
    return {
        "rows": rows,
        "warnings": [f for f in rows if f.warning],
        # A kind never imported has only its warning to show.
        "fresh": [f for f in rows if f.imported_at],
        "today": timezone.localdate(),
        "late_hours": late_after_hours(),
    }
