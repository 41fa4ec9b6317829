"""The purchased-care pages' filters and the agreement sheet's upload, within what the user may see."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kps.forms import economics_clinic_choice, optional_choice
from organisation import access
from organisation.models import Clinic, Phase

from .models import Agreement, Provider

# The care guarantee's phases: those a clinic can send patients elsewhere for.
PHASES = [(Phase.PROCEDURE.value, Phase.PROCEDURE.label), (Phase.FIRST.value, Phase.FIRST.label)]


class FollowupFilter(forms.Form):
    ar = forms.IntegerField(
        label=_("År"),
        min_value=2000,
        max_value=2200,
        required=False,
        error_messages={"invalid": _("Året ska vara ett heltal, till exempel 2026.")},
    )
    klinik = economics_clinic_choice()
    vardgivare = optional_choice(
        label=_("Vårdgivare"), queryset=Provider.objects.all(), unknown=_("Okänd vårdgivare.")
    )
    avtal = optional_choice(
        label=_("Avtal"),
        queryset=Agreement.objects.none(),
        unknown=_("Okänt avtal, eller ett du inte ser."),
    )

    def __init__(self, data=None, *, user, agreements):
        super().__init__(data)
        self.fields["klinik"].queryset = access.economics_clinics(user).order_by("name")
        self.fields["avtal"].queryset = agreements

    def year(self) -> int:
        return self.cleaned_data.get("ar") or timezone.localdate().year


class PlanFilter(forms.Form):
    klinik = forms.ModelChoiceField(
        label=_("Klinik"),
        queryset=Clinic.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Okänd klinik, eller en du inte har tillgång till.")},
    )
    fas = forms.TypedChoiceField(label=_("Väntelista"), choices=PHASES, coerce=int)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["klinik"].queryset = access.visible_clinics(user).order_by("name")


class AgreementSheetForm(forms.Form):
    fil = forms.FileField(label=_("Excel-blad med avtal (.xlsx)"))
