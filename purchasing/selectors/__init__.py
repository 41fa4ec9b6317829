"""Reads of purchased care: the follow-up of referrals out and the planning of what to send.

Every read goes through ``organisation.access``: agreements and costs through the
economics rule (``access.economics_clinics``), the planning page's waiting lists
through the clinics the user may see.
"""

from .agreements import AgreementUse, agreement_terms, agreements_use, agreements_visible, cost_of
from .followup import Followup, purchase_followup
from .planning import SendPlan, send_plan

__all__ = [
    "AgreementUse",
    "Followup",
    "SendPlan",
    "agreement_terms",
    "agreements_use",
    "agreements_visible",
    "cost_of",
    "purchase_followup",
    "send_plan",
]
