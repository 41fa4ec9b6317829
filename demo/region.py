"""The synthetic region as plain data: areas, sites, clinics and units with their profiles.

``region_spec(units=N)`` scales the catalogue in ``demo.catalogue`` to N
units: fewer by keeping a core that shows every kind of work, more by
splitting the busiest units into teams. Everything here is deterministic;
randomness belongs to the generator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from . import catalogue
from .wards import WardSpec, ward_specs

SOURCES = ("cosmic", "diver", "hr", "kpp")

# Kept first when the region is scaled down, so even a tiny test region has
# operations, examinations, midwives, emergencies, children and every kind of
# Diver deviation.
CORE_UNITS = (
    "Ortopedmottagningen",
    "Ortopedoperation",
    "Ortopedmottagningen Västerby",
    "Hjärtmottagningen",
    "Hudmottagningen",
    "Specialistmödravården",
    "Akutmottagningen Höglandet",
    "BUP-mottagningen Demostad",
    "Endoskopienheten",
    "Medicinmottagningen",
    "Gynekologisk operation",
    "Kataraktenheten",
)


@dataclass(frozen=True)
class ContactKind:
    """One kind of contact a unit has, and its share of the unit's contacts."""

    fas: int
    kontakttyp: str
    yrkeskategori: str
    share: float


@dataclass(frozen=True)
class UnitProfile:
    """What a unit does and how busy it is."""

    template: str
    contacts: tuple[ContactKind, ...]
    weekly_volume: float  # contacts in a normal full week, before scaling to the size asked for
    kva_prefixes: tuple[str, ...]  # kka (surgical) codes for operating units, kma for the rest
    pressure: float  # referrals per unit of capacity; above 1 the waiting list grows
    mean_wait_days: float
    patients: str  # "adult", "child" or "women"
    diver_deviation: str = ""  # "", "mapping", "overcount" or "missing_weeks"

    @property
    def operates(self) -> bool:
        return self.template in catalogue.OPERATING_TEMPLATES

    @property
    def has_waiting_list(self) -> bool:
        return self.template not in catalogue.NO_WAITING_LIST

    @property
    def open_weekends(self) -> bool:
        return self.template == "akut"


@dataclass(frozen=True)
class AreaSpec:
    """A verksamhetsområde of the demo region."""

    code: str
    name: str
    plan_target: int


@dataclass(frozen=True)
class SiteSpec:
    """A hospital of the demo region."""

    code: str
    name: str


@dataclass(frozen=True)
class ClinicSpec:
    """A clinic of the demo region."""

    code: str
    name: str
    area: str
    site: str


@dataclass(frozen=True)
class UnitSpec:
    """A unit with its own code and the differing codes COSMIC, Diver and HR use for it."""

    code: str
    name: str
    clinic: str
    site: str
    cosmic_code: str
    diver_code: str
    hr_code: str
    profile: UnitProfile

    def source_code(self, source: str) -> str:
        # The region's KPP database is built from COSMIC and keeps its unit codes.
        codes = {"cosmic": self.cosmic_code, "diver": self.diver_code, "hr": self.hr_code}
        return codes["cosmic" if source == "kpp" else source]


@dataclass(frozen=True)
class RegionSpec:
    """The whole synthetic region."""

    name: str
    county_code: str
    areas: tuple[AreaSpec, ...]
    sites: tuple[SiteSpec, ...]
    clinics: tuple[ClinicSpec, ...]
    units: tuple[UnitSpec, ...] = field(repr=False)
    # The inpatient wards of its clinics (units too, with a ward's beds and flow).
    wards: tuple[WardSpec, ...] = field(default=(), repr=False)

    @cached_property
    def clinic_by_code(self) -> dict[str, ClinicSpec]:
        return {c.code: c for c in self.clinics}

    def codes(self, source: str) -> set[str]:
        """Every unit code the given source system uses, the wards' included."""
        return {u.source_code(source) for u in (*self.units, *self.wards)}


