"""Celery tasks of the waiting lists."""

from celery import shared_task

from .services import waiting_summary_sync


@shared_task(name="waitlists.tasks.summarise_waiting_lists")
def summarise_waiting_lists() -> int:
    """Count new or changed snapshots into the summary; the import can queue this after a ``vantande`` file."""
    return len(waiting_summary_sync())
