"""How every page, message and chart writes numbers and weeks, in the language of the request.

Swedish: a decimal comma and a no-break space between thousands (”1 500”, ”20,0 %”),
weeks as ”v 49” with the year where it changes (”v 1 2027”). English follows English
conventions (”1,500”, ”20.0 %”, ”wk 49”). One definition here, so a template filter, an
import message and a chart label cannot drift apart; the charts' own axes get the same
separators from static/js/kps-charts.js.
"""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from organisation.calendar import IsoWeek

PERCENT = "\u00a0%"  # the sign kept on the figure's line


def number(value: float, digits: int = 0) -> str:
    """A figure with the language's separators; halves round away from zero, as people do."""
    # round() would go to even; floatformat does the same as this five times slower, which a
    # page of a few hundred figures notices.
    factor = 10**digits
    rounded = math.copysign(math.floor(abs(value) * factor + 0.5), value) / factor
    return number_format(
        rounded if digits else int(rounded), digits, use_l10n=True, force_grouping=True
    )


def percent(value: float, digits: int = 0) -> str:
    """A value already in per cent (20.0) as ”20,0 %”."""
    return number(value, digits) + PERCENT


def share(value: float, digits: int = 0) -> str:
    """A fraction (1.0 = all) as a percentage: 0.853 → ”85 %”."""
    return percent(value * 100, digits)


def as_week(value) -> IsoWeek:
    """An IsoWeek from ”2026-W05”, a week key 202605 or an IsoWeek."""
    if isinstance(value, IsoWeek):
        return value
    if isinstance(value, int):
        return IsoWeek.from_key(value)
    return IsoWeek.parse(str(value))


def week(value, *, with_year: bool = True) -> str:
    """”v 5 2026”, or ”v 5” where the year is said elsewhere (the previous label, a heading)."""
    w = as_week(value)
    if with_year:
        return _("v %(week)s %(year)s") % {"week": w.week, "year": w.year}
    return _("v %(week)s") % {"week": w.week}


def week_span(first, last) -> str:
    """”v 14–26 2026”, or ”v 50 2026 – v 3 2027” across a new year."""
    a, b = as_week(first), as_week(last)
    if a.year != b.year:
        return f"{week(a)} – {week(b)}"
    return _("v %(first)s–%(last)s %(year)s") % {"first": a.week, "last": b.week, "year": a.year}


def week_labels(weeks, *, most: int = 0, year_sep: str = " ") -> list[str]:
    """Labels for a run of weeks: the year on the first and wherever it changes.

    With ``most`` only every n-th week is labelled (the others get "") so no more than
    that many labels share an axis; ``year_sep`` "<br>" puts a chart's year under the week.
    """
    step = max(1, -(-len(weeks) // most)) if most else 1
    labels, year = [], None
    for i, value in enumerate(weeks):
        if i % step:
            labels.append("")
            continue
        w = as_week(value)
        label = week(w, with_year=False)
        labels.append(f"{label}{year_sep}{w.year}" if w.year != year else label)
        year = w.year
    return labels


MILLION = 1_000_000


def kronor(value: float) -> str:
    """An amount in whole kronor: ”1 234 567 kr”."""
    return _("%(amount)s kr") % {"amount": number(value)}


def money(value: float) -> str:
    """An amount as people read it: ”12,3 Mkr” from a million up, ”456 789 kr” below."""
    if abs(value) >= MILLION:
        return _("%(amount)s Mkr") % {"amount": number(value / MILLION, 1)}
    return kronor(value)
