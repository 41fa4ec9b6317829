"""Inflow against outflow per week: referrals received against first visits and operations performed.

Both sides count the steps a referral asks for (fas 1 first visit, fas 2
operation/procedure), so a clinic whose inflow stays above its outflow sees
its waiting list grow before the list itself shows it. A week whose extract
has not arrived is unknown (None), never 0: this is the one rule for weekly
inflow and outflow.
"""

from __future__ import annotations

from django.db.models import Count

from organisation.calendar import IsoWeek
from organisation.models import Phase

from ..choices import OutcomeSource, ReferralStatus
from ..kinds import Kind
from . import rows as facts_rows
from .coverage import UNKNOWN, data_until, outcome_weeks_known_for_units, weeks_with_rows

FLOW_PHASES = (Phase.FIRST, Phase.PROCEDURE)


def inflow_outflow(
    *, unit_ids, weeks: list[IsoWeek], referrals_until=UNKNOWN, contacts_known: set[int] | None = None
) -> list[dict]:
    """``[{"week", "inflow", "outflow"}]``; a week without data of its kind is None.

    Three queries when the caller passes the referrals' import cut-off and the
    weeks COSMIC's outcome is known (a plan-vs-outcome grid on COSMIC has
    them), else up to six.
    """
    first, last = weeks[0], weeks[-1]
    unit_ids = list(unit_ids)
    inflow = dict(
        facts_rows.referrals().filter(
            unit_id__in=unit_ids,
            week__gte=first.key,
            week__lte=last.key,
            status=ReferralStatus.RECEIVED,
            phase__in=FLOW_PHASES,
        )
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    outflow = dict(
        facts_rows.contacts().filter(
            unit_id__in=unit_ids, week__gte=first.key, week__lte=last.key, phase__in=FLOW_PHASES
        )
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    referrals_known = weeks_with_rows(
        facts_rows.referrals().model,
        unit_ids=unit_ids,
        first=first,
        last=last,
        until=data_until(kind=Kind.REMISSER) if referrals_until is UNKNOWN else referrals_until,
    )
    if contacts_known is None:
        # The importer keeps COSMIC's weekly outcome in step with its contacts, and that table
        # is far smaller to search for the weeks that arrived.
        contacts_known = outcome_weeks_known_for_units(
            unit_ids=unit_ids, source=OutcomeSource.COSMIC, first=first, last=last
        )
    return [
        {
            "week": str(week),
            "inflow": inflow.get(week.key, 0) if week.key in referrals_known else None,
            "outflow": outflow.get(week.key, 0) if week.key in contacts_known else None,
        }
        for week in weeks
    ]
