"""A realistic half-year for the test organisation, for pages, the API and the browser tests.

Ortopedkliniken (two units) plans four activities for 2025 and 2026 and
performs most of it, with noise; week 2026-W14's extract never arrived (no
outcome anywhere in the region). The call-in follows up 2026-W20: bookings for
the next four weeks were taken on the Monday after, the waiting list is
measured every Monday, HR delivers staff hours through week 26, referrals and
contacts give the second schedule period an inflow and an outflow. The other
two clinics have plans and outcome too, so the strategic heatmap has rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from facts.models import Booking, Contact, Referral, StaffHours, WaitingEntry, WeeklyOutcome
from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import Activity
from planning.models import Plan, PlanCell, PlanStatus, PlanVersion
from waitlists.services import waiting_summary_sync

from .facts import ensure_activities

FOLLOWED_WEEK = IsoWeek(2026, 20)
MISSING_WEEK = IsoWeek(2026, 14)
# What each activity plans per unit and week (before the summer dip), and how well it goes.
VOLUMES = {
    "lak-ny": (30, 0.92),
    "lak-ater": (45, 1.02),
    "operation": (12, 0.78),
    "ssk-besok": (25, 0.97),
}


def _plan(clinic, year: int, units, scale: float) -> None:
    plan = Plan.objects.create(clinic=clinic, year=year)
    approved = timezone.make_aware(datetime(year - 1, 12, 10, 14, 0))
    version = PlanVersion.objects.create(
        plan=plan, number=1, status=PlanStatus.APPROVED, approved_at=approved
    )
    cells = []
    for unit in units:
        for code, (volume, _rate) in VOLUMES.items():
            activity = Activity.objects.get(code=code)
            for w in range(1, weeks_in_year(year) + 1):
                dip = 0.4 if 27 <= w <= 32 else 1.0
                cells.append(PlanCell(version=version, unit=unit, activity=activity, week=year * 100 + w,
                                      volume=Decimal(round(volume * scale * dip))))  # fmt: skip
    PlanCell.objects.bulk_create(cells)


def _outcome(units, weeks, scale: float, rng: random.Random) -> None:
    rows = []
    for unit in units:
        for code, (volume, rate) in VOLUMES.items():
            activity = Activity.objects.get(code=code)
            for week in weeks:
                dip = 0.4 if 27 <= week.week <= 32 else 1.0
                count = round(volume * scale * dip * rate * rng.uniform(0.85, 1.12))
                rows.append(WeeklyOutcome(unit=unit, activity=activity, week=week.key, source="cosmic",
                                          count=Decimal(count)))  # fmt: skip
    WeeklyOutcome.objects.bulk_create(rows)


def build(org, *, seed: int = 5) -> dict:
    ensure_activities()
    rng = random.Random(seed)
    # The areas' indicator target: clinics with a production plan.
    for area, target in zip(org.areas, (2, 1), strict=True):
        area.plan_target = target
        area.save(update_fields=["plan_target"])
    clinic, units = org.clinics[0], org.units[:2]
    weeks_2025 = [IsoWeek(2025, w) for w in range(1, 53)]
    weeks_2026 = [
        IsoWeek(2026, w) for w in range(1, FOLLOWED_WEEK.week + 1) if w != MISSING_WEEK.week
    ]
    for i, other in enumerate(org.clinics):
        members = [u for u in org.units if u.clinic_id == other.id]
        scale = 1.0 if i == 0 else 0.5 + 0.3 * i
        for year in (2025, 2026):
            _plan(other, year, members, scale)
        _outcome(members, weeks_2025 + weeks_2026, scale * (1.0 if i != 1 else 0.85), rng)

    meeting_day = FOLLOWED_WEEK.sunday + timedelta(days=1)
    new_visit = Activity.objects.get(code="lak-ny")
    bookings = []
    for unit in units:
        for ahead, fill in zip(range(1, 5), (0.96, 0.86, 0.7, 0.45), strict=True):
            week = FOLLOWED_WEEK + ahead
            for code, (volume, _rate) in VOLUMES.items():
                activity = Activity.objects.get(code=code)
                for n in range(round(volume * fill)):
                    bookings.append(Booking(source="cosmic", snapshot_date=meeting_day,
                                            booking_id=f"B{unit.id}-{week.key}-{activity.id}-{n}",
                                            booked_date=week.monday, week=week.key, unit=unit, activity=activity,
                                            phase=1, contact_type="BESOK", profession=activity.profession))  # fmt: skip
    Booking.objects.bulk_create(bookings)

    waiting = []
    for back in range(26):
        day = meeting_day - timedelta(weeks=back)
        for unit in units:
            size = 60 + (26 - back)
            for n in range(size):
                waited = (n * 29 + back) % 200
                phase = 4 if n % 4 == 0 else 1
                waiting.append(WaitingEntry(source="cosmic", snapshot_date=day, waiting_id=f"W{unit.id}-{n}",
                                            unit=unit, phase=phase, decision_date=day - timedelta(days=waited),
                                            target_date=(day + timedelta(days=30 - waited // 3)) if phase == 4 else None,
                                            deviation="PVV" if n % 17 == 0 else ("MOV" if n % 23 == 0 else "")))  # fmt: skip
    WaitingEntry.objects.bulk_create(waiting, batch_size=2000)
    waiting_summary_sync()  # as the import of the snapshots does when it commits

    staff = []
    for unit in units:
        for w in range(1, 27):
            staff += [StaffHours(unit=unit, week=202600 + w, profession="LAK", hours=Decimal(rng.randint(95, 130))),
                      StaffHours(unit=unit, week=202600 + w, profession="SSK", hours=Decimal(rng.randint(12, 16)))]  # fmt: skip
    StaffHours.objects.bulk_create(staff)

    referrals, contacts = [], []
    for w in range(14, 27):
        week = IsoWeek(2026, w)
        if week == MISSING_WEEK or week > FOLLOWED_WEEK:
            continue
        for unit in units:
            for n in range(rng.randint(35, 55)):
                referrals.append(Referral(source="cosmic", referral_id=f"R{unit.id}-{w}-{n}", arrival_date=week.monday,
                                          week=week.key, unit=unit, phase=1 if n % 5 else 2, status="MOTTAGEN"))  # fmt: skip
            for n in range(rng.randint(30, 50)):
                contacts.append(Contact(source="cosmic", contact_id=f"C{unit.id}-{w}-{n}", date=week.monday,
                                        week=week.key, unit=unit, activity=new_visit, phase=1, contact_type="BESOK",
                                        profession="LAK"))  # fmt: skip
    Referral.objects.bulk_create(referrals)
    Contact.objects.bulk_create(contacts)
    return {
        "clinic": clinic,
        "units": units,
        "week": FOLLOWED_WEEK,
        "today": meeting_day,
        "missing": MISSING_WEEK,
    }
