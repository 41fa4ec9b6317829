"""Typing and checking one chunk of rows against a kind's columns.

Each column is factorised first: a million-row file has few distinct dates,
units, phases or codes, so every rule runs once per distinct value and the
results are spread back with numpy. A row with a broken value is rejected
with the first column that broke a rule. Values shown in messages pass
through ``mask_identities`` and are cut short; identity numbers are never
shown at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.utils.translation import gettext as _

from organisation.calendar import weeks_in_year

from .kinds import ENUMS, Column, KindSpec
from .parsing import Chunk
from .pseudonym import (
    InvalidIdentity,
    mask_identities,
    normalise,
    pseudonym_key,
    pseudonym_of_canonical,
    twelve_digit_forms,
)

_DATE_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
# A point in time, local time: "YYYY-MM-DD HH:MM", also with "T" or seconds.
_TIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")
# A time of day alone: "HH:MM", also with seconds.
_CLOCK_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_INT_RE = re.compile(r"[+]?\d{1,9}")
_DECIMAL_RE = re.compile(r"[+-]?\d{1,12}(?:[.,]\d{1,6})?")
_WEEK_RE = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_KVA_RE = re.compile(r"[A-ZÅÄÖ0-9]{1,8}")
_SPLIT_RE = re.compile(r"[\s,]+")
# Dates outside this range are typing errors, not contacts or waits.
_FIRST_YEAR, _LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class Latest:
    """The last day a file's dates may name: its extract date, or today when its name has none."""

    day: date
    is_extract_date: bool

    def message(self, *, week: bool) -> Message:
        if week:
            template = (
                _("Veckan %(value)s börjar efter filens extraktdatum %(latest)s.")
                if self.is_extract_date
                else _("Veckan %(value)s börjar efter dagens datum %(latest)s.")
            )
        else:
            template = (
                _("Datumet %(value)s ligger efter filens extraktdatum %(latest)s.")
                if self.is_extract_date
                else _("Datumet %(value)s ligger efter dagens datum %(latest)s.")
            )
        return Message(template, (("latest", self.day.isoformat()),))


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


@dataclass(frozen=True)
class Message:
    """A rejection message; ``%(value)s`` in it shows the (masked, shortened) value."""

    template: str
    extra: tuple = ()

    def render(self, value: str) -> str:
        return self.template % ({"value": shown(str(value))} | dict(self.extra))


def shown(value: str) -> str:
    """A value as it may appear in a message: short, and never an identity number."""
    text = mask_identities(value)
    return text if len(text) <= 40 else text[:37] + "…"


# A converter turns one cleaned, non-empty value into (typed value, ISO week key or None);
# it raises _Bad with the message for a value that breaks the column's rule.
class _Bad(Exception):
    def __init__(self, message: Message):
        self.message = message


Converter = Callable[[str], tuple[object, int | None]]


# Column types whose rules are worth remembering across the chunks of one file (patients,
# dates and codes recur); ids are distinct per row and would only fill memory.
_MEMO_TYPES = {
    "identity",
    "date",
    "time",
    "clock",
    "kvalist",
    "week",
    "kvakod",
    "enum",
    "int",
    "code",
    "county",
}


