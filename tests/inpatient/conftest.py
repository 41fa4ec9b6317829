"""A hospital with two wards (cardiology's and orthopaedics') and a unit that is no ward, and the
hand-built week the follow-up tests read (described in test_followup.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inpatient.choices import Speciality
from inpatient.models import BedDay, Episode, Ward
from organisation.models import Unit, UnitSourceCode
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
