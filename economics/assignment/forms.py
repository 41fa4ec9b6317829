"""The assignment pages' forms: the year chosen, a new assignment, and the lines as typed."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organisation.models import Activity
from planning.cells import CellError, parse_volume

from . import services
from .models import TERTIALS

FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearForm(forms.Form):
    ar = forms.IntegerField(
        label=_lazy("År"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={"invalid": _lazy("Året ska vara ett heltal, till exempel 2027.")},
    )

    def year(self) -> int:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("ar") or timezone.localdate().year


class CreateForm(forms.Form):
    klinik = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "invalid_choice": _lazy("Okänd klinik, eller en vars uppdrag du inte ändrar.")
        },
    )
    ar = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, data, *, clinics):
        super().__init__(data)
        self.fields["klinik"].queryset = clinics


def _number(value: str, label: str) -> Decimal:
    try:
        number = parse_volume(value)
    except CellError as error:
        raise ValidationError(f"{label}: {error}") from None
    return number if number is not None else Decimal(0)


def parse_lines(data, *, case_mix: dict) -> list[services.LineEdit]:
    """The lines the page posts: ``t1_<activity>``…``ppv_<activity>`` for each kept line, and a
    new line's activity in ``ny``; a blank points per unit takes last year's case mix."""
    data = data.copy()
    ids = [int(a) for a in data.getlist("aktivitet") if a.isdigit()]
    new = data.get("ny", "")
    if new.isdigit():
        ids.append(int(new))
        for key in [f"t{t}" for t in TERTIALS] + ["ppv"]:
            data[f"{key}_{new}"] = data.get(f"{key}_ny", "")
    removed = {int(a) for a in data.getlist("ta_bort") if a.isdigit()}
    names = dict(Activity.objects.filter(id__in=ids).values_list("id", "name"))
    lines = []
    for activity_id in ids:
        if activity_id in removed:
            continue
        name = names.get(activity_id, str(activity_id))
        volumes = tuple(_number(data.get(f"t{t}_{activity_id}", ""), name) for t in TERTIALS)
        typed = data.get(f"ppv_{activity_id}", "").strip()
        if typed:
            try:
                per_volume = Decimal(re.sub(r"\s", "", typed).replace(",", "."))
            except ArithmeticError:
                raise ValidationError(
                    _("%(name)s: ”%(value)s” är inget tal.") % {"name": name, "value": typed[:40]}
                ) from None
            if not per_volume.is_finite():
                raise ValidationError(
                    _("%(name)s: DRG-poäng per volymenhet saknas.") % {"name": name}
                )
        else:
            known = case_mix.get(activity_id)
            per_volume = (known.points_per_volume if known else None) or Decimal(0)
        lines.append(
            services.LineEdit(
                activity_id=activity_id,
                volumes=(volumes[0], volumes[1], volumes[2]),
                points_per_volume=per_volume.quantize(Decimal("0.0001")),
            )
        )
    return lines
