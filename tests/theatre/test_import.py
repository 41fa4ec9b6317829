"""operationer and salstider through the generic pipeline: the contract's rules, row by row."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from imports.models import RejectedRow, RunStatus
from imports.services import import_file
from theatre.models import Operation, Session

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OPERATIONER = (
    "operation_id;sal_kod;enhet_kod;op_datum;personnummer;kva_koder;prioritet;akut;anmalan_datum;"
    "patient_in;op_start;op_slut;patient_ut;status;struken_tid;struken_orsak\n"
)
SALSTIDER = "datum;sal_kod;start;slut;enhet_kod;bemannad\n"


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def _rejected(run) -> dict[int, tuple[str, str]]:
    return {r.line: (r.column, r.message) for r in RejectedRow.objects.filter(run=run)}


def test_a_performed_operation_is_stored_with_local_times_and_a_pseudonym(theatre, write):
    body = OPERATIONER + (
        "A1;OP1;C-ORT;2026-03-02;19121212-1212;NFB49;2;N;2025-12-01;"
        "2026-03-02 07:40;2026-03-02 08:05;2026-03-02T09:30;2026-03-02 09:50:00;GENOMFORD;;\n"
    )
    run = import_file(path=write("operationer_cosmic_20260303.csv", body), started_by="t")
    assert run.status == RunStatus.OK, run.message
    op = Operation.objects.get()
    assert (op.room, op.unit, op.date, op.priority, op.emergency) == (
        theatre.room1,
        theatre.ortho_unit,
        date(2026, 3, 2),
        2,
        False,
    )
    assert op.patient_in == _local("2026-03-02 07:40")
    assert op.patient_out == _local("2026-03-02 09:50")
    # Pseudonymised by the same keyed hash as every other kind: never the number itself.
    assert len(op.patient) == 64 and "1212" not in op.patient


def test_the_bad_cases_are_rejected_with_line_and_message(theatre, write, settings):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 1.0
    body = OPERATIONER + (
        # line 2: fine
        "A1;OP1;C-ORT;2026-03-02;;;;;;2026-03-02 07:40;2026-03-02 08:05;2026-03-02 09:30;"
        "2026-03-02 09:50;GENOMFORD;;\n"
        # line 3: the operation ends before it starts
        "A2;OP1;C-ORT;2026-03-02;;;;;;2026-03-02 10:00;2026-03-02 10:20;2026-03-02 10:10;"
        "2026-03-02 11:00;GENOMFORD;;\n"
        # line 4: performed without patient out
        "A3;OP1;C-ORT;2026-03-02;;;;;;2026-03-02 11:10;;;;GENOMFORD;;\n"
        # line 5: an unknown room
        "A4;OP9;C-ORT;2026-03-02;;;;;;2026-03-02 12:00;;;2026-03-02 13:00;GENOMFORD;;\n"
        # line 6: two days after the operation's day
        "A5;OP2;C-OGN;2026-03-02;;;;;;2026-03-02 23:00;;;2026-03-04 01:00;GENOMFORD;;\n"
        # line 7: not a time at all
        "A6;OP2;C-OGN;2026-03-02;;;;;;kl 8;;;2026-03-02 09:00;GENOMFORD;;\n"
        # line 8: past midnight, the day after: fine
        "A7;OP2;C-OGN;2026-03-02;;;;;;2026-03-02 22:30;;;2026-03-03 00:40;GENOMFORD;;\n"
    )
    run = import_file(path=write("operationer_cosmic_20260303.csv", body), started_by="t")
    assert run.status == RunStatus.PARTIAL
    rejected = _rejected(run)
    assert set(rejected) == {3, 4, 5, 6, 7}
    assert rejected[3][0] == "op_slut" and "fel ordning" in rejected[3][1]
    assert rejected[4][0] == "patient_ut" and "patient_in och patient_ut" in rejected[4][1]
    assert rejected[5][0] == "sal_kod" and "OP9" in rejected[5][1]
    assert rejected[6][0] == "patient_ut" and "dagen efter" in rejected[6][1]
    assert rejected[7][0] == "patient_in" and "tidpunkt" in rejected[7][1]
    assert set(Operation.objects.values_list("operation_id", flat=True)) == {"A1", "A7"}


def test_an_operation_is_upserted_struck_and_removed(theatre, write):
    booked = OPERATIONER + "B1;OP1;C-ORT;2026-03-02;;;;;;;;;;STRUKEN;2026-03-01 17:30;PAT\n"
    run = import_file(path=write("operationer_cosmic_20260301.csv", booked), started_by="t")
    assert run.status == RunStatus.OK, run.message
    op = Operation.objects.get()
    assert (op.status, op.strike_cause, op.struck_at) == (
        "STRUKEN",
        "PAT",
        _local("2026-03-01 17:30"),
    )
    performed = OPERATIONER + (
        "B1;OP2;C-ORT;2026-03-02;;;;;;2026-03-02 08:00;;;2026-03-02 09:00;GENOMFORD;;\n"
    )
    import_file(path=write("operationer_cosmic_20260302.csv", performed), started_by="t")
    op = Operation.objects.get()
    assert (op.status, op.room, op.strike_cause) == ("GENOMFORD", theatre.room2, "")
    removed = OPERATIONER + "B1;OP2;C-ORT;2026-03-02;;;;;;;;;;MAKULERAD;;\n"
    import_file(path=write("operationer_cosmic_20260303.csv", removed), started_by="t")
    assert not Operation.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(theatre, write):
    body = OPERATIONER + (
        "C1;OP1;C-ORT;2026-03-02;;;;;;2026-03-02 08:00;;;2026-03-02 09:00;GENOMFORD;;\n"
    )
    path = write("operationer_cosmic_20260303.csv", body)
    assert import_file(path=path, started_by="t").status == RunStatus.OK
    again = import_file(path=path, started_by="t")
    assert again.status == RunStatus.UNCHANGED
    # Rows that come again in another file are upserted, not added.
    import_file(path=write("operationer_cosmic_20260304.csv", body), started_by="t")
    assert Operation.objects.count() == 1


def test_a_refused_file_changes_nothing(theatre, write):
    body = OPERATIONER + (
        "D1;OP1;C-ORT;2026-03-02;;;;;;2026-03-02 08:00;;;2026-03-02 09:00;GENOMFORD;;\n"
        "D2;OP7;C-ORT;2026-03-02;;;;;;2026-03-02 10:00;;;2026-03-02 11:00;GENOMFORD;;\n"
    )
    run = import_file(path=write("operationer_cosmic_20260303.csv", body), started_by="t")
    # Half the rows broke a rule: far above 5 %, so the file is refused in one transaction.
    assert run.status == RunStatus.REFUSED
    assert not Operation.objects.exists()


def test_an_unknown_clinic_unit_is_held_until_it_is_mapped(theatre, write):
    body = (
        OPERATIONER
        + ("E1;OP1;C-NEW;2026-03-02;;;;;;2026-03-02 08:00;;;2026-03-02 09:00;GENOMFORD;;\n")
        + "".join(
            f"E{n};OP1;C-ORT;2026-03-02;;;;;;2026-03-02 1{n % 10}:00;;;2026-03-02 1{n % 10}:30;"
            "GENOMFORD;;\n"
            for n in range(2, 22)
        )
    )
    run = import_file(path=write("operationer_cosmic_20260303.csv", body), started_by="t")
    assert run.rows_held == 1 and Operation.objects.count() == 20


def test_the_session_plan_replaces_a_room_and_day(theatre, write):
    first = SALSTIDER + (
        "2026-03-02;SAL-1;07:30;16:00;O-ORT;J\n"
        "2026-03-02;SAL-2;07:30;12:00;O-OGN;\n"
        "2026-03-02;SAL-2;12:30;16:00;;J\n"
        "2026-03-03;SAL-2;07:30;16:00;O-OGN;N\n"
    )
    run = import_file(path=write("salstider_orbit_20260301.csv", first), started_by="t")
    assert run.status == RunStatus.OK, run.message
    assert Session.objects.count() == 4
    open_time = Session.objects.get(room=theatre.room2, start_time=time(12, 30))
    assert open_time.unit is None and open_time.staffed
    assert not Session.objects.get(date=date(2026, 3, 3)).staffed
    # A new plan for room 2 on the 2nd: only that room and day change.
    second = SALSTIDER + "2026-03-02;SAL-2;07:30;16:00;O-ORT;J\n"
    import_file(path=write("salstider_orbit_20260302.csv", second), started_by="t")
    day = Session.objects.filter(date=date(2026, 3, 2)).order_by("room__code", "start_time")
    assert [(s.room.code, s.unit_id) for s in day] == [
        ("S1", theatre.ortho_unit.id),
        ("S2", theatre.ortho_unit.id),
    ]
    assert Session.objects.filter(date=date(2026, 3, 3)).count() == 1


def test_session_rules_reject_with_line_and_message(theatre, write, settings):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 1.0
    body = SALSTIDER + (
        "2026-03-02;SAL-1;07:30;16:00;O-ORT;J\n"
        "2026-03-02;SAL-1;16:00;07:30;O-ORT;J\n"
        "2026-03-02;SAL-X;07:30;16:00;O-ORT;J\n"
        "2026-03-02;SAL-2;25:00;26:00;O-ORT;J\n"
        "2026-03-02;SAL-2;07:30;16:00;O-ORT;kanske\n"
    )
    run = import_file(path=write("salstider_orbit_20260301.csv", body), started_by="t")
    rejected = _rejected(run)
    assert set(rejected) == {3, 4, 5, 6}
    assert rejected[3][0] == "slut"
    assert rejected[4][0] == "sal_kod" and "SAL-X" in rejected[4][1]
    assert rejected[5][0] == "start" and "klockslag" in rejected[5][1]
    assert rejected[6][0] == "bemannad"
    assert Session.objects.count() == 1
