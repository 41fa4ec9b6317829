"""From the file's vocabulary to ours: column profiles, unit codes, activities, held rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from organisation.models import MeasureMapping, UnitSourceCode
from organisation.selectors import contact_activity_resolver

from .kinds import KindSpec
from .models import ColumnProfile, HoldReason
from .parsing import normalise_header


@dataclass(frozen=True)
class Profile:
    """A source's column and value mapping for one kind; the default is identity."""

    column_map: dict[str, str]
    value_map: dict[str, dict[str, str]]


def profile_for(*, source: str, kind: str) -> Profile:
    row = ColumnProfile.objects.filter(source=source, kind=kind).first()
    if row is None:
        return Profile({}, {})
    columns = {normalise_header(k): normalise_header(v) for k, v in (row.column_map or {}).items()}
    values = {
        normalise_header(column): {str(k).strip(): str(v).strip() for k, v in mapping.items()}
        for column, mapping in (row.value_map or {}).items()
        if isinstance(mapping, dict)
    }
    return Profile(columns, values)


def apply_profile(header: list[str], profile: Profile) -> list[str]:
    return [profile.column_map.get(name, name) for name in header]


@dataclass
class Held:
    """A valid row that waits for an administrator to map its unit code, activity or measure."""

    line: int
    reason: str
    code: str
    scope: str
    key: str
    data: dict


class Resolver:
    """Unit codes and activities for one import, loaded once so a large file resolves in memory."""

    def __init__(self, spec: KindSpec, source: str):
        self.spec = spec
        self.units = dict(
            UnitSourceCode.objects.filter(source=source).values_list("code", "unit_id")
        )
        self.activity = contact_activity_resolver() if spec.activity == "contact" else None
        self.measures = (
            {
                m.strip().lower(): a
                for m, a in MeasureMapping.objects.values_list("measure", "activity_id")
            }
            if spec.activity == "measure"
            else {}
        )
        self.reference = spec.reference.check() if spec.reference else None

    def resolve(self, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Held]]:
        """The rows with unit_id/activity_id set, and the rows to hold."""
        spec = self.spec
        frame = frame.copy()
        exempt = self._exempt(frame)
        hold_reason = pd.Series(None, index=frame.index, dtype=object)
        hold_code = pd.Series(None, index=frame.index, dtype=object)
        if spec.has_unit:
            # Factorised first: a chunk has tens of thousands of rows but a few dozen unit codes.
            unit_codes, unit_uniques = pd.factorize(frame["enhet_kod"])
            ids = _lookup(unit_codes, [self.units.get(code) for code in unit_uniques])
            frame["unit_id"] = pd.arrays.IntegerArray(ids, ids < 0)
            unknown = pd.Series(ids < 0, index=frame.index) & ~exempt
            hold_reason[unknown] = HoldReason.UNIT
            hold_code[unknown] = frame["enhet_kod"][unknown]
        if spec.activity == "contact":
            # A handful of distinct (fas, kontakttyp, yrkeskategori) combinations: resolve each once.
            codes_, combinations = _factorize_rows(frame, ("fas", "kontakttyp", "yrkeskategori"))
            ids = _lookup(codes_, [self.activity(int(f), t, p) for f, t, p in combinations])
            frame["activity_id"] = pd.arrays.IntegerArray(ids, ids < 0)
            labels = np.array([f"{f}/{t}/{p or '-'}" for f, t, p in combinations], dtype=object)
            codes = pd.Series(labels[codes_], index=frame.index, dtype=object)
        elif spec.activity == "measure":
            frame["activity_id"] = (
                frame["matt"].str.strip().str.lower().map(self.measures).astype("Int64")
            )
            codes = frame["matt"]
        if spec.activity:
            unmapped = frame["activity_id"].isna() & hold_reason.isna() & ~exempt
            hold_reason[unmapped] = (
                HoldReason.ACTIVITY if spec.activity == "contact" else HoldReason.MEASURE
            )
            hold_code[unmapped] = codes[unmapped]
        if self.reference is not None:
            missing = self.reference(frame)
            waiting = missing.notna() & hold_reason.isna() & ~exempt
            hold_reason[waiting] = HoldReason.REFERENCE
            hold_code[waiting] = missing[waiting]
        held_mask = hold_reason.notna().to_numpy()
        held = [
            Held(
                int(row["line"]),
                reason,
                str(code),
                spec.scope_of(row),
                spec.key_of(row),
                _json_row(spec, row),
            )
            for (_, row), reason, code in zip(
                frame[held_mask].iterrows(),
                hold_reason[held_mask],
                hold_code[held_mask],
                strict=True,
            )
        ]
        return frame[~held_mask].reset_index(drop=True), held

    def _exempt(self, frame: pd.DataFrame) -> pd.Series:
        if self.spec.exempt is not None:
            return self.spec.exempt(frame)
        return pd.Series(False, index=frame.index)


def _factorize_rows(
    frame: pd.DataFrame, columns: tuple[str, ...]
) -> tuple[np.ndarray, list[tuple]]:
    """(combination number per row, the values of each combination, '' for none) of a few columns."""
    parts = [pd.factorize(frame[c].astype(object), use_na_sentinel=False) for c in columns]
    key = np.zeros(len(frame), dtype=np.int64)
    for codes, uniques in parts:
        key = key * len(uniques) + codes
    codes, combinations = pd.factorize(key)
    row_of = np.zeros(len(combinations), dtype=np.int64)
    row_of[codes] = np.arange(len(frame))  # some row of each combination: they all hold the same
    return codes, [
        tuple("" if pd.isna(uniques[part[row]]) else uniques[part[row]] for part, uniques in parts)
        for row in row_of
    ]


def _lookup(codes: np.ndarray, values: list) -> np.ndarray:
    """Each row's id from its code's id (-1 for none); codes of -1 (no value) get -1 too."""
    table = np.array([-1 if v is None else v for v in values] + [-1], dtype=np.int64)
    return table[codes]


def _json_row(spec: KindSpec, row) -> dict:
    data = {}
    for name in [c.name for c in spec.columns] + [
        f"{c.name}__week" for c in spec.columns if c.week
    ]:
        value = row.get(name)
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            data[name] = None
        elif isinstance(value, np.integer):
            data[name] = int(value)
        else:
            data[name] = value
    return data


def hold_message(reason: str) -> str:
    return {
        HoldReason.UNIT: _("Enhetskoden finns inte i organisationen för den här källan."),
        HoldReason.ACTIVITY: _(
            "Ingen aktivitet är kopplad till kombinationen fas/kontakttyp/yrkeskategori."
        ),
        HoldReason.MEASURE: _("Måttet är inte kopplat till någon aktivitet."),
        HoldReason.REFERENCE: _("Referensdata som raden behöver saknas."),
    }[reason]
