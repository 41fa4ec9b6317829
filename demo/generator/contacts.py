"""Completed contacts (kontakter), drawn per unit and day from the units' profiles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..region import RegionSpec
from . import kva, volumes
from .people import Patients
from .timeline import Timeline

AVVIKELSE = ["", "PVV", "MOV", "SOV"]
AVVIKELSE_SHARES = (0.945, 0.04, 0.012, 0.003)
AVVIKELSE_WAIT = np.array([1.0, 2.2, 1.8, 1.0])  # patient-chosen and medical waits are longer
CANCELLED_SHARE = 0.012
NO_IDENTITY_SHARE = 0.003
TARGET_DATE_SHARE = 0.7  # return visits that carry a medical target date
# Share of a unit's first visits and return visits that get a (kma) procedure code.
VISIT_CODE_SHARE = 0.3


@dataclass(frozen=True)
class KindTable:
    """Every unit's kinds of contact in one table; a row's ``kind`` indexes it."""

    unit: np.ndarray
    fas: np.ndarray
    kontakttyp: np.ndarray
    yrkeskategori: np.ndarray
    share: np.ndarray
    offset: np.ndarray  # first kind of each unit

    @classmethod
    def of(cls, spec: RegionSpec) -> KindTable:
        rows = [(i, k) for i, u in enumerate(spec.units) for k in u.profile.contacts]
        counts = np.bincount([i for i, _ in rows], minlength=len(spec.units))
        return cls(
            unit=np.array([i for i, _ in rows]),
            fas=np.array([k.fas for _, k in rows]),
            kontakttyp=np.array([k.kontakttyp for _, k in rows], dtype=object),
            yrkeskategori=np.array([k.yrkeskategori for _, k in rows], dtype=object),
            share=np.array([k.share for _, k in rows]),
            offset=np.concatenate([[0], np.cumsum(counts)[:-1]]),
        )

    def draw(
        self, rng: np.random.Generator, unit: np.ndarray, *, bookable: bool = False
    ) -> np.ndarray:
        """A kind for each row of the given units, in proportion to the units' mixes.

        With ``bookable``, emergency contacts are left out (nobody books them);
        rows of a unit with nothing bookable get -1.
        """
        kind = np.full(len(unit), -1, dtype=np.int64)
        for u, rows in by_unit(unit):
            mine = np.flatnonzero(self.unit == u)
            share = self.share[mine] * ((self.fas[mine] != 5) if bookable else 1)
            if share.sum() > 0:
                kind[rows] = rng.choice(mine, size=len(rows), p=share / share.sum())
        return kind


def by_unit(unit: np.ndarray):
    """(unit, row numbers) for each unit present, in one sort instead of a scan per unit."""
    order = np.argsort(unit, kind="stable")
    present, starts = np.unique(unit[order], return_index=True)
    yield from zip(present.tolist(), np.split(order, starts[1:]), strict=True)


def patient_windows(
    rng: np.random.Generator, spec: RegionSpec, patients: Patients, yearly: np.ndarray
) -> list[np.ndarray]:
    """Each unit's catchment: about half as many patients as it has contacts a year."""
    return [
        patients.window(rng, u.profile.patients, int(max(100, 0.5 * n)))
        for u, n in zip(spec.units, yearly, strict=True)
    ]


def _codes(
    rng: np.random.Generator, spec: RegionSpec, unit: np.ndarray, fas: np.ndarray
) -> np.ndarray:
    codes = np.full(len(unit), "", dtype=object)
    for u, rows in by_unit(unit):
        profile = spec.units[u].profile
        pool, weights = kva.unit_pool(rng, profile.kva_prefixes, surgical=profile.operates)
        if not len(pool):
            continue
        # Operating units code their operations; the visits around them go uncoded.
        visit_share = 0.0 if profile.operates else VISIT_CODE_SHARE
        chance = np.select(
            [fas[rows] == 2, fas[rows] == 3, fas[rows] == 5], [1.0, 0.9, 0.2], visit_share
        )
        rows = rows[rng.random(len(rows)) < chance]
        primary = pool[rng.choice(len(pool), size=len(rows), p=weights)]
        operation = fas[rows] == 2
        if kva.uses_side_codes(profile.kva_prefixes):
            second = np.where(
                operation & (rng.random(len(rows)) < 0.6),
                rng.choice(kva.SIDE_CODES, size=len(rows)),
                "",
            )
        else:
            extra = pool[rng.choice(len(pool), size=len(rows), p=weights)]
            second = np.where(
                operation & (rng.random(len(rows)) < 0.15) & (extra != primary), extra, ""
            )
        codes[rows] = np.where(second != "", primary + " " + second.astype(object), primary)
    return codes


