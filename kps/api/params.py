"""Checks of the API's plain query parameters (those not read through a serializer)."""

from __future__ import annotations

import re

# Up to 18 digits: every such number fits the databases' 64-bit integers. ``str.isdigit``
# also let through 20-digit numbers (an OverflowError in the database driver, a 500) and
# digits such as "²" that int() refuses.
_ID = re.compile(r"[0-9]{1,18}")


def is_id(value: str) -> bool:
    """Whether a query parameter is an object id the database can be asked about."""
    return bool(_ID.fullmatch(value))
