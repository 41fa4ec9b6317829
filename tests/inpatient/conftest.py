"""A hospital with two wards (cardiology's and orthopaedics') and a unit that is no ward."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from inpatient.choices import Speciality
from inpatient.models import Ward
from organisation.models import Unit, UnitSourceCode
from tests import factories
from tests.imports.conftest import write  # noqa: F401  (fixture)


@dataclass
class Wards:
    org: factories.Org
    cardiology: Unit  # COSMIC code AVD-KAR
    orthopaedics: Unit  # COSMIC code AVD-ORT
    clinic_unit: Unit  # an outpatient unit, COSMIC code MOT-ORT: no ward


@pytest.fixture
def org(db) -> factories.Org:
    return factories.make_org()


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
