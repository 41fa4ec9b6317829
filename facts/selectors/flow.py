"""Inflow against outflow per week: referrals received against first visits and operations performed.

Both sides count the steps a referral asks for (fas 1 first visit, fas 2
operation/procedure), so a clinic whose inflow stays above its outflow sees
its waiting list grow before the list itself shows it. A week whose extract
has not arrived is unknown (None), never 0: this is the one rule for weekly
inflow and outflow.
"""

from __future__ import annotations

from django.db.models import Count, Q

from organisation.calendar import IsoWeek
from organisation.models import Phase

from ..choices import OutcomeSource, ReferralStatus
from ..kinds import Kind
from . import rows as facts_rows
from .coverage import UNKNOWN, data_until, outcome_weeks_known_for_units, weeks_with_rows

FLOW_PHASES = (Phase.FIRST, Phase.PROCEDURE)


def inflow_outflow(
    *,
    unit_ids,
    weeks: list[IsoWeek],
    referrals_until=UNKNOWN,
    contacts_known: set[int] | None = None,
    phases=FLOW_PHASES,
    referrals_filter: Q | None = None,
    contacts_filter: Q | None = None,
) -> list[dict]:
    """``[{"week", "inflow", "outflow"}]``; a week without data of its kind is None.

    ``phases`` narrows both sides to some steps (a waiting list is one phase);
    ``referrals_filter`` and ``contacts_filter`` narrow the rows counted further
    (e.g. a medical care area), never which weeks count as delivered: a week is
    known when its extract arrived for the region, whatever these rows hold.
    Three queries when the caller passes the referrals' import cut-off and the
    weeks COSMIC's outcome is known (a plan-vs-outcome grid on COSMIC has
    them), else up to six.
    """
    first, last = weeks[0], weeks[-1]
    unit_ids = list(unit_ids)
    inflow = dict(
        facts_rows.referrals()
        .filter(
            unit_id__in=unit_ids,
            week__gte=first.key,
            week__lte=last.key,
            status=ReferralStatus.RECEIVED,
            phase__in=phases,
        )
        .filter(referrals_filter or Q())
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    outflow = dict(
        facts_rows.contacts()
        .filter(unit_id__in=unit_ids, week__gte=first.key, week__lte=last.key, phase__in=phases)
        .filter(contacts_filter or Q())
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


def contact_weeks_known(*, unit_ids, first: IsoWeek, last: IsoWeek, until=UNKNOWN) -> set[int]:
    """Week keys whose contacts extract arrived for the region of ``unit_ids``, read from the
    contacts themselves: for a caller that cannot count on COSMIC's weekly outcome (a region
    whose outcome source is another), as ``contacts_known`` of ``inflow_outflow``. One query."""
    return weeks_with_rows(
        facts_rows.contacts().model,
        unit_ids=list(unit_ids),
        first=first,
        last=last,
        until=data_until(kind=Kind.KONTAKTER) if until is UNKNOWN else until,
    )
