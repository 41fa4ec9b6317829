"""Pseudonymisation of personal identity numbers: one canonical form, then a keyed hash.

The clear text lives only in memory while a row is read. Nothing here logs,
returns or raises anything that contains it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.utils import timezone

# 12 digits YYYYMMDDNNNN or 10 digits YYMMDDNNNN, optionally '-' or '+' before the last four.
_NUMBER_RE = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")
# Region reserve numbers: letters and digits (e.g. 19900101-R123); at least one letter.
_RESERVE_RE = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{4,20}$")
# Anything in free text that could be an identity number, for masking echoed values.
_IDENTITY_LIKE_RE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+ ]?\d{4}(?!\d)")


class InvalidIdentity(ValueError):
    """The value is not a personnummer, samordningsnummer or reserve number (never says which value)."""


def _valid_birth_date(year: int, month: int, day: int) -> bool:
    # A samordningsnummer adds 60 to the day of birth.
    if day > 60:
        day -= 60
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def normalise(value: str, *, today: date | None = None) -> str:
    """The canonical form: 12 digits for personnummer and samordningsnummer, else the reserve number
    in upper case without separators. Raises InvalidIdentity."""
    text = value.strip().upper().replace(" ", "")
    match = _NUMBER_RE.match(text)
    if match:
        century, yymmdd, separator, last4 = match.groups()
        year2, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
        if century is not None:
            year = int(century) * 100 + year2
        else:
            # Ten digits: the latest century that puts the birth before today; '+' means 100 years older.
            today = today or timezone.localdate()
            year = (today.year // 100) * 100 + year2
            if (year, month, day if day <= 60 else day - 60) > (today.year, today.month, today.day):
                year -= 100
            if separator == "+":
                year -= 100
        if not _valid_birth_date(year, month, day):
            raise InvalidIdentity
        return f"{year:04d}{yymmdd[2:]}{last4}"
    compact = text.replace("-", "").replace("+", "")
    if _RESERVE_RE.match(compact):
        return compact
    raise InvalidIdentity


def twelve_digit_forms(values) -> list:
    """For a whole column at once, the usual way of writing: twelve digits, '-' or '+' before the
    last four, blanks around. Per value: its canonical form; False if it is written so but is no
    possible birth date; None if it is written otherwise and ``normalise`` must judge it."""
    text = pc.utf8_trim_whitespace(pa.array(values, pa.string()))
    plain = pc.match_substring_regex(text, r"^[0-9]{8}[-+]?[0-9]{4}$").to_numpy(
        zero_copy_only=False
    )
    digits = pc.if_else(plain, pc.replace_substring_regex(text, "[-+]", ""), "000000000000")

    def part(start: int, stop: int) -> np.ndarray:
        return pc.cast(pc.utf8_slice_codeunits(digits, start, stop), pa.int64()).to_numpy()

    year, month, day = part(0, 4), part(4, 6), part(6, 8)
    day = np.where(day > 60, day - 60, day)  # samordningsnummer
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last_day = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    last_day = last_day + (leap & (month == 2))
    valid = plain & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last_day)
    return [
        canonical if ok else (False if is_plain else None)
        for canonical, ok, is_plain in zip(digits.to_pylist(), valid, plain, strict=True)
    ]


def pseudonym_key() -> bytes:
    """The secret of the keyed hash; read once per import, not once per value."""
    return settings.KPS_PSEUDONYM_KEY.encode()


def pseudonym_of_canonical(canonical: str, *, key: bytes | None = None) -> str:
    return hmac.digest(key or pseudonym_key(), canonical.encode(), hashlib.sha256).hex()


def pseudonymise(value: str) -> str:
    """The keyed hash of a personal identity number in any accepted form. Raises InvalidIdentity."""
    return pseudonym_of_canonical(normalise(value))


def mask_identities(text: str) -> str:
    """Replace anything in text that looks like an identity number, before it is shown or stored."""
    return _IDENTITY_LIKE_RE.sub("[dolt]", text)


def contains_identity_number(text: str) -> bool:
    """Whether free text holds something written like an identity number with a possible birth date.

    Ten or twelve digits that are no possible date (an order number, 2026-99-99) do not count.
    """
    for match in _IDENTITY_LIKE_RE.finditer(text or ""):
        try:
            normalise(match.group(0))
        except InvalidIdentity:
            continue
        return True
    return False