def validate_chunk(
    spec: KindSpec,
    header: list[str],
    chunk: Chunk,
    *,
    value_map: dict,
    today: date,
    latest: Latest | None = None,
    memo: dict | None = None,
) -> Validated:
    """Typed accepted rows and rejected rows of one chunk.

    ``latest`` bounds the columns that name what has already happened; ``memo`` (one dict
    per file) remembers each distinct value's result across chunks.
    """
    rejected = [Rejected(line, "", message) for line, message in chunk.malformed]
    lines = chunk.lines
    if not chunk.size:
        return Validated(pd.DataFrame({"line": lines}), rejected)
    position = {name: i for i, name in enumerate(header) if name}
    raw = {name: chunk.columns[i] for name, i in position.items()}
    _combine_year_and_week(spec, raw)

    # First failing column per row (index into `errors`); -1 = row is fine so far.
    failed = np.full(len(lines), -1, dtype=np.int64)
    errors: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = []
    out: dict[str, object] = {"line": lines}
    for column in spec.columns:
        values = raw.get(column.name)
        if (
            column.type == "text"
            and isinstance(values, pa.Array)
            and not value_map.get(column.name)
        ):
            # Ids, read by Arrow: checked in Arrow, never turned into a million Python strings.
            out[column.name], bad, cleaned = _arrow_text(column, values)
            if (new := bad & (failed < 0)).any():
                errors.append(
                    (
                        column.name,
                        np.arange(len(values)),
                        _text_messages(column, bad, cleaned),
                        cleaned,
                    )
                )
                failed[new] = len(errors) - 1
            continue
        elif (
            whole := _whole_column(chunk, position, raw, column.name)
        ) is not None and memo is not None:
            # Arrow read the whole file: each distinct value of the file is checked once.
            codes, (typed_u, week_u, message_u, cleaned_u, bad_u), typed_arrow = _file_level(
                memo, column, whole, value_map.get(column.name), today, latest
            )
            codes = codes[chunk.offset : chunk.offset + len(lines)]
            if typed_arrow is not None:
                # Text stays in Arrow from the file to the staging COPY.
                out[column.name] = pd.Series(pd.arrays.ArrowExtensionArray(typed_arrow.take(codes)))
        else:
            if values is None:
                codes, uniques = (
                    np.zeros(len(lines), dtype=np.int64),
                    np.asarray([""], dtype=object),
                )
            elif column.type == "text":
                # Ids are distinct per row: hashing them would find nothing to share.
                codes, uniques = np.arange(len(values)), _objects(values)
            else:
                codes, uniques = _factorize(values)
            column_memo = (
                memo.setdefault(column.name, {})
                if memo is not None and column.type in _MEMO_TYPES
                else None
            )
            typed_u, week_u, message_u, cleaned_u = _convert_uniques(
                column, uniques, value_map.get(column.name), today, column_memo, latest
            )
            bad_u = _bad(message_u)
        new = bad_u[codes] & (failed < 0)
        if new.any():
            errors.append((column.name, codes, message_u, cleaned_u))
            failed[new] = len(errors) - 1
        if column.name not in out:
            out[column.name] = _spread(column, typed_u, codes)
        if column.week:
            out[f"{column.name}__week"] = _integers(week_u, codes)
    frame = pd.DataFrame(out)
    ok = failed < 0
    for row in np.flatnonzero(~ok):
        column, codes, message_u, cleaned_u = errors[failed[row]]
        unique = codes[row]
        rejected.append(
            Rejected(int(lines[row]), column, message_u[unique].render(cleaned_u[unique]))
        )
    rejected.sort(key=lambda r: r.line)
    return Validated(frame[ok].reset_index(drop=True), rejected)


def _bad(message_u: np.ndarray) -> np.ndarray:
    return np.fromiter((m is not None for m in message_u), dtype=bool, count=len(message_u))


def _whole_column(chunk: Chunk, position: dict, raw: dict, name: str):
    """The file's whole column behind this chunk's, if Arrow read the file and nothing rewrote it."""
    if chunk.whole is None or name not in position:
        return None
    i = position[name]
    return chunk.whole[i] if raw[name] is chunk.columns[i] else None


def _file_level(
    memo: dict,
    column: Column,
    whole: pa.Array,
    mapping: dict | None,
    today: date,
    latest: Latest | None,
):
    """(code per row of the file, the rule's results per distinct value), worked out once per file."""
    key = ("file", column.name)
    if key not in memo:
        codes, uniques = _factorize(whole)
        typed_u, week_u, message_u, cleaned_u = _convert_uniques(
            column, uniques, mapping, today, None, latest
        )
        typed_arrow = (
            None if column.type in ("int", "week") else pa.array(typed_u, type=pa.string())
        )
        memo[key] = codes, (typed_u, week_u, message_u, cleaned_u, _bad(message_u)), typed_arrow
    return memo[key]


