"""The follow-up: flagged referrals, ceilings at 80 % and 100 %, counts, cost, days, breaches met."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from facts.models import WaitingEntry
from purchasing import selectors
from purchasing.models import PurchasedReferral
from waitlists.models import MedicalCareArea, MedicalCareAreaCode

from .conftest import agreement

pytestmark = pytest.mark.django_db
_ids = itertools.count(1)


def referral(unit, *, provider="PRIV1", code="A1", kva="NFB49", sent=date(2026, 3, 2), status="SKICKAD",
             performed=None, cost=None, patient=""):  # fmt: skip
    return PurchasedReferral.objects.create(
        source="cosmic", referral_id=f"U{next(_ids)}", unit=unit, provider_code=provider,
        agreement_code=code, patient=patient, phase=2, kva_code=kva, sent_date=sent,
        performed_date=performed, cost=cost, status=status,
    )  # fmt: skip


def flags_of(user):
    report = selectors.purchase_followup(user=user, year=2026)
    return {f.referral_id: f.flags for f in report.flagged}


def test_a_referral_outside_its_agreement_is_accepted_but_flagged_with_the_reason(org, kps_admin):
    hip = MedicalCareArea.objects.create(code="hoft", name="Höft")
    MedicalCareAreaCode.objects.create(area=hip, classification="kka", prefix="NF")
    ortho, eye = org.clinics[0], org.clinics[1]
    agreement("A1", clinics=[ortho], kva="NHB52", areas=[hip], end=date(2026, 6, 30))
    agreement("A2", clinics=[ortho], end=date(2026, 3, 31), extended_to=date(2026, 9, 30))
    unit = org.units[0]
    fine = referral(unit, kva="NFB49")  # in the care area
    listed = referral(unit, kva="NHB52")  # a listed code
    late = referral(unit, sent=date(2026, 7, 1))
    other = referral(unit, kva="JAB30")
    extended = referral(unit, code="A2", kva="JAB30", sent=date(2026, 8, 1))  # option taken up
    unknown = referral(unit, code="A9")
    none = referral(unit, code="")
    wrong_clinic = referral(org.units[2])
    wrong_provider = referral(unit, provider="PRIV2")
    flags = flags_of(kps_admin)
    assert fine.referral_id not in flags and listed.referral_id not in flags
    assert extended.referral_id not in flags
    assert flags[late.referral_id] == ["Skickad utanför avtalets period"]
    assert flags[other.referral_id] == ["Åtgärden omfattas inte av avtalet"]
    assert flags[unknown.referral_id] == flags[none.referral_id] == ["Okänt avtal eller utan avtal"]
    assert flags[wrong_clinic.referral_id] == ["Kliniken får inte skicka enligt avtalet"]
    assert flags[wrong_provider.referral_id] == ["Avtalet gäller en annan vårdgivare"]
    assert selectors.purchase_followup(user=kps_admin, year=2026).total.flagged == 6
    assert eye  # the eye clinic may send under neither


@pytest.mark.parametrize(("sent", "level"), [(7, "ok"), (8, "varning"), (10, "nadd"), (11, "nadd")])
def test_the_volume_ceiling_warns_at_80_percent_and_is_reached_at_100(org, kps_admin, sent, level):
    agreement("A1", clinics=[org.clinics[0]], volume=10)
    for _ in range(sent):
        referral(org.units[0])
    referral(org.units[0], status="AVBRUTEN")  # a cancelled referral frees its place
    referral(org.units[0], sent=date(2025, 12, 1))  # before the agreement: not its use
    agreement("A0", clinics=[org.clinics[0]], start=date(2025, 1, 1), end=date(2025, 12, 31))
    (use,) = selectors.purchase_followup(user=kps_admin, year=2026).agreements  # 2026's only
    assert (use.volume, use.volume_level) == (sent, level)


def test_the_money_ceiling_counts_invoices_else_the_price_and_warns_from_80_percent(org, kps_admin):
    agreement("A1", clinics=[org.clinics[0]], price="10000", money="100000")
    unit = org.units[0]
    referral(unit, status="UTFORD", performed=date(2026, 3, 20), cost=Decimal("30000"))
    referral(unit, status="UTFORD", performed=date(2026, 3, 30))  # no invoice yet: the price
    for _ in range(4):
        referral(unit)  # sent: committed at the price
    # 30 000 + 10 000 + 4 × 10 000 = 80 000 of 100 000: the warning.
    (use,) = selectors.agreements_use(agreements=list(selectors.agreements_visible(user=kps_admin)))
    assert (use.money, use.money_level, use.money_room) == (
        Decimal("80000"),
        "varning",
        Decimal("20000"),
    )
    referral(unit, status="UTFORD", performed=date(2026, 4, 1), cost=Decimal("20000"))
    (use,) = selectors.agreements_use(agreements=list(selectors.agreements_visible(user=kps_admin)))
    assert (use.money, use.money_level, use.money_room) == (Decimal("100000"), "nadd", Decimal("0"))


def test_counts_cost_and_days_per_provider_clinic_and_month(org, kps_admin):
    agreement("A1", clinics=[org.clinics[0], org.clinics[1]], price="10000")
    referral(
        org.units[0],
        sent=date(2026, 3, 2),
        status="UTFORD",
        performed=date(2026, 3, 12),
        cost=Decimal("12000"),
    )
    referral(
        org.units[0], sent=date(2026, 3, 5), status="UTFORD", performed=date(2026, 4, 4)
    )  # price
    referral(org.units[2], sent=date(2026, 4, 1), status="AVBRUTEN")
    referral(org.units[2], sent=date(2026, 4, 2))
    report = selectors.purchase_followup(user=kps_admin, year=2026)
    t = report.total
    assert (t.sent, t.performed, t.cancelled, t.cost) == (4, 2, 1, Decimal("22000"))
    months = dict(report.by_month)
    assert (months[3].sent, months[3].performed, months[4].sent, months[4].cancelled) == (
        2,
        2,
        2,
        1,
    )
    clinics = dict(report.by_clinic)
    assert (clinics["Ortopedkliniken"].sent, clinics["Ögonkliniken"].sent) == (2, 2)
    assert dict(report.by_provider)["Vårdgivare PRIV1"].sent == 4
    # Days from sending to care: 10 and 30.
    assert (report.days_mean, report.days_median) == (20, 20)


def test_a_guarantee_breach_met_is_a_performed_referral_of_a_patient_waiting_over_90_days(
    org, kps_admin
):
    agreement("A1", clinics=[org.clinics[0]])
    unit, sent = org.units[0], date(2026, 3, 10)
    snapshot = date(2026, 3, 1)

    def waiting(patient, days_at_sending, **extra):
        WaitingEntry.objects.create(
            source="cosmic", snapshot_date=snapshot, waiting_id=f"V{next(_ids)}", unit=unit,
            phase=extra.pop("phase", 2), decision_date=sent - timedelta(days=days_at_sending),
            patient=patient, **extra,
        )  # fmt: skip

    waiting("p-over", 91)
    waiting("p-at", 90)  # exactly 90 days: within the guarantee
    waiting("p-pvv", 200, deviation="PVV")  # chose to wait: not a breach
    waiting("p-sent", 120)
    for patient in ("p-over", "p-at", "p-pvv"):
        referral(
            unit, sent=sent, status="UTFORD", performed=sent + timedelta(days=5), patient=patient
        )
    referral(unit, sent=sent, patient="p-sent")  # not yet performed: not met yet
    assert selectors.purchase_followup(user=kps_admin, year=2026).guarantee_breaches_met == 1
