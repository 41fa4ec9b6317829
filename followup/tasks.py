"""Celery tasks of the follow-up."""

from celery import shared_task

from .summary import approved_plans_summed


@shared_task(name="followup.tasks.sum_approved_plans")
def sum_approved_plans() -> int:
    """Sum approved versions not yet summed into the weekly plan totals; planning queues this on approval."""
    return len(approved_plans_summed())