def _objects(values) -> np.ndarray:
    """A column as a numpy array of str, whichever reader made it."""
    return values.to_numpy(zero_copy_only=False) if isinstance(values, pa.Array) else values


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, distinct values): Arrow's dictionary encoding or pandas' factorize."""
    if isinstance(values, pa.Array):
        encoded = values.dictionary_encode()
        return encoded.indices.to_numpy(), encoded.dictionary.to_numpy(zero_copy_only=False)
    return pd.factorize(values)


def _arrow_text(column: Column, values: pa.Array):
    """Free text read by Arrow: trimmed, empty as missing; which rows break the column's rule."""
    trimmed = pc.utf8_trim_whitespace(values)
    length = pc.utf8_length(trimmed).to_numpy()
    bad = length > column.max_length
    if column.required:
        bad |= length == 0
    typed = pc.if_else(pa.array(length == 0), pa.scalar(None, pa.string()), trimmed)
    cleaned = np.empty(len(values), dtype=object)
    if bad.any():
        rows = np.flatnonzero(bad)
        cleaned[rows] = trimmed.take(pa.array(rows)).to_pylist()
    return pd.Series(pd.arrays.ArrowExtensionArray(typed)), bad, cleaned


def _text_messages(column: Column, bad: np.ndarray, cleaned: np.ndarray) -> np.ndarray:
    messages = np.empty(len(bad), dtype=object)
    too_long = Message(_("Värdet är för långt (högst %(n)s tecken).") % {"n": column.max_length})
    required = Message(_("Värde saknas i obligatorisk kolumn."))
    for row in np.flatnonzero(bad):
        messages[row] = required if cleaned[row] == "" else too_long
    return messages


def _convert_uniques(
    column: Column,
    uniques: np.ndarray,
    mapping: dict | None,
    today: date,
    memo,
    latest: Latest | None = None,
):
    convert = _converter(column, today, latest if column.past else None)
    count = len(uniques)
    typed_u = np.empty(count, dtype=object)
    week_u = np.empty(count, dtype=object)
    message_u = np.empty(count, dtype=object)
    cleaned_u = np.empty(count, dtype=object)
    required = Message(_("Värde saknas i obligatorisk kolumn."))
    if (
        column.type in ("text", "code")
        and not mapping
        and max(map(len, uniques)) <= column.max_length
    ):
        # Free text within its length (ids, names): nothing to check value by value.
        stripped = [value.strip() for value in uniques]
        message_u[:] = [
            Message(_("Värde saknas i obligatorisk kolumn.")) if column.required and not v else None
            for v in stripped
        ]
        typed_u[:] = [v or None for v in stripped]
        cleaned_u[:] = stripped
        return typed_u, week_u, message_u, cleaned_u
    if column.type == "identity" and not mapping:
        return _convert_identities(column, uniques, convert, typed_u, week_u, message_u, cleaned_u)
    for i, value in enumerate(uniques):
        if memo is not None and value in memo:
            typed_u[i], week_u[i], message_u[i], cleaned_u[i] = memo[value]
            continue
        cleaned = value.strip()
        if mapping:
            cleaned = mapping.get(cleaned, mapping.get(cleaned.upper(), cleaned))
        cleaned_u[i] = cleaned
        typed_u[i], week_u[i], message_u[i] = _convert_one(column, cleaned, convert, required)
        if memo is not None:
            memo[value] = (typed_u[i], week_u[i], message_u[i], cleaned)
    return typed_u, week_u, message_u, cleaned_u


def _convert_identities(column, uniques, convert, typed_u, week_u, message_u, cleaned_u):
    """Identity numbers: the usual form checked for all at once, then one keyed hash each."""
    key = pseudonym_key()
    invalid = _invalid_identity()
    required = Message(_("Värde saknas i obligatorisk kolumn."))
    # Never kept for a message: the messages about this column do not show the value.
    cleaned_u[:] = ""
    for i, canonical in enumerate(twelve_digit_forms(uniques)):
        if canonical:
            typed_u[i] = pseudonym_of_canonical(canonical, key=key)
        elif canonical is False:
            message_u[i] = invalid
        else:
            typed_u[i], week_u[i], message_u[i] = _convert_one(
                column, uniques[i].strip(), convert, required
            )
    return typed_u, week_u, message_u, cleaned_u


