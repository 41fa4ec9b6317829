"""The meeting log's forms: a meeting with deviations, new actions and the open actions' status."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kps.validators import no_identity_numbers
from organisation.validators import sensible_date

from .filters import WeekField
from .models import ActionStatus
from .services import ActionInput, DeviationInput, StatusInput

DEVIATION_ROWS = 3
ACTION_ROWS = 3


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        validators=[sensible_date],
        label=_("Mötesdatum"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    week = WeekField(label=_("Uppföljd vecka"), help_text=_("t.ex. 2026-W05"))
    attendees = forms.CharField(
        label=_("Deltagare"), max_length=300, required=False, validators=[no_identity_numbers]
    )
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_identity_numbers],
    )


class DeviationForm(forms.Form):
    """A deviation the meeting went through; rows left without a description are skipped."""

    activity = forms.TypedChoiceField(
        label=_("Aktivitet"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label=_("Avvikelse och orsak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_identity_numbers],
    )
    planned = forms.DecimalField(required=False, widget=forms.HiddenInput)
    outcome = forms.DecimalField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("Alla aktiviteter"))] + [
            (a.id, a.name) for a in activities
        ]


class ActionForm(forms.Form):
    """A new action; a row is kept when it has a title, and then needs an owner and a due date."""

    title = forms.CharField(
        label=_("Åtgärd"), max_length=300, required=False, validators=[no_identity_numbers]
    )
    owner = forms.CharField(
        label=_("Ansvarig"), max_length=150, required=False, validators=[no_identity_numbers]
    )
    due_date = forms.DateField(
        validators=[sensible_date],
        label=_("Klart senast"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deviation = forms.TypedChoiceField(
        label=_("Gäller avvikelse"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "–")] + [(n, str(n)) for n in range(1, DEVIATION_ROWS + 1)],
    )

    def clean(self):
        data = super().clean()
        if data.get("title"):
            if not data.get("owner"):
                self.add_error("owner", _("Ange vem som ansvarar för åtgärden."))
            if not data.get("due_date"):
                self.add_error("due_date", _("Ange när åtgärden ska vara klar."))
        return data


class StatusForm(forms.Form):
    """The status an open action is given at this meeting."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    comment = forms.CharField(
        label=_("Kommentar"), max_length=1000, required=False, validators=[no_identity_numbers]
    )


class MeetingLogForm:
    """The meeting form and its rows, validated together and turned into service input."""

    def __init__(self, data=None, *, activities, open_actions, initial=None, deviations_initial=()):
        self.meeting = MeetingForm(data, initial=initial, prefix="mote")
        self.deviations = [
            DeviationForm(
                data,
                prefix=f"avvikelse-{i}",
                activities=activities,
                initial=deviations_initial[i] if i < len(deviations_initial) else None,
            )
            for i in range(max(DEVIATION_ROWS, len(deviations_initial)))
        ]
        self.actions = [ActionForm(data, prefix=f"atgard-{i}") for i in range(ACTION_ROWS)]
        self.updates = [
            (
                action,
                StatusForm(data, prefix=f"status-{action.id}", initial={"status": action.status}),
            )
            for action in open_actions
        ]

    def forms(self):
        return [self.meeting, *self.deviations, *self.actions, *(form for _a, form in self.updates)]

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.forms()])  # a list: every form's errors
        held_on = self.meeting.cleaned_data.get("held_on") if self.meeting.is_valid() else None
        for action in self.actions:
            due = action.is_valid() and action.cleaned_data.get("due_date")
            # An action the meeting decides cannot have been due before the meeting.
            if held_on and due and due < held_on and action.cleaned_data.get("title"):
                action.add_error(
                    "due_date",
                    _(
                        "Datumet ligger före mötet (%(day)s). Ange mötesdagen eller ett senare datum."
                    )
                    % {"day": date_format(held_on, "j F Y")},
                )
                valid = False
        return valid

    def service_input(self) -> dict:
        """Keyword arguments for ``services.meeting_create`` (after ``is_valid``)."""
        meeting = self.meeting.cleaned_data
        kept = [
            (row, d)
            for row, d in enumerate(self.deviations, start=1)
            if d.cleaned_data.get("description")
        ]
        # Actions name a deviation by its row on the form; the service counts only the kept rows.
        position = {row: n for n, (row, _d) in enumerate(kept, start=1)}
        return {
            "held_on": meeting["held_on"],
            "week": meeting["week"].key,
            "attendees": meeting["attendees"],
            "notes": meeting["notes"],
            "deviations": [
                DeviationInput(
                    description=d.cleaned_data["description"],
                    activity_id=d.cleaned_data["activity"],
                    planned=d.cleaned_data["planned"],
                    outcome=d.cleaned_data["outcome"],
                )
                for _row, d in kept
            ],
            "actions": [
                ActionInput(
                    title=a.cleaned_data["title"],
                    owner=a.cleaned_data["owner"],
                    due_date=a.cleaned_data["due_date"],
                    deviation=position.get(a.cleaned_data["deviation"]),
                )
                for a in self.actions
                if a.cleaned_data.get("title")
            ],
            "updates": [
                StatusInput(
                    action_id=action.id,
                    status=f.cleaned_data["status"],
                    comment=f.cleaned_data["comment"],
                )
                for action, f in self.updates
            ],
        }
