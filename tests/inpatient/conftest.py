"""A hospital with two wards (cardiology's and orthopaedics') and a unit that is no ward, the
hand-built week the follow-up tests read (described in test_followup.py), and the orthopaedic
ward's stays of last year the bed plan's tests read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inpatient.choices import Speciality
from inpatient.models import BedDay, Episode, Ward
from organisation.models import Activity, Unit, UnitSourceCode
from planning.choices import STAFFED_BEDS
from tests import factories
from tests.api.test_schema_fuzz import _connection_kept_open_between_requests  # noqa: F401
from tests.imports.conftest import write  # noqa: F401  (fixture)


@dataclass
class Wards:
    org: factories.Org
    cardiology: Unit  # COSMIC code AVD-KAR
    orthopaedics: Unit  # COSMIC code AVD-ORT
    clinic_unit: Unit  # an outpatient unit, COSMIC code MOT-ORT: no ward


@pytest.fixture
def wards(org) -> Wards:
    ortho, _eye, cardio = org.clinics
    cardiology = Unit.objects.get(code=f"{cardio.code}-2")
    orthopaedics = Unit.objects.get(code=f"{ortho.code}-2")
    clinic_unit = Unit.objects.get(code=f"{ortho.code}-1")
    Ward.objects.create(unit=cardiology, speciality=Speciality.MEDICAL)
    Ward.objects.create(unit=orthopaedics, speciality=Speciality.SURGICAL)
    for unit, code in (
        (cardiology, "AVD-KAR"),
        (orthopaedics, "AVD-ORT"),
        (clinic_unit, "MOT-ORT"),
    ):
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=code)
    return Wards(org, cardiology, orthopaedics, clinic_unit)


STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def _episode(unit, episode_id: str, admitted: str, discharged: str | None = None) -> None:
    a, d = _at(admitted), _at(discharged) if discharged else None
    Episode.objects.create(
        source="cosmic",
        episode_id=episode_id,
        unit=unit,
        admitted_at=a,
        discharged_at=d,
        admission_date=a.date(),
        discharge_date=d.date() if d else None,
    )


@pytest.fixture
def week(wards):
    occupied = (9, 10, 11, 10, 9, 8, 8)
    over = (0, 0, 1, 0, 0, 0, 0)
    out = (0, 1, 1, 0, 0, 0, 0)
    for i in range(7):
        day = date(2026, 3, 2 + i)
        BedDay.objects.create(
            unit=wards.cardiology,
            date=day,
            source="cosmic",
            staffed=10,
            occupied=occupied[i],
            overcrowding=over[i],
            outlying=out[i],
        )
        BedDay.objects.create(
            unit=wards.orthopaedics, date=day, source="cosmic", staffed=20, occupied=15
        )
    _episode(wards.cardiology, "P1", "2026-02-27 14:00", "2026-03-04 11:00")
    _episode(wards.cardiology, "P2", "2026-03-03 10:00")
    _episode(wards.cardiology, "P3", "2026-03-05 08:00", "2026-03-05 20:00")
    return wards


@pytest.fixture
def beds_activity(db) -> Activity:
    """Made by planning's migration; made again where a transactional test's flush removed it."""
    activity, _ = Activity.objects.get_or_create(
        code=STAFFED_BEDS,
        defaults={"name": "Disponibla vårdplatser", "profession": "OVR", "minutes": 0},
    )
    return activity


def _stay(unit, n: int, day: date, hour: int = 10) -> None:
    admitted = datetime(day.year, day.month, day.day, hour, tzinfo=STOCKHOLM)
    discharged = admitted + timedelta(days=2)
    Episode.objects.create(
        source="cosmic",
        episode_id=f"{unit.id}-{day.isoformat()}-{n}",
        unit=unit,
        admitted_at=admitted,
        discharged_at=discharged,
        admission_date=admitted.date(),
        discharge_date=discharged.date(),
    )


@pytest.fixture
def last_year(wards):
    """The orthopaedic ward in 2025: every stay exactly two days; week 10 (3–9 March, no holiday)
    with two admissions a weekday and one a weekend day; week 16 (14–20 April, Good Friday the
    18th) with two admissions on each of its four working days and one on each closed day."""
    ward = wards.orthopaedics
    for i in range(7):
        day = date(2025, 3, 3) + timedelta(days=i)
        for n in range(2 if i < 5 else 1):
            _stay(ward, n, day)
    for i in range(7):
        day = date(2025, 4, 14) + timedelta(days=i)
        for n in range(2 if i < 4 else 1):
            _stay(ward, n, day)
    return wards
