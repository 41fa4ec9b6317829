"""The generated files follow the extract format: names, columns, value types and unit codes."""

from __future__ import annotations

import re
from datetime import date

import pytest

from organisation.calendar import IsoWeek

from .conftest import read_rows

NAME_RE = re.compile(
    r"^(?P<kind>[a-z]+(?:_[a-z]+)*)_(?P<source>[a-z0-9]+)_(?P<date>\d{8})(_[^.]+)?\.(csv|txt|xlsx)$"
)
KINDS = {
    # kind: (source, required columns, optional columns)
    "kontakter": (
        "cosmic",
        ["kontakt_id", "kontakt_datum", "enhet_kod", "fas", "kontakttyp", "status"],
        [
            "personnummer",
            "yrkeskategori",
            "kva_koder",
            "beslut_datum",
            "medicinskt_maldatum",
            "avvikelse",
            "vardgaranti",
            "prioritet",
        ],
    ),
    "vantande": (
        "cosmic",
        ["matdatum", "vantande_id", "enhet_kod", "fas", "beslut_datum"],
        ["personnummer", "kva_kod", "medicinskt_maldatum", "avvikelse", "prioritet", "hemlan"],
    ),
    "remisser": (
        "cosmic",
        ["remiss_id", "ankomst_datum", "enhet_kod", "fas", "status"],
        ["kva_kod", "prioritet"],
    ),
    "bokade": (
        "cosmic",
        ["matdatum", "bokning_id", "bokad_datum", "enhet_kod", "fas", "kontakttyp"],
        ["yrkeskategori"],
    ),
    "produktion": ("diver", ["vecka", "enhet_kod", "matt", "antal"], []),
    "bemanning": (
        "hr",
        ["vecka", "enhet_kod", "yrkeskategori", "tillgangliga_timmar"],
        ["arsarbetare"],
    ),
    "befolkning": ("scb", ["ar", "lan_kod", "antal"], []),
    "vardtillfallen": (
        "cosmic",
        ["vardtillfalle_id", "enhet_kod", "inskrivning", "status"],
        ["personnummer", "utskrivning", "akut", "drg_kod"],
    ),
    "vardplatser": (
        "cosmic",
        ["datum", "enhet_kod", "disponibla", "belagda"],
        ["overbelaggningar", "utlokaliserade"],
    ),
    "operationer": (
        "cosmic",
        ["operation_id", "sal_kod", "enhet_kod", "op_datum", "status"],
        [
            "personnummer",
            "kva_koder",
            "prioritet",
            "akut",
            "anmalan_datum",
            "patient_in",
            "op_start",
            "op_slut",
            "patient_ut",
            "struken_tid",
            "struken_orsak",
        ],
    ),
    "salstider": ("orbit", ["datum", "sal_kod", "start", "slut"], ["enhet_kod", "bemannad"]),
    "drgvikter": ("socialstyrelsen", ["ar", "drg_kod", "vardform", "vikt"], ["benamning"]),
    "kopt_vard": (
        "cosmic",
        ["uppdrag_id", "enhet_kod", "vardgivare_kod", "fas", "skickad_datum", "status"],
        ["avtal_kod", "personnummer", "kva_kod", "utford_datum", "kostnad"],
    ),
    "kpp": (
        "kpp",
        ["ar", "kontakt_id", "vardform", "enhet_kod", "kostnad"],
        ["drg_kod", "ytterfall"],
    ),
}
DATE_COLUMNS = {
    "kontakt_datum",
    "beslut_datum",
    "medicinskt_maldatum",
    "matdatum",
    "ankomst_datum",
    "bokad_datum",
    "op_datum",
    "anmalan_datum",
    "datum",
    "skickad_datum",
    "utford_datum",
}
PROFESSIONS = {"LAK", "SSK", "BM", "USK", "FYS", "ARB", "KUR", "PSY", "OVR"}
ALLOWED = {
    "kontakttyp": {"BESOK", "TELEFON", "VIDEO", "SKRIFTLIG"},
    "yrkeskategori": PROFESSIONS | {""},
    "avvikelse": {"", "PVV", "MOV", "SOV"},
    "vardgaranti": {"", "J", "N"},
    "prioritet": {"", "1", "2", "3", "4"},
    "vardform": {"OPPEN", "SLUTEN"},
    "ytterfall": {"", "J", "N"},
}
STATUS = {
    "kontakter": {"GENOMFORD", "MAKULERAD"},
    "remisser": {"MOTTAGEN", "AVVISAD", "MAKULERAD"},
    "vardtillfallen": {"GENOMFORD", "MAKULERAD"},
    "operationer": {"GENOMFORD", "STRUKEN"},
    "kopt_vard": {"SKICKAD", "UTFORD", "AVBRUTEN"},
}
PHASES = {
    "kontakter": {"1", "2", "3", "4", "5"},
    "vantande": {"1", "2", "3", "4"},
    "remisser": {"1", "2", "3", "4"},
    "bokade": {"1", "2", "3", "4", "5"},
}


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten[:9]):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(ten[9])


