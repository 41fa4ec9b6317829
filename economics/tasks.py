"""Background work of economics: bring in KPP rows held for a weight that has now arrived."""

from celery import shared_task

from imports.services import held_rows_reprocess

from .kinds import Kind


@shared_task
def bring_in_held_kpp() -> int:
    return held_rows_reprocess(kind=Kind.KPP.value).imported
