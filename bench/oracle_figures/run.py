"""Run the oracle: recompute from the extract files, ask the API, compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import economics, inpatient, purchasing, theatre
from .compare import Comparison
from .expected import Expected
from .extracts import read_extracts
from .reference import read_reference
from .reported import PARTS as OUTPATIENT
from .reported import Reported

# The capabilities beyond the outpatient dashboards, each checked by its own module.
CAPABILITIES = {
    "theatre": theatre.check,
    "inpatient": inpatient.check,
    "economics": economics.check,
    "purchasing": purchasing.check,
}
PARTS = OUTPATIENT | frozenset(CAPABILITIES)


class _Json:
    """The client's answers as JSON, a clear error when the API does not answer 200."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str) -> dict:
        response = self.client.get(path)
        if response.status_code != 200:
            raise RuntimeError(
                f"{path} answered {response.status_code}: {response.content[:300]!r}"
            )
        return response.json()


def run_oracle(
    *, extracts: Path, client, today: date, connection, parts=PARTS
) -> tuple[Comparison, Expected]:
    """``client`` is logged in as a user who sees the whole region; ``connection`` reads the
    reference data."""
    expected = Expected(ref=read_reference(connection), ext=read_extracts(extracts))
    result = Reported(client, expected, today=today).run(parts)
    for name, check in CAPABILITIES.items():
        if name in parts:
            check(result, _Json(client), Path(extracts), connection, today, expected.ext.contacts)
    return result, expected
