"""Row rules: line numbers and messages, the reject share, decimals and dates, held rows, profiles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from facts.models import Contact, WeeklyOutcome
from imports.models import ColumnProfile, HeldRow, ImportRun, RunStatus
from imports.services import held_rows_reprocess, import_file
from organisation.models import Activity, ContactActivityRule, MeasureMapping, UnitSourceCode
from tests.imports.conftest import lines


def good(n: int, start: int = 0) -> list[str]:
    return [f"K{i};2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;" for i in range(start, start + n)]


def test_each_rejected_row_has_its_file_line_column_and_a_swedish_message(units, write):
    rows = good(70) + [
        "B1;2026-02-30;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",  # line 72
        "B2;2026-01-05;C100;;9;BESOK;LAK;;GENOMFORD;;;;;",  # line 73
        ";2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",  # line 74
    ]
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert (run.status, run.rows_read, run.rows_accepted, run.rows_rejected) == (
        RunStatus.PARTIAL,
        73,
        70,
        3,
    )
    rejected = [(r.line, r.column, r.message) for r in run.rejected_rows.order_by("line")]
    assert rejected == [
        (72, "kontakt_datum", "'2026-02-30' är inget giltigt datum (ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD)."),
        (73, "fas", "'9' är inget heltal mellan 1 och 5."),
        (74, "kontakt_id", "Värde saknas i obligatorisk kolumn."),
    ]
    assert Contact.objects.count() == 70


def test_a_row_with_too_many_fields_is_rejected_with_its_line(units, write):
    rows = good(30) + ["X1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;;extra"]
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert run.status == RunStatus.PARTIAL
    assert run.rejected_rows.get().line == 32
    assert "15 fält" in run.rejected_rows.get().message


def test_more_than_the_allowed_share_rejected_refuses_the_whole_file_and_changes_nothing(
    units, write
):
    import_file(
        path=write("kontakter_cosmic_20260101.csv", lines(*good(5, start=100))), started_by="t"
    )
    before = list(
        Contact.objects.order_by("contact_id").values_list("contact_id", "unit", "activity")
    )
    outcome_before = list(WeeklyOutcome.objects.values_list("unit", "activity", "week", "count"))
    # 6 bad of 100 rows is 6 %: over the 5 % limit. The good rows would have changed K100.
    rows = good(94, start=100) + ["B;2026-13-01;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"] * 6
    rows[0] = "K100;2026-01-05;C200;;4;BESOK;LAK;;GENOMFORD;;;;;"

    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert run.status == RunStatus.REFUSED
    assert (run.rows_read, run.rows_rejected) == (100, 6)
    # Swedish figures: a decimal comma and the per cent sign kept on the line.
    assert (
        "6 av 100" in run.message and "(6,0\u00a0%)" in run.message and "5,0\u00a0%" in run.message
    )
    assert run.rejected_rows.count() == 6
    assert (
        list(Contact.objects.order_by("contact_id").values_list("contact_id", "unit", "activity"))
        == before
    )
    assert (
        list(WeeklyOutcome.objects.values_list("unit", "activity", "week", "count"))
        == outcome_before
    )


def test_exactly_the_allowed_share_rejected_is_partial(units, write):
    rows = good(95) + ["B;2026-13-01;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"] * 5
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert (run.status, run.rows_accepted, run.rows_rejected) == (RunStatus.PARTIAL, 95, 5)


def test_the_reject_share_comes_from_settings(units, write, settings):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 0.5
    rows = good(6) + ["B;2026-13-01;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"] * 4
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert run.status == RunStatus.PARTIAL


def test_a_refused_file_can_be_imported_once_it_is_fixed(units, write):
    path = write(
        "kontakter_cosmic_20260110.csv", lines("B;2026-13-01;C100;;1;BESOK;LAK;;GENOMFORD;;;;;")
    )
    assert import_file(path=path, started_by="t").status == RunStatus.REFUSED
    # The same bytes again are refused again rather than called unchanged.
    assert import_file(path=path, started_by="t").status == RunStatus.REFUSED


def test_decimal_comma_and_point_and_both_date_forms(units, write):
    header = "vecka;enhet_kod;matt;antal\n"
    run = import_file(
        path=write(
            "produktion_diver_20260118.csv",
            header
            + (
                "2026-W02;D-100;Läkarbesök ny;2,5\n2026W02;D-100;Operation;3.25\n2026-w03;D-200;Operation;1\n"
            ),
        ),
        started_by="t",
    )

    assert run.status == RunStatus.OK, run.message
    counts = {(o.week, o.activity.code): o.count for o in WeeklyOutcome.objects.all()}
    assert counts == {
        (202602, "lak-ny"): Decimal("2.5"),
        (202602, "operation"): Decimal("3.25"),
        (202603, "operation"): Decimal("1"),
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-W54", "ISO-vecka"),
        ("2025-W53", "ISO-vecka"),
        ("vecka 5", "ISO-vecka"),
        ("2026-W00", "ISO"),
    ],
)
def test_impossible_weeks_are_rejected(units, write, value, message):
    header = "vecka;enhet_kod;matt;antal\n"
    rows = "".join(f"2026-W{w:02d};D-100;Operation;1\n" for w in range(1, 40))
    run = import_file(
        path=write("produktion_diver_20261004.csv", header + rows + f"{value};D-100;Operation;1\n"),
        started_by="t",
    )

    assert run.status == RunStatus.PARTIAL
    assert message in run.rejected_rows.get().message


def test_unknown_unit_codes_are_held_not_rejected_and_come_in_after_mapping(units, write):
    rows = good(3) + [
        "N1;2026-01-05;C999;19121212-1212;1;BESOK;LAK;;GENOMFORD;;;;;",
        "N2;2026-01-06;C999;;4;BESOK;LAK;;GENOMFORD;;;;;",
    ]
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*rows)), started_by="t")

    assert (run.status, run.rows_accepted, run.rows_held, run.rows_rejected) == (
        RunStatus.OK,
        3,
        2,
        0,
    )
    held = HeldRow.objects.order_by("line")
    assert [(h.line, h.reason, h.code, h.kind, h.source) for h in held] == [
        (5, "unit", "C999", "kontakter", "cosmic"),
        (6, "unit", "C999", "kontakter", "cosmic"),
    ]
    assert len(held[0].data["personnummer"]) == 64  # already pseudonymised

    # Nothing mapped yet: reprocessing keeps them.
    assert held_rows_reprocess().imported == 0
    UnitSourceCode.objects.create(unit=units["C200"], source="cosmic", code="C999")
    result = held_rows_reprocess()

    assert (result.imported, result.still_held) == (2, 0)
    assert not HeldRow.objects.exists()
    assert set(Contact.objects.filter(unit=units["C200"]).values_list("contact_id", flat=True)) == {
        "N1",
        "N2",
    }
    outcome = dict(
        WeeklyOutcome.objects.filter(unit=units["C200"], week=202602).values_list(
            "activity__code", "count"
        )
    )
    assert outcome == {"lak-ny": 1, "lak-ater": 1}


def test_unmapped_activity_combinations_and_measures_are_held_until_mapped(units, write):
    run = import_file(
        path=write(
            "kontakter_cosmic_20260110.csv",
            lines("K1;2026-01-05;C100;;1;BESOK;USK;;GENOMFORD;;;;;"),
        ),
        started_by="t",
    )
    assert (run.rows_held, HeldRow.objects.get().code) == (1, "1/BESOK/USK")
    diver = import_file(
        path=write(
            "produktion_diver_20260110.csv",
            "vecka;enhet_kod;matt;antal\n"
            "2026-W02;D-100;Läkarbesök ny;4\n2026-W02;D-100;Nytt mått;3\n",
        ),
        started_by="t",
    )
    assert diver.rows_held == 1

    nurse = Activity.objects.get(code="ssk-besok")
    ContactActivityRule.objects.create(phase=1, profession="USK", activity=nurse)
    MeasureMapping.objects.create(measure="Nytt mått", activity=Activity.objects.get(code="lak-ny"))
    result = held_rows_reprocess()

    assert (result.imported, result.still_held) == (2, 0)
    assert Contact.objects.get().activity == nurse
    # The held measure adds to the week its file already brought in.
    assert WeeklyOutcome.objects.get(source="diver").count == Decimal("7")


def test_a_newer_delivery_supersedes_a_held_row(units, write):
    import_file(
        path=write(
            "kontakter_cosmic_20260110.csv",
            lines("K1;2026-01-05;C999;;1;BESOK;LAK;;GENOMFORD;;;;;"),
        ),
        started_by="t",
    )
    import_file(
        path=write(
            "kontakter_cosmic_20260111.csv",
            lines("K1;2026-01-05;C100;;4;BESOK;LAK;;GENOMFORD;;;;;"),
        ),
        started_by="t",
    )

    assert not HeldRow.objects.exists()
    assert Contact.objects.get().activity.code == "lak-ater"


def test_a_column_profile_reads_a_region_with_other_names_and_values(units, write):
    ColumnProfile.objects.create(
        source="cosmic",
        kind="kontakter",
        column_map={
            "KontaktNr": "kontakt_id",
            "Datum": "kontakt_datum",
            "Enhet": "enhet_kod",
            "Besokstyp": "fas",
            "Kontaktform": "kontakttyp",
            "Yrke": "yrkeskategori",
            "Makulerad": "status",
        },
        value_map={
            "fas": {"NY": "1", "ÅTER": "4"},
            "kontakttyp": {"Fysiskt": "BESOK"},
            "yrkeskategori": {"Läkare": "LAK"},
            "status": {"Nej": "GENOMFORD", "Ja": "MAKULERAD"},
        },
    )
    text = (
        "KontaktNr,Datum,Enhet,Besokstyp,Kontaktform,Yrke,Makulerad\n"
        "A1,2026-01-05,C100,NY,Fysiskt,Läkare,Nej\nA2,2026-01-05,C100,ÅTER,Fysiskt,Läkare,Nej\n"
    )
    run = import_file(path=write("kontakter_cosmic_20260110.csv", text), started_by="t")

    assert run.status == RunStatus.OK, run.message
    assert dict(Contact.objects.values_list("contact_id", "activity__code")) == {
        "A1": "lak-ny",
        "A2": "lak-ater",
    }


def test_the_log_records_who_started_the_import(units, write):
    run = import_file(
        path=write("kontakter_cosmic_20260110.csv", lines(*good(1))), started_by="nattlig import"
    )

    assert ImportRun.objects.get().started_by == "nattlig import"
    assert len(run.checksum) == 64 and run.finished_at >= run.started_at


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(units, write):
    header = "kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;yrkeskategori;status"
    rows = [f"K{i};2026-01-05;C100;1;BESOK;LAK;GENOMFORD" for i in range(40)]
    rows[3] = '"K3\nmed radbrytning";2026-01-05;C100;1;BESOK;LAK;GENOMFORD'  # lines 5–6
    rows[10] = ""  # a blank line 13 is not a row
    text = "\n".join([header, *rows, "X;2026-01-05;C100;1;BESOK;LAK;OKÄND"]) + "\n"
    run = import_file(path=write("kontakter_cosmic_20260110.csv", text), started_by="t")

    assert (run.status, run.rows_read) == (RunStatus.PARTIAL, 40)
    assert run.rejected_rows.get().line == 43
    assert Contact.objects.filter(contact_id="K3\nmed radbrytning").exists()
