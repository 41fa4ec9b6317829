"""Builders for a small organisation and one user per role, shared by all test modules.

The personas carry the demo's user names and passwords (``demo/users.py``), so a
test that logs in as ``ledare`` means the same role as the demo's KPS-ledare
button, without running the slow demo generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User

from demo.users import DEMO_USERS
from organisation.models import Area, Clinic, Membership, Region, Role, Site, Unit


@dataclass
class Org:
    """A region with two areas: Kirurgi holds two clinics, Medicin one; every clinic two units."""

    region: Region
    site: Site
    areas: list[Area]
    clinics: list[Clinic]
    units: list[Unit] = field(default_factory=list)


def make_org(*, county_code: str = "06", name: str = "Region Testland") -> Org:
    region = Region.objects.create(name=name, county_code=county_code)
    site = Site.objects.create(region=region, code=f"S{county_code}", name="Länssjukhuset")
    surgery = Area.objects.create(region=region, code=f"KIR{county_code}", name="Kirurgisk vård")
    medicine = Area.objects.create(region=region, code=f"MED{county_code}", name="Medicinsk vård")
    clinics = [
        Clinic.objects.create(
            area=surgery, site=site, code=f"ORT{county_code}", name="Ortopedkliniken"
        ),
        Clinic.objects.create(
            area=surgery, site=site, code=f"OGN{county_code}", name="Ögonkliniken"
        ),
        Clinic.objects.create(
            area=medicine, site=site, code=f"KAR{county_code}", name="Kardiologiska kliniken"
        ),
    ]
    units = [
        Unit.objects.create(
            clinic=clinic, site=site, code=f"{clinic.code}-{n}", name=f"{clinic.name} {label}"
        )
        for clinic in clinics
        for n, label in ((1, "mottagning"), (2, "vårdavdelning"))
    ]
    return Org(region=region, site=site, areas=[surgery, medicine], clinics=clinics, units=units)


def make_user(
    username: str,
    role: str | None,
    *,
    password: str = "test-password",
    clinic: Clinic | None = None,
    area: Area | None = None,
    **extra,
) -> User:
    """A user with one membership (or none when ``role`` is None)."""
    user = User.objects.create_user(username, password=password, **extra)
    if role:
        Membership.objects.create(user=user, role=role, clinic=clinic, area=area)
    return user


@dataclass(frozen=True)
class Persona:
    """One of the demo's accounts, placed in the test organisation as the demo places it."""

    username: str
    password: str
    role: str
    scope: str  # "clinic" (the first clinic), "area" (the first area) or "region"


PERSONAS = [
    Persona(
        username=u["username"], password=u["password"], role=u["role"], scope=u["scope"] or "region"
    )
    for u in DEMO_USERS
]


def make_persona(persona: Persona, org: Org) -> User:
    is_admin = persona.role == Role.ADMIN
    return make_user(
        persona.username,
        persona.role,
        password=persona.password,
        clinic=org.clinics[0] if persona.scope == "clinic" else None,
        area=org.areas[0] if persona.scope == "area" else None,
        # The administrator also manages the reference data in Django's admin.
        is_staff=is_admin,
        is_superuser=is_admin,
        first_name=persona.username.capitalize(),
        last_name="Testsson",
    )


def make_role_users(org: Org) -> dict[str, User]:
    """One user per demo role, keyed by user name."""
    return {persona.username: make_persona(persona, org) for persona in PERSONAS}


def app_callbacks(callbacks: list) -> list:
    """The on-commit callbacks captured, less those that move the dashboards' figure
    generation (kps.figure_cache), which every watched write queues."""
    from kps.figure_cache import figures_changed

    return [c for c in callbacks if c is not figures_changed]
