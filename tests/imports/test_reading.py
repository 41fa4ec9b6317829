"""Reading files as the contract allows: delimiters, encodings, BOM, Excel, quoting, header forms."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from facts.models import Contact
from imports.models import RunStatus
from imports.parsing import detect_delimiter, parse_file_name
from imports.services import import_file

HEADER = [
    "kontakt_id",
    "kontakt_datum",
    "enhet_kod",
    "fas",
    "kontakttyp",
    "yrkeskategori",
    "status",
    "kva_koder",
]
ROW = ["K1", "2026-01-05", "C100", "1", "BESOK", "LAK", "GENOMFORD", "NFB49 ZXA10"]


def delimited(delimiter: str, rows=(ROW,), header=HEADER) -> str:
    return "\r\n".join(delimiter.join(r) for r in (header, *rows)) + "\r\n"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_detected(units, write, delimiter):
    run = import_file(
        path=write("kontakter_cosmic_20260110.csv", delimited(delimiter)), started_by="t"
    )

    assert (run.status, run.info["delimiter"]) == (RunStatus.OK, delimiter)
    assert Contact.objects.get().kva_codes == "NFB49 ZXA10"


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"), ("cp1252", b"", "cp1252")],
)
def test_the_encoding_is_detected_and_a_bom_is_not_part_of_the_first_column(
    units, write, encoding, bom, expected
):
    # Åsa's unit code has non-ASCII letters in all three encodings.
    from organisation.models import UnitSourceCode

    UnitSourceCode.objects.create(unit=units["C100"], source="cosmic", code="ÅSÖ1")
    text = delimited(";", rows=[["K1", "2026-01-05", "ÅSÖ1", "1", "BESÖK", "LAK", "GENOMFÖRD", ""]])
    run = import_file(
        path=write("kontakter_cosmic_20260110.csv", bom + text.encode(encoding)), started_by="t"
    )

    assert (run.status, run.info["encoding"]) == (RunStatus.OK, expected), run.message
    contact = Contact.objects.get()
    assert (contact.unit, contact.contact_type) == (units["C100"], "BESOK")


def test_excel_files_import_from_the_first_sheet(units, write, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Kontakt_ID",
            "KONTAKT_DATUM ",
            "enhet_kod",
            "fas",
            "kontakttyp",
            "status",
            "yrkeskategori",
        ]
    )
    sheet.append(["K1", date(2026, 1, 5), "C100", 4, "TELEFON", "GENOMFORD", "LAK"])
    sheet.append([None, None, None, None, None, None, None])  # blank rows are skipped
    sheet.append(["K2", "20260106", "C200", 1.0, "BESOK", "GENOMFORD", "LAK"])
    workbook.create_sheet("Annat").append(["ignored"])
    path = tmp_path / "kontakter_cosmic_20260110.xlsx"
    workbook.save(path)

    run = import_file(path=path, started_by="t")

    assert (run.status, run.info["container"], run.rows_accepted) == (RunStatus.OK, "xlsx", 2), (
        run.message
    )
    assert dict(Contact.objects.values_list("contact_id", "date")) == {
        "K1": date(2026, 1, 5),
        "K2": date(2026, 1, 6),
    }


def test_headers_are_case_insensitive_trimmed_in_any_order_and_unknown_ones_are_listed(
    units, write
):
    header = [
        " STATUS",
        "Kontakt_Datum",
        "extra_kolumn",
        "kontakt_id",
        "enhet_kod",
        "fas",
        "kontakttyp ",
        "YRKESKATEGORI",
    ]
    row = ["GENOMFORD", "20260105", "vad som helst", "K1", "C100", "1", "BESOK", "LAK"]
    run = import_file(
        path=write("kontakter_cosmic_20260110.csv", delimited(";", [row], header)), started_by="t"
    )

    assert run.status == RunStatus.OK
    assert run.info["unknown_columns"] == ["extra_kolumn"]
    assert "extra_kolumn" in run.message
    assert Contact.objects.get().date == date(2026, 1, 5)


def test_quoted_fields_may_hold_the_delimiter_and_quotes(units, write):
    text = (
        "kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;status;yrkeskategori\n"
        '"K;1";"2026-01-05";C100;1;BESOK;GENOMFORD;LAK\n'
        '"K ""2""";2026-01-05;C100;1;BESOK;GENOMFORD;LAK\n'
    )
    run = import_file(path=write("kontakter_cosmic_20260110.csv", text), started_by="t")

    assert run.status == RunStatus.OK
    assert set(Contact.objects.values_list("contact_id", flat=True)) == {"K;1", 'K "2"'}


