"""A hospital with two operating rooms: orthopaedics may use both, the eye clinic only room 2."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from organisation.models import Clinic, Site, Unit, UnitSourceCode
from tests import factories
from tests.api.test_schema_fuzz import _connection_kept_open_between_requests  # noqa: F401
from tests.imports.conftest import write  # noqa: F401  (fixture)
from theatre.models import Room, RoomSourceCode


@dataclass
class Theatre:
    org: factories.Org
    site: Site
    ortho: Clinic
    eye: Clinic
    ortho_unit: Unit
    eye_unit: Unit
    room1: Room
    room2: Room


@pytest.fixture
def org(db) -> factories.Org:
    return factories.make_org()


@pytest.fixture
def theatre(org) -> Theatre:
    ortho, eye = org.clinics[0], org.clinics[1]
    ortho_unit = Unit.objects.get(code=f"{ortho.code}-1")
    eye_unit = Unit.objects.get(code=f"{eye.code}-1")
    for unit, code in ((ortho_unit, "ORT"), (eye_unit, "OGN")):
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C-{code}")
        UnitSourceCode.objects.create(unit=unit, source="orbit", code=f"O-{code}")
    rooms = []
    for n in (1, 2):
        room = Room.objects.create(site=org.site, code=f"S{n}", name=f"Sal {n}")
        RoomSourceCode.objects.create(room=room, source="cosmic", code=f"OP{n}")
        RoomSourceCode.objects.create(room=room, source="orbit", code=f"SAL-{n}")
        rooms.append(room)
    rooms[0].clinics.set([ortho])
    rooms[1].clinics.set([ortho, eye])
    return Theatre(org, org.site, ortho, eye, ortho_unit, eye_unit, rooms[0], rooms[1])
