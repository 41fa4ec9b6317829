"""Neutralising spreadsheet formulas in exported cells.

Imported values are stored as data, exactly as delivered. Any Excel or CSV
export must pass text cells through ``safe_cell`` so a value such as
``=cmd|' /C calc'!A0`` is shown as text instead of run as a formula.
"""

from __future__ import annotations

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula or command.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value):
    """The value to write into an exported cell: text that would start a formula gets a leading quote.

    Numbers, dates and None pass unchanged, so negative numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
