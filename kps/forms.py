"""Pieces of the pages' filter forms that several apps use alike."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from organisation.models import Clinic


def optional_choice(*, label: str, queryset: QuerySet, unknown: str) -> forms.ModelChoiceField:
    """A filter's choice among the rows the user may pick, "Alla" when none is picked.

    ``unknown`` is the message for a value not among them, which is also what a row the user
    may not see looks like: the page says so instead of failing.
    """
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=_("Alla"),
        error_messages={"invalid_choice": unknown},
    )


def economics_clinic_choice() -> forms.ModelChoiceField:
    """A clinic among those whose economics the user sees; the form sets the queryset from
    ``organisation.access.economics_clinics``."""
    return optional_choice(
        label=_("Klinik"),
        queryset=Clinic.objects.none(),
        unknown=_("Okänd klinik, eller en vars ekonomi du inte ser."),
    )