def contacts(
    *,
    spec: RegionSpec,
    tl: Timeline,
    lam: np.ndarray,
    kinds: KindTable,
    windows: list[np.ndarray],
    rng: np.random.Generator,
    origin: date,
    wait_scale: float,
) -> pd.DataFrame:
    """One row per contact, sorted by day; ``cancel_month`` ≥ 0 marks a later cancellation."""
    units = volumes.UnitTable.of(spec)
    counts = rng.poisson(lam).T  # day-major, so rows come out sorted by day
    days, unit_count = counts.shape
    day_index = np.repeat(np.repeat(np.arange(days), unit_count), counts.ravel())
    unit = np.repeat(np.tile(np.arange(unit_count), days), counts.ravel())
    rows = len(unit)
    day = tl.days[day_index]
    kind = kinds.draw(rng, unit)
    fas = kinds.fas[kind]

    patient = np.empty(rows, dtype=np.int64)
    for u, mine in by_unit(unit):
        patient[mine] = windows[u][rng.integers(len(windows[u]), size=len(mine))]
    patient[rng.random(rows) < NO_IDENTITY_SHARE] = -1

    waited = np.isin(fas, (1, 2, 3))
    priority = np.where(waited, volumes.draw_priority(rng, rows), 0)
    avvikelse = np.where(waited, rng.choice(4, size=rows, p=AVVIKELSE_SHARES), 0)
    mean = volumes.mean_wait(units, unit, day, origin=origin, scale=wait_scale)
    mean = mean * volumes.FAS_WAIT[fas]
    mean = mean * volumes.PRIORITY_WAIT[np.maximum(priority, 1)] * AVVIKELSE_WAIT[avvikelse]
    wait = np.round(volumes.draw_waits(rng, mean)).astype("timedelta64[D]")
    beslut = np.where(waited, day - wait, np.datetime64("NaT"))
    guarantee = np.isin(fas, (1, 2))
    vardgaranti = np.where(guarantee, np.where(rng.random(rows) < 0.92, "J", "N"), "")

    returning = (
        (fas == 4) & (kinds.yrkeskategori[kind] != "") & (rng.random(rows) < TARGET_DATE_SHARE)
    )
    # Under pressure, return visits slip past their medical target date.
    late = 150 * np.maximum(units.pressure[unit] - 1, 0)
    offset = np.round(rng.normal(12 - late, 25)).astype("timedelta64[D]")
    maldatum = np.where(returning, day + offset, np.datetime64("NaT"))

    month = day.astype("datetime64[M]").astype(int)
    last_month = month.max() if rows else 0
    cancel = (month < last_month) & (rng.random(rows) < CANCELLED_SHARE)
    cancel_month = np.where(
        cancel, np.minimum(month + 1 + (rng.random(rows) < 0.3), last_month), -1
    )

    return pd.DataFrame(
        {
            "day": day,
            "unit": unit,
            "kind": kind,
            "fas": fas,
            "patient": patient,
            "kva": _codes(rng, spec, unit, fas),
            "beslut": beslut.astype("datetime64[D]"),
            "maldatum": maldatum.astype("datetime64[D]"),
            "avvikelse": avvikelse,
            "vardgaranti": vardgaranti,
            "prioritet": priority,
            "cancel_month": cancel_month,
        }
    )
