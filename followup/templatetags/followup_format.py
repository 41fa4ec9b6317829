"""Swedish presentation of follow-up figures: shares as ”85 %”, weeks as ”v 5”, light words."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kps import formatting
from organisation.calendar import IsoWeek

from ..selectors.traffic import NO_HR_HOURS

register = template.Library()


def _number(value: float, digits: int) -> str:
    return formatting.number(value, digits)


@register.filter
def share(value, digits: int = 0) -> str:
    """A fraction (1.0 = as planned) as a percentage with a space before the sign; – when unknown."""
    if value is None or value == "":
        return "–"
    return formatting.share(float(value), digits)


@register.filter
def amount(value, digits: int = 0) -> str:
    """A count or volume with a space between thousands; – when unknown (not 0)."""
    if value is None or value == "":
        return "–"
    return _number(float(value), digits)


@register.filter
def signed(value) -> str:
    if value is None:
        return "–"
    text = _number(float(value), 0)
    return f"+{text}" if float(value) > 0 else text.replace("-", "−")


@register.filter
def week_label(value) -> str:
    """”2026-W05”, a week key 202605 or an IsoWeek as ”v 5 2026”."""
    return formatting.week(value)


@register.filter
def week_ranges(weeks) -> str:
    """Weeks (”2026-W14” …) as short runs: ”v 14, v 21–46 2026”, so a long gap reads at a glance."""
    parsed = sorted(IsoWeek.parse(str(w)) for w in weeks)
    runs: list[list[IsoWeek]] = []
    for week in parsed:
        if runs and week - runs[-1][-1] == 1 and week.year == runs[-1][-1].year:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = []
    for i, run in enumerate(runs):
        last_of_year = i == len(runs) - 1 or runs[i + 1][0].year != run[0].year
        if len(run) == 1:
            parts.append(formatting.week(run[0], with_year=last_of_year))
        elif last_of_year:
            parts.append(formatting.week_span(run[0], run[-1]))
        else:
            parts.append(_("v %(first)s–%(last)s") % {"first": run[0].week, "last": run[-1].week})
    return ", ".join(parts)


LEVEL_WORDS = {
    "red": gettext_lazy("Röd"),
    "yellow": gettext_lazy("Gul"),
    "green": gettext_lazy("Grön"),
    "missing": gettext_lazy("Saknas"),
}


@register.filter
def level_word(level: str) -> str:
    """The word that goes with a traffic light: the colour is never the only signal."""
    return str(LEVEL_WORDS.get(level, level))


@register.filter
def light_text(light) -> str:
    """One sentence per traffic light, saying what was judged and how it stands."""
    value = share(light.value)
    subject = light.subject
    if light.kind == "last_week":
        if light.value is None:
            return _("%(subject)s: utfallet för veckan saknas än") % {"subject": subject}
        return _("%(subject)s: %(value)s av plan veckan som följs upp") % {
            "subject": subject,
            "value": value,
        }
    if light.kind == "rolling":
        return _("%(subject)s: %(value)s av plan de senaste 12 veckorna") % {
            "subject": subject,
            "value": value,
        }
    if light.kind == "booked":
        if light.value is None:
            return _("%(subject)s: bokningsläget saknas") % {"subject": subject}
        return _("%(subject)s: %(value)s av planen bokad de kommande fyra veckorna") % {
            "subject": subject, "value": value,
        }  # fmt: skip
    if light.kind == "waiting":
        if light.level == "missing":
            return _("Väntelistan saknas för enheterna")
        if light.value is None:
            return _("Vårdgarantin, väntat över 90 dagar: %(count)s") % {"count": light.detail}
        # The per cent sign and its no-break space are added here, outside the message:
        # makemessages writes the "\u00a0" escape into the catalogue as six characters,
        # so a message holding one never found its translation.
        change = ("+" if light.value > 0 else "") + formatting.share(light.value).replace("-", "−")
        return _("Vårdgarantin, väntat över 90 dagar: %(count)s, %(change)s på fyra veckor") % {
            "count": light.detail, "change": change,
        }  # fmt: skip
    if light.kind == "staffing":
        if light.detail == NO_HR_HOURS:
            return _("%(subject)s: HR-uppgift saknas") % {"subject": subject}
        if light.value is None:
            return _("%(subject)s: bemanningen för de kommande veckorna saknas") % {
                "subject": subject
            }
        return _("%(subject)s: %(value)s av behovet bemannat de kommande fyra veckorna") % {
            "subject": subject, "value": value,
        }  # fmt: skip
    return subject


@register.filter
def light_gap(light) -> str:
    """How far a deviation (red or yellow) falls short, in its own unit; empty otherwise."""
    if not light.gap or light.level not in ("red", "yellow"):
        return ""
    gap = _number(light.gap, 0)
    if light.kind == "staffing":
        return _("%(gap)s timmar under behovet") % {"gap": gap}
    if light.kind == "booked":
        return _("%(gap)s kvar att boka") % {"gap": gap}
    if light.kind == "waiting":
        return _("%(gap)s fler än för fyra veckor sedan") % {"gap": gap}
    return _("%(gap)s under plan") % {"gap": gap}
