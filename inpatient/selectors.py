"""Reads of inpatient care: the wards a user sees, and the bed follow-up per ward, clinic, hospital, region.

The follow-up's figures and their definitions are in ``inpatient.figures``; here is who sees
which wards, how they are grouped, and what is cached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils.translation import gettext as _

from kps.figure_cache import cached
from organisation import access
from organisation.calendar import IsoWeek
from organisation.models import Clinic, Site
from planning import selectors as planning_selectors

from .choices import Level, Period
from .figures import BedFollowup, Figures, followup_figures
from .models import BedDay, Episode, Ward

# The longest range one question may cover: five years of days.
MAX_DAYS = 5 * 366


def visible_wards(user: User | AnonymousUser) -> QuerySet[Ward]:
    """The wards of the clinics the user may read."""
    return Ward.objects.filter(unit__clinic__in=access.visible_clinics(user)).select_related(
        "unit__clinic__site", "unit__site"
    )


def may_read(user: User | AnonymousUser) -> bool:
    """Whether the user sees at least one ward (the menu shows the section then)."""
    return visible_wards(user).exists()


def ward_sites(wards: Iterable[Ward]) -> list[Site]:
    """The hospitals of these wards (of ``visible_wards``), by name."""
    sites = {_site_of(w): None for w in wards}
    return sorted((s for s in sites if s is not None), key=lambda s: s.name)


def ward_clinics(wards: Iterable[Ward]) -> list[Clinic]:
    """The clinics of these wards, by name."""
    clinics = {w.unit.clinic: None for w in wards}
    return sorted(clinics, key=lambda c: c.name)


def _site_of(ward: Ward) -> Site | None:
    return ward.unit.site or ward.unit.clinic.site


def followup_groups(
    *,
    user: User | AnonymousUser,
    level: str = Level.WARD,
    site: int | None = None,
    clinic: int | None = None,
    ward: int | None = None,
) -> dict[int, tuple[int, str]]:
    """The user's wards narrowed to a hospital, clinic or ward: unit id → (id, name) of the
    group of ``level`` its figures add up in. Access is resolved here, on every request."""
    wards = visible_wards(user)
    if site:
        wards = wards.filter(
            Q(unit__site_id=site) | Q(unit__site__isnull=True, unit__clinic__site_id=site)
        )
    if clinic:
        wards = wards.filter(unit__clinic_id=clinic)
    if ward:
        wards = wards.filter(unit_id=ward)
    return {w.unit_id: _group(w, level) for w in wards}


def followup_inputs(
    groups: dict[int, tuple[int, str]], start: date, end: date, period: str, level: str
) -> tuple:
    """What the figures of ``followup_figures`` depend on, as ``kps.figure_cache`` keys them."""
    return (tuple(groups.items()), start, end, period, level)


def bed_followup(
    *,
    user: User | AnonymousUser,
    start: date,
    end: date,
    period: str = Period.WEEK,
    level: str = Level.WARD,
    site: int | None = None,
    clinic: int | None = None,
    ward: int | None = None,
) -> BedFollowup:
    """The bed figures of the user's wards (narrowed to a hospital, clinic or ward) from start to end
    (both included), per group of ``level`` and per ``period``, clipped to the range; cached
    until the data change (``kps.figure_cache``), as the dashboards' figures are."""
    groups = followup_groups(user=user, level=level, site=site, clinic=clinic, ward=ward)
    return cached(
        "inpatient:followup",
        followup_inputs(groups, start, end, period, level),
        lambda: followup_figures(groups, start, end, period, level),
    )


def _group(ward: Ward, level: str) -> tuple[int, str]:
    """The (id, name) of the group a ward's figures add up in."""
    unit = ward.unit
    if level == Level.CLINIC:
        return unit.clinic_id, unit.clinic.name
    if level == Level.SITE:
        site = _site_of(ward)
        return (site.id, site.name) if site else (0, _("Utan sjukhus"))
    if level == Level.REGION:
        return 0, _("Regionen")
    return unit.id, unit.name


@dataclass
class WardWeek:
    """One ward's week for the call-in page: the measurement against the approved bed plan."""

    unit_id: int
    name: str
    figures: Figures
    planned_beds: float | None  # the approved plan's staffed beds for the week

    @property
    def beds_against_plan(self) -> float | None:
        """Staffed beds (mean per measured day) minus the planned; negative: fewer than planned."""
        staffed = self.figures.staffed_beds
        if staffed is None or self.planned_beds is None:
            return None
        return staffed - self.planned_beds


