"""Writes of inpatient care that are not imports: marking a unit as a ward."""

from __future__ import annotations

from .choices import Speciality
from .models import Ward


def ward_mark(*, unit_id: int, speciality: str = Speciality.MEDICAL) -> Ward:
    """Make the unit a ward of the given speciality (idempotent: a second call changes nothing)."""
    ward, created = Ward.objects.get_or_create(unit_id=unit_id, defaults={"speciality": speciality})
    if not created and ward.speciality != speciality:
        ward.speciality = speciality
        ward.save(update_fields=["speciality"])
    return ward