def _catalogue_units() -> list[tuple[str, str, tuple, int, int]]:
    """(clinic code, clinic site, unit row, place in region, place in clinic) per catalogue unit."""
    rows = []
    for code, _, _, site, units in catalogue.CLINICS:
        for place, row in enumerate(units, start=1):
            rows.append((code, site, row, len(rows) + 1, place))
    return rows


def _choose(rows: list[tuple], units: int) -> list[tuple]:
    """Pick or split catalogue units to get exactly ``units``; appends the team count."""
    if units >= len(rows):
        teams = [1] * len(rows)
        # Split the unit that has the most contacts per team, one extra team at a time.
        for _ in range(units - len(rows)):
            busiest = max(range(len(rows)), key=lambda i: (rows[i][2][2] / teams[i], -i))
            teams[busiest] += 1
        return [(*row, n) for row, n in zip(rows, teams, strict=True)]
    names = [row[2][0] for row in rows]
    order = [names.index(name) for name in CORE_UNITS]
    # After the core, each clinic's first unit, then its second, … for a broad spread.
    order += [i for i in sorted(range(len(rows)), key=lambda i: (rows[i][4], i)) if i not in order]
    return [(*rows[i], 1) for i in sorted(order[:units])]


def region_spec(*, units: int | None = None) -> RegionSpec:
    """The demo region with ``units`` units (the whole catalogue when None)."""
    rows = _catalogue_units()
    chosen = _choose(rows, units if units is not None else len(rows))
    if not chosen:
        raise ValueError("A region needs at least one unit.")
    site_letter = {code: letter for code, _, letter in catalogue.SITES}
    clinic_rows = {c[0]: c for c in catalogue.CLINICS}
    unit_specs: list[UnitSpec] = []
    for clinic_code, clinic_site, row, number, place, teams in chosen:
        name, template, volume, site, kva, pressure, wait, patients, deviation = row
        site = site or clinic_site
        for team in range(1, teams + 1):
            profile = UnitProfile(
                template=template,
                contacts=tuple(ContactKind(*kind) for kind in catalogue.TEMPLATES[template]),
                weekly_volume=volume / teams,
                kva_prefixes=kva,
                pressure=pressure,
                mean_wait_days=wait,
                patients=patients,
                diver_deviation=deviation if team == 1 else "",
            )
            # Codes depend only on the unit's place in the catalogue and its team, so
            # building a bigger region later keeps every code an earlier build made.
            suffix = f"T{team}" if team > 1 else ""
            unit_specs.append(
                UnitSpec(
                    code=f"{clinic_code}{place:02d}{suffix}",
                    name=f"{name}, team {team}" if teams > 1 else name,
                    clinic=clinic_code,
                    site=site,
                    # Three systems, three numbering schemes: COSMIC's care-unit codes,
                    # Diver's cost-centre numbers and the HR system's organisation ids.
                    cosmic_code=f"{clinic_code}{site_letter[site]}{place:02d}{suffix}",
                    diver_code=f"{6100 + number:04d}{team:02d}",
                    hr_code=f"ORG-{40000 + number * 10 + team}",
                    profile=profile,
                )
            )
    clinic_codes = list(dict.fromkeys(u.clinic for u in unit_specs))
    clinics = tuple(
        ClinicSpec(code=c, name=clinic_rows[c][1], area=clinic_rows[c][2], site=clinic_rows[c][3])
        for c in clinic_codes
    )
    clinics_per_area = Counter(c.area for c in clinics)
    areas = tuple(
        AreaSpec(code=code, name=name, plan_target=clinics_per_area[code])
        for code, name in catalogue.AREAS
        if clinics_per_area[code]
    )
    used_sites = {c.site for c in clinics} | {u.site for u in unit_specs}
    sites = tuple(SiteSpec(code, name) for code, name, _ in catalogue.SITES if code in used_sites)
    return RegionSpec(
        name=catalogue.REGION_NAME,
        county_code=catalogue.COUNTY_CODE,
        areas=areas,
        sites=sites,
        clinics=clinics,
        units=tuple(unit_specs),
        wards=ward_specs(clinics),
    )
