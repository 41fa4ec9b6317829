"""Extracts cannot come from the future: a file dated after today, and rows after their file's date."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from facts.models import Booking, Contact, Referral, WaitingEntry, WeeklyOutcome
from imports.models import ImportRun, RunStatus
from imports.reports import data_freshness
from imports.services import import_file

from .conftest import lines


def stamp(day) -> str:
    return day.strftime("%Y%m%d")


def contact_rows(n: int, day) -> list[str]:
    return [f"K{i};{day.isoformat()};C100;;1;BESOK;LAK;;GENOMFORD;;;;;" for i in range(n)]


def test_a_file_dated_after_today_is_refused_whole_and_changes_nothing(units, write):
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    import_file(
        path=write(f"kontakter_cosmic_{stamp(yesterday)}.csv", lines(*contact_rows(3, yesterday))),
        started_by="t",
    )
    contacts_before = list(Contact.objects.order_by("contact_id").values_list("contact_id", "date"))

    future = today + timedelta(days=3)
    rows = [f"N{i};{yesterday.isoformat()};C100;;1;BESOK;LAK;;GENOMFORD;;;;;" for i in range(5)]
    run = import_file(
        path=write(f"kontakter_cosmic_{stamp(future)}.csv", lines(*rows)), started_by="t"
    )

    assert run.status == RunStatus.REFUSED
    assert f"extraktdatum {future.isoformat()} ligger efter dagens datum" in run.message
    assert "Inget ändrades" in run.message
    assert (
        list(Contact.objects.order_by("contact_id").values_list("contact_id", "date"))
        == contacts_before
    )
    # "Data t.o.m." stays at the last file that was really imported.
    assert data_freshness(kinds=["kontakter"])[0].data_until == yesterday


def test_a_file_dated_today_is_imported(units, write):
    today = timezone.localdate()
    run = import_file(
        path=write(f"kontakter_cosmic_{stamp(today)}.csv", lines(*contact_rows(2, today))),
        started_by="t",
    )

    assert run.status == RunStatus.OK, run.message


def test_a_contact_dated_after_its_files_extract_date_is_a_rejected_row(units, write):
    rows = contact_rows(40, date(2026, 3, 2)) + [
        "LATE;2026-03-04;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",  # line 42
    ]
    run = import_file(path=write("kontakter_cosmic_20260303.csv", lines(*rows)), started_by="t")

    assert run.status == RunStatus.PARTIAL
    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (42, "kontakt_datum")
    assert rejected.message == "Datumet 2026-03-04 ligger efter filens extraktdatum 2026-03-03."
    assert not Contact.objects.filter(contact_id="LATE").exists()
    assert Contact.objects.count() == 40


def test_too_many_rows_after_the_extract_date_refuse_the_file(units, write):
    rows = contact_rows(10, date(2026, 3, 9))
    run = import_file(path=write("kontakter_cosmic_20260303.csv", lines(*rows)), started_by="t")

    assert run.status == RunStatus.REFUSED
    assert run.rejected_rows.count() == 10
    assert not Contact.objects.exists()


def test_a_week_starting_after_the_extract_date_is_rejected_but_the_running_week_is_not(
    units, write
):
    header = "vecka;enhet_kod;matt;antal\n"
    # The file is taken out on Wednesday 2026-07-22, in week 30.
    rows = (
        "".join(f"2026-W{w:02d};D-100;Operation;1\n" for w in range(1, 31))
        + "2026-W31;D-100;Operation;7\n"
    )
    run = import_file(path=write("produktion_diver_20260722.csv", header + rows), started_by="t")

    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (32, "vecka")
    assert rejected.message == "Veckan 2026-W31 börjar efter filens extraktdatum 2026-07-22."
    assert sorted(
        WeeklyOutcome.objects.filter(source="diver").values_list("week", flat=True)
    ) == list(range(202601, 202631))


def test_referrals_and_snapshots_after_the_extract_date_are_rejected(units, write):
    referrals = (
        "remiss_id;ankomst_datum;enhet_kod;fas;kva_kod;prioritet;status\n"
        + "".join(f"R{i};2026-03-02;C100;1;;;MOTTAGEN\n" for i in range(30))
        + "RLATE;2026-03-05;C100;1;;;MOTTAGEN\n"
    )
    run = import_file(path=write("remisser_cosmic_20260303.csv", referrals), started_by="t")
    assert run.rejected_rows.get().column == "ankomst_datum"
    assert not Referral.objects.filter(referral_id="RLATE").exists()

    snapshot = (
        "matdatum;vantande_id;enhet_kod;personnummer;fas;kva_kod;beslut_datum;medicinskt_maldatum;"
        "avvikelse;prioritet;hemlan\n2026-03-09;V1;C100;;1;;2026-01-15;;;;\n"
    )
    run = import_file(path=write("vantande_cosmic_20260303.csv", snapshot), started_by="t")
    assert run.status == RunStatus.REFUSED
    assert "efter filens extraktdatum 2026-03-03" in run.rejected_rows.get().message
    assert not WaitingEntry.objects.exists()


def test_booked_contacts_may_lie_after_the_extract_date(units, write):
    header = "matdatum;bokning_id;bokad_datum;enhet_kod;fas;kontakttyp;yrkeskategori\n"
    run = import_file(
        path=write(
            "bokade_cosmic_20260301.csv", header + "2026-03-01;B1;2026-05-20;C100;1;BESOK;LAK\n"
        ),
        started_by="t",
    )

    assert run.status == RunStatus.OK, run.message
    assert Booking.objects.count() == 1
    assert ImportRun.objects.get().extract_date.isoformat() == "2026-03-01"


def test_a_wait_cannot_start_after_the_extract_date_but_a_target_date_may(units, write):
    rows = (
        contact_rows(40, date(2026, 3, 2))
        + [
            "W1;2026-03-02;C100;;4;BESOK;LAK;;GENOMFORD;2026-02-01;2026-06-01;;;",  # target date ahead: fine
            "W2;2026-03-02;C100;;1;BESOK;LAK;;GENOMFORD;2026-03-10;;;;",  # line 43: decided after the extract
        ]
    )
    run = import_file(path=write("kontakter_cosmic_20260303.csv", lines(*rows)), started_by="t")

    rejected = run.rejected_rows.get()
    assert (rejected.line, rejected.column) == (43, "beslut_datum")
    assert Contact.objects.filter(contact_id="W1").exists()
