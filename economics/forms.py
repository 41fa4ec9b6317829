"""The DRG page's filter: year, area, clinic, tertial and care form, within what the user may see."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kps.forms import economics_clinic_choice, optional_choice
from organisation import access
from organisation.models import Area

from .choices import CareForm

TERTIALS = [("", _("Hela året")), ("1", "T1"), ("2", "T2"), ("3", "T3")]


class DrgFilter(forms.Form):
    ar = forms.TypedChoiceField(
        label=_("År"),
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Det finns inga KPP-rader för det året.")},
    )
    omrade = optional_choice(
        label=_("Verksamhetsområde"),
        queryset=Area.objects.none(),
        unknown=_("Okänt verksamhetsområde."),
    )
    klinik = economics_clinic_choice()
    tertial = forms.TypedChoiceField(
        label=_("Tertial"), choices=TERTIALS, coerce=int, empty_value=None, required=False
    )
    vardform = forms.ChoiceField(
        label=_("Vårdform"), choices=[("", _("Båda")), *CareForm.choices], required=False
    )

    def __init__(self, data=None, *, user, years: list[int]):
        super().__init__(data)
        clinics = access.economics_clinics(user)
        self.fields["klinik"].queryset = clinics.order_by("name")
        self.fields["omrade"].queryset = (
            Area.objects.filter(clinics__in=clinics).distinct().order_by("name")
        )
        self.years = years or [timezone.localdate().year]
        self.fields["ar"].choices = [(str(y), str(y)) for y in self.years]

    def year(self) -> int:
        return self.cleaned_data.get("ar") or self.years[0]
