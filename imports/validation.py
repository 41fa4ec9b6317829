"""Typing and checking one chunk of rows against a kind's columns, vectorised with pandas.

A row with a broken value is rejected with the first column that broke a
rule; the rest of its values are not looked at. Values shown in messages
pass through ``mask_identities`` and are cut short, and identity numbers are
never shown at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from organisation.calendar import weeks_in_year

from .kinds import ENUMS, Column, KindSpec
from .parsing import Chunk
from .pseudonym import mask_identities, pseudonymise_many

_DATE_RE = r"\d{4}-?\d{2}-?\d{2}"
_INT_RE = r"[+]?\d{1,9}"
_DECIMAL_RE = r"[+-]?\d{1,12}(?:[.,]\d{1,6})?"
_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_KVA_RE = r"[A-ZÅÄÖ0-9]{1,8}"
_SPLIT_RE = re.compile(r"[\s,]+")


@dataclass
class Rejected:
    line: int
    column: str
    message: str


@dataclass
class Validated:
    """The accepted rows of a chunk as typed columns (None/NA for no value), and the rejected ones."""

    frame: pd.DataFrame
    rejected: list[Rejected]


def shown(value: str) -> str:
    """A value as it may appear in a message: short, and never an identity number."""
    text = mask_identities(value)
    return text if len(text) <= 40 else text[:37] + "…"


def validate_chunk(
    spec: KindSpec, header: list[str], chunk: Chunk, *, value_map: dict, today: date
) -> Validated:
    rejected = [Rejected(line, "", message) for line, message in chunk.malformed]
    lines = np.asarray(chunk.lines, dtype=np.int64)
    if not chunk.rows:
        return Validated(pd.DataFrame({"line": lines}), rejected)
    position = {name: i for i, name in enumerate(header) if name}
    transposed = list(zip(*chunk.rows, strict=True))
    raw = {name: pd.Series(transposed[i], dtype=object) for name, i in position.items()}
    _combine_year_and_week(spec, raw)

    # First failing column per row (index into `errors`); -1 = row is fine so far.
    failed = np.full(len(lines), -1, dtype=np.int64)
    # (column, message template, raw values): messages are only written for failing rows.
    errors: list[tuple[str, Message, pd.Series]] = []
    out = {"line": lines}
    for column in spec.columns:
        values = raw.get(column.name)
        if values is None:
            values = pd.Series([""] * len(lines), dtype=object)
        values = _strip(values)
        mapping = value_map.get(column.name)
        if mapping:
            values = values.map(lambda v, m=mapping: m.get(v, m.get(v.upper(), v)))
        typed, bad, messages = _convert(column, values, today)
        empty = values == ""
        if column.required:
            required = Message(_("Värde saknas i obligatorisk kolumn."))
            _mark(failed, errors, empty.to_numpy(), column.name, required, values)
        bad = np.asarray(bad.fillna(True), dtype=bool)
        _mark(failed, errors, bad & ~empty.to_numpy(), column.name, messages, values)
        if isinstance(typed, dict):
            out.update(typed)
        else:
            out[column.name] = typed
    frame = pd.DataFrame(out)
    ok = failed < 0
    for row in np.flatnonzero(~ok):
        column, message, values = errors[failed[row]]
        rejected.append(Rejected(int(lines[row]), column, message.render(values.iloc[row])))
    rejected.sort(key=lambda r: r.line)
    return Validated(frame[ok].reset_index(drop=True), rejected)


@dataclass(frozen=True)
class Message:
    """A rejection message; ``%(value)s`` in it shows the (masked, shortened) value."""

    template: str
    extra: tuple = ()

    def render(self, value: str) -> str:
        return self.template % ({"value": shown(str(value))} | dict(self.extra))


def _mark(failed, errors, mask, column: str, message: Message, values: pd.Series) -> None:
    new = mask & (failed < 0)
    if new.any():
        errors.append((column, message, values))
        failed[new] = len(errors) - 1


def _strip(values: pd.Series) -> pd.Series:
    # Most extracts have no surrounding blanks: one regex over the joined column avoids a
    # per-value strip for a million rows.
    joined = "\x00" + "\x00".join(values) + "\x00"
    if any(f"\x00{blank}" in joined or f"{blank}\x00" in joined for blank in " \t\r\n\xa0"):
        return values.str.strip()
    return values


def _all_match(values: pd.Series, pattern: str) -> bool:
    """Whether every value (or empty) matches: one regex over the joined column, not one per value."""
    return re.fullmatch(f"(?:{pattern}|)(?:\x00(?:{pattern}|))*", "\x00".join(values)) is not None


def _matches(values: pd.Series, pattern: str) -> pd.Series:
    if _all_match(values, pattern):
        return pd.Series(True, index=values.index)
    return values.str.fullmatch(pattern)


def _combine_year_and_week(spec: KindSpec, raw: dict[str, pd.Series]) -> None:
    """Weeks may come as two columns `ar` + `vecka`; make them one `YYYY-Www` column."""
    has_week = any(c.type == "week" for c in spec.columns)
    if has_week and "ar" in raw and "vecka" in raw and "ar" not in spec.names:
        year, week = raw["ar"].str.strip(), raw["vecka"].str.strip()
        numeric = week.str.fullmatch(r"\d{1,2}") & year.str.fullmatch(r"\d{4}")
        raw["vecka"] = week.where(~numeric, year + "-W" + week.str.zfill(2))


def _per_row(values: pd.Series, template: str, **extra) -> Message:
    return Message(template, tuple(extra.items()))


def _convert(column: Column, values: pd.Series, today: date):
    """(typed values, bad mask, per-row messages) for one column."""
    empty = values == ""
    no_errors = pd.Series(False, index=values.index)
    if column.type in ("text", "code"):
        bad = values.str.len() > column.max_length
        message = Message(_("Värdet är för långt (högst %(n)s tecken).") % {"n": column.max_length})
        return values.where(~empty, None), bad, message
    if column.type == "date":
        return _convert_date(column, values, empty)
    if column.type == "int":
        ok = _matches(values, _INT_RE)
        numbers = pd.to_numeric(values.where(ok, None), errors="coerce").astype("Int64")
        in_range = numbers.between(column.low, column.high).fillna(False).astype(bool)
        bad = ~ok | ~in_range
        return numbers, bad, _per_row(
            values, _("'%(value)s' är inget heltal mellan %(low)s och %(high)s."),
            low=column.low, high=column.high,
        )
    if column.type == "decimal":
        ok = _matches(values, _DECIMAL_RE)
        text = values.str.replace(",", ".", regex=False).str.lstrip("+")
        negative = text.str.startswith("-") & ok
        bad = ~ok | (negative if column.low == 0 else no_errors)
        return text.where(~empty, None), bad, _per_row(
            values, _("'%(value)s' är inget tal (använd decimalpunkt eller decimalkomma, inga tusentalsavgränsare).")
        )
    if column.type == "week":
        return _convert_week(values, empty)
    if column.type == "enum":
        allowed = ENUMS[column.enum]
        upper = values.str.upper()
        mapped = upper.map(allowed)
        bad = mapped.isna()
        return mapped.where(~empty, None), bad, _per_row(
            values, _("'%(value)s' är inget tillåtet värde (tillåtna: %(allowed)s)."),
            allowed=", ".join(sorted(set(allowed.values()))),
        )
    if column.type == "county":
        padded = values.str.zfill(2)
        ok = padded.str.fullmatch(r"\d{2}") & padded.between("01", "25")
        return padded.where(~empty, None), ~ok, _per_row(
            values, _("'%(value)s' är ingen länskod (01–25).")
        )
    if column.type in ("kva", "kvalist"):
        upper = values.str.upper()
        if column.type == "kvalist" and _all_match(upper, f"{_KVA_RE}(?: {_KVA_RE})*"):
            # Already written as the contract's canonical blank-separated list.
            bad = upper.str.len() > column.max_length
            return upper.where(~empty, None), bad, _per_row(
                values, _("'%(value)s' är inte KVÅ-koder åtskilda med blanksteg eller kommatecken.")
            )
        if column.type == "kvalist":
            codes = upper.map(lambda v: [c for c in _SPLIT_RE.split(v) if c])
            bad = codes.map(lambda cs: not all(re.fullmatch(_KVA_RE, c) for c in cs))
            bad |= codes.map(lambda cs: len(" ".join(cs)) > column.max_length)
            return codes.map(" ".join).where(~empty, None), bad, _per_row(
                values, _("'%(value)s' är inte KVÅ-koder åtskilda med blanksteg eller kommatecken.")
            )
        bad = ~_matches(upper, _KVA_RE)
        return upper.where(~empty, None), bad, _per_row(values, _("'%(value)s' är ingen KVÅ-kod."))
    if column.type == "identity":
        pseudonyms = pseudonymise_many(values[~empty].unique(), today=today)
        hashed = values.map(pseudonyms)
        bad = hashed.isna()
        # The message deliberately does not repeat the value.
        message = Message(
            _("Ogiltigt personnummer, samordningsnummer eller reservnummer (värdet visas inte).")
        )
        return hashed.where(~empty, None), bad, message
    raise ValueError(column.type)


def _convert_date(column: Column, values: pd.Series, empty: pd.Series):
    ok = _matches(values, _DATE_RE)
    digits = values.where(ok, "").str.replace("-", "", regex=False)
    parsed = pd.to_datetime(digits.where(ok, None), format="%Y%m%d", errors="coerce")
    # Dates outside this range are typing errors, not contacts or waits.
    sane = parsed.between(pd.Timestamp(1900, 1, 1), pd.Timestamp(2200, 12, 31))
    bad = ~ok | parsed.isna() | ~sane
    iso = parsed.dt.strftime("%Y-%m-%d").where(~bad & ~empty, None)
    messages = _per_row(values, _("'%(value)s' är inget giltigt datum (ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD)."))
    if not column.week:
        return iso, bad, messages
    calendar = parsed.dt.isocalendar()
    key = (calendar["year"].astype("Int64") * 100 + calendar["week"].astype("Int64")).where(~bad & ~empty)
    return {column.name: iso, f"{column.name}__week": key.astype("Int64")}, bad, messages


def _convert_week(values: pd.Series, empty: pd.Series):
    parts = values.str.extract(_WEEK_RE)
    year = pd.to_numeric(parts[0], errors="coerce")
    week = pd.to_numeric(parts[1], errors="coerce")
    limits = {y: weeks_in_year(int(y)) for y in year.dropna().unique() if 1900 <= y <= 2200}
    last = year.map(limits)
    bad = year.isna() | last.isna() | ~week.between(1, last).fillna(False).astype(bool)
    key = (year * 100 + week).where(~bad & ~empty).astype("Int64")
    return key, bad, _per_row(values, _("'%(value)s' är ingen ISO-vecka (skriv t.ex. 2026-W05)."))


# KVÅ level-4 codes: KKÅ has three letters and two digits, KMÅ two letters and three digits.
_KKA_RE = r"^[A-Z]{3}\d{2}$"
_KMA_RE = r"^[A-Z]{2}\d{3}$"


def prepare_kva(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    """Classification (KKÅ/KMÅ), level and chapter of each code, from the file name or the code."""
    codes = frame["kod"].str.upper()
    frame = frame.assign(kod=codes)
    letters = codes.str.fullmatch(r"[A-Z]{1,3}")
    level = codes.str.len().where(letters, 4).astype("Int64")
    if hints.get("classification"):
        classification = pd.Series(hints["classification"], index=frame.index, dtype=object)
    else:
        classification = pd.Series(None, index=frame.index, dtype=object)
        classification[codes.str.fullmatch(_KKA_RE)] = "kka"
        classification[codes.str.fullmatch(_KMA_RE)] = "kma"
    unknown = classification.isna().to_numpy()
    rejected = [
        Rejected(int(line), "kod", _(
            "Det går inte att avgöra om koden är KKÅ eller KMÅ. Namnge filen som Socialstyrelsen "
            "gör (t.ex. kka-2021-level1.txt)."
        ))
        for line in frame["line"][unknown]
    ]
    frame = frame.assign(classification=classification, level=level, chapter=codes.str[:1])
    return frame[~unknown].reset_index(drop=True), rejected


def check_snapshot(frame: pd.DataFrame, column: str, expected: str | None):
    """Every row of a snapshot file must name the same measurement day as the first."""
    if frame.empty:
        return frame, [], expected
    expected = expected or frame[column].iloc[0]
    other = (frame[column] != expected).to_numpy()
    message = _("Mätdatum skiljer sig från filens första rad (%(day)s); en fil är en ögonblicksbild.")
    rejected = [
        Rejected(int(line), column, message % {"day": expected}) for line in frame["line"][other]
    ]
    return frame[~other].reset_index(drop=True), rejected, expected
