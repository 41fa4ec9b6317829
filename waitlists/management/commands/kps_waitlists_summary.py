"""Bring the waiting-list summary in step with the snapshots by hand.

The writes that change snapshots do this when they commit; run it after
changing the long-wait threshold, or with ``--rebuild`` to count everything anew.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext, ngettext

from waitlists.services import waiting_summary_sync


class Command(BaseCommand):
    help = "Count new or changed waiting-list snapshots into the summary the reports read."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="count every snapshot anew")

    def handle(self, *args, rebuild: bool = False, **options):
        days = waiting_summary_sync(rebuild=rebuild)
        if not days:
            self.stdout.write(gettext("Sammanställningen var redan aktuell."))
            return
        message = ngettext("%(n)d mätdag räknades om.", "%(n)d mätdagar räknades om.", len(days))
        self.stdout.write(message % {"n": len(days)})
