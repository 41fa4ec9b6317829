"""The dashboards' filters: one form per dashboard, read from the query string by pages and API alike.

Every choice is checked against what the user may see (``organisation.access``),
so a bookmarked or edited URL cannot widen the view; a bad value gets a
Swedish message instead of an error page. The lists the choices are checked
against are the ones the filter bar shows, read once (a query each), and the
cleaned form yields the ``Scope`` the selectors read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facts.choices import OutcomeSource
from facts.selectors.outcome import DEFAULT_SOURCE
from organisation import access
from organisation.calendar import IsoWeek, Period
from organisation.selectors import schedule_periods

from .selectors import Scope
from .selectors.catalogue import ActivityInfo, activity_catalogue

FIRST_YEAR, LAST_YEAR = 2000, 2100
# The query-string names; Swedish because users see, bookmark and send these URLs.
PARAMS = ("omrade", "klinik", "enhet", "aktivitet", "vecka", "ar", "period", "kalla")


@dataclass(frozen=True)
class Place:
    """A clinic the user may see, with its area."""

    id: int
    name: str
    area_id: int
    area: str
    # What the strategic view needs besides: the area's target for clinics with a plan, its region.
    plan_target: int
    region_id: int


class WeekField(forms.CharField):
    """An ISO week written 2026-W05."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            week = IsoWeek.parse(value)
        except ValueError:
            raise forms.ValidationError(
                _("”%(value)s” är ingen vecka. Skriv år och veckonummer, t.ex. 2026-W05."),
                params={"value": value[:20]},
                code="week",
            ) from None
        if not FIRST_YEAR <= week.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Välj en vecka mellan år %(first)s och %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
                code="week_range",
            )
        return week


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        message = _("Välj ett år mellan %(first)s och %(last)s.")
        params = {"first": FIRST_YEAR, "last": LAST_YEAR}
        super().__init__(required=False, **kwargs)
        self.bad = (message, params)

    def to_python(self, value):
        try:
            year = super().to_python(value)
        except forms.ValidationError:
            year = -1
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(self.bad[0], params=self.bad[1], code="year")
        return year


def _id_field(message):
    return forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": message, "min_value": message}
    )


AREA_MISSING = _("Verksamhetsområdet finns inte eller ingår inte i din behörighet.")
CLINIC_MISSING = _("Kliniken finns inte eller ingår inte i din behörighet.")
UNIT_MISSING = _("Enheten finns inte eller ingår inte i din behörighet.")
ACTIVITY_MISSING = _("Aktiviteten finns inte.")


