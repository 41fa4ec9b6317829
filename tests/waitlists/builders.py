"""Small waiting-list facts for tests: snapshots, referrals, contacts, populations, approved plans."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from facts.models import Contact, KvaCode, Population, Referral, WaitingEntry
from organisation.calendar import IsoWeek
from organisation.models import Activity, Unit
from planning.models import Plan, PlanCell, PlanStatus, PlanVersion
from waitlists.services import waiting_summary_sync

_ids = itertools.count(1)


def waiting(
    unit: Unit,
    snapshot: date,
    *,
    days: int,
    phase: int = 1,
    kva: str = "",
    deviation: str = "",
    target: date | None = None,
    county: str = "",
) -> WaitingEntry:
    """One patient who has waited ``days`` days on the snapshot day (unsaved)."""
    return WaitingEntry(
        source="cosmic",
        snapshot_date=snapshot,
        waiting_id=f"V{next(_ids)}",
        unit=unit,
        phase=phase,
        kva_code=kva,
        decision_date=snapshot - timedelta(days=days),
        target_date=target,
        deviation=deviation,
        home_county=county,
    )


def save(*entries: WaitingEntry, sync: bool = True) -> None:
    """Store entries and bring the summary the report reads in step, as an import does."""
    WaitingEntry.objects.bulk_create(entries)
    if sync:
        waiting_summary_sync()


def population(county: str, year: int, count: int) -> Population:
    return Population.objects.create(county_code=county, year=year, count=count)


def kva_text(code: str, text: str, classification: str = "kka") -> KvaCode:
    return KvaCode.objects.create(
        classification=classification, code=code, text=text, level=4, chapter=code[0]
    )


def referrals(
    unit: Unit,
    week: IsoWeek,
    count: int,
    *,
    phase: int = 1,
    kva: str = "",
    status: str = "MOTTAGEN",
):
    Referral.objects.bulk_create(
        Referral(
            source="cosmic",
            referral_id=f"R{next(_ids)}",
            arrival_date=week.monday,
            week=week.key,
            unit=unit,
            phase=phase,
            kva_code=kva,
            status=status,
        )
        for _ in range(count)
    )


def contacts(
    unit: Unit,
    day: date,
    count: int,
    *,
    phase: int = 1,
    kva: str = "",
    waited: int | None = None,
    deviation: str = "",
    activity: str = "lak-ny",
    guarantee: bool | None = None,
):
    activity_id = Activity.objects.get(code=activity).id
    Contact.objects.bulk_create(
        Contact(
            source="cosmic",
            contact_id=f"K{next(_ids)}",
            date=day,
            week=IsoWeek.of(day).key,
            unit=unit,
            activity_id=activity_id,
            phase=phase,
            contact_type="BESOK",
            profession="LAK",
            kva_codes=kva,
            decision_date=day - timedelta(days=waited) if waited is not None else None,
            deviation=deviation,
            guarantee=guarantee,
        )
        for _ in range(count)
    )


def approved_plan(
    unit: Unit, weeks: list[IsoWeek], volume: float, *, activity: str = "lak-ny"
) -> None:
    activity_id = Activity.objects.get(code=activity).id
    for year in sorted({w.year for w in weeks}):
        plan, _ = Plan.objects.get_or_create(clinic=unit.clinic, year=year)
        version, _ = PlanVersion.objects.get_or_create(
            plan=plan, status=PlanStatus.APPROVED, defaults={"number": 1}
        )
        PlanCell.objects.bulk_create(
            PlanCell(version=version, unit=unit, activity_id=activity_id, week=w.key, volume=volume)
            for w in weeks
            if w.year == year
        )
