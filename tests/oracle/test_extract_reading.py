"""The oracle reads extract files the way the extract format says, without the importer:
delimiter and encoding detected, files applied in extract-date order, contacts upserted by
id with MAKULERAD removing, Diver's weeks replaced per unit, a snapshot per matdatum."""

from __future__ import annotations

import sys
from datetime import date

from openpyxl import Workbook

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from oracle_figures.extracts import read_extracts, read_table  # noqa: E402

CONTACT_HEADER = "kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;yrkeskategori;status"


def write(folder, name: str, lines: list[str], *, encoding="utf-8", newline="\n") -> None:
    (folder / name).write_bytes(newline.join(lines).encode(encoding))


def test_a_later_file_changes_a_contact_and_makulerad_removes_one(tmp_path):
    write(tmp_path, "kontakter_cosmic_20260105.csv", [
        CONTACT_HEADER,
        "K1;2026-01-02;A;1;BESOK;LAK;GENOMFORD",
        "K2;2026-01-02;A;1;BESOK;LAK;GENOMFORD",
    ])  # fmt: skip
    write(tmp_path, "kontakter_cosmic_20260112_a.csv", [
        CONTACT_HEADER,
        "K1;20260103;B;4;TELEFON;SSK;GENOMFORD",
        "K2;2026-01-02;A;1;BESOK;LAK;MAKULERAD",
    ])  # fmt: skip

    contacts = read_extracts(tmp_path).contacts

    assert contacts[["kontakt_id", "enhet_kod", "day", "fas", "kontakttyp"]].values.tolist() == [
        ["K1", "B", date(2026, 1, 3), 4, "TELEFON"]
    ]
    assert contacts["week"].tolist() == [202601]


def test_diver_rows_replace_the_unit_weeks_a_later_file_holds_and_keep_the_others(tmp_path):
    write(tmp_path, "produktion_diver_20260112.csv", [
        "vecka;enhet_kod;matt;antal", "2026-W01;D1;Läkarbesök ny;5", "2026-W01;D2;Läkarbesök ny;7",
        "2026-W01;D1;Operation;2",
    ], encoding="cp1252", newline="\r\n")  # fmt: skip
    write(
        tmp_path,
        "produktion_diver_20260119.csv",
        ["ar,vecka,enhet_kod,matt,antal", '2026,1,D1,Läkarbesök ny,"4,5"'],
    )

    rows = read_extracts(tmp_path).production.sort_values(["enhet_kod", "matt"])

    assert rows[["enhet_kod", "week", "matt", "antal"]].values.tolist() == [
        ["D1", 202601, "Läkarbesök ny", 4.5],
        ["D2", 202601, "Läkarbesök ny", 7.0],
    ]


def test_a_waiting_snapshot_is_replaced_whole_by_a_later_file_of_the_same_day(tmp_path):
    header = "matdatum\tvantande_id\tenhet_kod\tfas\tbeslut_datum\tavvikelse"
    write(
        tmp_path,
        "vantande_cosmic_20260201.txt",
        [header, "2026-01-31\tV1\tA\t1\t2025-10-01\t", "2026-01-31\tV2\tA\t2\t2025-12-01\t1"],
    )
    write(tmp_path, "vantande_cosmic_20260202.txt", [header, "2026-01-31\tV3\tA\t1\t2025-11-01\t2"])
    write(tmp_path, "vantande_cosmic_20260301.txt", [header, "2026-02-28\tV1\tA\t1\t2025-10-01\t"])

    waiting = read_extracts(tmp_path).waiting.sort_values("matdatum")

    assert waiting[["matdatum", "fas", "avvikelse"]].values.tolist() == [
        [date(2026, 1, 31), 1, "MOV"],
        [date(2026, 2, 28), 1, ""],
    ]


def test_an_excel_file_with_odd_header_case_reads_like_a_csv_file(tmp_path):
    book = Workbook()
    book.active.append([" Vecka ", "ENHET_KOD", "Matt", "antal"])
    book.active.append(["2026-W02", "D1", "Operation", 3])
    book.save(tmp_path / "produktion_diver_20260119.xlsx")

    frame = read_table(tmp_path / "produktion_diver_20260119.xlsx")

    assert list(frame.columns) == ["vecka", "enhet_kod", "matt", "antal"]
    assert frame.values.tolist() == [["2026-W02", "D1", "Operation", "3"]]