def valid_identity(text: str) -> bool:
    """Every form the extract format allows; numbers must carry a correct check digit."""
    if re.fullmatch(r"\d{8}[A-Z]\d{3}", text):  # the region's reserve numbers
        date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        return True
    match = re.fullmatch(r"(\d{2})?(\d{6})[-+]?(\d{4})", text)
    if not match:
        return False
    yymmdd, last4 = match.group(2), match.group(3)
    day = int(yymmdd[4:]) - (60 if int(yymmdd[4:]) > 60 else 0)  # samordningsnummer: day + 60
    century = match.group(1) or "19"
    date(int(century + yymmdd[:2]), int(yymmdd[2:4]), day)
    return luhn_ok(yymmdd + last4)


def test_every_kind_is_written_and_named_by_the_convention(small_region):
    kinds = set()
    for path in small_region.paths:
        if path.name.startswith(("kka-", "kma-")):  # Socialstyrelsen's own chapter file names
            continue
        match = NAME_RE.match(path.name)
        assert match, path.name
        date(int(match["date"][:4]), int(match["date"][4:6]), int(match["date"][6:]))
        kinds.add(match["kind"])
        if match["kind"] in KINDS:
            assert match["source"] == KINDS[match["kind"]][0]
    assert kinds == set(KINDS) | {"kva", "vantanderapport"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_columns_and_values_follow_the_format(small_region, kind):
    source, required, optional = KINDS[kind]
    # Orbit's unit codes are the operating units' own (tested with the operations below).
    codes = (
        small_region.spec.codes(source)
        if source not in ("scb", "orbit", "socialstyrelsen")
        else None
    )
    paths = small_region.of_kind(kind)
    assert paths
    for path in paths:
        rows = read_rows(path)
        assert rows, path.name
        assert set(required) <= set(rows[0]), path.name
        for row in rows:
            for column in required:
                assert row[column] != "", (path.name, column, row)
            for column in DATE_COLUMNS & row.keys():
                if row[column]:
                    date.fromisoformat(row[column])
            for column, allowed in ALLOWED.items():
                if column in row and column in required + optional:
                    assert row[column] in allowed, (path.name, column, row[column])
            if kind in PHASES:
                assert row["fas"] in PHASES[kind]
            if kind in STATUS:
                assert row["status"] in STATUS[kind]
            if codes is not None:
                assert row["enhet_kod"] in codes, (path.name, row["enhet_kod"])
            if "vecka" in row:
                assert re.fullmatch(r"\d{4}-W\d{2}", row["vecka"])
                IsoWeek.parse(row["vecka"])
            if row.get("personnummer"):
                assert valid_identity(row["personnummer"]), row["personnummer"]


def test_numbers_parse_as_the_format_says(small_region):
    for path in small_region.of_kind("bemanning"):
        for row in read_rows(path):
            assert float(row["tillgangliga_timmar"].replace(",", ".")) >= 0
            assert float(row["arsarbetare"].replace(",", ".")) >= 0
            assert row["yrkeskategori"] in PROFESSIONS
    for path in small_region.of_kind("produktion"):
        assert all(int(row["antal"]) > 0 for row in read_rows(path))
    counties = {row["lan_kod"] for row in read_rows(small_region.of_kind("befolkning")[0])}
    assert len(counties) == 21 and all(re.fullmatch(r"\d{2}", c) for c in counties)


def test_encodings_vary_within_what_the_format_allows(small_region):
    produktion = small_region.of_kind("produktion")[0].read_bytes()
    assert "Läkarbesök".encode("cp1252") in produktion and b"\r\n" in produktion
    assert small_region.of_kind("vantande")[0].read_bytes().startswith(b"\xef\xbb\xbf")
    assert small_region.of_kind("befolkning")[0].suffix == ".xlsx"
    assert "," in read_rows(small_region.of_kind("bemanning")[0])[0]["tillgangliga_timmar"]


def test_identity_numbers_come_in_every_allowed_form(small_region):
    seen = {
        row["personnummer"] for path in small_region.of_kind("kontakter") for row in read_rows(path)
    }
    seen.discard("")
    forms = {
        "12 digits": any(re.fullmatch(r"\d{12}", p) for p in seen),
        "12 with dash": any(re.fullmatch(r"\d{8}-\d{4}", p) for p in seen),
        "10 digits": any(re.fullmatch(r"\d{6}[-+]\d{4}", p) for p in seen),
        "samordningsnummer": any(re.fullmatch(r"\d{12}", p) and int(p[6:8]) > 60 for p in seen),
        "reserve": any(re.fullmatch(r"\d{8}[A-Z]\d{3}", p) for p in seen),
    }
    assert all(forms.values()), forms
    assert not valid_identity("197001011234")  # the check itself can fail


def test_kva_files_are_socialstyrelsens_unchanged(small_region):
    from demo.generator.kva import KVA_DIR

    copies = small_region.of_kind("kva") + [
        p for p in small_region.paths if p.name.startswith(("kka-", "kma-"))
    ]
    assert len(copies) == len(list(KVA_DIR.glob("*.txt")))
    assert (small_region.out / "kva_socialstyrelsen_20210101_kka-level4.txt").read_bytes() == (
        KVA_DIR / "kka-2021-level4.txt"
    ).read_bytes()


def test_the_neighbours_reports_are_aggregated_suppressed_and_one_month_is_missing(small_region):
    from waitlists.exchange import COLUMNS

    paths = small_region.of_kind("vantanderapport")
    by_county: dict[str, list] = {}
    for path in paths:
        match = NAME_RE.match(path.name)
        by_county.setdefault(match["source"], []).append(match["date"])
        rows = read_rows(path)
        assert rows and list(rows[0]) == COLUMNS
        for row in rows:
            assert row["lan_kod"] == match["source"]
            assert row["matdatum"].replace("-", "") == match["date"]
            assert int(row["antal"]) >= 5
            assert int(row["over_90"]) <= int(row["antal_vardgaranti"]) <= int(row["antal"])
    assert set(by_county) == {"05", "08"}
    # Kalmar left out one month: a gap to mark, never a zero.
    assert len(by_county["08"]) == len(by_county["05"]) - 1


def test_the_operations_are_the_operating_units_fas_2_and_their_times_in_order(small_region):
    performed = [
        row
        for path in small_region.of_kind("operationer")
        for row in read_rows(path)
        if row["status"] == "GENOMFORD"
    ]
    contacts = {
        (row["kontakt_datum"], row["enhet_kod"])
        for path in small_region.of_kind("kontakter")
        for row in read_rows(path)
        if row["fas"] == "2" and row["status"] == "GENOMFORD"
    }
    assert performed
    for row in performed:
        times = [row[c] for c in ("patient_in", "op_start", "op_slut", "patient_ut")]
        assert all(times) and times == sorted(times), row
        assert times[0][:10] == row["op_datum"]
        assert (row["op_datum"], row["enhet_kod"]) in contacts
    struck = [
        row
        for path in small_region.of_kind("operationer")
        for row in read_rows(path)
        if row["status"] == "STRUKEN"
    ]
    assert struck and all(row["struken_tid"] and row["struken_orsak"] for row in struck)
    sessions = [row for path in small_region.of_kind("salstider") for row in read_rows(path)]
    assert all(row["start"] < row["slut"] for row in sessions)
    assert {row["bemannad"] for row in sessions} == {"J", "N"}
    assert any(row["enhet_kod"] == "" for row in sessions)
