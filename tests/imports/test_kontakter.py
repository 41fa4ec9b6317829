"""Contacts: upsert by (source, kontakt_id), MAKULERAD removes, weekly outcome kept in step."""

from __future__ import annotations

from datetime import date

from facts.models import Contact, WeeklyOutcome
from imports.models import RunStatus
from imports.pseudonym import pseudonymise
from imports.services import import_file
from tests.imports.conftest import lines

ROWS = (
    "K1;2026-01-05;C100;19121212-1212;1;BESOK;LAK;NFB49 ZXA10;GENOMFORD;2025-12-01;;PVV;J;2",
    "K2;20260106;C100;191212121212;4;BESOK;LAK;;GENOMFORD;;2026-01-10;;N;",
    "K3;2026-01-07;C200;;4;TELEFON;SSK;;GENOMFORD;;;;;",
)


def outcome(unit, week: int) -> dict[str, int]:
    return {
        o.activity.code: int(o.count)
        for o in WeeklyOutcome.objects.filter(unit=unit, week=week, source="cosmic").select_related(
            "activity"
        )
    }


def test_it_imports_contacts_in_the_contract_format(units, write):
    run = import_file(path=write("kontakter_cosmic_20260110.csv", lines(*ROWS)), started_by="test")

    assert (run.status, run.kind, run.source, run.extract_date) == (
        RunStatus.OK,
        "kontakter",
        "cosmic",
        date(2026, 1, 10),
    )
    assert (run.rows_read, run.rows_accepted, run.rows_rejected, run.rows_held) == (3, 3, 0, 0)
    first = Contact.objects.get(contact_id="K1")
    assert first.unit == units["C100"]
    assert first.activity.code == "lak-ny"
    assert first.week == 202602
    assert first.kva_codes == "NFB49 ZXA10"
    assert (first.deviation, first.guarantee, first.priority) == ("PVV", True, 2)
    assert first.decision_date == date(2025, 12, 1)
    # Both forms of the same personnummer give the same pseudonym, and not the number itself.
    second = Contact.objects.get(contact_id="K2")
    assert first.patient == second.patient == pseudonymise("191212121212")
    assert len(first.patient) == 64 and "121212" not in first.patient
    assert second.date == date(2026, 1, 6)
    assert second.guarantee is False
    assert Contact.objects.get(contact_id="K3").patient == ""
    assert outcome(units["C100"], 202602) == {"lak-ny": 1, "lak-ater": 1}
    assert outcome(units["C200"], 202602) == {"ssk-telefon": 1}


def test_a_later_file_updates_moves_and_cancels_contacts(units, write):
    import_file(path=write("kontakter_cosmic_20260110.csv", lines(*ROWS)), started_by="test")
    later = lines(
        # K1 moved to unit C200 and the week after; K2 cancelled; K4 new.
        "K1;2026-01-12;C200;19121212-1212;1;BESOK;LAK;;GENOMFORD;;;;;",
        "K2;2026-01-06;C100;;4;BESOK;LAK;;MAKULERAD;;;;;",
        "K4;2026-01-08;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
    )
    run = import_file(path=write("kontakter_cosmic_20260113.csv", later), started_by="test")

    assert run.status == RunStatus.OK
    assert set(Contact.objects.values_list("contact_id", flat=True)) == {"K1", "K3", "K4"}
    assert Contact.objects.get(contact_id="K1").unit == units["C200"]
    assert outcome(units["C100"], 202602) == {"lak-ny": 1}
    assert outcome(units["C200"], 202603) == {"lak-ny": 1}
    assert outcome(units["C200"], 202602) == {"ssk-telefon": 1}


def test_the_last_line_of_a_contact_listed_twice_wins(units, write):
    text = lines(
        "K1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
        "K1;2026-01-05;C100;;4;BESOK;LAK;;GENOMFORD;;;;;",
    )
    run = import_file(path=write("kontakter_cosmic_20260110.csv", text), started_by="test")

    assert run.status == RunStatus.OK
    assert Contact.objects.get().activity.code == "lak-ater"
    assert outcome(units["C100"], 202602) == {"lak-ater": 1}


def test_the_same_file_twice_changes_nothing_the_second_time(units, write):
    path = write("kontakter_cosmic_20260110.csv", lines(*ROWS))
    import_file(path=path, started_by="test")
    Contact.objects.filter(contact_id="K3").delete()  # a change the second import must not undo

    again = import_file(path=path, started_by="test")

    assert again.status == RunStatus.UNCHANGED
    assert not Contact.objects.filter(contact_id="K3").exists()


def test_weekly_outcome_always_equals_a_count_of_the_contacts(units, write):
    from django.db.models import Count

    files = [
        lines(
            *[
                f"K{i};2026-01-{5 + i % 7:02d};C{100 * (1 + i % 2)};;{1 + 3 * (i % 2)};BESOK;LAK;;GENOMFORD;;;;;"
                for i in range(30)
            ]
        ),
        # moves, cancellations, a contact listed twice and new contacts
        lines(
            "K1;2026-01-20;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
            "K2;2026-01-06;C200;;1;BESOK;LAK;;MAKULERAD;;;;;",
            "K3;2026-01-07;C100;;4;BESOK;SSK;;GENOMFORD;;;;;",
            "K3;2026-01-07;C200;;4;TELEFON;SSK;;GENOMFORD;;;;;",
            "K40;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;",
            "K99;2026-01-05;C100;;1;BESOK;LAK;;MAKULERAD;;;;;",
        ),
        lines(
            "K4;2026-02-02;C200;;4;BESOK;LAK;;GENOMFORD;;;;;",
            "K5;2026-01-06;C100;;1;BESOK;LAK;;MAKULERAD;;;;;",
        ),
    ]
    for n, text in enumerate(files):
        assert (
            import_file(path=write(f"kontakter_cosmic_2026021{n}.csv", text), started_by="t").status
            == "ok"
        )

    counted = {
        (r["unit"], r["activity"], r["week"]): r["n"]
        for r in Contact.objects.values("unit", "activity", "week").annotate(n=Count("id"))
    }
    kept = {
        (o.unit_id, o.activity_id, o.week): int(o.count)
        for o in WeeklyOutcome.objects.filter(source="cosmic")
    }
    assert kept == counted
    assert Contact.objects.count() == 30 + 1 - 2  # K40 added; K2 and K5 cancelled
