"""Synthetic patients: identity numbers in every form the extract format allows, home county.

A patient's number is built once and written the same way in every file,
so the importer's pseudonym links a patient's contacts, referrals and
waits. Numbers carry a correct Luhn check digit; none belongs to a real
person except by chance, and all of it is demo data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from . import text

# Share of patients written in each form.
FORMS = {"12": 0.82, "12-": 0.09, "10": 0.05, "samordning": 0.03, "reserv": 0.01}
# Home county: mostly the region's own, some from the two neighbours in the
# south-east healthcare region, a few from elsewhere.
OWN_COUNTY = "06"
NEIGHBOURS = {"05": 0.035, "08": 0.035}
ELSEWHERE = 0.02
CHILD_SHARE = 0.2
LUHN_WEIGHTS = np.array([2, 1, 2, 1, 2, 1, 2, 1, 2])


@dataclass(frozen=True)
class Patients:
    """The pool of synthetic patients, as arrays indexed by patient number."""

    identity: np.ndarray  # the text written in the personnummer column
    county: np.ndarray
    groups: dict[str, np.ndarray]  # "adult", "child", "women" → patient numbers

    def window(self, rng: np.random.Generator, group: str, size: int) -> np.ndarray:
        """A unit's own catchment: a random stretch of the group's patients."""
        members = self.groups[group]
        size = max(1, min(size, len(members)))
        start = int(rng.integers(len(members)))
        return members[(start + np.arange(size)) % len(members)]


def luhn(nine_digits: np.ndarray) -> np.ndarray:
    """Check digit for rows of nine digits (YYMMDDNNN), as in a personnummer."""
    products = nine_digits * LUHN_WEIGHTS
    total = (products // 10 + products % 10).sum(axis=1)
    return (10 - total % 10) % 10


def patient_pool(
    rng: np.random.Generator, size: int, *, reference: date, counties: list[str]
) -> Patients:
    size = max(size, 200)
    child = rng.random(size) < CHILD_SHARE
    # Adults skew old, as specialised care's patients do.
    age_days = np.where(
        child,
        rng.uniform(30, 17.9 * 365.25, size),
        (18 + 80 * rng.beta(2.2, 1.6, size)) * 365.25,
    ).astype(int)
    born = np.datetime64(reference, "D") - age_days
    female = rng.random(size) < 0.5
    frame = pd.DataFrame({"born": born, "female": female})
    # Unique numbers: the birth number counts up within a birthday and sex.
    serial = frame.groupby(["born", "female"]).cumcount().to_numpy()
    offset = (born.astype(np.int64) * 7919) % 500  # one offset per birthday, so numbers stay unique
    birth_number = ((serial * 37 + offset) % 500) * 2 + ~female  # odd for men, even for women
    stamp = pd.DatetimeIndex(born)
    year, month, day = stamp.year.to_numpy(), stamp.month.to_numpy(), stamp.day.to_numpy()

    form = rng.choice(list(FORMS), size=size, p=list(FORMS.values()))
    samordning = form == "samordning"
    day_written = day + 60 * samordning  # samordningsnummer: day of birth plus 60
    nine = np.hstack(
        [
            text.digits(year % 100, 2),
            text.digits(month, 2),
            text.digits(day_written, 2),
            text.digits(birth_number, 3),
        ]
    )
    check = luhn(nine.astype(np.int64) - ord("0"))

    rows = size
    yyyy, yy = text.digits(year, 4), text.digits(year % 100, 2)
    mmdd = np.hstack([text.digits(month, 2), text.digits(day_written, 2)])
    nnn, last = text.digits(birth_number, 3), text.digits(check, 1)
    century_sign = np.where(age_days >= 100 * 365.25, ord("+"), ord("-")).astype(np.uint8)[:, None]
    reserve_letter = np.where(female, ord("K"), ord("M")).astype(np.uint8)[:, None]
    identity = np.select(
        [form == "12-", form == "10", form == "reserv"],
        [
            text.join(yyyy, mmdd, text.literal("-", rows), nnn, last),
            text.join(yy, mmdd, century_sign, nnn, last),
            # The region's reserve numbers: birth date, a letter for sex, a running number.
            text.join(yyyy, mmdd, reserve_letter, nnn),
        ],
        default=text.join(yyyy, mmdd, nnn, last),
    )

    others = [c for c in counties if c != OWN_COUNTY and c not in NEIGHBOURS]
    own = 1 - sum(NEIGHBOURS.values()) - ELSEWHERE
    names = [OWN_COUNTY, *NEIGHBOURS, *others]
    shares = [own, *NEIGHBOURS.values(), *([ELSEWHERE / len(others)] * len(others))]
    county = rng.choice(names, size=size, p=shares).astype(object)

    everyone = np.arange(size)
    return Patients(
        identity=identity,
        county=county,
        groups={
            "adult": everyone[~child],
            "child": everyone[child],
            "women": everyone[~child & female],
        },
    )
