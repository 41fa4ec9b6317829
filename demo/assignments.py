"""Production assignments for the demo region, made as the region's budget dialogue would.

The point prices of the year are set (one for outpatient care, one for inpatient care and
one for all operations), and each clinic with an approved production plan gets an assignment
proposed from it, through the assignment services as the demo administrator: this year's
approved, next year's a draft still in the dialogue.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User

from economics.assignment import services
from economics.models import Assignment, PointPrice
from organisation.models import Activity, Clinic
from planning.selectors import clinics_with_approved_plan

# Kronor per DRG point: near what Swedish regions pay per point in specialised care.
PRICES = {"OPPEN": Decimal(48_000), "SLUTEN": Decimal(52_000)}
OPERATION_PRICE = Decimal(55_000)


def demo_point_prices(*, year: int) -> None:
    for care_form, price in PRICES.items():
        PointPrice.objects.get_or_create(
            year=year, care_form=care_form, activity=None, defaults={"price": price}
        )
    operation = Activity.objects.filter(code="operation").first()
    if operation:
        PointPrice.objects.get_or_create(
            year=year, care_form="OPPEN", activity=operation, defaults={"price": OPERATION_PRICE}
        )


def demo_assignments_create(*, year: int, approver: User, approve: bool) -> int:
    """The assignments of the clinics with an approved plan for the year; returns how many were
    made. Clinics that already have one for the year are left as they are."""
    demo_point_prices(year=year)
    done = set(Assignment.objects.filter(year=year).values_list("clinic_id", flat=True))
    clinic_ids = clinics_with_approved_plan(
        clinic_ids=Clinic.objects.values_list("id", flat=True), year=year
    )
    made = 0
    for clinic in Clinic.objects.filter(id__in=clinic_ids - done).order_by("code"):
        version = services.assignment_create(clinic=clinic, year=year, user=approver)
        if approve and version.lines.exists():
            services.assignment_submit(version=version, user=approver)
            services.assignment_approve(version=version, user=approver)
        made += 1
    return made


__all__ = ["demo_assignments_create", "demo_point_prices"]
