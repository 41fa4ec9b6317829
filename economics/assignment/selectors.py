"""Reads of production assignments: what a new one is proposed from, and its follow-up.

Definitions (DOMAIN.md, "Economics"; stated on the assignment page):

- an activity's volume is the approved production plan's, per tertial (a week counts in the
  tertial it ends in); the bed plan's staffed beds (activity ``disponibla-vardplatser``) are
  ordered as bed-days: the week's staffed beds × 7;
- expected points per unit of volume are the clinic's case mix of the activity in the year
  before: DRG points ÷ contacts over its KPP rows (outpatient rows through their contact's
  activity), and for the bed plan inpatient points ÷ staffed bed-days measured that year;
- the money is volume × points per unit × the point price of the year and care form (an
  activity's own price, e.g. one for all operations, before the care form's);
- produced points are the KPP rows of the year whose DRG has a weight, an outpatient row while
  its contact is among the contacts; in the tertial of the contact, an inpatient row in the
  tertial of its episode's discharge (in the year only when the episode is not known);
- the per-point payment is produced points × their price; the difference is payment − the
  assignment's money; year to date counts the tertials that have ended and the running one's
  share of days, against every point produced so far.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import QuerySet

from facts.selectors.sql import as_decimal, placeholders, table
from inpatient import selectors as inpatient_selectors
from kps.figure_cache import cached
from organisation import access
from organisation.calendar import IsoWeek, tertial_dates, tertial_of
from organisation.models import Clinic, Unit
from planning import selectors as planning_selectors
from planning import versioning
from planning.choices import PlanStatus

from ..choices import CareForm
from ..models import DrgWeight, KppRow
from ..tertials import YEAR_ONLY, row_tertial
from .models import TERTIALS, Assignment, AssignmentLine, AssignmentVersion, PointPrice

BED_DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class CaseMix:
    """An activity's volume and DRG points in a year: points ÷ volume is its expected points."""

    volume: Decimal
    points: Decimal

    @property
    def points_per_volume(self) -> Decimal | None:
        return self.points / self.volume if self.volume else None


def _weighted_rows(*, clinic_ids: list[int], year: int) -> list[tuple]:
    """Per (clinic, care form, activity, tertial): KPP rows with a weighted DRG and their points.

    Outpatient rows carry their contact's activity; rows without a contact are left out. The
    tertial is the DRG figures' (``tertials``): YEAR_ONLY for an inpatient row whose episode
    is not known.
    """
    kpp, unit, weight = table(KppRow), table(Unit), table(DrgWeight)
    tertial = row_tertial("k")
    marks, params = placeholders(clinic_ids)
    sql = (
        f"SELECT u.clinic_id, k.care_form, c.activity_id, {tertial.expression} AS tertial, "
        f"COUNT(*), SUM(w.weight) "
        f"FROM {kpp} k JOIN {unit} u ON u.id = k.unit_id "
        f"JOIN {weight} w ON w.year = k.year AND w.care_form = k.care_form AND w.code = k.drg_code "
        f"{tertial.joins} "
        f"WHERE k.year = %s AND u.clinic_id IN ({marks}) AND (k.care_form <> %s OR c.id IS NOT NULL) "
        f"GROUP BY u.clinic_id, k.care_form, c.activity_id, 4"
    )
    args = [*tertial.expression_params, *tertial.join_params, year, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*args, CareForm.OUTPATIENT])
        return cursor.fetchall()


def case_mix(*, clinic_id: int, year: int) -> dict[int, CaseMix]:
    """Per activity id, the clinic's volume and DRG points in the year (see the module's rules)."""
    beds = planning_selectors.staffed_beds_activity_id()
    volume: dict[int, Decimal] = defaultdict(Decimal)
    points: dict[int, Decimal] = defaultdict(Decimal)
    for _clinic, care_form, activity_id, _tertial, count, total in _weighted_rows(
        clinic_ids=[clinic_id], year=year
    ):
        if care_form == CareForm.INPATIENT:
            activity_id = beds
        elif activity_id is None:
            continue  # a contact no rule maps to an activity: in no activity's case mix
        if activity_id is None:
            continue
        points[activity_id] += as_decimal(total) or Decimal(0)
        if care_form == CareForm.OUTPATIENT:
            volume[activity_id] += count
    if beds is not None and beds in points:
        volume[beds] = Decimal(inpatient_selectors.staffed_bed_days(clinic_id=clinic_id, year=year))
    return {a: CaseMix(volume[a], points[a]) for a in points}


