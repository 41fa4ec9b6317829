"""Background work of economics: bring in KPP rows held for a weight that has now arrived, and
sum the years a write has changed into the DRG summary."""

from celery import shared_task

from imports.services import held_rows_reprocess

from .kinds import Kind
from .summary import drg_summary_sync


@shared_task
def bring_in_held_kpp() -> int:
    return held_rows_reprocess(kind=Kind.KPP.value).imported


@shared_task(name="economics.tasks.sum_drg_years")
def sum_drg_years() -> int:
    """Sum the years of KPP rows not summed into the DRG summary; queued when a write that changes them commits."""
    return len(drg_summary_sync())
