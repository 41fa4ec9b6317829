"""The extract kinds of the data contract: columns, types and how each kind replaces data.

A declarative table, so a reader can check it line by line against EXTRACTS.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Kind

PROFESSIONS = ("LAK", "SSK", "BM", "USK", "FYS", "ARB", "KUR", "PSY", "OVR")
CONTACT_TYPES = ("BESOK", "TELEFON", "VIDEO", "SKRIFTLIG")


def _identity(*values: str) -> dict[str, str]:
    return {v: v for v in values}


# Accepted spellings (upper case) → stored value. Profiles can add a region's own values.
ENUMS: dict[str, dict[str, str]] = {
    "yrkeskategori": _identity(*PROFESSIONS) | {"ÖVR": "OVR"},
    "kontakttyp": _identity(*CONTACT_TYPES) | {"BESÖK": "BESOK"},
    "kontakter.status": _identity("GENOMFORD", "MAKULERAD") | {"GENOMFÖRD": "GENOMFORD"},
    "remisser.status": _identity("MOTTAGEN", "AVVISAD", "MAKULERAD"),
    "avvikelse": _identity("PVV", "MOV", "SOV") | {"1": "PVV", "2": "MOV", "3": "SOV"},
    "vardgaranti": {"J": "1", "1": "1", "JA": "1", "N": "0", "2": "0", "NEJ": "0"},
}


@dataclass(frozen=True)
class Column:
    """One contract column: its name, type and whether every row must have it."""

    name: str
    type: str  # text, code, date, int, decimal, week, enum, identity, kva, kvalist, county
    required: bool = False
    max_length: int = 64
    low: int | None = None
    high: int | None = None
    enum: str | None = None
    # For dates: also derive the ISO week key into "<name>__week".
    week: bool = False
    # A date (or week's Monday) after the file's extract date cannot have happened yet.
    past: bool = False


@dataclass(frozen=True)
class KindSpec:
    """What a kind's file holds and how it replaces what was imported before."""

    kind: str
    default_source: str
    columns: tuple[Column, ...]
    # Columns identifying a row; a later row with the same key in one file wins.
    key: tuple[str, ...] = ()
    # How a unit code is resolved (the file's source), and how an activity is.
    has_unit: bool = True
    activity: str | None = None  # "contact" (fas, kontakttyp, yrkeskategori) or "measure"
    # A column that must hold the same value in every row (the snapshot day).
    snapshot: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


FAS = Column("fas", "int", required=True, low=1, high=5)
FAS_WAIT = Column("fas", "int", required=True, low=1, high=4)
PRIORITY = Column("prioritet", "int", low=1, high=4)
UNIT = Column("enhet_kod", "code", required=True, max_length=50)
PROFESSION = Column("yrkeskategori", "enum", enum="yrkeskategori")
CONTACT_TYPE = Column("kontakttyp", "enum", required=True, enum="kontakttyp")
DEVIATION = Column("avvikelse", "enum", enum="avvikelse")

SPECS: dict[str, KindSpec] = {
    Kind.KONTAKTER: KindSpec(
        Kind.KONTAKTER, "cosmic",
        (
            Column("kontakt_id", "text", required=True),
            Column("kontakt_datum", "date", required=True, week=True, past=True),
            UNIT,
            Column("personnummer", "identity"),
            FAS,
            CONTACT_TYPE,
            PROFESSION,
            Column("kva_koder", "kvalist", max_length=200),
            Column("status", "enum", required=True, enum="kontakter.status"),
            Column("beslut_datum", "date", past=True),
            Column("medicinskt_maldatum", "date"),
            DEVIATION,
            Column("vardgaranti", "enum", enum="vardgaranti"),
            PRIORITY,
        ),
        key=("kontakt_id",), activity="contact",
    ),
    Kind.VANTANDE: KindSpec(
        Kind.VANTANDE, "cosmic",
        (
            Column("matdatum", "date", required=True, past=True),
            Column("vantande_id", "text", required=True),
            UNIT,
            Column("personnummer", "identity"),
            FAS_WAIT,
            Column("kva_kod", "kva", max_length=10),
            Column("beslut_datum", "date", required=True, past=True),
            Column("medicinskt_maldatum", "date"),
            DEVIATION,
            PRIORITY,
            Column("hemlan", "county"),
        ),
        key=("vantande_id",), snapshot="matdatum",
    ),
    Kind.REMISSER: KindSpec(
        Kind.REMISSER, "cosmic",
        (
            Column("remiss_id", "text", required=True),
            Column("ankomst_datum", "date", required=True, week=True, past=True),
            UNIT,
            FAS_WAIT,
            Column("kva_kod", "kva", max_length=10),
            PRIORITY,
            Column("status", "enum", required=True, enum="remisser.status"),
        ),
        key=("remiss_id",),
    ),
    Kind.BOKADE: KindSpec(
        Kind.BOKADE, "cosmic",
        (
            Column("matdatum", "date", required=True, past=True),
            Column("bokning_id", "text", required=True),
            Column("bokad_datum", "date", required=True, week=True),
            UNIT,
            FAS,
            CONTACT_TYPE,
            PROFESSION,
        ),
        key=("bokning_id",), activity="contact", snapshot="matdatum",
    ),
    Kind.PRODUKTION: KindSpec(
        Kind.PRODUKTION, "diver",
        (
            Column("vecka", "week", required=True, past=True),
            UNIT,
            Column("matt", "text", required=True, max_length=100),
            Column("antal", "decimal", required=True, low=0),
        ),
        key=("vecka", "enhet_kod", "matt"), activity="measure",
    ),
    Kind.BEMANNING: KindSpec(
        Kind.BEMANNING, "hr",
        (
            Column("vecka", "week", required=True),
            UNIT,
            Column("yrkeskategori", "enum", required=True, enum="yrkeskategori"),
            Column("tillgangliga_timmar", "decimal", required=True, low=0),
            Column("arsarbetare", "decimal", low=0),
        ),
        key=("vecka", "enhet_kod", "yrkeskategori"),
    ),
    Kind.BEFOLKNING: KindSpec(
        Kind.BEFOLKNING, "scb",
        (
            Column("ar", "int", required=True, low=1900, high=2200),
            Column("lan_kod", "county", required=True),
            Column("antal", "int", required=True, low=0, high=50_000_000),
        ),
        key=("ar", "lan_kod"), has_unit=False,
    ),
    Kind.KVA: KindSpec(
        Kind.KVA, "socialstyrelsen",
        (
            Column("kod", "code", required=True, max_length=10),
            Column("kodtext", "text", required=True, max_length=500),
            Column("beskrivning", "text", max_length=5000),
        ),
        key=("kod",), has_unit=False,
    ),
}


def spec_for(kind: str) -> KindSpec | None:
    return SPECS.get(kind)


def guess_kind(header: list[str]) -> str | None:
    """The kind whose required columns the header has, for a helpful message on a wrong kind."""
    present = set(header)
    matches = [spec.kind for spec in SPECS.values() if set(spec.required) <= present]
    # The most specific match: the kind requiring the most columns.
    return max(matches, key=lambda k: len(SPECS[k].required), default=None)
