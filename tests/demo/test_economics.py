"""The demo's weight lists and KPP rows agree with its contacts: every KPP row is a contact of its
year with a DRG weighted in that year's list, and about 2 % are outliers."""

from __future__ import annotations

from .conftest import read_rows


def test_kpp_rows_are_the_contacts_of_finished_months_with_weighted_drgs(small_region):
    contacts = {
        row["kontakt_id"]: row["kontakt_datum"]
        for path in small_region.of_kind("kontakter")
        for row in read_rows(path)
        if row["status"] == "GENOMFORD"
    }
    weights = {
        (row["ar"], row["vardform"], row["drg_kod"])
        for path in small_region.of_kind("drgvikter")
        for row in read_rows(path)
    }
    rows = [row for path in small_region.of_kind("kpp") for row in read_rows(path)]
    assert len(rows) > 0.8 * len(contacts)
    for row in rows:
        assert contacts[row["kontakt_id"]][:4] == row["ar"]
        assert (row["ar"], row["vardform"], row["drg_kod"]) in weights
    # The running month is not in the KPP database yet.
    assert max(contacts[row["kontakt_id"]] for row in rows) < "2027-01-01"
    outliers = sum(row["ytterfall"] == "J" for row in rows) / len(rows)
    assert 0.01 < outliers < 0.03


def test_a_weight_list_per_year_with_both_care_forms(small_region):
    lists = small_region.of_kind("drgvikter")
    assert sorted(int(read_rows(p)[0]["ar"]) for p in lists) == [2026, 2027]
    for path in lists:
        forms = {row["vardform"] for row in read_rows(path)}
        assert forms == {"OPPEN", "SLUTEN"}
