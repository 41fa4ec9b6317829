"""Reads of inpatient care: the wards a user sees, and the bed follow-up per ward, clinic, hospital, region.

One definition per figure (DOMAIN.md, "Inpatient beds"), stated on the page:

- staffed and occupied beds: the daily measurement (``vardplatser``), as the
  mean per measured day of the beds summed over the wards;
- occupancy: Σ occupied ÷ Σ staffed over the days measured (a ratio of sums);
- överbeläggningar and utlokaliserade: the daily counts summed over the days,
  and per 100 staffed beds: 100 × Σ count ÷ Σ staffed, i.e. the mean per day
  per 100 staffed beds, as the national measures are reported;
- admissions and discharges: episodes (``vardtillfallen``) whose admission or
  discharge falls on a local day in the period;
- mean length of stay: over the episodes discharged in the period, the mean of
  discharge − admission in days (hours ÷ 24; a patient still admitted has no
  length of stay yet);
- load by weekday: admissions per such weekday in the range × the mean length
  of stay of the episodes admitted on that weekday and discharged in the range.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractIsoWeekDay, ExtractMonth
from django.utils.translation import gettext as _

from organisation import access
from organisation.calendar import IsoWeek, tertial_of_day
from organisation.models import Clinic, Site
from planning import selectors as planning_selectors

from .choices import Level, Period
from .models import BedDay, Episode, Ward

# An episode's length of stay, summed in the database (a timedelta in Python).
STAY = ExpressionWrapper(F("discharged_at") - F("admitted_at"), output_field=DurationField())
# The longest range one question may cover: five years of days.
MAX_DAYS = 5 * 366
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def visible_wards(user: User | AnonymousUser) -> QuerySet[Ward]:
    """The wards of the clinics the user may read."""
    return Ward.objects.filter(unit__clinic__in=access.visible_clinics(user)).select_related(
        "unit__clinic__site", "unit__site"
    )


def may_read(user: User | AnonymousUser) -> bool:
    """Whether the user sees at least one ward (the menu shows the section then)."""
    return visible_wards(user).exists()


def visible_sites(user: User | AnonymousUser) -> list[Site]:
    sites = {_site_of(w): None for w in visible_wards(user)}
    return sorted((s for s in sites if s is not None), key=lambda s: s.name)


def visible_ward_clinics(user: User | AnonymousUser) -> list[Clinic]:
    clinics = {w.unit.clinic: None for w in visible_wards(user)}
    return sorted(clinics, key=lambda c: c.name)


def _site_of(ward: Ward) -> Site | None:
    return ward.unit.site or ward.unit.clinic.site


@dataclass
class Figures:
    """The bed figures of one group over one period (or the whole range)."""

    days_measured: int = 0
    staffed_sum: int = 0
    occupied_sum: int = 0
    overcrowding: int = 0
    outlying: int = 0
    admissions: int = 0
    discharges: int = 0
    stay_days_sum: float = 0.0

    @property
    def staffed_beds(self) -> float | None:
        return self.staffed_sum / self.days_measured if self.days_measured else None

    @property
    def occupied_beds(self) -> float | None:
        return self.occupied_sum / self.days_measured if self.days_measured else None

    @property
    def occupancy(self) -> float | None:
        return self.occupied_sum / self.staffed_sum if self.staffed_sum else None

    @property
    def overcrowding_per_100(self) -> float | None:
        return 100 * self.overcrowding / self.staffed_sum if self.staffed_sum else None

    @property
    def outlying_per_100(self) -> float | None:
        return 100 * self.outlying / self.staffed_sum if self.staffed_sum else None

    @property
    def mean_length_of_stay(self) -> float | None:
        return self.stay_days_sum / self.discharges if self.discharges else None


@dataclass
class PeriodFigures:
    key: str
    label: str
    start: date
    end: date
    figures: Figures


@dataclass
class GroupFigures:
    """A ward, a clinic's wards, a hospital's or the region's: per period and over the range."""

    key: int
    name: str
    periods: list[PeriodFigures]
    total: Figures


@dataclass
class WeekdayLoad:
    weekday: int  # 1 Monday … 7 Sunday
    name: str
    days: int
    admissions: int
    discharged: int
    stay_days_sum: float

    @property
    def admissions_per_day(self) -> float | None:
        return self.admissions / self.days if self.days else None

    @property
    def mean_length_of_stay(self) -> float | None:
        return self.stay_days_sum / self.discharged if self.discharged else None

    @property
    def load(self) -> float | None:
        per_day, stay = self.admissions_per_day, self.mean_length_of_stay
        return None if per_day is None or stay is None else per_day * stay


@dataclass
class BedFollowup:
    start: date
    end: date
    period: str
    level: str
    wards: int
    groups: list[GroupFigures]
    total: Figures
    weekdays: list[WeekdayLoad] = field(default_factory=list)


def period_of(day: date, period: str) -> tuple[str, date, date]:
    """(key, first day, last day) of the day, week or tertial a day falls in."""
    if period == Period.DAY:
        return day.isoformat(), day, day
    if period == Period.WEEK:
        week = IsoWeek.of(day)
        return str(week), week.monday, week.monday + timedelta(days=6)
    tertial = tertial_of_day(day)
    first = date(day.year, 4 * tertial - 3, 1)
    last = date(day.year + 1, 1, 1) if tertial == 3 else date(day.year, 4 * tertial + 1, 1)
    return f"{day.year}-T{tertial}", first, last - timedelta(days=1)