def test_values_are_trimmed_and_empty_fields_are_no_value(units, write):
    text = (
        "kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;yrkeskategori;status;prioritet;vardgaranti\n"
        " K1 ; 2026-01-05 ;C100 ; 1;besok;;GENOMFORD;  ;\n"
    )
    # No profession: fas 1 by a doctor or anyone else needs a rule that names no profession.
    from organisation.models import Activity, ContactActivityRule

    ContactActivityRule.objects.create(phase=1, activity=Activity.objects.get(code="lak-ny"))
    run = import_file(path=write("kontakter_cosmic_20260110.csv", text), started_by="t")

    assert run.status == RunStatus.OK, run.message
    contact = Contact.objects.get()
    assert (contact.contact_id, contact.priority, contact.guarantee, contact.profession) == (
        "K1",
        None,
        None,
        "",
    )
    assert contact.activity.code == "lak-ny"


def test_detect_delimiter_ignores_delimiters_inside_quotes():
    assert detect_delimiter('"a;b;c",d,e\n') == ","
    assert detect_delimiter("a\tb;c\td\n") == "\t"
    assert detect_delimiter("single\n") == ";"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kontakter_cosmic_20261121.csv", ("kontakter", "cosmic", date(2026, 11, 21))),
        ("VANTANDE_Cosmic_20260101_natt_2.TXT", ("vantande", "cosmic", date(2026, 1, 1))),
        ("bemanning_hr_20260230.xlsx", ("bemanning", "hr", None)),
        ("kma-2021-level4.txt", ("kva", "socialstyrelsen", None)),
        ("rapport.csv", (None, None, None)),
    ],
)
def test_the_file_name_gives_kind_source_and_extract_date(name, expected):
    parsed = parse_file_name(name)
    assert (parsed.kind, parsed.source, parsed.extract_date) == expected


def test_kind_and_source_can_be_given_when_the_name_says_nothing(units, write):
    path = write("export.csv", delimited(";"))
    run = import_file(path=path, kind="kontakter", source="cosmic", started_by="t")

    assert (run.status, run.kind, run.source, run.extract_date) == (
        RunStatus.OK,
        "kontakter",
        "cosmic",
        None,
    )


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("kontakter_cosmic_20260110.csv", b"", "tom"),
        ("kontakter_cosmic_20260110.csv", b"\x00\x01\x02binary\x00" * 50, "binärdata"),
        ("kontakter_cosmic_20260110.pdf", b"%PDF-1.4 ...", "Filtypen"),
        ("kontakter_cosmic_20260110.xlsx", b"PK\x03\x04 not really a zip", "Excel"),
        ("kontakter_cosmic_20260110.csv", b"\xff\xfek\x00o\x00", "UTF-16"),
        ("rapport_20260110.csv", b"a;b\n1;2\n", "Okänd filtyp"),
        (
            "kontakter_cosmic_20260110.csv",
            b"kontakt_id;kontakt_datum;fas\nK1;2026-01-01;1\n",
            "enhet_kod, kontakttyp, status",
        ),
        (
            "kontakter_cosmic_20260110.csv",
            b"kontakt_id;kontakt_id;kontakt_datum;enhet_kod;fas;kontakttyp;status\n",
            "flera gånger",
        ),
        (
            "kontakter_cosmic_20260110.csv",
            "vecka;enhet_kod;matt;antal\n2026-W01;D-100;Läkarbesök ny;3\n".encode(),
            "typen produktion",
        ),
    ],
)
def test_unreadable_files_are_refused_whole_with_a_clear_message(units, write, name, content, says):
    run = import_file(path=write(name, content), started_by="t")

    assert run.status == RunStatus.REFUSED
    assert says in run.message
    assert run.finished_at is not None
    assert not Contact.objects.exists()
