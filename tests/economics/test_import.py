"""drgvikter and kpp through the generic pipeline: every general rule, and a DRG without a weight held."""

from __future__ import annotations

from decimal import Decimal

import pytest

from economics.models import DrgWeight, KppRow
from imports.models import HeldRow, HoldReason, RunStatus
from imports.reports import held_row_groups
from imports.services import held_rows_reprocess

from .extracts import DRG_HEADER, KPP_HEADER, lines

pytestmark = pytest.mark.django_db

WEIGHTS = lines(
    DRG_HEADER,
    "2026;209A;SLUTEN;2,3150;Stora ingrepp i höft och lår",
    "2026;209A;OPPEN;0.4120;Stora ingrepp i höft och lår, öppen vård",
    "2026;901O;OPPEN;0,1500;Läkarbesök",
)


def test_a_weight_list_imports_with_outpatient_and_inpatient_weights_of_one_code_apart(load, org):
    run = load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    assert run.status == RunStatus.OK, run.message
    weights = {(w.code, w.care_form): w.weight for w in DrgWeight.objects.all()}
    assert weights == {
        ("209A", "SLUTEN"): Decimal("2.3150"),
        ("209A", "OPPEN"): Decimal("0.4120"),
        ("901O", "OPPEN"): Decimal("0.1500"),
    }


def test_a_weight_list_replaces_its_year_and_care_form_only(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    load(
        "drgvikter_socialstyrelsen_20260201.csv",
        lines(DRG_HEADER, "2026;901O;OPPEN;0.1600;Läkarbesök"),
    )
    assert set(DrgWeight.objects.values_list("code", "care_form", "weight")) == {
        ("209A", "SLUTEN", Decimal("2.3150")),
        ("901O", "OPPEN", Decimal("0.1600")),
    }


def test_kpp_rows_import_and_the_same_file_twice_changes_nothing(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    text = lines(
        KPP_HEADER,
        "2026;K1;OPPEN;KORT06-1;901o;1200,50;N",
        "2026;V1;SLUTEN;KORT06-2;209A;85000;J",
        "2026;K2;OPPEN;KORT06-1;;300;",
    )
    run = load("kpp_kpp_20260301.csv", text)
    assert (run.status, run.rows_accepted) == (RunStatus.OK, 3), run.message
    rows = {r.contact_id: r for r in KppRow.objects.all()}
    assert rows["K1"].drg_code == "901O" and rows["K1"].cost == Decimal("1200.50")
    assert rows["V1"].outlier and not rows["K1"].outlier and rows["K2"].drg_code == ""
    again = load("kpp_kpp_20260302.csv", text)
    assert again.status == RunStatus.UNCHANGED
    assert KppRow.objects.count() == 3


def test_a_kpp_file_replaces_its_year_and_unit(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    load(
        "kpp_kpp_20260301.csv",
        lines(KPP_HEADER, "2026;K1;OPPEN;KORT06-1;901O;100;N", "2026;K9;OPPEN;KOGN06-1;901O;100;N"),
    )
    load("kpp_kpp_20260401.csv", lines(KPP_HEADER, "2026;K2;OPPEN;KORT06-1;901O;200;N"))
    # K1 is gone with its unit's year; the other unit's row stays.
    assert set(KppRow.objects.values_list("contact_id", flat=True)) == {"K2", "K9"}


def test_a_drg_without_a_weight_for_its_year_and_care_form_is_held_and_listed(
    load, org, client, kps_admin
):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    # 209A has an outpatient weight for 2026 but not for 2025, and 999X none at all.
    run = load(
        "kpp_kpp_20260301.csv",
        lines(
            KPP_HEADER,
            "2026;K1;OPPEN;KORT06-1;209A;900;N",
            "2025;K2;OPPEN;KORT06-1;209A;900;N",
            "2026;V3;SLUTEN;KORT06-2;999X;9000;N",
        ),
    )
    assert (run.status, run.rows_accepted, run.rows_held) == (RunStatus.OK, 1, 2)
    assert set(KppRow.objects.values_list("contact_id", flat=True)) == {"K1"}
    held = {h.code: h for h in HeldRow.objects.all()}
    assert set(held) == {"209A (2025 OPPEN)", "999X (2026 SLUTEN)"}
    assert {h.reason for h in held.values()} == {HoldReason.REFERENCE}
    groups = {g.code: g for g in held_row_groups()}
    assert groups["999X (2026 SLUTEN)"].reason_label == "Ingen DRG-vikt för år och vårdform"
    client.force_login(kps_admin)
    page = client.get("/import/datakvalitet/").content.decode()
    assert "999X (2026 SLUTEN)" in page and "Importera en viktlista" in page


def test_held_kpp_rows_come_in_when_the_weight_list_arrives(
    load, org, django_capture_on_commit_callbacks
):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    load("kpp_kpp_20260301.csv", lines(KPP_HEADER, "2026;V3;SLUTEN;KORT06-2;999X;9000;N"))
    assert not KppRow.objects.exists() and HeldRow.objects.count() == 1
    # Still no weight: reprocessing keeps the row where it is.
    assert held_rows_reprocess().still_held == 1
    with django_capture_on_commit_callbacks(execute=True):
        load("drgvikter_socialstyrelsen_20260115.csv", lines(DRG_HEADER, "2026;999X;SLUTEN;3.1;Ny"))
    assert list(KppRow.objects.values_list("contact_id", "cost")) == [("V3", Decimal("9000.00"))]
    assert not HeldRow.objects.exists()


def test_a_row_breaking_a_rule_is_rejected_with_its_line_and_column(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    good = [f"2026;K{n};OPPEN;KORT06-1;901O;100;N" for n in range(40)]
    run = load(
        "kpp_kpp_20260301.csv", lines(KPP_HEADER, *good, "2026;K99;HEMMA;KORT06-1;901O;100;N")
    )
    assert run.status == RunStatus.PARTIAL
    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (42, "vardform")
    assert "OPPEN, SLUTEN" in rejected.message
    assert KppRow.objects.count() == 40


def test_too_many_rejected_rows_refuse_the_whole_file(load, org):
    run = load(
        "kpp_kpp_20260301.csv",
        lines(KPP_HEADER, "2026;K1;OPPEN;KORT06-1;;tusen;N", "2026;K2;OPPEN;KORT06-1;;100;N"),
    )
    assert run.status == RunStatus.REFUSED and not KppRow.objects.exists()


def test_missing_required_columns_refuse_the_file(load, org):
    run = load("kpp_kpp_20260301.csv", "ar;kontakt_id;enhet_kod\n2026;K1;KORT06-1\n")
    assert run.status == RunStatus.REFUSED
    assert "vardform" in run.message and "kostnad" in run.message


def test_windows_1252_comma_separated_any_column_order_and_unknown_columns(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    text = 'KOSTNAD,Vardform,ar,kontakt_id,enhet_kod,drg_kod,kommentar\n"1500,5",ÖPPEN,2026,K1,KORT06-1,901O,"a, b"\n'
    run = load("kpp_kpp_20260301.csv", text.encode("cp1252"))
    assert run.status == RunStatus.OK, run.message
    assert run.info["unknown_columns"] == ["kommentar"]
    assert KppRow.objects.get().cost == Decimal("1500.50")


def test_an_unknown_unit_code_is_held_like_any_kind(load, org):
    load("drgvikter_socialstyrelsen_20260110.csv", WEIGHTS)
    run = load("kpp_kpp_20260301.csv", lines(KPP_HEADER, "2026;K1;OPPEN;OKAND;901O;100;N"))
    assert run.rows_held == 1 and HeldRow.objects.get().reason == HoldReason.UNIT
