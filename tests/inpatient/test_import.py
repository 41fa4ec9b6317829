"""vardtillfallen and vardplatser through the generic pipeline: the contract's rules, row by row."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from imports.models import HeldRow, RejectedRow, RunStatus
from imports.services import import_file
from inpatient.models import BedDay, Episode

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EPISODES = "vardtillfalle_id;enhet_kod;personnummer;inskrivning;utskrivning;akut;drg_kod;status\n"
BEDS = "datum;enhet_kod;disponibla;belagda;overbelaggningar;utlokaliserade\n"


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def _rejected(run) -> dict[int, tuple[str, str]]:
    return {r.line: (r.column, r.message) for r in RejectedRow.objects.filter(run=run)}


def test_an_episode_is_stored_with_local_times_days_and_a_pseudonym(wards, write):
    body = EPISODES + (
        "V1;AVD-KAR;19121212-1212;2026-03-01 23:30;2026-03-04T10:15:00;J;127O;GENOMFORD\n"
        # still admitted: no discharge yet
        "V2;AVD-ORT;;2026-03-03 08:00;;N;;genomförd\n"
    )
    run = import_file(path=write("vardtillfallen_cosmic_20260304.csv", body), started_by="t")
    assert run.status == RunStatus.OK, run.message
    first = Episode.objects.get(episode_id="V1")
    assert first.unit == wards.cardiology and first.source == "cosmic"
    assert first.admitted_at == _local("2026-03-01 23:30")
    assert first.discharged_at == _local("2026-03-04 10:15")
    assert (first.admission_date, first.discharge_date) == (date(2026, 3, 1), date(2026, 3, 4))
    assert (first.emergency, first.drg) == (True, "127O")
    # Pseudonymised by the same keyed hash as every other kind: never the number itself.
    assert len(first.patient) == 64 and "1212" not in first.patient
    still = Episode.objects.get(episode_id="V2")
    assert still.discharged_at is None and still.discharge_date is None
    assert (still.unit, still.emergency, still.patient) == (wards.orthopaedics, False, "")


def test_a_later_file_discharges_and_a_cancellation_removes(wards, write):
    import_file(
        path=write(
            "vardtillfallen_cosmic_20260303.csv",
            EPISODES
            + "V1;AVD-KAR;;2026-03-02 09:00;;;;GENOMFORD\nV2;AVD-KAR;;2026-03-02 10:00;;;;GENOMFORD\n",
        ),
        started_by="t",
    )
    run = import_file(
        path=write(
            "vardtillfallen_cosmic_20260304.csv",
            # The cancellation names a code that is no ward: a cancellation needs no ward.
            EPISODES
            + "V1;AVD-KAR;;2026-03-02 09:00;2026-03-04 14:00;;;GENOMFORD\n"
            + "V2;MOT-ORT;;2026-03-02 10:00;;;;MAKULERAD\n",
        ),
        started_by="t",
    )
    assert run.status == RunStatus.OK, run.message
    assert list(Episode.objects.values_list("episode_id", "discharge_date")) == [
        ("V1", date(2026, 3, 4))
    ]


def test_the_bad_episodes_are_rejected_with_line_and_message(wards, write, settings):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 1.0
    body = EPISODES + (
        "V1;AVD-KAR;;2026-03-02 09:00;2026-03-03 09:00;;;GENOMFORD\n"  # line 2: fine
        "V2;AVD-KAR;;2026-03-02 09:00;2026-03-01 18:00;;;GENOMFORD\n"  # 3: discharged before
        "V3;MOT-ORT;;2026-03-02 09:00;;;;GENOMFORD\n"  # 4: a unit that is no ward
        "V4;AVD-KAR;;kl 9;;;;GENOMFORD\n"  # 5: not a time
        "V5;AVD-KAR;;2026-03-02 09:00;;X;;GENOMFORD\n"  # 6: akut neither J nor N
        "V6;AVD-KAR;1234;2026-03-02 09:00;;;;GENOMFORD\n"  # 7: no identity number
        "V7;AVD-XXX;;2026-03-02 09:00;;;;GENOMFORD\n"  # 8: unknown code: held, not rejected
    )
    run = import_file(path=write("vardtillfallen_cosmic_20260304.csv", body), started_by="t")
    assert run.status == RunStatus.PARTIAL
    rejected = _rejected(run)
    assert set(rejected) == {3, 4, 5, 6, 7}
    assert rejected[3] == (
        "utskrivning",
        "Utskrivningen 2026-03-01 18:00 ligger före inskrivningen 2026-03-02 09:00.",
    )
    assert rejected[4][0] == "enhet_kod" and "ingen vårdavdelning" in rejected[4][1]
    assert rejected[5][0] == "inskrivning" and "tidpunkt" in rejected[5][1]
    assert rejected[6][0] == "akut"
    assert rejected[7][0] == "personnummer" and "1234" not in rejected[7][1]
    assert HeldRow.objects.get().code == "AVD-XXX"
    assert list(Episode.objects.values_list("episode_id", flat=True)) == ["V1"]
    assert (run.rows_read, run.rows_accepted, run.rows_held) == (7, 1, 1)


def test_the_same_file_twice_changes_nothing(wards, write):
    body = EPISODES + "V1;AVD-KAR;;2026-03-02 09:00;;;;GENOMFORD\n"
    first = import_file(path=write("vardtillfallen_cosmic_20260304.csv", body), started_by="t")
    again = import_file(path=write("vardtillfallen_cosmic_20260304.csv", body), started_by="t")
    assert (first.status, again.status) == (RunStatus.OK, RunStatus.UNCHANGED)
    assert Episode.objects.count() == 1


def test_a_file_with_too_many_bad_rows_changes_nothing(wards, write):
    # One transaction per file: the good row is not kept when the file is refused.
    body = EPISODES + (
        "V1;AVD-KAR;;2026-03-02 09:00;;;;GENOMFORD\n"
        "V2;AVD-KAR;;2026-03-02 09:00;2026-03-01 09:00;;;GENOMFORD\n"
    )
    run = import_file(path=write("vardtillfallen_cosmic_20260304.csv", body), started_by="t")
    assert run.status == RunStatus.REFUSED and "Hela filen avvisades" in run.message
    assert not Episode.objects.exists()


def test_the_general_rules_hold_comma_excel_encoding_and_header_order(wards, write):
    # Windows-1252, comma-separated, columns in another order and in capitals, an unknown column.
    body = (
        "STATUS,Enhet_kod,inskrivning,vardtillfalle_id,extra\n"
        "GENOMFÖRD,AVD-KAR,2026-03-02 09:00,V1,x\n"
    )
    run = import_file(
        path=write("vardtillfallen_cosmic_20260304.csv", body, encoding="cp1252"), started_by="t"
    )
    assert run.status == RunStatus.OK, run.message
    assert run.info["unknown_columns"] == ["extra"]
    assert Episode.objects.get().admission_date == date(2026, 3, 2)


def test_a_file_without_a_required_column_is_refused_whole(wards, write):
    run = import_file(
        path=write(
            "vardtillfallen_cosmic_20260304.csv", "vardtillfalle_id;enhet_kod\nV1;AVD-KAR\n"
        ),
        started_by="t",
    )
    assert run.status == RunStatus.REFUSED and "inskrivning" in run.message


def test_a_bed_measurement_is_stored_and_a_later_file_replaces_the_day(wards, write):
    import_file(
        path=write(
            "vardplatser_cosmic_20260303.csv",
            BEDS + "2026-03-02;AVD-KAR;24;25;1;0\n2026-03-02;AVD-ORT;18;15;;\n",
        ),
        started_by="t",
    )
    run = import_file(
        path=write("vardplatser_cosmic_20260304.csv", BEDS + "2026-03-02;AVD-KAR;24;23;0;2\n"),
        started_by="t",
    )
    assert run.status == RunStatus.OK, run.message
    measured = {
        (b.unit_id, b.date): (b.staffed, b.occupied, b.overcrowding, b.outlying)
        for b in BedDay.objects.all()
    }
    assert measured == {
        (wards.cardiology.id, date(2026, 3, 2)): (24, 23, 0, 2),
        (wards.orthopaedics.id, date(2026, 3, 2)): (18, 15, None, None),
    }


def test_negative_beds_a_day_measured_twice_and_a_future_day_are_rejected(wards, write, settings):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 1.0
    body = BEDS + (
        "2026-03-02;AVD-KAR;24;22;0;0\n"  # line 2: the day measured twice (with line 5)
        "2026-03-02;AVD-ORT;-3;10;;\n"  # 3: negative beds
        "2026-03-03;AVD-ORT;18;17;0;-1\n"  # 4: negative outlying
        "2026-03-02;AVD-KAR;24;21;0;0\n"  # 5: the second measurement of line 2's day
        "2026-03-03;AVD-KAR;24;20;0;0\n"  # 6: fine
        "2026-03-05;AVD-KAR;24;20;0;0\n"  # 7: after the extract date
        "2026-03-03;MOT-ORT;4;1;0;0\n"  # 8: no ward
    )
    run = import_file(path=write("vardplatser_cosmic_20260304.csv", body), started_by="t")
    assert run.status == RunStatus.PARTIAL, run.message
    rejected = _rejected(run)
    assert set(rejected) == {2, 3, 4, 5, 7, 8}
    assert rejected[2] == (
        "datum, enhet_kod",
        "Samma datum, enhet_kod finns på flera rader i filen (rad 2, 5); ingen av dem importerades.",
    )
    assert rejected[5] == rejected[2]
    assert (
        rejected[3][0] == "disponibla"
        and "'-3' är inget heltal mellan 0 och 10000" in rejected[3][1]
    )
    assert rejected[4][0] == "utlokaliserade"
    assert rejected[7][0] == "datum" and "extraktdatum" in rejected[7][1]
    assert rejected[8][0] == "enhet_kod"
    assert list(BedDay.objects.values_list("date", "occupied")) == [(date(2026, 3, 3), 20)]
    assert (run.rows_read, run.rows_rejected, run.rows_accepted) == (7, 6, 1)


def test_a_day_measured_twice_across_chunks_is_still_caught(wards, write, settings, monkeypatch):
    # The repeated key is found over the whole file, not per chunk of rows.
    from imports import parsing

    monkeypatch.setattr(parsing, "CHUNK_ROWS", 2)
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 1.0
    body = BEDS + (
        "2026-03-01;AVD-KAR;24;22;0;0\n2026-03-02;AVD-KAR;24;22;0;0\n"
        "2026-03-03;AVD-KAR;24;22;0;0\n2026-03-01;AVD-KAR;24;23;0;0\n"
    )
    run = import_file(path=write("vardplatser_cosmic_20260304.csv", body), started_by="t")
    assert set(_rejected(run)) == {2, 5}
    assert BedDay.objects.count() == 2
