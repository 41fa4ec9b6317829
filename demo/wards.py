"""The demo region's inpatient wards: medical and surgical wards at its three hospitals.

Plain data, like ``demo.region``: which clinic holds each ward, its beds and how
busy it is. A ward is kept when its clinic is in the region built (a small
test region has fewer). Randomness belongs to ``demo.generator.inpatient``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WardSpec:
    """One ward: a unit of its clinic with its codes, beds and patient flow."""

    code: str
    name: str
    clinic: str
    site: str
    speciality: str  # inpatient.choices.Speciality: "medical" or "surgical"
    beds: int  # staffed beds in a normal week
    admissions_per_day: float  # a normal weekday's admissions, before the season
    mean_stay_days: float
    planned_share: float  # admissions planned in advance (weekdays, mornings)
    cosmic_code: str
    diver_code: str
    hr_code: str

    def source_code(self, source: str) -> str:
        # The region's KPP database is built from COSMIC and keeps its unit codes.
        codes = {"cosmic": self.cosmic_code, "diver": self.diver_code, "hr": self.hr_code}
        return codes["cosmic" if source == "kpp" else source]


# clinic, ward name, speciality, beds, admissions per weekday, mean stay (days), planned share.
# Medical wards run fuller than surgical ones, as they do in Swedish hospitals.
WARDS = (
    ("MED", "Medicinavdelning 1", "medical", 28, 5.2, 4.6, 0.1),
    ("MED", "Medicinavdelning 2", "medical", 24, 4.5, 4.4, 0.1),
    ("KAR", "Hjärtavdelningen", "medical", 20, 4.8, 3.5, 0.2),
    ("GER", "Geriatriska avdelningen", "medical", 22, 2.35, 7.8, 0.05),
    ("KIK", "Kirurgavdelningen", "surgical", 26, 7.4, 3.3, 0.45),
    ("ORT", "Ortopedavdelningen", "surgical", 24, 5.4, 4.3, 0.5),
    ("MHL", "Medicinavdelningen Höglandet", "medical", 26, 5.0, 4.3, 0.1),
    ("KIH", "Kirurgavdelningen Höglandet", "surgical", 18, 4.9, 3.4, 0.45),
    ("MVS", "Medicinavdelningen Västerby", "medical", 22, 4.3, 4.4, 0.1),
    ("KIV", "Kirurgavdelningen Västerby", "surgical", 16, 4.4, 3.3, 0.45),
)


def ward_specs(clinics) -> tuple[WardSpec, ...]:
    """The wards of the clinics given (``ClinicSpec``s), with codes that depend only on the ward."""
    by_code = {c.code: c for c in clinics}
    wards = []
    for number, (clinic, name, speciality, beds, per_day, stay, planned) in enumerate(WARDS, 1):
        if clinic not in by_code:
            continue
        site = by_code[clinic].site
        wards.append(
            WardSpec(
                code=f"{clinic}V{number:02d}",
                name=name,
                clinic=clinic,
                site=site,
                speciality=speciality,
                beds=beds,
                admissions_per_day=per_day,
                mean_stay_days=stay,
                planned_share=planned,
                cosmic_code=f"AVD{clinic}{number:02d}",
                diver_code=f"{7100 + number:04d}01",
                hr_code=f"ORG-{50000 + number * 10}",
            )
        )
    return tuple(wards)
