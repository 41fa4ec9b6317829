"""What waits for a user today, for the home page: gathered from each app's selectors.

Four questions, each answered within the user's access and only for the roles it concerns:
plans waiting for my approval (managers, administrators), actions past their due date in
my clinics, clinics in my area without an approved plan for next year once the schedule
clock's deadline for it has passed, and a failed or late nightly import (those who read
the import log). Every item links to the page where it is dealt with.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup import selectors as followup_selectors
from imports import registry as import_registry
from imports import reports as import_reports
from planning import selectors as planning_selectors

from . import access, selectors
from .calendar import IsoWeek
from .models import Role

# A long list is cut here, with a line saying how many more there are.
SHOWN = 8


@dataclass
class Item:
    """One thing to deal with: what it is, where to deal with it, and a detail line."""

    text: str
    url: str
    detail: str = ""


@dataclass
class Section:
    """One question of the worklist and its answer for this user."""

    key: str
    title: str
    empty: str
    items: list[Item] = field(default_factory=list)
    more: int = 0


def _cut(section: Section) -> Section:
    section.more = max(0, len(section.items) - SHOWN)
    section.items = section.items[:SHOWN]
    return section


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def approvals(user: User | AnonymousUser) -> Section:
    section = Section(
        "approvals", _("Planer som väntar på att du fastställer dem"), _("Ingen plan väntar.")
    )
    for version in planning_selectors.plans_awaiting_approval(user=user):
        plan = version.plan
        section.items.append(
            Item(
                text=_("%(clinic)s: produktionsplan %(year)s, version %(n)s")
                % {"clinic": plan.clinic.name, "year": plan.year, "n": version.number},
                url=reverse("planning:plan", args=[plan.id]),
                detail=_("Inskickad %(day)s")
                % {"day": _day(timezone.localtime(version.submitted_at).date())}
                if version.submitted_at
                else "",
            )
        )
    return _cut(section)


def overdue_actions(user: User | AnonymousUser, clinics: list, today: date) -> Section:
    section = Section(
        "actions",
        _("Åtgärder som passerat sitt datum"),
        _("Inga öppna åtgärder har passerat sitt datum."),
    )
    overdue = followup_selectors.actions_overdue(clinic_ids=[c.id for c in clinics], today=today)
    for clinic in sorted((c for c in clinics if c.id in overdue), key=lambda c: overdue[c.id][1]):
        count, earliest = overdue[clinic.id]
        section.items.append(
            Item(
                text=ngettext(
                    "%(clinic)s: %(n)s öppen åtgärd efter sitt datum",
                    "%(clinic)s: %(n)s öppna åtgärder efter sitt datum",
                    count,
                )
                % {"clinic": clinic.name, "n": count},
                url=reverse("followup:callin")
                + "?"
                + urlencode({"klinik": clinic.id})
                + "#motesanteckningar",
                detail=_("Äldsta skulle vara klar %(day)s") % {"day": _day(earliest)},
            )
        )
    return _cut(section)


def missing_plans(user: User | AnonymousUser, clinics: list, today: date) -> Section:
    """Per area: the clinics with no approved plan for next year once period 1's schedule of
    next year should have been laid (the schedule clock's lay-by date): planning without a
    plan from then on."""
    year = IsoWeek.of(today).year + 1
    section = Section(
        "plans",
        _("Kliniker utan fastställd plan för %(year)s") % {"year": year},
        _("Alla dina kliniker har en fastställd plan för %(year)s, eller så har "
          "schemaklockans sista dag för den inte passerat.") % {"year": year},
    )  # fmt: skip
    approved = planning_selectors.clinics_with_approved_plan(
        clinic_ids=[c.id for c in clinics], year=year
    )
    by_area = defaultdict(list)
    for clinic in clinics:
        if clinic.id not in approved:
            by_area[clinic.area].append(clinic)
    for area, missing in sorted(by_area.items(), key=lambda pair: pair[0].name):
        deadline = selectors.schedule_periods(area=area, year=year)[0].lay_by
        if deadline >= today:
            continue
        names = ", ".join(c.name for c in missing[:6]) + (" …" if len(missing) > 6 else "")
        section.items.append(
            Item(
                text=ngettext(
                    "%(area)s: %(n)s klinik utan fastställd plan",
                    "%(area)s: %(n)s kliniker utan fastställd plan",
                    len(missing),
                )
                % {"area": area.name, "n": len(missing)},
                url=reverse("planning:clock", args=[area.id]) + "?" + urlencode({"ar": year}),
                detail=_("Schemat för period 1 skulle läggas senast %(day)s. %(names)s")
                % {"day": _day(deadline), "names": names},
            )
        )
    return _cut(section)


def imports(user: User | AnonymousUser) -> Section:
    section = Section(
        "imports",
        _("Nattlig import som misslyckats eller dröjer"),
        _("Den nattliga importen har gått som den ska."),
    )
    nightly = [name for name, spec in import_registry.specs().items() if spec.nightly]
    for row in import_reports.data_freshness(kinds=nightly):
        if not row.warning:
            continue
        if row.failed:
            text = _("%(kind)s: senaste nattliga import misslyckades") % {"kind": row.label}
            query = {"kind": row.kind, "status": "failed"}
            detail = import_reports.shown(row.failed_message)[:200]
        else:
            text = _("%(kind)s: ingen lyckad import på över %(hours)s timmar") % {
                "kind": row.label,
                "hours": f"{import_reports.late_after_hours():.0f}",
            }
            query = {"kind": row.kind}
            detail = (
                _("Senast inläst %(day)s") % {"day": _day(row.imported_at.date())}
                if row.imported_at
                else _("Aldrig inläst")
            )
        section.items.append(
            Item(text=text, url=reverse("imports:index") + "?" + urlencode(query), detail=detail)
        )
    return _cut(section)


def worklist(*, user: User | AnonymousUser, today: date) -> list[Section]:
    """The sections that concern the user's role, in the order the home page shows them."""
    clinics = list(access.visible_clinics(user).select_related("area").order_by("name"))
    role = access.primary_role(user)
    sections = []
    if role in (Role.ADMIN, Role.MANAGER):
        sections.append(approvals(user))
    sections.append(overdue_actions(user, clinics, today))
    sections.append(missing_plans(user, clinics, today))
    if import_reports.can_view_import_log(user):
        sections.append(imports(user))
    return sections
