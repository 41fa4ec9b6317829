"""Write the region's aggregated waiting-list report (vantanderapport) for its neighbours.

From the latest snapshot, or the latest on or before ``--datum``; into ``--ut`` (by default the
folder set in KPS_REGION_REPORT_FOLDER, else the current directory). Small counts are suppressed
(KPS_REGION_REPORT_MIN_COUNT).
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from waitlists.services import region_report_write


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(gettext("Ange datumet som 2026-11-30.")) from None


class Command(BaseCommand):
    help = "Write the region's aggregated waiting-list report (vantanderapport) for its neighbours."

    def add_arguments(self, parser):
        parser.add_argument("--datum", type=_day, help="latest snapshot on or before this day")
        parser.add_argument(
            "--lan", default="", help="the region's county code (default: every region)"
        )
        parser.add_argument("--ut", default="", help="folder to write to")

    def handle(self, *args, datum=None, lan="", ut="", **options):
        folder = ut or settings.KPS_REGION_REPORT_FOLDER or "."
        written = region_report_write(folder=folder, county=lan, day=datum)
        if not written:
            raise CommandError(gettext("Det finns ingen mätning av väntelistan att rapportera."))
        for path in written:
            self.stdout.write(str(path))
