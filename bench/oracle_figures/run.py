"""Run the oracle: recompute from the extract files, ask the API, compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .compare import Comparison
from .expected import Expected
from .extracts import read_extracts
from .reference import read_reference
from .reported import PARTS, Reported


def run_oracle(
    *, extracts: Path, client, today: date, connection, parts=PARTS
) -> tuple[Comparison, Expected]:
    """``client`` is logged in as a user who sees the whole region; ``connection`` reads the
    reference data."""
    expected = Expected(ref=read_reference(connection), ext=read_extracts(extracts))
    return Reported(client, expected, today=today).run(parts), expected