def _convert_one(column: Column, cleaned: str, convert: Converter, required: Message):
    """(typed value, week key, message or None) of one cleaned value."""
    if cleaned == "":
        return None, None, required if column.required else None
    try:
        return *convert(cleaned), None
    except _Bad as bad:
        return None, None, bad.message


def _spread(column: Column, typed_u: np.ndarray, codes: np.ndarray):
    if column.type in ("int", "week"):
        return _integers(typed_u, codes)
    # Kept as object: pandas would otherwise infer its str dtype, slow to iterate row by row.
    return pd.Series(typed_u[codes], dtype=object)


def _integers(values_u: np.ndarray, codes: np.ndarray) -> pd.arrays.IntegerArray:
    mask_u = np.fromiter((v is None for v in values_u), dtype=bool, count=len(values_u))
    ints_u = np.fromiter(
        (0 if v is None else v for v in values_u), dtype=np.int64, count=len(values_u)
    )
    return pd.arrays.IntegerArray(ints_u[codes], mask_u[codes])


def _combine_year_and_week(spec: KindSpec, raw: dict[str, np.ndarray]) -> None:
    """Weeks may come as two columns `ar` + `vecka`; make them one `YYYY-Www` column."""
    has_week = any(c.type == "week" for c in spec.columns)
    if has_week and "ar" in raw and "vecka" in raw and "ar" not in spec.names:
        raw["vecka"] = np.asarray(
            [
                f"{y.strip()}-W{w.strip().zfill(2)}"
                if w.strip().isdigit() and y.strip().isdigit()
                else w
                for y, w in zip(_objects(raw["ar"]), _objects(raw["vecka"]), strict=True)
            ],
            dtype=object,
        )


def _converter(column: Column, today: date, latest: Latest | None = None) -> Converter:
    """The rule of one column type as a function of one value."""
    if column.type in ("text", "code"):
        too_long = Message(
            _("Värdet är för långt (högst %(n)s tecken).") % {"n": column.max_length}
        )

        def text(value: str):
            if len(value) > column.max_length:
                raise _Bad(too_long)
            return value, None

        return text
    if column.type == "date":
        return _date_converter(column, latest)
    if column.type == "time":
        return _time_converter()
    if column.type == "clock":
        return _clock_converter()
    if column.type == "int":
        message = Message(
            _("'%(value)s' är inget heltal mellan %(low)s och %(high)s."),
            (("low", column.low), ("high", column.high)),
        )

        def integer(value: str):
            if not _INT_RE.fullmatch(value) or not column.low <= int(value) <= column.high:
                raise _Bad(message)
            return int(value), None

        return integer
    if column.type == "decimal":
        message = Message(
            _(
                "'%(value)s' är inget tal (använd decimalpunkt eller decimalkomma, "
                "inga tusentalsavgränsare)."
            )
        )

        def decimal(value: str):
            if not _DECIMAL_RE.fullmatch(value) or (column.low == 0 and value.startswith("-")):
                raise _Bad(message)
            return value.replace(",", ".").lstrip("+"), None

        return decimal
    if column.type == "week":
        return _week_converter(latest)
    if column.type == "enum":
        allowed = ENUMS[column.enum]
        message = Message(
            _("'%(value)s' är inget tillåtet värde (tillåtna: %(allowed)s)."),
            (("allowed", ", ".join(sorted(set(allowed.values())))),),
        )

        def enum(value: str):
            if value.upper() not in allowed:
                raise _Bad(message)
            return allowed[value.upper()], None

        return enum
    if column.type == "county":
        message = Message(_("'%(value)s' är ingen länskod (01–25)."))

        def county(value: str):
            padded = value.zfill(2)
            if not (padded.isdigit() and len(padded) == 2 and "01" <= padded <= "25"):
                raise _Bad(message)
            return padded, None

        return county
    if column.type == "kvakod":
        message = Message(_("'%(value)s' är ingen KVÅ-kod."))

        def kva(value: str):
            if not _KVA_RE.fullmatch(value.upper()):
                raise _Bad(message)
            return value.upper(), None

        return kva
    if column.type == "kvalist":
        message = Message(
            _("'%(value)s' är inte KVÅ-koder åtskilda med blanksteg eller kommatecken.")
        )

        def kvalist(value: str):
            codes = [c for c in _SPLIT_RE.split(value.upper()) if c]
            joined = " ".join(codes)
            if not all(_KVA_RE.fullmatch(c) for c in codes) or len(joined) > column.max_length:
                raise _Bad(message)
            return joined, None

        return kvalist
    if column.type == "identity":
        return _identity_converter(today)
    raise ValueError(column.type)


