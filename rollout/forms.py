"""Form parsing for the programme pages; the rules themselves live in ``rollout.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kps.validators import no_identity_numbers
from organisation.validators import sensible_date

from .models import ProgrammeRoleKind
from .services import MAX_TEXT


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _text(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_identity_numbers],
    )


class ProgrammeForm(forms.Form):
    decision_date = forms.DateField(
        validators=[sensible_date], label=_("Områdeschefens beslut"), widget=DateInput()
    )
    agreement_date = forms.DateField(
        validators=[sensible_date],
        label=_("Överenskommelse undertecknad"),
        required=False,
        widget=DateInput(),
    )
    start = forms.DateField(
        validators=[sensible_date], label=_("Programstart"), required=False, widget=DateInput()
    )
    planned_end = forms.DateField(
        validators=[sensible_date],
        label=_("Planerat slut"),
        required=False,
        widget=DateInput(),
        help_text=_("Tomt: ett år efter start."),
    )
    goals = _text(_("Mål"))
    expectations = _text(_("Förväntningar"))
    timeline = _text(_("Tidplan"))
    follow_up = _text(_("Uppföljning"))


class StepForm(forms.Form):
    due = forms.DateField(
        validators=[sensible_date], label=_("Senast"), required=False, widget=DateInput()
    )
    done_on = forms.DateField(
        validators=[sensible_date], label=_("Klart"), required=False, widget=DateInput()
    )
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_identity_numbers],
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=ProgrammeRoleKind.choices)
    name = forms.CharField(label=_("Namn"), required=False, max_length=150)
    username = forms.CharField(
        label=_("Användarnamn"),
        required=False,
        max_length=150,
        help_text=_("Om personen har ett konto."),
    )


def form_errors(form: forms.Form) -> str:
    """A form's errors as one line for a message, each prefixed by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return " ".join(parts)