class DashboardFilter(forms.Form):
    """The filters all dashboards share: where (area, clinic, unit), what (activity), which source."""

    omrade = _id_field(AREA_MISSING)
    klinik = _id_field(CLINIC_MISSING)
    enhet = _id_field(UNIT_MISSING)
    aktivitet = _id_field(ACTIVITY_MISSING)
    kalla = forms.ChoiceField(
        choices=OutcomeSource.choices,
        required=False,
        error_messages={
            "invalid_choice": _("Källan ”%(value)s” finns inte; välj COSMIC eller Diver.")
        },
    )

    # Whether the dashboard is about one clinic (call-in, tactical) or many (strategic).
    one_clinic = True

    def __init__(self, data, *, user, today: date | None = None):
        super().__init__(data)
        self.user = user
        self.today = today or timezone.localdate()
        # The clinics with their units, in one query: the filter bar lists the chosen clinic's
        # units, and the selectors read them.
        self.places: list[Place] = []
        self._units_of: dict[int, list[tuple[int, str]]] = {}
        for *place, unit_id, unit_name in (
            access.visible_clinics(user)
            .order_by("area__name", "name", "id", "units__name", "units__id")
            .values_list("id", "name", "area_id", "area__name", "area__plan_target", "area__region_id",
                         "units__id", "units__name")
        ):  # fmt: skip
            if place[0] not in self._units_of:
                self.places.append(Place(*place))
                self._units_of[place[0]] = []
            if unit_id is not None:
                self._units_of[place[0]].append((unit_id, unit_name))
        self.units: list[tuple[int, str]] = []
        self.catalogue: dict[int, ActivityInfo] = {}

    # --- checks ----------------------------------------------------------------------------------

    def clean_omrade(self):
        area = self.cleaned_data.get("omrade")
        if area is not None and area not in {p.area_id for p in self.places}:
            raise forms.ValidationError(AREA_MISSING, code="area")
        return area

    def clean_klinik(self):
        clinic = self.cleaned_data.get("klinik")
        if clinic is not None and clinic not in {p.id for p in self.places}:
            raise forms.ValidationError(CLINIC_MISSING, code="clinic")
        return clinic

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["kalla"] = data.get("kalla") or DEFAULT_SOURCE
        area, clinic, unit = data.get("omrade"), data.get("klinik"), data.get("enhet")
        if unit is not None and clinic is None:
            # A unit alone names its clinic, if the user may see that clinic.
            clinic = next((c for c, units in self._units_of.items() if unit in dict(units)), None)
            if clinic is None:
                raise forms.ValidationError({"enhet": UNIT_MISSING})
            data["klinik"] = clinic
        place = self.place_of(clinic)
        if place and area is not None and place.area_id != area:
            raise forms.ValidationError(_("Kliniken hör inte till det valda verksamhetsområdet."))
        if self.one_clinic and place is None:
            candidates = [p for p in self.places if area is None or p.area_id == area]
            if not candidates:
                raise forms.ValidationError(_("Du är inte kopplad till någon klinik än."))
            place = candidates[0]
            data["klinik"] = place.id
        if place is not None:
            self.units = self._units_of[place.id]
            if unit is not None and unit not in dict(self.units):
                raise forms.ValidationError(_("Enheten hör inte till den valda kliniken."))
        self.catalogue = activity_catalogue(clinic_id=place.id if place else None)
        if data.get("aktivitet") is not None and data["aktivitet"] not in self.catalogue:
            raise forms.ValidationError({"aktivitet": ACTIVITY_MISSING})
        return data

    def place_of(self, clinic_id: int | None) -> Place | None:
        return next((p for p in self.places if p.id == clinic_id), None)

    # --- what the selectors need -------------------------------------------------------------

    @property
    def clinic(self) -> Place:
        return self.place_of(self.cleaned_data["klinik"])

    @property
    def unit(self) -> tuple[int, str] | None:
        unit = self.cleaned_data.get("enhet")
        return (unit, dict(self.units)[unit]) if unit is not None else None

    @property
    def source(self) -> str:
        return self.cleaned_data["kalla"]

    @property
    def activity(self) -> ActivityInfo | None:
        activity = self.cleaned_data.get("aktivitet")
        return self.catalogue[activity] if activity is not None else None

    def scope_units(self) -> list[tuple[int, str]]:
        """The units looked at: the chosen unit, else all of the clinic's."""
        return [self.unit] if self.unit else self.units

    def scope(self) -> Scope:
        activity = self.activity
        return Scope(
            clinic_ids=(self.clinic.id,),
            unit_ids=tuple(u for u, _n in self.scope_units()),
            activity_ids=(activity.id,) if activity else None,
            source=self.source,
        )

    def query(self, **changes) -> dict[str, str]:
        """The filter as query-string values, for chart, download and API links of the same view."""
        values = {}
        for name in PARAMS:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                values[name] = str(value)
        values.update({k: str(v) for k, v in changes.items() if v is not None})
        return values

    def shown(self) -> dict[str, str]:
        """What the filter bar's free-text fields show: the cleaned value, or what was typed."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: str(cleaned.get(name) or self.data.get(name, "") or "")
            for name in ("vecka", "ar")
            if name in self.fields
        }

    def error_text(self) -> str:
        """All messages in one line, for the API and chart responses."""
        return " ".join(str(m) for messages in self.errors.values() for m in messages)


class CallInFilter(DashboardFilter):
    """The call-in: a clinic or one of its units, and the week followed up (by default last week)."""

    vecka = WeekField(required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("vecka"):
            data["vecka"] = IsoWeek.of(self.today) - 1
        return data

    @property
    def week(self) -> IsoWeek:
        return self.cleaned_data["vecka"]


class TacticalFilter(DashboardFilter):
    """The tactical view: a clinic (or unit) and one schedule period of a year."""

    ar = YearField()
    period = forms.TypedChoiceField(
        choices=[(str(n), str(n)) for n in range(1, 5)],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Schemaperioden ska vara 1, 2, 3 eller 4.")},
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        this_week = IsoWeek.of(self.today)
        data["ar"] = data.get("ar") or this_week.year
        # One query: the clinic's area's periods for the year (or the default clock).
        self.periods = schedule_periods(area=self.clinic.area_id, year=data["ar"])
        if not data.get("period"):
            current = [p for p in self.periods if this_week in p]
            data["period"] = current[0].number if current else 1
        return data

    @property
    def schedule_period(self) -> Period:
        return self.periods[self.cleaned_data["period"] - 1]


class StrategicFilter(DashboardFilter):
    """The strategic view: the region or one area (or clinic), for a year."""

    one_clinic = False
    ar = YearField()

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["ar"] = data.get("ar") or IsoWeek.of(self.today).year
            if not self.clinic_ids():
                raise forms.ValidationError(_("Du är inte kopplad till någon klinik än."))
        return data

    @property
    def year(self) -> int:
        return self.cleaned_data["ar"]

    def clinic_ids(self) -> list[int]:
        """The clinics shown: the chosen clinic, the chosen area's, or all the user sees."""
        clinic, area = self.cleaned_data.get("klinik"), self.cleaned_data.get("omrade")
        if clinic is not None:
            return [clinic]
        return [p.id for p in self.places if area is None or p.area_id == area]

    def clinics(self) -> list[dict]:
        """The clinics shown as ``regional.clinic_weeks`` takes them (already read, no query)."""
        shown = set(self.clinic_ids())
        return [
            {"id": p.id, "name": p.name, "area_id": p.area_id, "area__name": p.area,
             "area__plan_target": p.plan_target, "area__region_id": p.region_id}
            for p in self.places
            if p.id in shown
        ]  # fmt: skip

    def activity_ids(self) -> tuple[int, ...] | None:
        activity = self.activity
        return (activity.id,) if activity else None