def _date_converter(column: Column, latest: Latest | None) -> Converter:
    message = Message(_("'%(value)s' är inget giltigt datum (ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD)."))
    too_late = latest.message(week=False) if latest else None

    def to_date(value: str):
        match = _DATE_RE.fullmatch(value)
        if not match:
            raise _Bad(message)
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise _Bad(message) from None
        if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
            raise _Bad(message)
        if latest and day > latest.day:
            raise _Bad(too_late)
        iso = day.isocalendar()
        return day.isoformat(), (iso.year * 100 + iso.week if column.week else None)

    return to_date


def _time_converter() -> Converter:
    """A local point in time as "YYYY-MM-DD HH:MM:SS" text: compared as text, converted on staging."""
    message = Message(_("'%(value)s' är ingen giltig tidpunkt (ÅÅÅÅ-MM-DD TT:MM, lokal tid)."))

    def to_time(value: str):
        match = _TIME_RE.fullmatch(value)
        if not match:
            raise _Bad(message)
        try:
            moment = datetime(*(int(part or 0) for part in match.groups()))
        except ValueError:
            raise _Bad(message) from None
        if not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
            raise _Bad(message)
        return moment.isoformat(sep=" "), None

    return to_time


def _clock_converter() -> Converter:
    message = Message(_("'%(value)s' är inget giltigt klockslag (TT:MM)."))

    def to_clock(value: str):
        match = _CLOCK_RE.fullmatch(value)
        if not match:
            raise _Bad(message)
        try:
            clock = time(*(int(part or 0) for part in match.groups()))
        except ValueError:
            raise _Bad(message) from None
        return clock.isoformat(), None

    return to_clock


def _week_converter(latest: Latest | None) -> Converter:
    message = Message(_("'%(value)s' är ingen ISO-vecka (skriv t.ex. 2026-W05)."))
    too_late = latest.message(week=True) if latest else None

    def week(value: str):
        match = _WEEK_RE.fullmatch(value)
        if not match:
            raise _Bad(message)
        year, number = int(match[1]), int(match[2])
        if not (_FIRST_YEAR <= year <= _LAST_YEAR and 1 <= number <= weeks_in_year(year)):
            raise _Bad(message)
        if latest and date.fromisocalendar(year, number, 1) > latest.day:
            raise _Bad(too_late)
        return year * 100 + number, None

    return week


def _invalid_identity() -> Message:
    # The message deliberately does not repeat the value.
    return Message(
        _("Ogiltigt personnummer, samordningsnummer eller reservnummer (värdet visas inte).")
    )


def _identity_converter(today: date) -> Converter:
    message = _invalid_identity()
    key = pseudonym_key()

    def identity(value: str):
        try:
            return pseudonym_of_canonical(normalise(value, today=today), key=key), None
        except InvalidIdentity:
            raise _Bad(message) from None

    return identity


def check_snapshot(frame: pd.DataFrame, column: str, expected: str | None):
    """Every row of a snapshot file must name the same measurement day as the first."""
    if frame.empty:
        return frame, [], expected
    expected = expected or frame[column].iloc[0]
    other = (frame[column] != expected).to_numpy()
    message = _(
        "Mätdatum skiljer sig från filens första rad (%(day)s); en fil är en ögonblicksbild."
    )
    rejected = [
        Rejected(int(line), column, message % {"day": expected}) for line in frame["line"][other]
    ]
    return frame[~other].reset_index(drop=True), rejected, expected
