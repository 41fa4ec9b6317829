"""kopt_vard through the generic pipeline: upserted by uppdrag_id, pseudonymised, every general rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from imports.models import RunStatus
from imports.parsing import parse_file_name
from imports.pseudonym import pseudonymise
from purchasing.models import PurchasedReferral

from .conftest import lines

pytestmark = pytest.mark.django_db
NAME = "kopt_vard_cosmic_20261201.csv"


def _good(n: int, status: str = "SKICKAD") -> list[str]:
    return [f"U{i};CORT06-1;PRIV1;A1;;2;NFB49;2026-10-01;;;{status}" for i in range(n)]


def test_referrals_out_import_with_the_patient_pseudonymised_and_the_same_file_twice_changes_nothing(
    load, org
):
    text = lines(
        "U1;CORT06-1;priv1;a1;19121212-1212;2;NFB49;2026-10-01;;;SKICKAD",
        "U2;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-01;2026-11-02;61250,50;UTFÖRD",
        "U3;COGN06-1;REG05;;;1;;20261003;;;AVBRUTEN",
    )
    run = load(NAME, text)
    assert (run.status, run.rows_accepted) == (RunStatus.OK, 3), run.message
    rows = {r.referral_id: r for r in PurchasedReferral.objects.all()}
    assert rows["U1"].patient == pseudonymise("19121212-1212") and "1212" not in rows["U1"].patient
    assert (rows["U1"].provider_code, rows["U1"].agreement_code) == ("PRIV1", "A1")
    assert (rows["U2"].status, rows["U2"].performed_date, rows["U2"].cost) == (
        "UTFORD", date(2026, 11, 2), Decimal("61250.50"),
    )  # fmt: skip
    assert (rows["U3"].unit, rows["U3"].agreement_code, rows["U3"].sent_date) == (
        org.units[2], "", date(2026, 10, 3),
    )  # fmt: skip
    assert load(NAME, text).status == RunStatus.UNCHANGED


def test_a_later_row_for_the_same_uppdrag_id_updates_the_referral(load, org):
    load(NAME, lines("U1;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-01;;;SKICKAD"))
    run = load(
        "kopt_vard_cosmic_20261202.csv",
        lines("U1;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-01;2026-11-30;70000;UTFORD"),
    )
    assert run.status == RunStatus.OK, run.message
    referral = PurchasedReferral.objects.get()
    assert (referral.status, referral.performed_date, referral.cost) == (
        "UTFORD", date(2026, 11, 30), Decimal("70000.00"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            "X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;2026-10-01;;UTFORD",
            "utford_datum",
            "före remissen",
        ),
        (
            "X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;;;UTFORD",
            "utford_datum",
            "behöver utford_datum",
        ),
        (
            "X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;2026-10-20;;SKICKAD",
            "utford_datum",
            "Bara en utförd",
        ),
        ("X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;;;KLAR", "status", "SKICKAD"),
        ("X;CORT06-1;PRIV1;A1;;7;NFB49;2026-10-05;;;SKICKAD", "fas", ""),
        ("X;CORT06-1;PRIV1;A1;;2;NFB49;2027-01-05;;;SKICKAD", "skickad_datum", ""),
        ("X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;;-5;SKICKAD", "kostnad", ""),
        ("X;CORT06-1;;A1;;2;NFB49;2026-10-05;;;SKICKAD", "vardgivare_kod", ""),
    ],
)
def test_a_row_breaking_a_rule_is_rejected_with_its_line_column_and_a_swedish_message(
    load, org, row, column, message
):
    run = load(NAME, lines(*_good(40), row))
    assert (run.status, run.rows_accepted) == (RunStatus.PARTIAL, 40), run.message
    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (42, column)
    assert message in rejected.message
    assert not PurchasedReferral.objects.filter(referral_id="X").exists()


def test_too_many_rejected_rows_refuse_the_whole_file(load, org):
    run = load(NAME, lines(*_good(3), "X;CORT06-1;PRIV1;A1;;2;NFB49;2026-10-05;;;KLAR"))
    assert run.status == RunStatus.REFUSED and not PurchasedReferral.objects.exists()


def test_missing_required_columns_refuse_the_file(load, org):
    run = load(NAME, "uppdrag_id;enhet_kod;status\nU1;CORT06-1;SKICKAD\n")
    assert run.status == RunStatus.REFUSED
    assert "vardgivare_kod" in run.message and "skickad_datum" in run.message


def test_windows_1252_comma_separated_any_column_order_and_an_unknown_unit_held(load, org):
    text = (
        "status,skickad_datum,uppdrag_id,enhet_kod,vardgivare_kod,fas,extra\r\n"
        "SKICKAD,2026-10-01,U1,CORT06-1,PRIV1,2,Östra sjukhuset\r\n"
    )
    run = load(NAME, text.encode("cp1252"))
    assert run.status == RunStatus.OK, run.message
    held = load("kopt_vard_cosmic_20261203.csv", lines("U9;OKAND;PRIV1;;;2;;2026-10-01;;;SKICKAD"))
    assert (held.rows_accepted, held.rows_held) == (0, 1)


def test_a_kind_named_with_an_underscore_is_read_from_the_file_name():
    named = parse_file_name("kopt_vard_cosmic_20261201_natt.csv")
    assert (named.kind, named.source, named.extract_date) == (
        "kopt_vard",
        "cosmic",
        date(2026, 12, 1),
    )
    assert parse_file_name("kontakter_cosmic_20261121.csv").kind == "kontakter"
