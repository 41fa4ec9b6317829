"""Celery tasks of the waiting lists."""

from celery import shared_task

from .services import waiting_summary_sync


@shared_task(name="waitlists.tasks.summarise_waiting_lists")
def summarise_waiting_lists() -> int:
    """Count new or changed snapshots into the summary; queued when a write that changes snapshots commits."""
    return len(waiting_summary_sync())


@shared_task(name="waitlists.tasks.write_region_report")
def write_region_report() -> list[str]:
    """Write each region's latest waiting-list report to the folder the neighbours pick up from."""
    from django.conf import settings

    from .services import region_report_write

    folder = settings.KPS_REGION_REPORT_FOLDER
    return [str(path) for path in region_report_write(folder=folder)] if folder else []
