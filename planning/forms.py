"""Forms of the planning pages: starting a plan (with the proposal's goal) and reopening one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kps.validators import no_identity_numbers
from organisation.models import Clinic

from .proposal import Goal


class PlanCreateForm(forms.Form):
    klinik = forms.ModelChoiceField(queryset=Clinic.objects.none(), label=_("Klinik"))
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    start = forms.ChoiceField(
        label=_("Utgångspunkt"),
        choices=[
            ("forslag", _("Förslag från förra årets utfall, inflöde och väntelista")),
            ("tom", _("Tom plan")),
        ],
        initial="forslag",
        widget=forms.RadioSelect,
    )
    mal = forms.ChoiceField(
        label=_("Mål för väntelistan"),
        choices=[("hall", _("Håll kön på dagens nivå")), ("mal", _("Nå en målstorlek"))],
        initial="hall",
        widget=forms.RadioSelect,
    )
    malandel = forms.IntegerField(
        label=_("Målstorlek i procent av dagens kö"),
        min_value=0,
        max_value=500,
        initial=80,
        required=False,
    )
    veckor = forms.IntegerField(
        label=_("inom antal veckor"), min_value=1, max_value=104, initial=26, required=False
    )

    def __init__(self, *args, clinics: list[Clinic], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klinik"].queryset = Clinic.objects.filter(
            id__in=[c.id for c in clinics]
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("mal") == "mal":
            if data.get("malandel") is None or data.get("veckor") is None:
                raise forms.ValidationError(_("Ange målstorlek och antal veckor."))
        return data

    def goal(self) -> Goal:
        data = self.cleaned_data
        if data.get("mal") == "mal":
            return Goal(kind=Goal.TARGET, target_share=data["malandel"] / 100, weeks=data["veckor"])
        return Goal(kind=Goal.HOLD)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=3,
        validators=[no_identity_numbers],
    )