def period_label(key: str, period: str) -> str:
    if period == Period.WEEK:
        week = IsoWeek.parse(key)
        return _("v %(week)s %(year)s") % {"week": week.week, "year": week.year}
    return key


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
    (both included), per group of ``level`` and per ``period``, clipped to the range."""
    wards = visible_wards(user)
    if site:
        wards = wards.filter(
            Q(unit__site_id=site) | Q(unit__site__isnull=True, unit__clinic__site_id=site)
        )
    if clinic:
        wards = wards.filter(unit__clinic_id=clinic)
    if ward:
        wards = wards.filter(unit_id=ward)
    chosen: list[Ward] = list(wards)
    group_of = {w.unit_id: _group(w, level) for w in chosen}
    unit_ids = list(group_of)
    cells: dict[tuple[int, str], Figures] = defaultdict(Figures)
    totals: dict[int, Figures] = defaultdict(Figures)
    bounds: dict[str, tuple[date, date]] = {}
    grand = Figures()

    periods: dict[date, tuple[str, date, date]] = {}

    def add(unit_id: int, day: date, **values) -> str:
        if day not in periods:  # a few hundred days, some thousand rows
            periods[day] = period_of(day, period)
        key, first, last = periods[day]
        bounds[key] = (max(first, start), min(last, end))
        group = group_of[unit_id][0]
        for figures in (cells[(group, key)], totals[group], grand):
            for name, value in values.items():
                setattr(figures, name, getattr(figures, name) + value)
        return key

    # The distinct days on which a group's wards were measured, per period and over the range.
    per_cell: dict[tuple[int, str], set[date]] = defaultdict(set)
    per_group: dict[int, set[date]] = defaultdict(set)
    every: set[date] = set()
    for unit_id, day, staffed, occupied, over, out in BedDay.objects.filter(
        unit_id__in=unit_ids, date__range=(start, end)
    ).values_list("unit_id", "date", "staffed", "occupied", "overcrowding", "outlying"):
        key = add(
            unit_id,
            day,
            staffed_sum=staffed,
            occupied_sum=occupied,
            overcrowding=over or 0,
            outlying=out or 0,
        )
        group = group_of[unit_id][0]
        per_cell[(group, key)].add(day)
        per_group[group].add(day)
        every.add(day)
    # Admissions, discharges and their lengths of stay are summed per ward and day in the
    # database (a hospital's tertial is some thousand episodes, one row per ward and day here).
    for unit_id, day, n in (
        Episode.objects.filter(unit_id__in=unit_ids, admission_date__range=(start, end))
        .values_list("unit_id", "admission_date")
        .annotate(n=Count("id"))
        .values_list("unit_id", "admission_date", "n")
    ):
        add(unit_id, day, admissions=n)
    discharged = Episode.objects.filter(unit_id__in=unit_ids, discharge_date__range=(start, end))
    for unit_id, left, n, stay in (
        discharged.values("unit_id", "discharge_date")
        .annotate(n=Count("id"), stay=Sum(STAY))
        .values_list("unit_id", "discharge_date", "n", "stay")
    ):
        assert left is not None  # the range above leaves out episodes not yet discharged
        add(unit_id, left, discharges=n, stay_days_sum=stay.total_seconds() / 86400)
    # The same discharges by the weekday they were admitted on, for the load by weekday.
    weekday_stays = {
        weekday: (n, stay.total_seconds() / 86400)
        for weekday, n, stay in discharged.annotate(weekday=ExtractIsoWeekDay("admission_date"))
        .values("weekday")
        .annotate(n=Count("id"), stay=Sum(STAY))
        .values_list("weekday", "n", "stay")
    }
    for (group, key), figures in cells.items():
        figures.days_measured = len(per_cell.get((group, key), ()))
    for group, figures in totals.items():
        figures.days_measured = len(per_group.get(group, ()))
    grand.days_measured = len(every)
    groups = []
    names = {group: name for group, name in group_of.values()}
    for group in sorted(names, key=lambda g: names[g]):
        keys = sorted(k for g, k in cells if g == group)
        groups.append(
            GroupFigures(
                key=group,
                name=names[group],
                periods=[
                    PeriodFigures(k, period_label(k, period), *bounds[k], cells[(group, k)])
                    for k in keys
                ],
                total=totals[group],
            )
        )
    return BedFollowup(
        start=start,
        end=end,
        period=period,
        level=level,
        wards=len(chosen),
        groups=groups,
        total=grand,
        weekdays=_weekdays(start, end, unit_ids, weekday_stays),
    )


def _weekdays(start: date, end: date, unit_ids: list[int], stays: dict[int, tuple[int, float]]):
    counts = dict(
        Episode.objects.filter(unit_id__in=unit_ids, admission_date__range=(start, end))
        .values_list("admission_date")
        .annotate(n=Count("id"))
        .values_list("admission_date", "n")
    )
    admissions: dict[int, int] = defaultdict(int)
    for day, n in counts.items():
        admissions[day.isoweekday()] += n
    days: dict[int, int] = defaultdict(int)
    day = start
    while day <= end:
        days[day.isoweekday()] += 1
        day += timedelta(days=1)
    return [
        WeekdayLoad(
            weekday=d,
            name=_(WEEKDAYS[d - 1]),
            days=days[d],
            admissions=admissions[d],
            discharged=stays.get(d, (0, 0.0))[0],
            stay_days_sum=stays.get(d, (0, 0.0))[1],
        )
        for d in range(1, 8)
    ]


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
