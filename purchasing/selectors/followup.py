"""The follow-up of purchased care for a year: referrals out per provider, agreement, clinic and
month, the agreements' ceilings, days from sending to care, cost, and guarantee breaches met.

Definitions (stated on the page as well):
- a referral counts in the month it was sent; sent = every referral out, performed = status
  UTFORD, cancelled = status AVBRUTEN;
- cost: the invoiced cost of performed referrals, or the agreement's price per case where no
  invoice has come (``cost_of``); sent referrals not yet performed are committed, not cost;
- days to care: from the day sent to the day of care, over the performed referrals;
- a guarantee breach met by purchase: a performed referral whose patient, on the latest waiting
  list snapshot up to the day sent, waited at the sending clinic for the guarantee (first visit
  or operation, neither PVV nor MOV) for more than 90 days on the day sent;
- the agreements: those valid some day of the year, their ceilings' use over their period;
- flagged: accepted, but not keeping to its agreement (``purchasing.rules.referral_flags``).

The referrals of a year are a few thousand at most: read once and summed here.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User

from facts.selectors import rows as facts_rows
from organisation import access
from waitlists.selectors.common import GUARANTEE_DAYS, care_area_resolver, guarantee_waiting_q

from ..choices import Flag, ReferralStatus
from ..models import Agreement, Provider, PurchasedReferral
from ..rules import referral_flags
from .agreements import AgreementUse, agreement_terms, agreements_use, agreements_visible, cost_of


@dataclass
class Counts:
    sent: int = 0
    performed: int = 0
    cancelled: int = 0
    cost: Decimal = Decimal(0)
    flagged: int = 0

    def add(self, status: str, cost: Decimal, flagged: bool) -> None:
        self.sent += 1
        self.performed += status == ReferralStatus.PERFORMED
        self.cancelled += status == ReferralStatus.CANCELLED
        if status == ReferralStatus.PERFORMED:
            self.cost += cost
        self.flagged += flagged


@dataclass
class FlaggedReferral:
    referral_id: str
    clinic: str
    provider_code: str
    agreement_code: str
    kva_code: str
    sent: date
    flags: list[str]


@dataclass
class Followup:
    year: int
    total: Counts
    by_provider: list[tuple[str, Counts]]
    by_agreement: list[tuple[str, Counts]]
    by_clinic: list[tuple[str, Counts]]
    by_month: list[tuple[int, Counts]]
    agreements: list[AgreementUse]
    days_mean: float | None
    days_median: float | None
    guarantee_breaches_met: int
    flagged: list[FlaggedReferral] = field(default_factory=list)


def _sorted(groups: dict[str, Counts]) -> list[tuple[str, Counts]]:
    return sorted(groups.items(), key=lambda item: (-item[1].sent, item[0]))


def purchase_followup(
    *,
    user: User | AnonymousUser,
    year: int,
    clinic_id: int | None = None,
    provider_id: int | None = None,
    agreement_id: int | None = None,
) -> Followup:
    """The year's referrals out from the clinics whose economics the user may see."""
    clinics = access.economics_clinics(user)
    if clinic_id:
        clinics = clinics.filter(id=clinic_id)
    clinic_names = dict(clinics.values_list("id", "name"))
    referrals = PurchasedReferral.objects.filter(
        unit__clinic_id__in=list(clinic_names), sent_date__year=year
    )
    if provider_id:
        chosen_provider = Provider.objects.filter(id=provider_id).first()
        referrals = referrals.filter(
            provider_code=chosen_provider.code.upper() if chosen_provider else ""
        )
    if agreement_id:
        chosen = Agreement.objects.filter(id=agreement_id).first()
        referrals = referrals.filter(agreement_code=chosen.code.upper() if chosen else "")
    rows = list(
        referrals.order_by("sent_date", "referral_id").values_list(
            "referral_id", "unit__clinic_id", "provider_code", "agreement_code", "kva_code",
            "sent_date", "performed_date", "cost", "status", "patient",
        )
    )  # fmt: skip
    terms = agreement_terms()
    prices = dict(Agreement.objects.values_list("code", "price_per_case"))
    prices = {code.upper(): price for code, price in prices.items()}
    providers = {code.upper(): name for code, name in Provider.objects.values_list("code", "name")}
    area_of = care_area_resolver().area_of
    total = Counts()
    by_provider: dict[str, Counts] = defaultdict(Counts)
    by_agreement: dict[str, Counts] = defaultdict(Counts)
    by_clinic: dict[str, Counts] = defaultdict(Counts)
    by_month: dict[int, Counts] = {month: Counts() for month in range(1, 13)}
    flagged, days = [], []
    for rid, clinic_id_, provider, agreement, kva, sent, performed, cost, status, _patient in rows:
        flags = referral_flags(
            terms=terms.get(agreement),
            provider_code=provider,
            clinic_id=clinic_id_,
            kva_code=kva,
            sent=sent,
            area_of=area_of,
        )
        amount = cost_of(status, cost, prices.get(agreement))
        for counts in (
            total,
            by_provider[providers.get(provider, provider)],
            by_agreement[agreement or "–"],
            by_clinic[clinic_names[clinic_id_]],
            by_month[sent.month],
        ):
            counts.add(status, amount, bool(flags))
        if flags:
            flagged.append(
                FlaggedReferral(rid, clinic_names[clinic_id_], provider, agreement, kva, sent,
                                [str(Flag(f).label) for f in flags])
            )  # fmt: skip
        if status == ReferralStatus.PERFORMED and performed is not None:
            days.append((performed - sent).days)
    return Followup(
        year=year,
        total=total,
        by_provider=_sorted(by_provider),
        by_agreement=_sorted(by_agreement),
        by_clinic=_sorted(by_clinic),
        by_month=sorted(by_month.items()),
        agreements=agreements_use(
            agreements=[
                a
                for a in agreements_visible(user=user)
                if a.start <= date(year, 12, 31) and a.last_day >= date(year, 1, 1)
            ]
        ),
        days_mean=statistics.fmean(days) if days else None,
        days_median=statistics.median(days) if days else None,
        guarantee_breaches_met=_breaches_met(rows),
        flagged=flagged,
    )


def _breaches_met(rows: list[tuple]) -> int:
    """Performed referrals whose patient had waited past the guarantee at the sending clinic."""
    performed = [
        (patient, clinic_id, sent)
        for _r, clinic_id, _p, _a, _k, sent, _d, _c, status, patient in rows
        if status == ReferralStatus.PERFORMED and patient
    ]
    if not performed:
        return 0
    entries = (
        facts_rows.waiting_entries()
        .filter(guarantee_waiting_q(), patient__in={p for p, _c, _s in performed})
        .filter(snapshot_date__lte=max(s for _p, _c, s in performed))
        .values_list("patient", "unit__clinic_id", "snapshot_date", "decision_date")
    )
    waits: dict[tuple[str, int], list[tuple[date, date]]] = defaultdict(list)
    for patient, clinic_id, snapshot, decision in entries:
        waits[(patient, clinic_id)].append((snapshot, decision))
    met = 0
    for patient, clinic_id, sent in performed:
        before = [w for w in waits.get((patient, clinic_id), []) if w[0] <= sent]
        if not before:
            continue
        latest = max(w[0] for w in before)
        if any(
            snapshot == latest and (sent - decision).days > GUARANTEE_DAYS
            for snapshot, decision in before
        ):
            met += 1
    return met
