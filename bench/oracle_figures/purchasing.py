"""Purchased care: the year's referrals out per provider and in all, recomputed from
``kopt_vard`` (DOMAIN.md, "Purchased care"; the follow-up's stated definitions):

- a referral counts in the year it was sent; sent = every referral out, performed = status
  UTFORD, cancelled = status AVBRUTEN;
- cost: the invoiced cost of a performed referral, else its agreement's price per case (the
  agreement's terms are made in the platform: reference data); a referral sent and not yet
  performed is committed, not cost, and a cancelled one costs nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from .compare import Comparison
from .extracts import column, decimals, files_of, parse_dates, stacked, upserted
from .reference import _query

FIGURES = ("sent", "performed", "cancelled", "cost")


def read_referrals(folder: Path) -> pd.DataFrame:
    """Upserted by uppdrag_id in file order."""
    rows = upserted(stacked(files_of(folder, "kopt_vard")), "uppdrag_id")
    if rows.empty:
        return pd.DataFrame(
            columns=["uppdrag_id", "vardgivare_kod", "avtal_kod", "sent", "status", "kostnad"]
        )
    rows = rows.copy()
    rows["sent"] = parse_dates(rows["skickad_datum"])
    rows["status"] = rows["status"].str.upper()
    rows["vardgivare_kod"] = rows["vardgivare_kod"].str.upper()
    rows["avtal_kod"] = column(rows, "avtal_kod").str.upper()
    rows["kostnad"] = decimals(column(rows, "kostnad"))
    return rows


def figures(rows: pd.DataFrame, price: dict[str, float]) -> dict:
    cost = 0.0
    for status, invoiced, agreement in zip(
        rows["status"], rows["kostnad"], rows["avtal_kod"], strict=True
    ):
        if status != "UTFORD":
            continue
        cost += float(invoiced) if pd.notna(invoiced) else price.get(agreement, 0.0)
    return {
        "sent": len(rows),
        "performed": int((rows["status"] == "UTFORD").sum()),
        "cancelled": int((rows["status"] == "AVBRUTEN").sum()),
        "cost": cost,
    }


def check(result: Comparison, client, folder: Path, connection, today: date, contacts=None) -> None:
    referrals = read_referrals(folder)
    if referrals.empty:
        return
    providers = dict(
        _query(connection, "SELECT code, name FROM purchasing_provider", ["code", "name"]).values
    )
    price = {
        str(code).upper(): float(p)
        for code, p in _query(
            connection, "SELECT code, price_per_case FROM purchasing_agreement", ["code", "price"]
        ).itertuples(index=False)
    }
    providers = {str(k).upper(): v for k, v in providers.items()}
    for year in sorted({d.year for d in referrals["sent"]}):
        if year > today.year:
            continue
        data = client.get(f"/api/v1/purchasing/followup/?year={year}")
        here = referrals[referrals["sent"].map(lambda d, y=year: d.year == y)]
        scopes = [("(alla vårdgivare)", figures(here, price), data["total"])]
        reported = {row["name"]: row for row in data["by_provider"]}
        for code in sorted(set(here["vardgivare_kod"])):
            name = providers.get(code, code)
            scopes.append(
                (name, figures(here[here["vardgivare_kod"] == code], price), reported.pop(name, {}))
            )
        scopes += [(name, dict.fromkeys(FIGURES, 0.0), row) for name, row in reported.items()]
        for name, expected, got in scopes:
            for figure in FIGURES:
                value = got.get(figure)
                result.check(
                    f"purchasing.{figure}",
                    name,
                    str(year),
                    expected[figure],
                    None if value is None else float(value),
                )