def plan_volumes(*, clinic_id: int, year: int) -> dict[int, list[Decimal]]:
    """Per activity id, the approved production plan's volume per tertial ([T1, T2, T3]); the
    bed plan's staffed beds as bed-days."""
    unit_ids = list(Unit.objects.filter(clinic_id=clinic_id).values_list("id", flat=True))
    volumes: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * len(TERTIALS))
    weekly = planning_selectors.plan_weekly_volumes(unit_ids=unit_ids, year=year)
    for (_unit, activity_id, week), volume in weekly.items():
        volumes[activity_id][tertial_of(IsoWeek.from_key(week)) - 1] += volume
    beds = planning_selectors.staffed_beds_activity_id()
    staffed = planning_selectors.plan_approved_beds(
        unit_ids=unit_ids, first_week=year * 100 + 1, last_week=year * 100 + 53
    )
    for (_unit, week), count in staffed.items():
        if beds is not None:
            volumes[beds][tertial_of(IsoWeek.from_key(week)) - 1] += count * BED_DAYS_PER_WEEK
    return dict(volumes)


class Prices:
    """The point prices of a year: an outpatient activity's own before its care form's; inpatient
    care (the bed plan's bed-days, the episodes produced) has its care form's price."""

    def __init__(self, year: int):
        self.year = year
        self._prices: dict[tuple[str, int | None], Decimal] = {
            (care_form, activity_id): price
            for care_form, activity_id, price in PointPrice.objects.filter(year=year)
            .order_by()
            .values_list("care_form", "activity_id", "price")
        }

    def of(self, care_form: str, activity_id: int | None) -> Decimal | None:
        if care_form == CareForm.INPATIENT:
            activity_id = None
        own = self._prices.get((care_form, activity_id))
        return own if own is not None else self._prices.get((care_form, None))


def care_forms(activity_ids) -> dict[int, str]:
    """Per activity id its care form: the bed plan's activity is inpatient care (bed-days),
    every other activity counts outpatient contacts."""
    beds = planning_selectors.staffed_beds_activity_id()
    return {a: CareForm.INPATIENT if a == beds else CareForm.OUTPATIENT for a in activity_ids}


def visible_assignments(*, user: User | AnonymousUser) -> QuerySet[Assignment]:
    return Assignment.objects.filter(clinic__in=access.economics_clinics(user)).select_related(
        "clinic__area"
    )


def version_get(*, user: User | AnonymousUser, version_id: int) -> AssignmentVersion | None:
    """The version if the user may see its clinic's economics, with its assignment loaded."""
    return (
        AssignmentVersion.objects.filter(
            pk=version_id, assignment__clinic__in=access.economics_clinics(user)
        )
        .select_related("assignment__clinic__area")
        .first()
    )


def current_version(*, assignment: Assignment) -> AssignmentVersion | None:
    """The version being worked on (draft or submitted), else the approved one, else the latest."""
    return versioning.current_version(assignment.versions.all())


def version_lines(*, version: AssignmentVersion) -> list[AssignmentLine]:
    return list(version.lines.select_related("activity"))


@dataclass
class Period:
    """The assignment against what was produced, over a tertial, the year or the year to date."""

    assigned_points: Decimal = Decimal(0)
    assigned_money: Decimal = Decimal(0)
    produced_points: Decimal = Decimal(0)
    payment: Decimal = Decimal(0)

    def add(self, other: Period) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def points_difference(self) -> Decimal:
        return self.produced_points - self.assigned_points

    @property
    def difference(self) -> Decimal:
        """What a per-point payment would give beyond (or short of) the assignment's money."""
        return self.payment - self.assigned_money

    @property
    def share(self) -> Decimal | None:
        return self.produced_points / self.assigned_points if self.assigned_points else None


