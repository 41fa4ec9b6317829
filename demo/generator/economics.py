"""The demo region's economics: a DRG weight list per year and KPP costs for its contacts.

Every performed contact of a finished month gets a KPP row (the KPP database is
computed after the fact, a month behind): its DRG follows from what the contact
was (a new or return doctor's visit, a nurse's, a phone call, an operation), its
cost from the DRG's weight times the clinic's cost per point that year, with the
spread real costs have and about 2 % outliers (a complication, a long stay) that
the KPP database marks ``ytterfall``. A contact cancelled after its KPP row was
made keeps the row, as in a real region.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ..region import RegionSpec
from . import text
from .contacts import KindTable
from .files import extract_name, month_start, write_csv

# Outpatient DRGs (NordDRG's öppenvård groups end in O) and a few inpatient ones for the list.
OUTPATIENT = [
    ("901O", "Läkarbesök, nybesök", 0.092),
    ("902O", "Läkarbesök, återbesök", 0.066),
    ("903O", "Besök hos annan vårdpersonal", 0.031),
    ("904O", "Telefon- eller videokontakt", 0.016),
    ("905O", "Undersökning", 0.081),
    ("906O", "Akut besök", 0.118),
    ("800O", "Dagkirurgiskt ingrepp, litet", 0.262),
    ("801O", "Dagkirurgiskt ingrepp, större", 0.604),
]
INPATIENT = [
    ("209A", "Stora ingrepp i höft och lår, med komplikation", 3.415),
    ("209B", "Stora ingrepp i höft och lår", 2.122),
    ("127A", "Hjärtsvikt och chock", 1.046),
    ("373O", "Förlossning utan komplikation", 0.512),
]
COST_PER_POINT = 58_000  # kronor per DRG point, the region's level in the first year
YEARLY_RISE = 0.031
OUTLIER_SHARE = 0.02
WEIGHTS_HEADER = ["ar", "drg_kod", "vardform", "vikt", "benamning"]
KPP_HEADER = ["ar", "kontakt_id", "vardform", "enhet_kod", "drg_kod", "kostnad", "ytterfall"]


def _drg(frame: pd.DataFrame, kinds: KindTable) -> np.ndarray:
    """Each contact's outpatient DRG (an index into OUTPATIENT) from what kind of contact it was."""
    fas = frame["fas"].to_numpy()
    kontakttyp = kinds.kontakttyp[frame["kind"].to_numpy()]
    profession = kinds.yrkeskategori[frame["kind"].to_numpy()]
    several = np.char.find(frame["kva"].to_numpy().astype(str), " ") >= 0
    return np.select(
        [
            fas == 2,
            kontakttyp != "BESOK",
            fas == 5,
            fas == 3,
            profession != "LAK",
            fas == 1,
        ],
        [np.where(several, 7, 6), 3, 5, 4, 2, 0],
        default=1,
    )


def weight_lists(out: Path, *, years: list[int], rng: np.random.Generator) -> list[Path]:
    """One file per year, published in January: the weights move a little from year to year."""
    paths = []
    for year in years:
        rows = [
            (code, form, round(weight * (1 + rng.normal(0, 0.02)), 4), name)
            for form, drgs in (("OPPEN", OUTPATIENT), ("SLUTEN", INPATIENT))
            for code, name, weight in drgs
        ]
        columns = [
            [year] * len(rows),
            [r[0] for r in rows],
            [r[1] for r in rows],
            [f"{r[2]:.4f}" for r in rows],
            [r[3] for r in rows],
        ]
        path = out / extract_name("drgvikter", "socialstyrelsen", date(year, 1, 2))
        paths.append(write_csv(path, WEIGHTS_HEADER, columns))
    return paths


def kpp(
    out: Path,
    frame: pd.DataFrame,
    *,
    spec: RegionSpec,
    kinds: KindTable,
    last: date,
    until: date,
    rng: np.random.Generator,
) -> list[Path]:
    """One KPP file per year: a finished year in February after it, the running one up to last month.

    Only the running year and the one before (what the page compares): every year would import
    as many rows again as the contacts, and the demo is built on every start.
    """
    day = frame["day"].to_numpy().astype("datetime64[D]")
    year = day.astype("datetime64[Y]").astype(int) + 1970
    done = day < np.datetime64(month_start(np.datetime64(last, "M").astype(int)))
    drg = _drg(frame, kinds)
    weight = np.array([w for _, _, w in OUTPATIENT])[drg]
    clinic_codes = [c.code for c in spec.clinics]
    # Each clinic has its own productivity (±12 %), and the year's costs rise.
    clinic_level = 1 + rng.normal(0, 0.12, size=len(clinic_codes))
    clinic_of_unit = np.array([clinic_codes.index(u.clinic) for u in spec.units])
    level = clinic_level[clinic_of_unit[frame["unit"].to_numpy()]]
    first_year = int(year.min()) if len(year) else last.year
    rise = (1 + YEARLY_RISE) ** (year - first_year)
    spread = rng.lognormal(0, 0.3, size=len(frame))
    outlier = rng.random(len(frame)) < OUTLIER_SHARE
    spread = np.where(outlier, rng.uniform(4, 12, size=len(frame)), spread)
    cost = np.round(COST_PER_POINT * weight * level * rise * spread)
    units = np.array([u.source_code("kpp") for u in spec.units])[frame["unit"].to_numpy()]
    ids = text.padded(np.arange(len(frame)), 10, "K")
    paths = []
    for y in np.unique(year[done & (year >= last.year - 1)]):
        rows = np.flatnonzero(done & (year == y))
        extracted = min(date(int(y) + 1, 2, 15), until)
        columns = [
            np.full(len(rows), y),
            ids[rows],
            np.full(len(rows), "OPPEN"),
            units[rows],
            np.array([c for c, _, _ in OUTPATIENT])[drg[rows]],
            cost[rows].astype(np.int64),
            np.where(outlier[rows], "J", "N"),
        ]
        paths.append(write_csv(out / extract_name("kpp", "kpp", extracted), KPP_HEADER, columns))
    return paths
