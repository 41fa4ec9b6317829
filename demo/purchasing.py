"""The demo region's purchased care: providers and the agreements its operating clinics send under.

Plain data and one idempotent build. The generator (``demo.generator.purchasing``) sends long
waiters under these agreements (one per year, coded ``<base>-<year>``); the build, run after the
import, sets each agreement's ceilings from what was sent, so the demo shows one agreement well
within its ceilings, one past the 80 % warning and one at its ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from organisation.models import Clinic
from purchasing.choices import ProviderKind
from purchasing.models import Agreement, Provider, PurchasedReferral
from purchasing.services import agreement_version_record
from waitlists.models import MedicalCareArea

PROVIDERS = (
    ("ORTOPRIV", "Ortopedi Privat AB", ProviderKind.PRIVATE),
    ("REG05", "Region Östergötland", ProviderKind.REGION),
    ("KIRCENTRUM", "Kirurgcentrum Syd AB", ProviderKind.PRIVATE),
)


@dataclass(frozen=True)
class AgreementSpec:
    base: str
    name: str
    provider: str
    clinics: tuple[str, ...]
    care_areas: tuple[str, ...]  # medical care area codes (the KVÅ chapters seeded by waitlists)
    kva_codes: str
    price: int
    # The share of its ceilings this year's referrals so far fill (the demo's picture).
    use_this_year: float


AGREEMENTS = (
    AgreementSpec("ORT-RORELSE", "Ortopediska operationer", "ORTOPRIV", ("ORT",), ("kka-n",), "", 62_000, 0.86),
    AgreementSpec("OGON-KATARAKT", "Kataraktoperationer", "REG05", ("OGO",), ("kka-c",), "", 9_500, 1.0),
    AgreementSpec("KIR-DAG", "Dagkirurgi", "KIRCENTRUM", ("KIK", "KIH", "KIV"), (), "JAB30 JKA21 JKA20 JAB11", 28_000, 0.55),
)  # fmt: skip


def agreement_code(base: str, year: int) -> str:
    return f"{base}-{year}"


@transaction.atomic
def demo_purchasing_build(*, years: list[int]) -> int:
    """Providers, and each agreement for each year with ceilings sized to the imported referrals."""
    providers = {
        code: Provider.objects.update_or_create(code=code, defaults={"name": name, "kind": kind})[0]
        for code, name, kind in PROVIDERS
    }
    sent = dict(
        PurchasedReferral.objects.exclude(status="AVBRUTEN")
        .values_list("agreement_code")
        .annotate(n=Count("id"))
        .values_list("agreement_code", "n")
    )
    # Every year a referral was sent in has its agreements, besides the years asked for.
    years = sorted(
        set(years) | {d.year for d in PurchasedReferral.objects.dates("sent_date", "year")}
    )
    made = 0
    for spec in AGREEMENTS:
        clinics = list(Clinic.objects.filter(code__in=spec.clinics))
        if not clinics:
            continue
        for year in years:
            code = agreement_code(spec.base, year)
            share = spec.use_this_year if year == max(years) else 0.93
            volume = max(1, round(sent.get(code, 0) / share))
            agreement, _ = Agreement.objects.update_or_create(
                code=code,
                defaults={
                    "name": f"{spec.name} {year}",
                    "provider": providers[spec.provider],
                    "kva_codes": spec.kva_codes,
                    "price_per_case": Decimal(spec.price),
                    "volume_ceiling": volume,
                    "money_ceiling": Decimal(round(volume * spec.price * 1.05, -5)),
                    "start": date(year, 1, 1),
                    "end": date(year, 12, 31),
                    # The latest agreement's option is taken up: it runs into next year's first
                    # schedule period, which the planning page looks at.
                    "options": "Option: förlängning upp till 6 månader"
                    if year == max(years)
                    else "",
                    "extended_to": date(year + 1, 6, 30) if year == max(years) else None,
                },
            )
            agreement.clinics.set(clinics)
            agreement.care_areas.set(MedicalCareArea.objects.filter(code__in=spec.care_areas))
            agreement_version_record(agreement=agreement, user=None, how="Demo")
            made += 1
    return made
