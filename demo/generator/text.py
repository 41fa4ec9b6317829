"""Building text columns for millions of rows without a Python loop per row.

Fixed-width pieces are composed as byte matrices and viewed as strings,
which numpy does in C; pandas' string methods would call Python per value.
"""

from __future__ import annotations

import numpy as np


def digits(values: np.ndarray, width: int) -> np.ndarray:
    """Zero-padded decimal digits of non-negative integers, as an (n, width) byte matrix."""
    values = np.asarray(values, dtype=np.int64)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return ((values[:, None] // powers) % 10 + ord("0")).astype(np.uint8)


def literal(text: str, rows: int) -> np.ndarray:
    return np.tile(np.frombuffer(text.encode("ascii"), dtype=np.uint8), (rows, 1))


def join(*parts: np.ndarray) -> np.ndarray:
    """Glue byte matrices side by side into one array of ASCII strings."""
    matrix = np.ascontiguousarray(np.hstack(parts))
    return matrix.view(f"S{matrix.shape[1]}").ravel().astype(f"U{matrix.shape[1]}")


def padded(values: np.ndarray, width: int, prefix: str = "") -> np.ndarray:
    """'K' + zero-padded numbers: ``padded([7], 4, 'K')`` → ``['K0007']``."""
    values = np.asarray(values)
    return join(literal(prefix, len(values)), digits(values, width))


def iso_dates(days: np.ndarray) -> np.ndarray:
    """YYYY-MM-DD text for datetime64 days; NaT becomes an empty string."""
    days = np.asarray(days, dtype="datetime64[D]")
    text = np.datetime_as_string(days, unit="D")
    return np.where(np.isnat(days), "", text)


def iso_weeks(week_keys: np.ndarray) -> np.ndarray:
    """'2026-W05' for week keys like 202605."""
    week_keys = np.asarray(week_keys, dtype=np.int64)
    rows = len(week_keys)
    return join(digits(week_keys // 100, 4), literal("-W", rows), digits(week_keys % 100, 2))


def choose_text(options: list[str], index: np.ndarray) -> np.ndarray:
    """Map small integer codes to their text: ``choose_text(['', 'PVV'], [0, 1])``."""
    return np.asarray(options)[np.asarray(index)]