def ward_weeks(
    *, clinic_id: int, week: IsoWeek, unit_ids: list[int] | None = None
) -> list[WardWeek]:
    """The clinic's wards (or those of ``unit_ids``) in one week, in three queries; the caller
    has checked the user's access to the clinic. Empty when the clinic has no ward."""
    wards = Ward.objects.filter(unit__clinic_id=clinic_id).select_related("unit")
    if unit_ids is not None:
        wards = wards.filter(unit_id__in=unit_ids)
    ordered: list[Ward] = sorted(wards, key=lambda w: w.unit.name)
    if not ordered:
        return []
    ids = [w.unit_id for w in ordered]
    sums = {
        row["unit_id"]: row
        for row in BedDay.objects.filter(
            unit_id__in=ids, date__range=(week.monday, week.monday + timedelta(days=6))
        )
        .values("unit_id")
        .annotate(
            days=Count("id"),
            staffed_sum=Sum("staffed"),
            occupied_sum=Sum("occupied"),
            over=Sum(Coalesce("overcrowding", 0)),
            out=Sum(Coalesce("outlying", 0)),
        )
    }
    planned = planning_selectors.plan_approved_beds(
        unit_ids=ids, first_week=week.key, last_week=week.key
    )
    result = []
    for ward in ordered:
        row: dict[str, Any] = dict(sums.get(ward.unit_id) or {})
        beds = planned.get((ward.unit_id, week.key))
        result.append(
            WardWeek(
                unit_id=ward.unit_id,
                name=ward.unit.name,
                figures=Figures(
                    days_measured=row.get("days", 0),
                    staffed_sum=row.get("staffed_sum") or 0,
                    occupied_sum=row.get("occupied_sum") or 0,
                    overcrowding=row.get("over") or 0,
                    outlying=row.get("out") or 0,
                ),
                planned_beds=None if beds is None else float(beds),
            )
        )
    return result


@dataclass
class SiteOccupancy:
    """A hospital's wards over a year: occupancy and överbeläggningar per tertial and in total."""

    site_id: int
    name: str
    tertials: dict[int, Figures]
    total: Figures

    @property
    def by_tertial(self) -> list[Figures | None]:
        """T1, T2, T3 in order; None for a tertial without measurement."""
        return [self.tertials.get(t) for t in (1, 2, 3)]

    @property
    def tertial_rows(self) -> list[dict]:
        """The same as rows naming their tertial, as the API writes them."""
        return [{"tertial": t, "figures": self.tertials.get(t)} for t in (1, 2, 3)]


def occupancy_by_site(*, clinic_ids: list[int], year: int) -> list[SiteOccupancy]:
    """The occupancy of each hospital's wards (of these clinics) per tertial of ``year``: one
    query, summed per hospital and month in the database. The caller has checked access."""
    site = Coalesce("unit__site_id", "unit__clinic__site_id")
    rows = (
        BedDay.objects.filter(
            unit__ward__isnull=False,
            unit__clinic_id__in=clinic_ids,
            date__range=(date(year, 1, 1), date(year, 12, 31)),
        )
        .annotate(
            site=site,
            site_name=Coalesce("unit__site__name", "unit__clinic__site__name"),
            month=ExtractMonth("date"),
        )
        .values("site", "site_name", "month")
        .annotate(
            days=Count("date", distinct=True),
            staffed_sum=Sum("staffed"),
            occupied_sum=Sum("occupied"),
            over=Sum(Coalesce("overcrowding", 0)),
            out=Sum(Coalesce("outlying", 0)),
        )
    )
    tertials: dict[int, dict[int, Figures]] = defaultdict(lambda: defaultdict(Figures))
    names: dict[int, str] = {}
    for row in rows:
        names[row["site"] or 0] = row["site_name"] or _("Utan sjukhus")
        figures = tertials[row["site"] or 0][(row["month"] - 1) // 4 + 1]
        figures.days_measured += row["days"]
        figures.staffed_sum += row["staffed_sum"] or 0
        figures.occupied_sum += row["occupied_sum"] or 0
        figures.overcrowding += row["over"] or 0
        figures.outlying += row["out"] or 0
    result = []
    for site_id, by_tertial in tertials.items():
        total = Figures()
        for figures in by_tertial.values():
            for name in (
                "days_measured",
                "staffed_sum",
                "occupied_sum",
                "overcrowding",
                "outlying",
            ):
                setattr(total, name, getattr(total, name) + getattr(figures, name))
        result.append(
            SiteOccupancy(
                site_id=site_id,
                name=names[site_id],
                tertials=dict(by_tertial),
                total=total,
            )
        )
    return sorted(result, key=lambda s: s.name)


def episodes() -> QuerySet[Episode]:
    """The inpatient episodes, for readers that join them by id (the economics' KPP rows)."""
    return Episode.objects.all()


def staffed_bed_days(*, clinic_id: int, year: int) -> int:
    """The staffed beds measured on the clinic's wards, summed over the days of the year."""
    total = BedDay.objects.filter(unit__clinic_id=clinic_id, date__year=year).aggregate(
        days=Sum("staffed")
    )["days"]
    return int(total or 0)
