"""Personal identity numbers: one canonical form, a keyed hash, and no clear text anywhere."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.apps import apps
from django.db import connection, models
from hypothesis import given
from hypothesis import strategies as st

from imports.models import RejectedRow, RunStatus
from imports.pseudonym import InvalidIdentity, mask_identities, normalise, pseudonymise
from imports.services import import_file
from tests.imports.conftest import lines

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("191212121212", "191212121212"),
        ("19121212-1212", "191212121212"),
        ("19121212+1212", "191212121212"),
        ("121212-1212", "201212121212"),  # born 2012: the latest century not in the future
        ("121212+1212", "191212121212"),  # '+': a hundred years or more
        ("1212121212", "201212121212"),
        ("650101-1234", "196501011234"),
        (" 19650161-1234 ", "196501611234"),  # samordningsnummer: day + 60
        ("19900101-k123", "19900101K123"),  # a region's reserve number
        ("RES 4567 AB", "RES4567AB"),
    ],
)
def test_every_accepted_form_normalises_to_one_canonical_form(written, canonical):
    assert normalise(written, today=TODAY) == canonical


@pytest.mark.parametrize(
    "written", ["19121312-1212", "19120230-1212", "12345", "1912121212121", "----", "1912-12-12"]
)
def test_impossible_numbers_are_invalid(written):
    with pytest.raises(InvalidIdentity) as error:
        normalise(written, today=TODAY)
    assert written not in str(error.value)


def test_the_pseudonym_is_keyed(settings):
    first = pseudonymise("19121212-1212")
    settings.KPS_PSEUDONYM_KEY = "another-key"
    assert pseudonymise("191212121212") != first
    assert len(first) == 64 and re.fullmatch(r"[0-9a-f]{64}", first)


def test_masking_hides_identity_numbers_in_text():
    text = "fel i 19121212-1212, 121212+1212 och 1912121212 men inte 2026-01-05 eller K00012"
    masked = mask_identities(text)
    assert "1212" not in masked
    assert "2026-01-05" in masked and "K00012" in masked


FORMS = [
    "191212121212",
    "19121212-1212",
    "121212-1212",
    "121212+1212",
    "19650161-1234",
    "19900101K123",
]


def _clear_text_variants() -> set[str]:
    variants = set()
    for written in FORMS:
        canonical = normalise(written)
        variants |= {written, canonical, canonical[2:], canonical[:8] + "-" + canonical[8:]}
    return variants


def test_no_clear_text_identity_number_is_stored_in_any_table(units, write, settings):
    # Four of ten rows are bad on purpose; the file must still be imported, not refused.
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 0.5
    kontakter = lines(
        *[f"K{i};2026-01-05;C100;{pn};1;BESOK;LAK;;GENOMFORD;;;;;" for i, pn in enumerate(FORMS)],
        "H1;2026-01-05;C999;19121212-1212;1;BESOK;LAK;;GENOMFORD;;;;;",  # held
        "X1;2026-01-05;C100;19121312-1212;1;BESOK;LAK;;GENOMFORD;;;;;",  # rejected
        # a number in a column that is not the identity column: its message must not echo it
        "X2;19121212-1212;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
        # and in a unit code, where an unknown code would otherwise be held for mapping
        "X3;2026-01-05;19121212-1212;;1;BESOK;LAK;;GENOMFORD;;;;;",
    )
    vantande = "matdatum;vantande_id;enhet_kod;personnummer;fas;beslut_datum\n" + "".join(
        f"2026-03-02;V{i};C100;{pn};1;2026-01-01\n" for i, pn in enumerate(FORMS)
    )
    run = import_file(path=write("kontakter_cosmic_20260110.csv", kontakter), started_by="t")
    assert (run.status, run.rows_accepted, run.rows_held) == (RunStatus.PARTIAL, len(FORMS), 1)
    import_file(path=write("vantande_cosmic_20260302.csv", vantande), started_by="t")
    # A refused file keeps its rejected rows too.
    refused = import_file(
        path=write(
            "kontakter_cosmic_20260111.csv",
            lines("Y1;2026-01-05;C100;19121312-1212;1;BESOK;LAK;;GENOMFORD;;;;;"),
        ),
        started_by="t",
    )
    assert refused.status == RunStatus.REFUSED
    assert RejectedRow.objects.count() >= 3

    variants = _clear_text_variants()
    scanned = 0
    with connection.cursor() as cursor:
        for model in apps.get_models():
            text_columns = [
                f.column
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
            ]
            if not text_columns:
                continue
            columns = ", ".join(connection.ops.quote_name(c) for c in text_columns)
            cursor.execute(
                f"SELECT {columns} FROM {connection.ops.quote_name(model._meta.db_table)}"
            )
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    scanned += 1
                    text = str(value).upper()
                    leaked = [v for v in variants if v.upper() in text]
                    assert not leaked, f"{model.__name__} holds an identity number"
    assert scanned > 50


def test_an_identity_number_in_a_code_column_is_rejected_not_held_for_mapping(
    units, write, settings
):
    from imports.models import HeldRow

    settings.KPS_IMPORT_MAX_REJECT_SHARE = 0.5
    run = import_file(
        path=write(
            "kontakter_cosmic_20260110.csv",
            lines(
                "K1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
                "K2;2026-01-05;C999;;1;BESOK;LAK;;GENOMFORD;;;;;",
                "K3;2026-01-05;121212-1212;;1;BESOK;LAK;;GENOMFORD;;;;;",
            ),
        ),
        started_by="t",
    )

    assert (run.status, run.rows_accepted, run.rows_held, run.rows_rejected) == (
        RunStatus.PARTIAL,
        1,
        1,
        1,
    )
    assert list(HeldRow.objects.values_list("code", flat=True)) == ["C999"]
    rejected = RejectedRow.objects.get(run=run)
    assert (rejected.line, rejected.column) == (4, "enhet_kod")
    assert "personnummer" in rejected.message and "1212" not in rejected.message


@given(
    st.lists(
        st.one_of(
            st.builds(
                lambda y, m, d, sep, n, pad: f"{pad}{y:04d}{m:02d}{d:02d}{sep}{n:04d}{pad}",
                st.integers(0, 9999),
                st.integers(0, 19),
                st.integers(0, 99),
                st.sampled_from(["", "-", "+", " "]),
                st.integers(0, 9999),
                st.sampled_from(["", " ", "\t"]),
            ),
            st.text(alphabet="0123456789-+ K", max_size=14),
        ),
        max_size=30,
    )
)
def test_the_column_at_once_check_agrees_with_normalise_value_by_value(values):
    from imports.pseudonym import twelve_digit_forms

    for value, fast in zip(values, twelve_digit_forms(values), strict=True):
        if fast is None:
            continue  # left for normalise
        try:
            expected = normalise(value, today=TODAY)
        except InvalidIdentity:
            expected = False
        assert fast == expected, value
