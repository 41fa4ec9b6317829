"""DRG figures per unit, clinic, area and the region, per year and tertial, from the KPP rows.

One statement reads the year's and the previous year's KPP rows grouped by unit,
tertial, outlier flag and whether the DRG has a weight, from their summary
(``economics.summary``: a year's 1.5 million rows are a few thousand groups there);
the levels above are sums of those groups, so every level follows the same definitions:

- contacts: KPP rows (contacts and episodes) whose DRG has a weight for the row's year and care form;
- points: the sum of those weights; case-mix index: points ÷ contacts;
- cost: the sum of their KPP costs (kronor);
- cost per point: cost ÷ points over the inner cases (the rows the KPP database marks as
  outliers left out), and the same over all cases;
- clinics of one specialty (``ClinicSpecialty``) are compared with each other, among the
  clinics whose economics the user may see;
- an outpatient row counts while its contact is among the imported contacts: a contact
  cancelled after its KPP row (or never delivered) no longer counts, and is counted apart;
- the tertial (``tertials``, shared with the production assignments' follow-up) is the
  contact's for an outpatient row and its episode's discharge for an inpatient row; an
  inpatient row whose episode is not known (or not yet discharged) counts in the year only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection

from facts.selectors.sql import placeholders, table
from organisation import access
from organisation.models import Unit

from . import summary
from .models import ClinicSpecialty, KppRow
from .tertials import NO_CONTACT, YEAR_ONLY


@dataclass
class Figures:
    """The sums one level's DRG figures are computed from."""

    contacts: int = 0
    points: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    outliers: int = 0
    inner_points: Decimal = Decimal(0)
    inner_cost: Decimal = Decimal(0)
    # KPP rows without a DRG (or whose DRG lost its weight) and outpatient rows without a contact.
    ungrouped: int = 0
    without_contact: int = 0

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def case_mix_index(self) -> Decimal | None:
        return self.points / self.contacts if self.contacts else None

    @property
    def cost_per_point(self) -> Decimal | None:
        return self.inner_cost / self.inner_points if self.inner_points else None

    @property
    def cost_per_point_all(self) -> Decimal | None:
        return self.cost / self.points if self.points else None


@dataclass
class Row:
    """One line of the report: a unit, clinic or area, with this year's and last year's figures."""

    id: int | None
    name: str
    figures: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)
    area_id: int | None = None
    area: str = ""
    specialty: str = ""

    @property
    def change(self) -> Decimal | None:
        """Cost per point (inner cases) against last year, as a share (0.05 = 5 % more)."""
        now, before = self.figures.cost_per_point, self.previous.cost_per_point
        return now / before - 1 if now is not None and before else None


@dataclass
class Specialty:
    """Clinics of one specialty side by side, and their sums: the comparison of cost per point."""

    name: str
    clinics: list[Row]
    figures: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)


@dataclass
class DrgReport:
    year: int
    tertial: int | None
    care_form: str | None
    region: Row
    areas: list[Row]
    clinics: list[Row]
    units: list[Row]
    specialties: list[Specialty] = field(default_factory=list)


def _groups(
    *, years: list[int], clinic_ids: list[int], tertial: int | None, care_form: str | None
) -> list[tuple]:
    """(year, unit, tertial, outlier, weighted, rows, points, cost) of the clinics' units: from
    the summary for the years it holds, from the KPP rows for the others, in one statement.

    The tertials are added up here when none is asked for; with one, only its rows and those
    without contact are read (they can be placed in no tertial, and are shown for the year);
    inpatient rows of the year only are then left out."""
    summed = summary.summed_years(years)
    unit = table(Unit)
    clinic_marks, clinic_params = placeholders(clinic_ids)
    # The tertial as the report needs it: whole years keep only "without contact" apart.
    if tertial:
        keep = f"AND s.tertial IN (%s, {NO_CONTACT})"
        keep_params: list = [tertial]
        bucket = "s.tertial"
    else:
        keep, keep_params = "", []
        bucket = f"CASE WHEN s.tertial = {NO_CONTACT} THEN {NO_CONTACT} ELSE {YEAR_ONLY} END"
    form, form_params = ("AND s.care_form = %s", [care_form]) if care_form else ("", [])
    parts: list[str] = []
    params: list = []
    for wanted, from_rows in ((sorted(summed), False), (sorted(set(years) - summed), True)):
        if not wanted:
            continue
        year_marks, year_params = placeholders(wanted)
        source, source_params = summary.SUMMARY, []
        if from_rows:  # not summed yet: the same groups, from the KPP rows
            select, live_params = summary.groups_sql(
                f"AND k.year IN ({year_marks}) AND u.clinic_id IN ({clinic_marks})"
            )
            source, source_params = f"({select})", [*live_params, *year_params, *clinic_params]
        parts.append(
            f"SELECT s.year, s.unit_id, {bucket}, s.outlier, s.weighted, "
            f"SUM(s.row_count), SUM(s.points), SUM(s.cost) "
            f"FROM {source} s JOIN {unit} u ON u.id = s.unit_id "
            f"WHERE s.year IN ({year_marks}) AND u.clinic_id IN ({clinic_marks}) {keep} {form} "
            f"GROUP BY s.year, s.unit_id, 3, s.outlier, s.weighted"
        )
        params += [*source_params, *year_params, *clinic_params, *keep_params, *form_params]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _figures(tertial_of_row: int, outlier, weighted, count: int, points, cost) -> Figures:
    f = Figures()
    if tertial_of_row == NO_CONTACT:
        f.without_contact = count
    elif not weighted:
        f.ungrouped = count
    else:
        f.contacts = count
        f.points, f.cost = summary.points(points), summary.kronor(cost)
        if outlier:
            f.outliers = count
        else:
            f.inner_points, f.inner_cost = f.points, f.cost
    return f


