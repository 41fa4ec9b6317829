"""The upload form: one or more extract files, with an optional kind and source override."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from organisation.calendar import IsoWeek

from . import registry

ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; Django's FileField takes one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [self._clean_one(f, initial) for f in files]

    def _clean_one(self, upload, initial):
        upload = super().clean(upload, initial)
        if Path(upload.name).suffix.lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("%(name)s är ingen extraktfil: importen läser .csv, .txt och .xlsx."),
                params={"name": upload.name},
                code="extension",
            )
        if upload.size == 0:
            raise forms.ValidationError(
                _("%(name)s är tom."), params={"name": upload.name}, code="empty"
            )
        return upload


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Extraktfiler"),
        help_text=_("Filnamnet anger typ, källa och datum, t.ex. kontakter_cosmic_20261121.csv."),
        error_messages={"required": _("Välj minst en fil att importera.")},
    )
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=lambda: [("", _("Enligt filnamnet")), *registry.choices()],
        required=False,
    )
    source = forms.CharField(
        label=_("Källa"),
        required=False,
        max_length=30,
        help_text=_("Lämna tomt för att ta källan från filnamnet (t.ex. cosmic, diver)."),
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9]+$",
                _("Källan skrivs med små bokstäver a–z och siffror, t.ex. cosmic."),
            )
        ],
    )

    def clean_source(self) -> str:
        return self.cleaned_data["source"].strip().lower()


class ReconciliationFilterForm(forms.Form):
    """Which part of COSMIC-against-Diver to show; a bad value is reported, not guessed at."""

    clinic = forms.ModelChoiceField(
        label=_("Klinik"), queryset=None, required=False, empty_label=_("Alla")
    )
    week_from = forms.CharField(label=_("Från vecka"), required=False, max_length=10)
    week_to = forms.CharField(label=_("Till vecka"), required=False, max_length=10)
    order = forms.ChoiceField(
        label=_("Sortera"),
        required=False,
        choices=[
            ("abs", _("Största skillnad (antal)")),
            ("pct", _("Största skillnad (%)")),
            ("week", _("Senaste vecka")),
        ],
    )

    def __init__(self, *args, clinics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinic"].queryset = clinics
        for name in ("week_from", "week_to"):
            self.fields[name].widget.attrs["placeholder"] = "2026-W05"

    def _clean_week(self, name: str) -> int | None:
        text = self.cleaned_data[name].strip()
        if not text:
            return None
        try:
            return IsoWeek.parse(text).key
        except ValueError:
            raise forms.ValidationError(
                _("Skriv veckan som år och vecka, t.ex. 2026-W05."), code="week"
            ) from None

    def clean_week_from(self) -> int | None:
        return self._clean_week("week_from")

    def clean_week_to(self) -> int | None:
        return self._clean_week("week_to")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("week_from"), cleaned.get("week_to")
        if first and last and first > last:
            raise forms.ValidationError(
                _("Från-veckan ligger efter till-veckan."), code="week_order"
            )
        return cleaned
