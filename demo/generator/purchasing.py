"""The demo region's referrals out (kopt_vard): long waiters its operating clinics send elsewhere.

Each month-end snapshot, a few of the operations waiting more than 90 days for the
guarantee (no PVV or MOV) at a clinic with an agreement are sent to its provider;
most are operated two to six weeks later, some are returned. A month's file holds the
referrals sent or changed that month, so the import upserts a referral from sent to
performed as a real extract would.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from ..purchasing import AGREEMENTS, agreement_code
from ..region import RegionSpec
from .extracts import _identity
from .files import extract_name, write_csv
from .people import Patients

SEND_SHARE = 0.06  # of the eligible long waiters, per month
CANCEL_SHARE = 0.06
INVOICED_SHARE = 0.85
HEADER = [
    "uppdrag_id", "enhet_kod", "vardgivare_kod", "avtal_kod", "personnummer", "fas", "kva_kod",
    "skickad_datum", "utford_datum", "kostnad", "status",
]  # fmt: skip


def referrals(
    snapshots: list[tuple[np.datetime64, pd.DataFrame]],
    *,
    spec: RegionSpec,
    last: date,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One row per referral out with its final state on ``last``."""
    by_clinic = {c: a for a in AGREEMENTS for c in a.clinics}
    unit_clinic = np.array([u.clinic for u in spec.units])
    sent_ids: set[str] = set()
    rows = []
    for day, f in snapshots:
        today = day.item()
        if (today + timedelta(days=1)).day != 1:
            continue  # month ends only: the latest day's snapshot is sent from next month
        clinic = unit_clinic[f["unit"].to_numpy()]
        waited = (day - f["start"].to_numpy().astype("datetime64[D]")).astype(int)
        eligible = (
            (f["fas"].to_numpy() == 2)
            & (f["avvikelse"].to_numpy() == 0)
            & (waited > 90)
            & np.isin(clinic, list(by_clinic))
            & (f["kva"].to_numpy().astype(str) != "")
            & ~f["id"].isin(sent_ids).to_numpy()
        )
        chosen = np.flatnonzero(eligible & (rng.random(len(f)) < SEND_SHARE))
        for i in chosen:
            agreement = by_clinic[clinic[i]]
            sent = today + timedelta(days=int(rng.integers(1, 15)))
            if sent > last:
                continue
            sent_ids.add(f["id"].iat[i])
            performed = sent + timedelta(days=int(rng.integers(12, 45)))
            cancelled = rng.random() < CANCEL_SHARE
            status = "AVBRUTEN" if cancelled else ("UTFORD" if performed <= last else "SKICKAD")
            invoiced = status == "UTFORD" and rng.random() < INVOICED_SHARE
            cost = round(agreement.price * (1 + rng.normal(0, 0.06))) if invoiced else None
            rows.append(
                {
                    "id": f"UT{f['id'].iat[i]}",
                    "unit": int(f["unit"].iat[i]),
                    "provider": agreement.provider,
                    "agreement": agreement_code(agreement.base, sent.year),
                    "patient": int(f["patient"].iat[i]),
                    "kva": str(f["kva"].iat[i]).split(" ")[0],
                    "sent": sent,
                    "changed": min(performed, last) if status != "SKICKAD" else sent,
                    "performed": performed if status == "UTFORD" else None,
                    "cost": cost,
                    "status": status,
                }
            )
    return pd.DataFrame(rows)


def kopt_vard(
    out: Path, sent: pd.DataFrame, *, spec: RegionSpec, patients: Patients, until: date
) -> list[Path]:
    """A file per month: the referrals sent that month (as sent) and those performed or returned in it."""
    if sent.empty:
        return []
    codes = np.array([u.source_code("cosmic") for u in spec.units])
    first = sent.assign(month=[d.replace(day=1) for d in sent["sent"]], status_now="SKICKAD")
    later = sent[sent["status"] != "SKICKAD"]
    later = later.assign(
        month=[d.replace(day=1) for d in later["changed"]], status_now=later["status"]
    )
    rows = pd.concat([first, later], ignore_index=True)
    # A referral performed in the month it was sent is delivered once, performed.
    rows = rows.drop_duplicates(subset=["id", "month"], keep="last")
    paths = []
    for month, f in rows.groupby("month", sort=True):
        next_month = (month + timedelta(days=32)).replace(day=1)
        extracted = min(next_month, until)
        done = f["status_now"] == "UTFORD"
        columns = [
            f["id"], codes[f["unit"].to_numpy()], f["provider"], f["agreement"],
            _identity(patients, f["patient"].to_numpy()), np.full(len(f), 2), f["kva"],
            [d.isoformat() for d in f["sent"]],
            [p.isoformat() if ok else "" for p, ok in zip(f["performed"], done, strict=True)],
            [str(int(c)) if ok and c == c and c is not None else "" for c, ok in zip(f["cost"], done, strict=True)],
            f["status_now"],
        ]  # fmt: skip
        path = out / extract_name("kopt_vard", "cosmic", extracted)
        paths.append(write_csv(path, HEADER, columns))
    return paths
