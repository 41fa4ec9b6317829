"""Writes for the demo: the region's organisation and its accounts, built idempotently."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from economics.models import ClinicSpecialty
from inpatient.services import ward_mark
from organisation.models import Area, Clinic, Membership, Region, Role, Site, Unit, UnitSourceCode

from .region import SOURCES, RegionSpec
from .theatre import demo_theatre_build
from .users import DEMO_AREA, DEMO_CLINIC, DEMO_USERS


def _sync(model, lookup: dict, values: dict):
    """get_or_create, then update only fields that differ: a second run writes nothing."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not created and changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)
    return obj


# Clinics of one specialty at several hospitals, whose cost per DRG point the economics page
# compares; every other clinic is its own specialty.
SPECIALTIES = {
    "KIK": "Allmänkirurgi",
    "KIH": "Allmänkirurgi",
    "KIV": "Allmänkirurgi",
    "MED": "Internmedicin",
    "MHL": "Internmedicin",
    "MVS": "Internmedicin",
}


@transaction.atomic
def demo_region_build(*, spec: RegionSpec) -> dict[str, int]:
    """Create or update the region, areas, sites, clinics, units and their source codes."""
    region = _sync(Region, {"county_code": spec.county_code}, {"name": spec.name})
    areas = {
        a.code: _sync(
            Area, {"code": a.code}, {"region": region, "name": a.name, "plan_target": a.plan_target}
        )
        for a in spec.areas
    }
    sites = {
        s.code: _sync(Site, {"code": s.code}, {"region": region, "name": s.name})
        for s in spec.sites
    }
    clinics = {
        c.code: _sync(
            Clinic, {"code": c.code}, {"area": areas[c.area], "site": sites[c.site], "name": c.name}
        )
        for c in spec.clinics
    }
    for code, clinic in clinics.items():
        _sync(
            ClinicSpecialty, {"clinic": clinic}, {"specialty": SPECIALTIES.get(code, clinic.name)}
        )
    for u in spec.units:
        unit = _sync(
            Unit,
            {"code": u.code},
            {"clinic": clinics[u.clinic], "site": sites[u.site], "name": u.name},
        )
        for source in SOURCES:
            _sync(UnitSourceCode, {"source": source, "code": u.source_code(source)}, {"unit": unit})
    for w in spec.wards:
        unit = _sync(
            Unit,
            {"code": w.code},
            {"clinic": clinics[w.clinic], "site": sites[w.site], "name": w.name},
        )
        for source in SOURCES:
            _sync(UnitSourceCode, {"source": source, "code": w.source_code(source)}, {"unit": unit})
        ward_mark(unit_id=unit.id, speciality=w.speciality)
    rooms = demo_theatre_build(spec=spec)
    return {
        "areas": len(areas),
        "sites": len(sites),
        "clinics": len(clinics),
        "units": len(spec.units),
        "wards": len(spec.wards),
        "rooms": rooms,
    }


@transaction.atomic
def demo_users_create() -> list[dict]:
    """The demo accounts with names and exactly the memberships of their role.

    Needs the demo organisation (the clinic and area in ``demo.users``).
    """
    User = get_user_model()
    clinic = Clinic.objects.get(code=DEMO_CLINIC)
    area = Area.objects.get(code=DEMO_AREA)
    for account in DEMO_USERS:
        admin = account["role"] == Role.ADMIN
        user = _sync(
            User,
            {"username": account["username"]},
            {
                "first_name": account["first_name"],
                "last_name": account["last_name"],
                "is_staff": admin,
                "is_superuser": admin,
                "is_active": True,
            },
        )
        if not user.check_password(account["password"]):
            user.set_password(account["password"])
            user.save(update_fields=["password"])
        scope = (
            {"clinic": clinic, "area": None}
            if account["scope"] == "clinic"
            else (
                {"clinic": None, "area": area}
                if account["scope"] == "area"
                else {"clinic": None, "area": None}
            )
        )
        membership = _sync(Membership, {"user": user, "role": account["role"], **scope}, {})
        Membership.objects.filter(user=user).exclude(pk=membership.pk).delete()
    return DEMO_USERS
