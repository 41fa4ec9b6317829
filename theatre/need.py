"""The council's need picture: per operating clinic of a hospital, the room time its patients need.

For each clinic that may use one of the hospital's rooms: the operations waiting (``vantande``
fas 2, the latest snapshot) by medical priority, how many are past their medical target date
and past the care guarantee's 90 days; the queue arithmetic's relief pace (operations per week
that keep up with inflow and bring the queue to its target, ``waitlists``' own arithmetic); the
clinic's observed room minutes per operation (patient in → out plus its mean turnaround, in this
hospital's rooms over the 26 weeks before the period); hence the room hours per week its
patients need. Beside it what the clinic holds today: staffed session hours per week and the
utilisation of patient time over the same 26 weeks.

The need is the hospital's, read whole whatever the reader: the council divides the time
between all clinics, so the proposal is made from every clinic's need. What a reader is shown
is filtered afterwards (``visible_need``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from kps.figure_cache import cached
from organisation import access
from organisation.calendar import Period, default_schedule_periods
from organisation.models import Clinic, Phase, Site, Unit
from waitlists.selectors import waitlist_pace
from waitlists.selectors.common import snapshot_dates, visible_entries

from .choices import OperationStatus
from .models import Operation
from .selectors import room_utilisation

HISTORY_WEEKS = 26
GUARANTEE_DAYS = 90
# Medical priority 1 is the most urgent; a waiting operation without a priority counts as the
# least urgent. A patient past the target date (or, without one, past the guarantee) counts twice.
PRIORITY_WEIGHTS = {1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0}
UNKNOWN_PRIORITY_WEIGHT = 1.0
PAST_TARGET_FACTOR = 2.0


@dataclass
class ClinicNeed:
    """One clinic's need of room time, and what it holds today (figures as defined on the page)."""

    clinic_id: int
    clinic_code: str
    clinic_name: str
    waiting: int = 0
    # Medical priority ("1".."4", "" unknown) → operations waiting.
    by_priority: dict[str, int] = field(default_factory=dict)
    past_target: int = 0
    past_guarantee: int = 0
    weighted_waiting: float = 0.0
    inflow_per_week: float | None = None
    relief_pace: float = 0.0
    patient_minutes_per_operation: float | None = None
    turnaround_minutes_per_operation: float | None = None
    operations_observed: int = 0
    # True when the clinic had no operation to measure and the hospital's mean is used.
    minutes_from_hospital: bool = False
    room_minutes_per_operation: float | None = None
    hours_per_week_needed: float = 0.0
    held_hours_per_week: float = 0.0
    utilisation_patient_time: float | None = None

    @property
    def weight(self) -> float:
        """The mean weight of its waiting patients: medical priority and time past target."""
        return self.weighted_waiting / self.waiting if self.waiting else UNKNOWN_PRIORITY_WEIGHT

    def as_dict(self) -> dict:
        return {**asdict(self), "weight": self.weight}


@dataclass
class NeedPicture:
    site: Site
    period: Period
    snapshot: date | None
    history_start: date
    history_end: date
    clinics: list[ClinicNeed]


def coming_period(today: date | None = None) -> Period:
    """The schedule period after the one ``today`` falls in (the one the council allocates next)."""
    today = today or timezone.localdate()
    for year in (today.isocalendar().year, today.isocalendar().year + 1):
        for period in default_schedule_periods(year):
            if period.start > today:
                return period
    raise AssertionError("a year always has a next period")  # pragma: no cover


def operating_clinics(*, site_id: int) -> list[Clinic]:
    """The clinics one of the hospital's active rooms admits, by name."""
    return list(
        Clinic.objects.filter(operating_rooms__site_id=site_id, operating_rooms__active=True)
        .distinct()
        .order_by("name")
    )


def _waiting(needs: dict[int, ClinicNeed], snapshot: date | None, reader: User) -> None:
    if snapshot is None:
        return
    past_target = Q(target_date__lt=snapshot) | Q(
        target_date__isnull=True, decision_date__lt=snapshot - timedelta(days=GUARANTEE_DAYS)
    )
    over_guarantee = Q(decision_date__lt=snapshot - timedelta(days=GUARANTEE_DAYS)) & ~Q(
        deviation__in=["PVV", "MOV"]
    )
    rows = (
        visible_entries(user=reader)
        .filter(snapshot_date=snapshot, phase=Phase.PROCEDURE, unit__clinic_id__in=needs)
        .values("unit__clinic_id", "priority")
        .annotate(
            n=Count("id"),
            past=Count("id", filter=past_target),
            target_passed=Count("id", filter=Q(target_date__lt=snapshot)),
            guarantee=Count("id", filter=over_guarantee),
        )
    )
    for row in rows:
        need = needs[row["unit__clinic_id"]]
        priority = row["priority"]
        key = str(priority) if priority in PRIORITY_WEIGHTS else ""
        need.by_priority[key] = need.by_priority.get(key, 0) + row["n"]
        need.waiting += row["n"]
        need.past_target += row["target_passed"]
        need.past_guarantee += row["guarantee"]
        weight = PRIORITY_WEIGHTS.get(priority, UNKNOWN_PRIORITY_WEIGHT)
        need.weighted_waiting += weight * (row["n"] + (PAST_TARGET_FACTOR - 1) * row["past"])


