"""Every kind imports from a small file in exactly the EXTRACTS.md format, with its replace rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from facts.models import (
    Booking,
    KvaCode,
    Population,
    Referral,
    StaffHours,
    WaitingEntry,
    WeeklyOutcome,
)
from imports.models import RunStatus
from imports.services import import_file
from tests import factories

KVA_FILES = Path(__file__).resolve().parents[2] / "demo" / "data" / "kva"

VANTANDE = (
    "matdatum;vantande_id;enhet_kod;personnummer;fas;kva_kod;beslut_datum;medicinskt_maldatum;"
    "avvikelse;prioritet;hemlan\n"
)


def test_waiting_list_snapshot_replaces_the_same_day_only(units, write):
    day1 = VANTANDE + (
        "2026-03-02;V1;C100;19121212-1212;2;NFB49;2025-11-20;;MOV;2;06\n"
        "2026-03-02;V2;C200;;1;;2026-01-15;2026-04-01;;;5\n"
    )
    day2 = VANTANDE + "2026-03-09;V1;C100;;2;NFB49;2025-11-20;;;;06\n"
    day1_again = VANTANDE + "2026-03-02;V3;C100;;1;;2026-02-01;;;;\n"

    assert (
        import_file(path=write("vantande_cosmic_20260302.csv", day1), started_by="t").status == "ok"
    )
    first = WaitingEntry.objects.get(waiting_id="V1")
    assert (first.unit, first.phase, first.kva_code, first.deviation) == (
        units["C100"],
        2,
        "NFB49",
        "MOV",
    )
    assert (first.decision_date, first.home_county, len(first.patient)) == (
        date(2025, 11, 20),
        "06",
        64,
    )
    assert WaitingEntry.objects.get(waiting_id="V2").home_county == "05"  # "5" is county 05

    import_file(path=write("vantande_cosmic_20260309.csv", day2), started_by="t")
    import_file(path=write("vantande_cosmic_20260302_b.csv", day1_again), started_by="t")

    snapshot = dict(WaitingEntry.objects.values_list("waiting_id", "snapshot_date"))
    assert snapshot == {"V1": date(2026, 3, 9), "V3": date(2026, 3, 2)}


def test_a_snapshot_row_with_another_measurement_day_is_rejected(units, write):
    rows = "".join(f"2026-03-02;V{i};C100;;1;;2026-01-01;;;;\n" for i in range(30))
    text = VANTANDE + rows + "2026-03-03;VX;C100;;1;;2026-01-01;;;;\n"
    run = import_file(path=write("vantande_cosmic_20260302.csv", text), started_by="t")

    assert run.status == RunStatus.PARTIAL
    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (32, "matdatum")
    assert WaitingEntry.objects.count() == 30


def test_referrals_are_upserted_by_id(units, write):
    header = "remiss_id;ankomst_datum;enhet_kod;fas;kva_kod;prioritet;status\n"
    import_file(
        path=write(
            "remisser_cosmic_20260105.csv",
            header + ("R1;2026-01-05;C100;1;;3;MOTTAGEN\nR2;2026-01-05;C200;2;NFB49;;MOTTAGEN\n"),
        ),
        started_by="t",
    )
    import_file(
        path=write(
            "remisser_cosmic_20260106.csv", header + "R2;2026-01-05;C200;2;NFB49;;AVVISAD\n"
        ),
        started_by="t",
    )

    assert dict(Referral.objects.values_list("referral_id", "status")) == {
        "R1": "MOTTAGEN",
        "R2": "AVVISAD",
    }
    r1 = Referral.objects.get(referral_id="R1")
    assert (r1.unit, r1.week, r1.priority) == (units["C100"], 202602, 3)


def test_bookings_are_a_snapshot_per_measurement_day(units, write):
    header = "matdatum;bokning_id;bokad_datum;enhet_kod;fas;kontakttyp;yrkeskategori\n"
    import_file(
        path=write(
            "bokade_cosmic_20260301.csv",
            header
            + (
                "2026-03-01;B1;2026-03-10;C100;1;BESOK;LAK\n2026-03-01;B2;2026-03-11;C100;4;TELEFON;SSK\n"
            ),
        ),
        started_by="t",
    )
    import_file(
        path=write(
            "bokade_cosmic_20260301_v2.csv", header + "2026-03-01;B3;2026-03-20;C200;4;BESOK;LAK\n"
        ),
        started_by="t",
    )

    booking = Booking.objects.get()
    assert (booking.booking_id, booking.unit, booking.week, booking.activity.code) == (
        "B3",
        units["C200"],
        202612,
        "lak-ater",
    )


def test_diver_production_replaces_per_unit_and_week_present(units, write):
    header = "vecka;enhet_kod;matt;antal\n"
    import_file(
        path=write(
            "produktion_diver_20260112.csv",
            header
            + (
                "2026-W01;D-100;Läkarbesök ny;12\n2026-W01;D-100;Läkarbesök åter;30,5\n"
                "2026-W02;D-100;Läkarbesök ny;9\n"
            ),
        ),
        started_by="t",
    )
    # A correction of week 1 only: week 2 stays.
    run = import_file(
        path=write("produktion_diver_20260113.csv", header + "2026-W01;D-100;Läkarbesök ny;14\n"),
        started_by="t",
    )

    assert run.status == RunStatus.OK
    counts = {
        (o.week, o.activity.code): o.count for o in WeeklyOutcome.objects.filter(source="diver")
    }
    assert counts == {(202601, "lak-ny"): Decimal("14"), (202602, "lak-ny"): Decimal("9")}
    assert set(WeeklyOutcome.objects.values_list("unit", flat=True)) == {units["C100"].pk}


def test_staffing_replaces_per_week_unit_and_profession_with_year_and_week_columns(units, write):
    header = "ar;vecka;enhet_kod;yrkeskategori;tillgangliga_timmar;arsarbetare\n"
    import_file(
        path=write(
            "bemanning_hr_20260105.csv",
            header + ("2026;5;H100;LAK;120,5;3.2\n2026;5;H100;SSK;200;\n"),
        ),
        started_by="t",
    )
    import_file(
        path=write("bemanning_hr_20260106.csv", header + "2026;5;H100;LAK;80;2\n"), started_by="t"
    )

    hours = {
        s.profession: (s.hours, s.fte)
        for s in StaffHours.objects.filter(unit=units["C100"], week=202605)
    }
    assert hours == {"LAK": (Decimal("80"), Decimal("2")), "SSK": (Decimal("200"), None)}


def test_population_per_year_and_county(db, write):
    header = "ar;lan_kod;antal\n"
    import_file(
        path=write("befolkning_scb_20260101.csv", header + "2025;06;367000\n2025;5;470000\n"),
        started_by="t",
    )
    import_file(
        path=write("befolkning_scb_20260102.csv", header + "2025;06;368123\n"), started_by="t"
    )

    assert dict(Population.objects.values_list("county_code", "count")) == {
        "06": 368123,
        "05": 470000,
    }


def test_socialstyrelsens_kva_files_import_as_published(db):
    runs = [
        import_file(path=KVA_FILES / name, started_by="t")
        for name in ("kka-2021-level1.txt", "kka-2021-level3.txt", "kma-2021-level4.txt")
    ]

    assert [r.status for r in runs] == [RunStatus.OK] * 3, [r.message for r in runs]
    assert [r.kind for r in runs] == ["kva"] * 3
    chapter = KvaCode.objects.get(classification="kka", code="A")
    assert (chapter.level, chapter.text) == (1, "Operationer på nervsystemet")
    assert KvaCode.objects.get(classification="kka", code="AAA").level == 3
    adenosine = KvaCode.objects.get(code="AA001")
    assert (adenosine.classification, adenosine.level, adenosine.chapter) == ("kma", 4, "A")
    assert adenosine.description.startswith("Test för att pröva")
    # Quotes inside Socialstyrelsen's descriptions are text, not CSV quoting.
    assert '"Rapid sequence induction"' in KvaCode.objects.get(code="SA800").text
    expected = (
        sum(
            1
            for line in (KVA_FILES / "kma-2021-level4.txt").open(encoding="utf-8-sig")
            if line.strip()
        )
        - 1
    )
    assert KvaCode.objects.filter(classification="kma").count() == expected


def test_a_waiting_list_import_counts_its_snapshot_into_the_summary_once_committed(
    units, write, django_capture_on_commit_callbacks
):
    from waitlists.models import WaitingSummary

    text = "matdatum;vantande_id;enhet_kod;fas;beslut_datum\n2026-03-02;V1;C100;1;2026-01-01\n2026-03-02;V2;C200;1;2026-02-01\n"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = import_file(path=write("vantande_cosmic_20260302.csv", text), started_by="t")
    # One callback sends facts_imported; the others move the dashboards' figure generation.
    assert run.status == RunStatus.OK and len(factories.app_callbacks(callbacks)) == 1
    assert sorted(WaitingSummary.objects.values_list("unit__code", flat=True).distinct()) == sorted(
        u.code for u in units.values()
    )
