"""The fact tables as querysets, for selectors in other apps that aggregate them.

A queryset's ``.model`` names its table for one-statement SQL
(``table(weekly_outcomes().model)``); nothing here writes.
"""

from django.db.models import QuerySet

from ..models import (
    Booking,
    Contact,
    KvaCode,
    Population,
    Referral,
    StaffHours,
    WaitingEntry,
    WeeklyOutcome,
)


def contacts() -> QuerySet[Contact]:
    return Contact.objects.all()


def weekly_outcomes() -> QuerySet[WeeklyOutcome]:
    return WeeklyOutcome.objects.all()


def bookings() -> QuerySet[Booking]:
    return Booking.objects.all()


def staff_hours() -> QuerySet[StaffHours]:
    return StaffHours.objects.all()


def waiting_entries() -> QuerySet[WaitingEntry]:
    return WaitingEntry.objects.all()


def referrals() -> QuerySet[Referral]:
    return Referral.objects.all()


def populations() -> QuerySet[Population]:
    return Population.objects.all()


def kva_codes() -> QuerySet[KvaCode]:
    return KvaCode.objects.all()
