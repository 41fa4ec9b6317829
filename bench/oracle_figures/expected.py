"""The figures recomputed from the extracts with pandas, by the domain's rules.

- A week is outcome only once it has ended (its Sunday) by the source's last
  extract date; COSMIC's weeks are known from its first contact on, Diver's
  per unit where Diver delivered the unit-week (a clinic's week when any of
  its units was delivered). An unknown week is None, never 0.
- The share of planned production over some weeks: each activity's plan and
  outcome summed over the known weeks; only activities with plan > 0 count
  (Σ outcome ÷ Σ plan); the others' outcome is "utan plan"; the shortfall is
  Σ max(0, plan − outcome) over the planned activities. No plan: no share.
- The waiting list: wait = matdatum − beslut_datum; the guarantee covers
  phases 1–2 without PVV and MOV; past target: target date before matdatum.
  Performed under the guarantee: phases 1–2, PVV and contacts the source
  marks vardgaranti N left out.
- Tertials are calendar months (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec): weekly
  figures take the weeks that end (Sunday) in the tertial; snapshot figures
  the latest snapshot on or before its last day, within it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from .extracts import Extracts
from .reference import Reference

COSMIC, DIVER = "cosmic", "diver"
KIND = {COSMIC: "kontakter", DIVER: "produktion"}
GUARANTEE_PHASES = (1, 2)
GUARANTEE_DAYS = 90
FIRST_VISIT_DAYS = 60
COMPLETED_DAYS = 30
TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}


def week_key(day: date) -> int:
    iso = day.isocalendar()
    return iso.year * 100 + iso.week


def monday(key: int) -> date:
    return date.fromisocalendar(key // 100, key % 100, 1)


def sunday(key: int) -> date:
    return monday(key) + timedelta(days=6)


def weeks_between(first: int, last: int) -> list[int]:
    weeks, day = [], monday(first)
    while week_key(day) <= last:
        weeks.append(week_key(day))
        day += timedelta(days=7)
    return weeks


def tertial_bounds(year: int, tertial: int) -> tuple[date, date]:
    first, last = TERTIAL_MONTHS[tertial]
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), end - timedelta(days=1)


def tertial_weeks(year: int, tertial: int) -> list[int]:
    """The weeks whose Sunday falls in the tertial."""
    start, end = tertial_bounds(year, tertial)
    return [week_key(d) for d in pd.date_range(start, end).date if d.weekday() == 6]


def planned_share(pairs) -> dict:
    """Share, shortfall, activities behind and "utan plan" from (plan, outcome) per activity."""
    plan = outcome = shortfall = unplanned = 0.0
    behind = 0
    for planned, performed in pairs:
        if planned > 0:
            plan += planned
            outcome += performed
            if performed < planned:
                shortfall += planned - performed
                behind += 1
        else:
            unplanned += performed
    return {
        "plan": plan,
        "outcome": outcome,
        "share": outcome / plan if plan else None,
        "shortfall": shortfall if plan else None,
        "behind": behind,
        "unplanned": unplanned,
    }


@dataclass
class Expected:
    """The recomputed figures' building blocks, mapped to the platform's units and activities."""

    ref: Reference
    ext: Extracts
    unmapped: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        units = self.ref.units.set_index("unit_id")
        self.clinic_of = units["clinic_id"].to_dict()
        self.clinic_name = dict(
            zip(self.ref.units["clinic_id"], self.ref.units["clinic"], strict=False)
        )
        self.area_of_clinic = dict(
            zip(self.ref.units["clinic_id"], self.ref.units["area_id"], strict=False)
        )
        self.area_name = dict(zip(self.ref.units["area_id"], self.ref.units["area"], strict=False))
        self.cosmic = self._cosmic()
        self.diver, self.delivered = self._diver()
        self.waiting = self._waiting()
        self.until = {s: self.ext.last_extract.get(KIND[s]) for s in (COSMIC, DIVER)}
        plan = self.ref.plan.assign(clinic_id=self.ref.plan["unit_id"].map(self.clinic_of))
        self.plan = plan.groupby(["clinic_id", "activity_id", "week"])["volume"].sum()
        self.unit_plan = plan.groupby(["unit_id", "activity_id", "week"])["volume"].sum()
        self._known: dict[tuple[str, int], set[int]] = {}

    # --- the facts -------------------------------------------------------------------------

    def _cosmic(self) -> pd.DataFrame:
        c = self.ext.contacts.copy()
        c["unit_id"] = c["enhet_kod"].map(self.ref.codes.get(COSMIC, {}))
        c["activity_id"] = [
            self.ref.activity_of(f, t, p)
            for f, t, p in zip(c["fas"], c["kontakttyp"], c["yrkeskategori"], strict=True)
        ]
        self.unmapped["kontakter"] = int((c["unit_id"].isna() | c["activity_id"].isna()).sum())
        c = c.dropna(subset=["unit_id", "activity_id"]).astype({"unit_id": int, "activity_id": int})
        c["clinic_id"] = c["unit_id"].map(self.clinic_of)
        return c

    def _diver(self) -> tuple[pd.DataFrame, set[tuple[int, int]]]:
        p = self.ext.production.copy()
        p["unit_id"] = p["enhet_kod"].map(self.ref.codes.get(DIVER, {}))
        p = p.dropna(subset=["unit_id"]).astype({"unit_id": int})
        delivered = set(zip(p["unit_id"], p["week"], strict=True))
        p["activity_id"] = p["matt"].map(self.ref.measures)
        self.unmapped["produktion"] = int(p["activity_id"].isna().sum())
        p = p.dropna(subset=["activity_id"]).astype({"activity_id": int})
        p["clinic_id"] = p["unit_id"].map(self.clinic_of)
        return p, delivered

    def _waiting(self) -> pd.DataFrame:
        w = self.ext.waiting.copy()
        w["unit_id"] = w["enhet_kod"].map(self.ref.codes.get(COSMIC, {}))
        self.unmapped["vantande"] = int(w["unit_id"].isna().sum())
        w = w.dropna(subset=["unit_id"]).astype({"unit_id": int})
        w["clinic_id"] = w["unit_id"].map(self.clinic_of)
        w["wait"] = [(m - b).days for m, b in zip(w["matdatum"], w["beslut_datum"], strict=True)]
        return w

    # --- outcome ----------------------------------------------------------------------------

    def complete(self, source: str, week: int) -> bool:
        until = self.until[source]
        return until is not None and sunday(week) <= until

    def known_weeks(self, source: str, clinic_id: int) -> set[int]:
        key = (source, clinic_id)
        if key not in self._known:
            if source == COSMIC:
                first = week_key(self.cosmic["day"].min()) if len(self.cosmic) else None
                last = week_key(self.until[COSMIC]) if self.until[COSMIC] else None
                weeks = set(weeks_between(first, last)) if first and last else set()
            else:
                units = {u for u, c in self.clinic_of.items() if c == clinic_id}
                weeks = {w for u, w in self.delivered if u in units}
            self._known[key] = {w for w in weeks if self.complete(source, w)}
        return self._known[key]

    def outcome_table(self, source: str) -> pd.Series:
        """Outcome per (clinic, activity, week), every week with data (known or not)."""
        if source == COSMIC:
            return self.cosmic.groupby(["clinic_id", "activity_id", "week"]).size().astype(float)
        return self.diver.groupby(["clinic_id", "activity_id", "week"])["antal"].sum()

    def weekly(
        self, source: str, clinic_id: int, activity_id: int, week: int, table: pd.Series
    ) -> float | None:
        if week not in self.known_weeks(source, clinic_id):
            return None
        return float(table.get((clinic_id, activity_id, week), 0.0))

    def share_over(self, source: str, clinic_ids, weeks, table: pd.Series) -> dict:
        """The share of planned production over ``weeks`` for the clinics, per (clinic, activity)."""
        pairs = []
        weeks_known = 0
        for clinic in clinic_ids:
            known = [w for w in weeks if w in self.known_weeks(source, clinic)]
            weeks_known = max(weeks_known, len(known))
            plan = _activity_sums(self.plan, clinic, known)
            done = _activity_sums(table, clinic, known)
            for activity in set(plan) | set(done):
                pairs.append((plan.get(activity, 0.0), done.get(activity, 0.0)))
        return {**planned_share(pairs), "weeks_known": weeks_known}

    # --- the waiting list -------------------------------------------------------------------

    def snapshot_days(self) -> list[date]:
        return sorted(self.waiting["matdatum"].unique()) if len(self.ext.waiting) else []

    def last_snapshot(self, first: date, last: date) -> date | None:
        days = [d for d in self.snapshot_days() if first <= d <= last]
        return days[-1] if days else None

    def waiting_figures(self, day: date, clinic_ids=None, long_days: int = 150) -> dict:
        w = self.waiting[self.waiting["matdatum"] == day]
        if clinic_ids is not None:
            w = w[w["clinic_id"].isin(list(clinic_ids))]
        guarantee = w["fas"].isin(GUARANTEE_PHASES) & ~w["avvikelse"].isin(["PVV", "MOV"])
        has_target = w["maldatum"].notna()
        past = has_target & pd.Series(
            [
                bool(pd.notna(t) and t < m)
                for t, m in zip(w["maldatum"], w["matdatum"], strict=True)
            ],
            index=w.index,
            dtype=bool,
        )
        return {
            "total": len(w),
            "over_90": int((w["wait"] > GUARANTEE_DAYS).sum()),
            "guarantee": int(guarantee.sum()),
            "over_90_excl": int((guarantee & (w["wait"] > GUARANTEE_DAYS)).sum()),
            "over_long": int((guarantee & (w["wait"] > long_days)).sum()),
            "past_target": int(past.sum()),
            "with_target": int(has_target.sum()),
            "pvv": int((w["avvikelse"] == "PVV").sum()),
            "mov": int((w["avvikelse"] == "MOV").sum()),
            "first_total": int((guarantee & (w["fas"] == 1)).sum()),
            "first_within": int(
                (guarantee & (w["fas"] == 1) & (w["wait"] <= FIRST_VISIT_DAYS)).sum()
            ),
            "return_with_target": int(((w["fas"] == 4) & has_target).sum()),
            "return_not_past": int(((w["fas"] == 4) & has_target & ~past).sum()),
        }

    def return_visits_on_time(self, clinic_ids, first: date, last: date) -> tuple[int, int]:
        """Performed return visits (fas 4) with a target date, in the days given, and how many of
        them were performed on or before it."""
        c = self.cosmic
        until = self.until[COSMIC]
        last = min(last, until) if until else last
        rows = c[c["clinic_id"].isin(list(clinic_ids)) & (c["fas"] == 4) & c["maldatum"].notna()]
        rows = rows[(rows["day"] >= first) & (rows["day"] <= last)]
        on_time = sum(1 for d, t in zip(rows["day"], rows["maldatum"], strict=True) if d <= t)
        return len(rows), on_time

    def completed(self, day: date) -> dict:
        """Performed first visits and operations (phases 1–2) in the 30 days up to ``day`` that
        count for the guarantee (a decision date, not PVV, not marked vardgaranti N), and those
        within 90 days of the decision."""
        c = self.cosmic
        first = day - timedelta(days=COMPLETED_DAYS - 1)
        rows = c[
            (c["day"] >= first)
            & (c["day"] <= day)
            & c["fas"].isin(GUARANTEE_PHASES)
            & c["beslut_datum"].notna()
            & (c["avvikelse"] != "PVV")
            & (c["vardgaranti"] != "N")
        ]
        within = sum(
            1
            for d, b in zip(rows["day"], rows["beslut_datum"], strict=True)
            if (d - b).days <= GUARANTEE_DAYS
        )
        return {"completed": len(rows), "completed_within_90": within}

    # --- reconciliation ---------------------------------------------------------------------

    def reconciliation(self) -> dict[tuple[int, int, int], float]:
        """COSMIC − Diver per (unit, activity, week) where both delivered the unit-week and they differ."""
        cosmic = self.cosmic.groupby(["unit_id", "activity_id", "week"]).size().astype(float)
        diver = self.diver.groupby(["unit_id", "activity_id", "week"])["antal"].sum()
        both = {
            (u, w)
            for u, w in self.delivered
            if self.complete(DIVER, w)
            and self.complete(COSMIC, w)
            and w in self.known_weeks(COSMIC, self.clinic_of[u])
        }
        result = {}
        for key in set(cosmic.index) | set(diver.index):
            unit, _activity, week = key
            if (unit, week) not in both:
                continue
            difference = float(cosmic.get(key, 0.0)) - float(diver.get(key, 0.0))
            if difference:
                result[key] = difference
        return result


def _activity_sums(table: pd.Series, clinic_id: int, weeks) -> dict[int, float]:
    """Per activity, the (clinic, activity, week) table's values summed over the weeks."""
    frame = table.reset_index(name="value")
    rows = frame[(frame["clinic_id"] == clinic_id) & frame["week"].isin(list(weeks))]
    return {int(a): float(v) for a, v in rows.groupby("activity_id")["value"].sum().items()}
