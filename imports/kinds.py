"""How an extract kind is declared: its contract columns, key, replace rule and loader.

The declarations themselves live beside the facts they load (``facts.kinds``),
one module per kind, so a reader can check each line by line against
EXTRACTS.md; the pipeline finds them through ``imports.registry``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import registry

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
    "vardform": _identity("OPPEN", "SLUTEN") | {"ÖPPEN": "OPPEN"},
    "ytterfall": {"J": "1", "1": "1", "JA": "1", "N": "0", "0": "0", "NEJ": "0"},
}


def register_enum(name: str, accepted: dict[str, str]) -> None:
    """Add the accepted spellings of a kind's own coded column (declared beside the kind)."""
    if name in ENUMS and ENUMS[name] != accepted:
        raise ValueError(f"enum {name!r} is declared twice")
    ENUMS[name] = accepted


@dataclass(frozen=True)
class Column:
    """One contract column: its name, type and whether every row must have it."""

    name: str
    # text, code, date, time (local point in time), clock (time of day), int, decimal, week, enum,
    # identity, kvakod, kvalist, county
    type: str
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
class Loader:
    """How staged rows reach a kind's fact tables: the staging table and the merge."""

    # Staging columns: (name, SQL type); "line" first.
    columns: tuple[tuple[str, str], ...]
    # Contract column -> staging column, where the name differs only.
    renames: dict[str, str]
    # Staging columns that identify a row; a later line with the same key wins.
    key: tuple[str, ...]
    # (cursor, imports.loading.Context) -> None: moves the staging table into the facts, in SQL
    # that runs the same on SQLite and PostgreSQL.
    merge: Callable
    # Extra staging columns computed from a renamed chunk (frame -> frame).
    stage: Callable[[pd.DataFrame], pd.DataFrame] | None = None


@dataclass(frozen=True)
class Reference:
    """Reference data a kind's rows need besides a unit and activity (a weight list for a code).

    A row whose reference is missing is held, like a row with an unmapped unit code, and comes
    in when the data-quality page's "Bearbeta om" finds the reference has arrived.
    """

    # The contract column whose code waits for the reference (the rejected-identity check names it).
    column: str
    # Why the row waits and what to do, as the data-quality page says it.
    label: str
    hint: str
    # Made once per import (it may read the reference table): frame -> per row the code it waits
    # for, or no value for rows that have what they need.
    check: Callable[[], Callable[[pd.DataFrame], pd.Series]]


@dataclass(frozen=True)
class KindSpec:
    """What a kind's file holds and how it replaces what was imported before."""

    kind: str
    default_source: str
    columns: tuple[Column, ...]
    loader: Loader
    label: str = ""
    # Columns identifying a row; a later row with the same key in one file wins.
    key: tuple[str, ...] = ()
    # How a unit code is resolved (the file's source), and how an activity is.
    has_unit: bool = True
    activity: str | None = None  # "contact" (fas, kontakttyp, yrkeskategori) or "measure"
    # A column that must hold the same value in every row (the snapshot day).
    snapshot: str | None = None
    # Columns naming what a later file replaces (e.g. a unit's week): held rows of the same scope
    # are dropped when it comes. A snapshot kind's scope is its snapshot day.
    replaces: tuple[str, ...] = ()
    # Read files with a lenient reader (a publisher's text file rather than a contract extract).
    lenient: bool = False
    # Kind-specific preparation of a validated chunk, before mapping: (frame, hints) -> (frame, rejected);
    # the hints are the file name's, with the file's "source" and what ``preload`` read added.
    prepare: Callable | None = None
    # What ``prepare`` needs from the database (e.g. the codes it checks against), read once per
    # file before the rows stream into staging, when no other query may run: hints -> dict.
    preload: Callable[[dict], dict] | None = None
    # Rows that need no unit or activity mapped (e.g. cancellations), as a boolean Series.
    exempt: Callable[[pd.DataFrame], pd.Series] | None = None
    # A key that repeats within one file is an error rather than a correction (a ward's day measured
    # twice): every line of it is rejected, since which one is right cannot be told.
    unique_key: bool = False
    # Delivered every night: the import page shows how fresh it is.
    nightly: bool = False
    # A file name outside the contract's <kind>_<source>_<date> pattern that still names this kind:
    # name -> (source, hints) or None.
    file_name: Callable[[str], tuple[str, dict] | None] | None = None
    # Reference data the rows need (a weight list): rows without it are held.
    reference: Reference | None = None

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def scope_of(self, row) -> str:
        """What a later delivery replaces, for finding held rows it supersedes."""
        if self.snapshot:
            return str(row[self.snapshot])
        return "|".join(str(row[c]) for c in self.replaces)

    def key_of(self, row) -> str:
        return "|".join(str(row[c]) for c in self.key)


def spec_for(kind: str) -> KindSpec | None:
    return registry.spec_for(kind)


def guess_kind(header: list[str]) -> str | None:
    """The kind whose required columns the header has, for a helpful message on a wrong kind."""
    present = set(header)
    specs = registry.specs()
    matches = [spec.kind for spec in specs.values() if set(spec.required) <= present]
    # The most specific match: the kind requiring the most columns.
    return max(matches, key=lambda k: len(specs[k].required), default=None)
