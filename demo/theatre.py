"""The demo region's operating rooms: three hospitals' rooms, the clinics each room's equipment
admits, and the codes COSMIC's operation module and Orbit's session plan use for them.

Plain data and one idempotent build, called with the rest of the organisation; the generator
(``demo.generator.theatre``) places the region's operations in these rooms.
"""

from __future__ import annotations

from dataclasses import dataclass

from organisation.models import Clinic, Site, Unit, UnitSourceCode
from theatre.models import Room, RoomSourceCode

from .region import RegionSpec, UnitSpec

# (hospital, room number, name, clinics whose operations the room's equipment admits)
ROOMS = (
    ("CLD", 1, "Sal 1, laminärt flöde", ("ORT", "HAN")),
    ("CLD", 2, "Sal 2, laminärt flöde", ("ORT", "HAN")),
    ("CLD", 3, "Sal 3, ögon", ("OGO",)),
    ("CLD", 4, "Sal 4", ("ONH", "KAK", "PLA")),
    ("CLD", 5, "Sal 5", ("URO", "KVK", "KIK")),
    ("CLD", 6, "Sal 6", ("KIK", "URO", "KVK")),
    ("CLD", 7, "Sal 7", ("KVK", "KIK", "PLA", "ONH")),
    ("CLD", 8, "Sal 8, dagkirurgi", ("HUD", "HAN", "PLA", "ONH", "OGO")),
    ("HLE", 1, "Sal 1", ("KIH",)),
    ("HLE", 2, "Sal 2", ("KIH",)),
    ("VSV", 1, "Sal 1", ("KIV",)),
    ("VSV", 2, "Sal 2, dagkirurgi", ("KIV",)),
)


@dataclass(frozen=True)
class RoomSpec:
    site: str
    number: int
    name: str
    clinics: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"{self.site}-S{self.number}"

    @property
    def cosmic_code(self) -> str:
        # COSMIC's operation module and Orbit number the rooms differently.
        return f"OP{self.site}{self.number:02d}"

    @property
    def orbit_code(self) -> str:
        return f"{self.site[0]}SAL{self.number}"


def rooms_for(spec: RegionSpec) -> list[RoomSpec]:
    """The rooms of the region's hospitals whose eligible clinics the region has."""
    sites = {s.code for s in spec.sites}
    clinics = {c.code for c in spec.clinics}
    rooms = []
    for site, number, name, eligible in ROOMS:
        admitted = tuple(c for c in eligible if c in clinics)
        if site in sites and admitted:
            rooms.append(RoomSpec(site, number, name, admitted))
    return rooms


def orbit_code(unit: UnitSpec) -> str:
    return f"ORB{unit.code}"


def demo_theatre_build(*, spec: RegionSpec) -> int:
    """Rooms, their codes and eligible clinics, and Orbit's codes of the operating units."""
    for unit in spec.units:
        if unit.profile.operates:
            UnitSourceCode.objects.update_or_create(
                source="orbit",
                code=orbit_code(unit),
                defaults={"unit": Unit.objects.get(code=unit.code)},
            )
    rooms = rooms_for(spec)
    for r in rooms:
        room, _ = Room.objects.update_or_create(
            site=Site.objects.get(code=r.site), code=r.code, defaults={"name": r.name}
        )
        for source, code in (("cosmic", r.cosmic_code), ("orbit", r.orbit_code)):
            RoomSourceCode.objects.update_or_create(
                source=source, code=code, defaults={"room": room}
            )
        wanted = set(Clinic.objects.filter(code__in=r.clinics).values_list("id", flat=True))
        if set(room.clinics.values_list("id", flat=True)) != wanted:
            room.clinics.set(wanted)
    return len(rooms)