def _observed_minutes(needs: dict[int, ClinicNeed], site: Site, start: date, end: date) -> None:
    """Patient in → out per performed operation, and the mean turnaround, in this hospital."""
    patient_time = ExpressionWrapper(
        F("patient_out") - F("patient_in"), output_field=DurationField()
    )
    rows = (
        Operation.objects.filter(
            room__site=site,
            date__range=(start, end),
            status=OperationStatus.PERFORMED,
            patient_in__isnull=False,
            patient_out__isnull=False,
            unit__clinic_id__in=needs,
        )
        .values("unit__clinic_id")
        .annotate(n=Count("id"), total=Sum(patient_time))
    )
    for row in rows:
        need = needs[row["unit__clinic_id"]]
        need.operations_observed = row["n"]
        need.patient_minutes_per_operation = row["total"].total_seconds() / 60 / row["n"]
    figures = room_utilisation(user=access.region_reader(), site=site, start=start, end=end)
    weeks = ((end - start).days + 1) / 7
    for named in figures.clinics:
        if named.id not in needs:
            continue
        need = needs[named.id]
        need.turnaround_minutes_per_operation = named.figures.turnaround_mean_minutes
        need.held_hours_per_week = named.figures.session_minutes / 60 / weeks
        need.utilisation_patient_time = named.figures.utilisation_patient_time


def _room_minutes(needs: dict[int, ClinicNeed]) -> None:
    """Room minutes per operation; a clinic with none measured takes the hospital's mean."""
    measured = [n for n in needs.values() if n.patient_minutes_per_operation is not None]
    operations = sum(n.operations_observed for n in measured)
    room_minutes = sum(
        n.operations_observed
        * ((n.patient_minutes_per_operation or 0.0) + (n.turnaround_minutes_per_operation or 0.0))
        for n in measured
    )
    hospital = room_minutes / operations if operations else None
    for need in needs.values():
        if need.patient_minutes_per_operation is not None:
            need.room_minutes_per_operation = need.patient_minutes_per_operation + (
                need.turnaround_minutes_per_operation or 0.0
            )
        else:
            need.room_minutes_per_operation = hospital
            need.minutes_from_hospital = hospital is not None
        if need.room_minutes_per_operation is not None:
            need.hours_per_week_needed = need.relief_pace * need.room_minutes_per_operation / 60


def council_need(*, site: Site, period: Period, today: date | None = None) -> NeedPicture:
    """Every operating clinic's need of the hospital's room time for ``period``.

    Cached until the data change (``kps.figure_cache``): the overview, its chart and the
    proposal read the same picture, and its 26 weeks of room time are the slow part.
    """
    today = today or timezone.localdate()
    return cached(
        "theatre.council_need",
        (site.id, period.start, period.end, today),
        lambda: _council_need(site=site, period=period, today=today),
        today=today,
    )


def _council_need(*, site: Site, period: Period, today: date) -> NeedPicture:
    reader = access.region_reader()
    needs = {
        c.id: ClinicNeed(clinic_id=c.id, clinic_code=c.code, clinic_name=c.name)
        for c in operating_clinics(site_id=site.id)
    }
    dates = snapshot_dates()
    snapshot = dates[-1] if dates else None
    _waiting(needs, snapshot, reader)
    for need in needs.values():
        units = list(Unit.objects.filter(clinic_id=need.clinic_id).values_list("id", flat=True))
        pace = waitlist_pace(user=reader, unit_ids=units, phase=Phase.PROCEDURE)
        need.inflow_per_week = pace.observed.demand
        # Relief below zero means the queue is already under target: nothing to catch up.
        need.relief_pace = max(pace.model.relief_capacity, 0.0)
    history_end = min(period.start, today) - timedelta(days=1)
    history_start = history_end - timedelta(weeks=HISTORY_WEEKS) + timedelta(days=1)
    _observed_minutes(needs, site, history_start, history_end)
    _room_minutes(needs)
    return NeedPicture(
        site=site,
        period=period,
        snapshot=snapshot,
        history_start=history_start,
        history_end=history_end,
        clinics=list(needs.values()),
    )


def visible_need(*, user: User | AnonymousUser, clinics: list[ClinicNeed]) -> list[ClinicNeed]:
    """The clinics' need a reader may see: their own clinics, or every clinic region-wide."""
    if access.sees_whole_region(user):
        return clinics
    visible = set(access.visible_clinics(user).values_list("id", flat=True))
    return [n for n in clinics if n.clinic_id in visible]