def drg_report(
    *,
    user: User | AnonymousUser,
    year: int,
    clinic_id: int | None = None,
    area_id: int | None = None,
    tertial: int | None = None,
    care_form: str | None = None,
) -> DrgReport:
    """The DRG figures of the clinics whose economics the user may see, in the year (and tertial)."""
    visible = access.economics_clinics(user).select_related("area").order_by("area__name", "name")
    scope = visible
    if clinic_id:
        scope = scope.filter(id=clinic_id)
    if area_id:
        scope = scope.filter(area_id=area_id)
    clinics = list(scope)
    in_scope = {c.id for c in clinics}
    # The other clinics of the same specialties the user may see: compared, not summed.
    specialty_of = dict(
        ClinicSpecialty.objects.filter(clinic__in=visible).values_list("clinic_id", "specialty")
    )
    wanted = {specialty_of[c] for c in in_scope if c in specialty_of}
    peers = [c for c in visible if c.id not in in_scope and specialty_of.get(c.id) in wanted]
    units = {
        u.id: u
        for u in Unit.objects.filter(clinic__in=[c.id for c in clinics + peers]).order_by("name")
    }
    by_clinic = {
        c.id: Row(
            c.id, c.name, area_id=c.area_id, area=c.area.name, specialty=specialty_of.get(c.id, "")
        )
        for c in clinics + peers
    }
    by_area: dict[int, Row] = {}
    for c in clinics:
        by_area.setdefault(c.area_id, Row(c.area_id, c.area.name))
    by_unit = {u.id: Row(u.id, u.name) for u in units.values()}
    region = Row(None, "")
    groups = _groups(
        years=[year, year - 1], clinic_ids=list(by_clinic), tertial=tertial, care_form=care_form
    )
    sums: dict[tuple[int, int], Figures] = defaultdict(Figures)
    for row_year, unit_id, row_tertial, outlier, weighted, count, points, cost in groups:
        sums[(row_year, unit_id)].add(_figures(row_tertial, outlier, weighted, count, points, cost))
    for (row_year, unit_id), figures in sums.items():
        unit = units[unit_id]
        clinic = by_clinic[unit.clinic_id]
        rows = [clinic]
        if unit.clinic_id in in_scope:
            rows += [by_unit[unit_id], by_area[clinic.area_id or 0], region]
        for row in rows:
            (row.figures if row_year == year else row.previous).add(figures)
    return DrgReport(
        year=year,
        tertial=tertial,
        care_form=care_form,
        region=region,
        areas=list(by_area.values()),
        clinics=[by_clinic[c.id] for c in clinics],
        units=[by_unit[u.id] for u in units.values() if u.clinic_id in in_scope]
        if clinic_id
        else [],
        specialties=_specialties(list(by_clinic.values())),
    )


def _specialties(rows: list[Row]) -> list[Specialty]:
    """The specialties with two clinics or more, each clinic by cost per point (lowest first)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.specialty:
            grouped[row.specialty].append(row)
    result = []
    for name in sorted(grouped):
        members = grouped[name]
        if len(members) < 2:
            continue
        members.sort(
            key=lambda r: (r.figures.cost_per_point is None, r.figures.cost_per_point or 0)
        )
        specialty = Specialty(name, members)
        for row in members:
            specialty.figures.add(row.figures)
            specialty.previous.add(row.previous)
        result.append(specialty)
    return result


def drg_years() -> list[int]:
    """The years KPP rows have arrived for, newest first.

    Stepped down the (year, unit) index from one year to the next below it: a look-up a
    year, where DISTINCT read every row of every year (seconds for a region's five)."""
    kpp = table(KppRow)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE held (year) AS (SELECT MAX(year) FROM {kpp} UNION ALL "
            f"SELECT (SELECT MAX(k.year) FROM {kpp} k WHERE k.year < held.year) FROM held "
            f"WHERE held.year IS NOT NULL) SELECT year FROM held WHERE year IS NOT NULL"
        )
        return [year for (year,) in cursor.fetchall()]