@dataclass
class ClinicFollowup:
    clinic_id: int | None
    name: str
    area: str = ""
    version: AssignmentVersion | None = None
    tertials: dict[int, Period] = field(default_factory=lambda: {t: Period() for t in TERTIALS})
    year: Period = field(default_factory=Period)
    ytd: Period = field(default_factory=Period)
    # Inpatient points whose episode is not known: in the year's figures, in no tertial.
    year_only_points: Decimal = Decimal(0)


@dataclass
class Followup:
    year: int
    today: date
    clinics: list[ClinicFollowup]
    total: ClinicFollowup
    elapsed: dict[int, Decimal]  # per tertial, the share of its days gone by ``today``

    @property
    def tertial_states(self) -> list[tuple[int, str]]:
        """Per tertial: "ended", "running" or "ahead" on ``today``."""
        return [
            (t, "ended" if e >= 1 else "running" if e > 0 else "ahead")
            for t, e in self.elapsed.items()
        ]


def elapsed_shares(year: int, today: date) -> dict[int, Decimal]:
    """Per tertial, the share of its days that have ended by ``today`` (0 to 1)."""
    shares = {}
    for t in TERTIALS:
        first, last = tertial_dates(year, t)
        days = (last - first).days + 1
        gone = min(max((today - first).days, 0), days)
        shares[t] = Decimal(gone) / Decimal(days)
    return shares


def assignment_followup(
    *, clinic_ids: list[int], year: int, today: date, prices: Prices | None = None
) -> Followup:
    """Points produced against each clinic's approved assignment, per tertial and year to date.

    Four queries with the prices', whatever the number of clinics and lines.
    """
    prices = prices or Prices(year)
    clinics = list(
        Clinic.objects.filter(id__in=clinic_ids)
        .select_related("area")
        .order_by("area__name", "name")
    )
    rows = {c.id: ClinicFollowup(c.id, c.name, c.area.name) for c in clinics}
    elapsed = elapsed_shares(year, today)
    # An approved version always has lines (an empty draft cannot be submitted): one query.
    lines = AssignmentLine.objects.filter(
        version__status=PlanStatus.APPROVED,
        version__assignment__year=year,
        version__assignment__clinic_id__in=list(rows),
    ).select_related("version__assignment")
    for line in lines:
        row = rows[line.version.assignment.clinic_id]
        row.version = line.version
        for t in TERTIALS:
            points = line.points_in(t)
            period = Period(assigned_points=points, assigned_money=points * line.price_per_point)
            row.tertials[t].add(period)
            row.ytd.add(
                Period(
                    assigned_points=points * elapsed[t],
                    assigned_money=points * line.price_per_point * elapsed[t],
                )
            )
    for clinic_id, care_form, activity_id, tertial, _count, total in _weighted_rows(
        clinic_ids=list(rows), year=year
    ):
        points = as_decimal(total) or Decimal(0)
        price = prices.of(care_form, activity_id) or Decimal(0)
        produced = Period(produced_points=points, payment=points * price)
        row = rows[clinic_id]
        row.ytd.add(produced)
        if tertial == YEAR_ONLY:
            row.year_only_points += points
            row.year.add(produced)
        else:
            row.tertials[int(tertial)].add(produced)
    total = ClinicFollowup(None, "")
    for row in rows.values():
        for t in TERTIALS:
            row.year.add(row.tertials[t])
            total.tertials[t].add(row.tertials[t])
        total.year.add(row.year)
        total.ytd.add(row.ytd)
        total.year_only_points += row.year_only_points
    return Followup(
        year=year, today=today, clinics=list(rows.values()), total=total, elapsed=elapsed
    )


def assignment_followup_cached(*, clinic_ids: list[int], year: int, today: date) -> Followup:
    """``assignment_followup`` once per change of its data (``kps.figure_cache``): its statement
    reads every KPP row of the clinics' year with its contact, seconds for a whole region. An
    approval (its status change), a new price and every import move the cache on."""
    return cached(
        "assignment-followup",
        (tuple(sorted(clinic_ids)), year),
        lambda: assignment_followup(clinic_ids=clinic_ids, year=year, today=today),
        today=today,
    )
