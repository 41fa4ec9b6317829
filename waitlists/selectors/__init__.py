"""Reads of the waiting lists: the report, its trend, across regions, and the queue arithmetic's inputs.

Every read goes through ``organisation.access``: a user sees only the waiting
patients of the units they may see.
"""

from .collaboration import Comparison, regions_compare
from .pace import (
    ObservedQueue,
    Pace,
    phase_activities,
    plan_ahead,
    queue_observed,
    scope_units,
    waitlist_pace,
)
from .regions import RegionsComparison, waitlist_regions
from .report import LEVEL_AREA, LEVEL_KVA, LEVEL_REGION, LEVELS, WaitlistReport, waitlist_report
from .summary import summary_rows
from .trend import waitlist_trend
from .whatif import WhatIf, whatif_projection

__all__ = [
    "LEVELS",
    "LEVEL_AREA",
    "LEVEL_KVA",
    "LEVEL_REGION",
    "Comparison",
    "ObservedQueue",
    "Pace",
    "RegionsComparison",
    "WaitlistReport",
    "WhatIf",
    "phase_activities",
    "plan_ahead",
    "queue_observed",
    "regions_compare",
    "scope_units",
    "summary_rows",
    "waitlist_pace",
    "waitlist_regions",
    "waitlist_report",
    "waitlist_trend",
    "whatif_projection",
]
