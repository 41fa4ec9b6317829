"""Writes of purchased care: each saved state of an agreement is kept as a version."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from .models import Agreement, AgreementVersion


def agreement_state(agreement: Agreement) -> dict:
    """What an agreement says, as plain values (the content of a version)."""
    return {
        "code": agreement.code,
        "name": agreement.name,
        "provider": agreement.provider.code,
        "kva_codes": agreement.code_list(),
        "care_areas": sorted(agreement.care_areas.values_list("code", flat=True)),
        "price_per_case": str(agreement.price_per_case),
        "volume_ceiling": agreement.volume_ceiling,
        "money_ceiling": None if agreement.money_ceiling is None else str(agreement.money_ceiling),
        "start": agreement.start.isoformat(),
        "end": agreement.end.isoformat(),
        "options": agreement.options,
        "extended_to": agreement.extended_to.isoformat() if agreement.extended_to else None,
        "clinics": sorted(agreement.clinics.values_list("code", flat=True)),
    }


@transaction.atomic
def agreement_version_record(
    *, agreement: Agreement, user: User | AnonymousUser | None, how: str
) -> AgreementVersion | None:
    """Record the agreement as saved now; nothing when it says what its last version said."""
    state = agreement_state(agreement)
    last = agreement.versions.select_for_update().order_by("-number").first()
    if last is not None and last.data == state:
        return None
    before = last.data if last is not None else {}
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=(last.number if last else 0) + 1,
        saved_by=user if isinstance(user, User) else None,
        how=how[:100],
        data=state,
        changed=sorted(k for k in state if before.get(k) != state[k]),
    )
