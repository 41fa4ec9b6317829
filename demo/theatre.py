"""The demo region's operating rooms: three hospitals' rooms, the clinics each room's equipment
admits, and the codes COSMIC's operation module and Orbit's session plan use for them.

Plain data and one idempotent build, called with the rest of the organisation; the generator
(``demo.generator.theatre``) places the region's operations in these rooms. Once the extracts
are loaded, the demo clinic's hospital gets a decided allocation of its room time for the
coming schedule period (``demo_allocation_create``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from organisation.models import Clinic, Role, Site, Unit, UnitSourceCode
from theatre.models import Allocation, Room, RoomSourceCode
from theatre.need import coming_period
from theatre.services import allocation_decide, allocation_propose

from .region import RegionSpec, UnitSpec
from .users import DEMO_CLINIC, DEMO_USERS

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


def demo_allocation_create(*, today: date) -> Allocation | None:
    """The demo clinic's hospital's room time for the schedule period after ``today``, proposed
    and decided by the demo clinic's head (a member of the council) through the council's
    services, so that the council pages and the plan grid's room hours show a decision.

    Leaves a hospital that already has an allocation for the period as it is; None when the
    demo organisation has no rooms for the clinic.
    """
    site = Clinic.objects.get(code=DEMO_CLINIC).site
    if not Room.objects.filter(site=site, active=True).exists():
        return None
    period = coming_period(today)
    existing = Allocation.objects.filter(site=site, start=period.start, end=period.end).first()
    if existing:
        return existing
    head = next(
        u["username"] for u in DEMO_USERS if u["role"] == Role.MANAGER and u["scope"] == "clinic"
    )
    member = User.objects.get(username=head)
    proposal = allocation_propose(site=site, period=period, user=member, today=today)
    return allocation_decide(
        allocation=proposal,
        user=member,
        note="Beslutad på operationsrådet efter förslaget, utan ändringar.",
    )
