"""Celery tasks of the waiting lists."""

from celery import shared_task

from .services import waiting_summary_sync


@shared_task(name="waitlists.tasks.summarise_waiting_lists")
def summarise_waiting_lists() -> int:
    """Count new or changed snapshots into the summary; queued when a write that changes snapshots commits."""
    return len(waiting_summary_sync())
