"""The agreements a user may see, what each says, and how much of its ceilings is used.

Use of a ceiling counts every clinic's referrals under the agreement over its whole
period, since the ceiling is the agreement's, not a clinic's:
- volume used: referrals sent or performed (a cancelled one frees its place);
- money used: the cost of the performed ones (invoiced, or the price per case while no
  invoice has come) plus the price per case of those sent and not yet performed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from organisation import access

from ..choices import ReferralStatus
from ..models import Agreement, PurchasedReferral
from ..rules import AgreementTerms, ceiling_level


def agreements_visible(*, user: User | AnonymousUser) -> QuerySet[Agreement]:
    """Agreements one of the user's economics clinics may send under (all of them region-wide)."""
    if not access.can_see_economics(user):
        return Agreement.objects.none()
    agreements = Agreement.objects.select_related("provider").prefetch_related(
        "clinics", "care_areas"
    )
    if access.sees_whole_region(user):
        return agreements.order_by("provider__name", "code")
    return (
        agreements.filter(clinics__in=access.economics_clinics(user))
        .distinct()
        .order_by("provider__name", "code")
    )


def agreement_terms() -> dict[str, AgreementTerms]:
    """Every agreement's terms by its code (upper case), for flagging referrals."""
    terms = {}
    for a in Agreement.objects.select_related("provider").prefetch_related("clinics", "care_areas"):
        terms[a.code.upper()] = AgreementTerms(
            id=a.id,
            provider_code=a.provider.code.upper(),
            start=a.start,
            last_day=a.last_day,
            kva_codes=frozenset(a.code_list()),
            care_area_ids=frozenset(c.id for c in a.care_areas.all()),
            clinic_ids=frozenset(c.id for c in a.clinics.all()),
        )
    return terms


def cost_of(status: str, cost: Decimal | None, price: Decimal | None) -> Decimal:
    """What a referral costs against the money: invoiced, else the agreement's price per case;
    a cancelled referral nothing."""
    if status == ReferralStatus.CANCELLED:
        return Decimal(0)
    if status == ReferralStatus.PERFORMED and cost is not None:
        return cost
    return price or Decimal(0)


@dataclass
class AgreementUse:
    """One agreement and how much of its ceilings is used."""

    agreement: Agreement
    volume: int
    money: Decimal

    @property
    def volume_level(self) -> str | None:
        return ceiling_level(self.volume, self.agreement.volume_ceiling)

    @property
    def money_level(self) -> str | None:
        return ceiling_level(self.money, self.agreement.money_ceiling)

    @property
    def volume_share(self) -> float | None:
        ceiling = self.agreement.volume_ceiling
        return self.volume / ceiling if ceiling else None

    @property
    def money_share(self) -> float | None:
        ceiling = self.agreement.money_ceiling
        return float(self.money / ceiling) if ceiling else None

    @property
    def volume_room(self) -> int | None:
        ceiling = self.agreement.volume_ceiling
        return max(0, ceiling - self.volume) if ceiling is not None else None

    @property
    def money_room(self) -> Decimal | None:
        ceiling = self.agreement.money_ceiling
        return max(Decimal(0), ceiling - self.money) if ceiling is not None else None

    @property
    def level(self) -> str | None:
        """The worse of the two ceilings' levels."""
        order = [None, "ok", "varning", "nadd"]
        return max(self.volume_level, self.money_level, key=order.index)


def agreements_use(*, agreements: list[Agreement]) -> list[AgreementUse]:
    """Each agreement's use of its ceilings over its period (with an option taken up)."""
    uses = {a.code.upper(): AgreementUse(a, 0, Decimal(0)) for a in agreements}
    rows = PurchasedReferral.objects.filter(agreement_code__in=list(uses)).values_list(
        "agreement_code", "status", "cost", "sent_date"
    )
    for code, status, cost, sent in rows:
        use = uses[code]
        if not use.agreement.start <= sent <= use.agreement.last_day:
            continue
        if status != ReferralStatus.CANCELLED:
            use.volume += 1
        use.money += cost_of(status, cost, use.agreement.price_per_case)
    return list(uses.values())
