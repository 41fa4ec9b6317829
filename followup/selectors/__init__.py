"""Reads for the follow-up dashboards and the API: every figure is computed here, once.

Pages, chart data, downloads and the API call the same selectors with the
same ``Scope``, so they cannot disagree. Other apps use the stable functions
re-exported below.
"""

from .meetings import actions_open, actions_overdue, meeting_log, meetings_logged
from .outcome import PlanOutcomeGrid, plan_vs_outcome
from .regional import outcome_vs_plan_by_tertial
from .scope import Scope

__all__ = [
    "PlanOutcomeGrid",
    "Scope",
    "actions_open",
    "actions_overdue",
    "meeting_log",
    "meetings_logged",
    "outcome_vs_plan_by_tertial",
    "plan_vs_outcome",
]
