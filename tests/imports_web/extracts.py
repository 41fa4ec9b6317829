"""Extract files and the reference data they need, for the tests of the import's web side.

Activities, rules and measures are made with get_or_create: transactional tests
(browser, worker) run after a flush has removed what the migrations seeded.
"""

from __future__ import annotations

from pathlib import Path

from organisation.models import Activity, ContactActivityRule, MeasureMapping, Unit, UnitSourceCode

KONTAKTER_COLUMNS = (
    "kontakt_id", "kontakt_datum", "enhet_kod", "personnummer", "fas", "kontakttyp", "yrkeskategori",
    "kva_koder", "status", "beslut_datum", "medicinskt_maldatum", "avvikelse", "vardgaranti", "prioritet",
)  # fmt: skip
PRODUKTION_COLUMNS = ("vecka", "enhet_kod", "matt", "antal")


def seed_mappings() -> dict[str, Activity]:
    """The activities, contact rules and Diver measures the tests' files use."""
    activities = {}
    for order, (code, name, profession) in enumerate(
        [
            ("lak-ny", "Läkarbesök ny", "LAK"),
            ("lak-ater", "Läkarbesök åter", "LAK"),
            ("operation", "Operation", "LAK"),
        ],
        start=1,
    ):
        activities[code], _ = Activity.objects.get_or_create(
            code=code, defaults={"name": name, "profession": profession, "sort_order": order}
        )
    for phase, profession, code in (
        (1, "LAK", "lak-ny"),
        (4, "LAK", "lak-ater"),
        (2, "", "operation"),
    ):
        ContactActivityRule.objects.get_or_create(
            phase=phase,
            contact_type="",
            profession=profession,
            defaults={"activity": activities[code]},
        )
    for measure, code in (
        ("Läkarbesök ny", "lak-ny"),
        ("Läkarbesök åter", "lak-ater"),
        ("Operation", "operation"),
    ):
        MeasureMapping.objects.get_or_create(
            measure=measure, defaults={"activity": activities[code]}
        )
    return activities


def map_units(units: list[Unit]) -> dict[str, Unit]:
    """COSMIC code C<n> and Diver code D<n> for each unit, n = 1, 2, …; returns {cosmic code: unit}."""
    codes = {}
    for n, unit in enumerate(units, start=1):
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C{n}")
        UnitSourceCode.objects.create(unit=unit, source="diver", code=f"D{n}")
        codes[f"C{n}"] = unit
    return codes


def write_extract(path: Path, columns: tuple[str, ...], rows: list[dict]) -> Path:
    """A semicolon CSV in the contract format; missing values are empty fields."""
    lines = [";".join(columns)] + [";".join(str(row.get(c, "")) for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def contact(
    contact_id: str,
    unit_code: str,
    *,
    day: str = "2026-03-02",
    fas: int = 1,
    profession: str = "LAK",
    contact_type: str = "BESOK",
    personnummer: str = "",
) -> dict:
    return {
        "kontakt_id": contact_id, "kontakt_datum": day, "enhet_kod": unit_code, "personnummer": personnummer,
        "fas": fas, "kontakttyp": contact_type, "yrkeskategori": profession, "status": "GENOMFORD",
    }  # fmt: skip
